package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
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

// warm has Neo4j plan the API's statements: those the store has sent so
// far (none at the start), then the documented queries run through the
// API, then once more any statement they sent for the first time. The
// store's EXPLAINs have no transaction timeout, so a cold or busy Neo4j
// plans them however long it takes, and the documented queries run with
// warmQueryTimeout; one that times out all the same is no failure (its
// statements are planned by then). Only
// an unavailable Neo4j (or a bug) fails the warm-up.
func (r *readiness) warm(ctx context.Context) error {
	start := time.Now()
	if err := r.st.Warm(ctx); err != nil {
		return err
	}
	planned := time.Since(start)
	queries := warmupQueries()
	timeouts := 0
	for i, q := range queries {
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
			return fmt.Errorf("warm-up query %d of docs/api.md: %d %s", i+1, rec.Code, rec.Body.String())
		}
		for _, e := range resp.Errors {
			switch e.Extensions.Code {
			case graph.CodeServiceUnavailable, graph.CodeInternal:
				return fmt.Errorf("warm-up query %d of docs/api.md: %s (%s)", i+1, e.Message, e.Extensions.Code)
			case graph.CodeTimeout:
				timeouts++
			}
		}
	}
	ran := time.Since(start) - planned
	if err := r.st.Warm(ctx); err != nil {
		return err
	}
	statements := len(r.st.ReadStatements())
	r.warmed.Store(fmt.Sprintf("warmed up: %d queries, %d statements", len(queries), statements))
	r.log.Info("warmed up", "queries", len(queries), "statements", statements, "timeouts", timeouts,
		"elapsed", time.Since(start).Round(time.Millisecond),
		"explain", planned.Round(time.Millisecond), "queries_elapsed", ran.Round(time.Millisecond))
	return nil
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
