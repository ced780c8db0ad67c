// Package metrics holds what `netagraph serve` exposes at /metrics in the
// Prometheus text format (client_golang): GraphQL requests by operation
// name and result code with their latency, Neo4j statement latency, what
// the loader behind ingestArticles wrote and what failed, and the Go
// runtime's and the process's own collectors. docs/operations.md lists
// every series.
package metrics

import (
	"net/http"
	"sync"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MaxOperations bounds the distinct operation names kept as label values:
// clients choose the names, and each is a series. Later names count as
// "other".
const MaxOperations = 200

// Metrics is one server's collectors, in a registry of its own.
type Metrics struct {
	reg *prometheus.Registry

	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	perRequest prometheus.Histogram
	statement  prometheus.Histogram
	articles   *prometheus.CounterVec
	relations  prometheus.Counter
	entities   prometheus.Counter

	mu  sync.Mutex
	ops map[string]bool
}

// New registers the collectors in a new registry.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		ops: map[string]bool{},
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "netagraph_graphql_requests_total",
			Help: "GraphQL requests by operation name and result code (OK, or the first error's extensions.code).",
		}, []string{"operation", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "netagraph_graphql_request_duration_seconds",
			Help:    "GraphQL request latency, from the request's arrival to the end of its answer, by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation"}),
		perRequest: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "netagraph_graphql_request_statements",
			Help:    "Neo4j statements one GraphQL request sent.",
			Buckets: []float64{0, 1, 2, 3, 5, 8, 13, 21, 34},
		}),
		statement: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "netagraph_neo4j_statement_duration_seconds",
			Help:    "Latency of the Neo4j read statements the API sends, each from its start to its last record.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "netagraph_loader_articles_total",
			Help: "Articles the loader behind ingestArticles finished, by status: new, updated, unchanged or failed.",
		}, []string{"status"}),
		relations: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "netagraph_loader_relations_written_total",
			Help: "Relation statements (one piece of evidence each) written by new and updated articles.",
		}),
		entities: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "netagraph_loader_entities_written_total",
			Help: "Entity and event mentions written by new and updated articles.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.perRequest, m.statement, m.articles, m.relations, m.entities,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every status is a series from the start, so a rate over a fresh
	// server is 0, not missing.
	for _, s := range []domain.WriteStatus{domain.New, domain.Updated, domain.Unchanged, domain.Failed} {
		m.articles.WithLabelValues(string(s))
	}
	return m
}

// Handler serves the metrics in the Prometheus text format (or
// OpenMetrics, when the scraper asks for it).
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, EnableOpenMetrics: true})
}

// Request counts one GraphQL request.
func (m *Metrics) Request(operation, code string, d time.Duration, statements int) {
	op := m.operation(operation)
	m.requests.WithLabelValues(op, code).Inc()
	m.latency.WithLabelValues(op).Observe(d.Seconds())
	m.perRequest.Observe(float64(statements))
}

// Statement times one Neo4j statement.
func (m *Metrics) Statement(d time.Duration) { m.statement.Observe(d.Seconds()) }

// Ingested counts an article the loader finished.
func (m *Metrics) Ingested(r domain.IngestResult) {
	if r.Status == "" {
		return
	}
	m.articles.WithLabelValues(string(r.Status)).Inc()
	if r.Status == domain.New || r.Status == domain.Updated {
		m.relations.Add(float64(r.Relations))
		m.entities.Add(float64(r.Entities))
	}
}

// operation is the label value for an operation name: "anonymous" for
// none, the name while fewer than MaxOperations are known, else "other".
func (m *Metrics) operation(name string) string {
	if name == "" {
		return "anonymous"
	}
	if len(name) > 64 {
		name = name[:64]
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[name] {
		return name
	}
	if len(m.ops) >= MaxOperations {
		return "other"
	}
	m.ops[name] = true
	return name
}
