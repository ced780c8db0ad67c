package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/store"
)

// apiGuide is docs/api.md: its query examples are what `netagraph serve`
// runs to warm up, so every statement the documented queries send is
// planned before /readyz says ready (and the examples are the queries
// people run first).
//
//go:embed docs/api.md
var apiGuide string

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// warmupQueries are the queries (not mutations) docs/api.md shows.
func warmupQueries() []string {
	var out []string
	for _, m := range graphqlBlock.FindAllStringSubmatch(apiGuide, -1) {
		q := strings.TrimSpace(m[1])
		if !strings.HasPrefix(q, "mutation") && !strings.HasPrefix(q, "subscription") {
			out = append(out, q)
		}
	}
	return out
}

// readiness is what /readyz reports: ready once the API has been warmed
// up, and not while Neo4j fails, from its first ping that fails or after
// FailureThreshold statements in a row found it unavailable, until it
// answers again and the API's statements have been prepared again.
type readiness struct {
	st    *store.Store
	api   http.Handler
	log   *slog.Logger
	ready atomic.Bool
	// why is the reason it is not ready, for /readyz's body.
	why atomic.Value
	// warmed says what the last warm-up ran.
	warmed atomic.Value
}

// warm runs the documented queries through the API, warmParallel at a
// time, each statement with warmQueryTimeout: on a Neo4j just started they are
// planned and fill its page cache however long that takes, rather than
// fail at the clients' timeout having warmed nothing. One that times out
// all the same is no failure (it has been planned by then); only an
// unavailable Neo4j (or a bug) fails the warm-up. Other statements are
// planned on their first run, which the store gives PlanTimeout (also
// the first after Neo4j was unavailable): an EXPLAIN pass over every
// statement sent so far, before or after the queries, made the way back
// after a restart slower and saved the clients nothing (docs/operations.md).
func (r *readiness) warm(ctx context.Context) error {
	start := time.Now()
	queries := warmupQueries()
	var (
		timeouts atomic.Int64
		failed   = make([]error, len(queries))
		next     atomic.Int64
		workers  sync.WaitGroup
	)
	for range min(warmParallel, len(queries)) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for i := int(next.Add(1) - 1); i < len(queries); i = int(next.Add(1) - 1) {
				t, err := r.warmQuery(ctx, i+1, queries[i])
				timeouts.Add(int64(t))
				failed[i] = err
			}
		}()
	}
	workers.Wait()
	if err := errors.Join(failed...); err != nil {
		return err
	}
	statements := r.st.ReadStatements()
	r.warmed.Store(fmt.Sprintf("warmed up: %d queries, %d statements", len(queries), statements))
	r.log.Info("warmed up", "queries", len(queries), "statements", statements, "timeouts", timeouts.Load(),
		"elapsed", time.Since(start).Round(time.Millisecond))
	return nil
}

// warmParallel is how many of the warm-up's queries run at once: Neo4j
// plans each statement on one core, and a restarted Neo4j spends most of
// the warm-up planning (docs/operations.md).
const warmParallel = 2

// warmQuery runs the warm-up's query n and says how many of its fields
// timed out; an unavailable Neo4j or a bug is an error.
func (r *readiness) warmQuery(ctx context.Context, n int, q string) (timeouts int, err error) {
	body, _ := json.Marshal(map[string]string{"query": q})
	req := httptest.NewRequestWithContext(store.WithQueryTimeout(warming(ctx), warmQueryTimeout), http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	r.api.ServeHTTP(rec, req)
	var resp struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return 0, fmt.Errorf("warm-up query %d of docs/api.md: %d %s", n, rec.Code, rec.Body.String())
	}
	for _, e := range resp.Errors {
		switch e.Extensions.Code {
		case graph.CodeServiceUnavailable, graph.CodeInternal:
			return timeouts, fmt.Errorf("warm-up query %d of docs/api.md: %s (%s)", n, e.Message, e.Extensions.Code)
		case graph.CodeTimeout:
			timeouts++
		}
	}
	return timeouts, nil
}

// warmQueryTimeout bounds each statement of the warm-up's documented
// queries: on a Neo4j just restarted, cold and busy, they take seconds
// (four of nine ran past the clients' 5 s in a soak), and one that fails
// at the timeout has warmed nothing.
const warmQueryTimeout = time.Minute

// run warms the API up, then watches Neo4j until ctx ends: when statements
// keep finding it unavailable, or a ping fails, the server turns unready,
// and ready again once Neo4j answers and the warm-up has run again.
func (r *readiness) run(ctx context.Context) {
	r.why.Store("warming up")
	for {
		if ctx.Err() != nil {
			return
		}
		wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		err := r.warm(wctx)
		cancel()
		if err == nil {
			r.ready.Store(true)
			break
		}
		if ctx.Err() == nil {
			r.log.Warn("warm-up failed; trying again", "err", err)
			r.why.Store("warming up: " + err.Error())
			sleep(ctx, time.Second)
		}
	}
	for ctx.Err() == nil {
		sleep(ctx, time.Second)
		// Once unready, stay so until a warm-up succeeds, even when
		// requests meanwhile get answers (or time out) and the store no
		// longer says it is failing.
		if r.ready.Load() && !r.st.Failing() {
			continue
		}
		if r.ready.Swap(false) {
			r.log.Warn("not ready: neo4j keeps failing", "threshold", store.FailureThreshold)
			r.why.Store("neo4j unavailable")
		}
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := r.st.Ping(pctx)
		cancel()
		if err != nil {
			continue
		}
		wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
		err = r.warm(wctx)
		cancel()
		if err != nil {
			r.log.Warn("neo4j answers again; warm-up failed", "err", err)
			continue
		}
		r.ready.Store(true)
		r.log.Info("ready again: neo4j answers")
	}
}

// ServeHTTP is /readyz: 200 "ready", or 503 with the reason.
func (r *readiness) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if !r.ready.Load() {
		why, _ := r.why.Load().(string)
		http.Error(w, "not ready: "+why, http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
	defer cancel()
	if err := r.st.Ping(ctx); err != nil {
		r.log.Warn("not ready", "err", err)
		http.Error(w, "not ready: neo4j unreachable", http.StatusServiceUnavailable)
		return
	}
	if r.st.Failing() {
		http.Error(w, "not ready: neo4j keeps failing", http.StatusServiceUnavailable)
		return
	}
	warmed, _ := r.warmed.Load().(string)
	fmt.Fprintf(w, "ready (%s)\n", warmed)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
