package metrics

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestSeries(t *testing.T) {
	m := New()
	m.Request("SPAllies", "OK", 30*time.Millisecond, 5)
	m.Request("SPAllies", "OK", 70*time.Millisecond, 5)
	m.Request("", "GRAPHQL_PARSE_FAILED", time.Millisecond, 0)
	m.Request("Search", "BAD_USER_INPUT", 2*time.Millisecond, 1)
	m.Statement(4 * time.Millisecond)
	m.Statement(20 * time.Millisecond)
	m.Ingested(domain.IngestResult{Status: domain.New, Entities: 7, Relations: 5})
	m.Ingested(domain.IngestResult{Status: domain.Updated, Entities: 3, Relations: 2})
	m.Ingested(domain.IngestResult{Status: domain.Unchanged, Entities: 3, Relations: 2})
	m.Ingested(domain.IngestResult{Status: domain.Failed})

	out := scrape(t, m)
	for _, want := range []string{
		`netagraph_graphql_requests_total{code="OK",operation="SPAllies"} 2`,
		`netagraph_graphql_requests_total{code="GRAPHQL_PARSE_FAILED",operation="anonymous"} 1`,
		`netagraph_graphql_requests_total{code="BAD_USER_INPUT",operation="Search"} 1`,
		`netagraph_graphql_request_duration_seconds_count{operation="SPAllies"} 2`,
		`netagraph_graphql_request_duration_seconds_bucket{operation="SPAllies",le="0.05"} 1`,
		`netagraph_graphql_request_duration_seconds_sum{operation="SPAllies"} 0.1`,
		`netagraph_graphql_request_statements_count 4`,
		`netagraph_graphql_request_statements_sum 11`,
		`netagraph_neo4j_statement_duration_seconds_count 2`,
		`netagraph_neo4j_statement_duration_seconds_bucket{le="0.005"} 1`,
		`netagraph_loader_articles_total{status="new"} 1`,
		`netagraph_loader_articles_total{status="updated"} 1`,
		`netagraph_loader_articles_total{status="unchanged"} 1`,
		`netagraph_loader_articles_total{status="failed"} 1`,
		`netagraph_loader_relations_written_total 7`,
		`netagraph_loader_entities_written_total 10`,
		`# TYPE netagraph_graphql_request_duration_seconds histogram`,
		`go_goroutines `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

// Clients choose operation names: past MaxOperations they count as
// "other", so a client cannot grow the series without bound.
func TestOperationNamesAreBounded(t *testing.T) {
	m := New()
	for i := range MaxOperations + 50 {
		m.Request(fmt.Sprintf("Op%d", i), "OK", time.Millisecond, 1)
	}
	m.Request("Op0", "OK", time.Millisecond, 1) // known: still its own
	out := scrape(t, m)
	if n := strings.Count(out, "netagraph_graphql_requests_total{"); n != MaxOperations+1 {
		t.Errorf("%d request series, want %d and other", n, MaxOperations+1)
	}
	for _, want := range []string{
		`netagraph_graphql_requests_total{code="OK",operation="other"} 50`,
		`netagraph_graphql_requests_total{code="OK",operation="Op0"} 2`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
