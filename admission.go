package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/netagraph/netagraph/graph"
)

// Defaults of serve's admission flags. Sixteen queries at once, each a few
// statements, stay within the driver's 100 pooled connections, so no
// statement waits for a connection; on the two cores this project's Neo4j
// gets, sixteen keep it busy without starving any statement past the query
// timeout (at 64 unbounded, 1.5 % of the documented queries timed out).
const (
	defaultMaxQueries = 16
	defaultMaxQueued  = 64
	defaultQueueWait  = 2 * time.Second
	// overloadRetryAfter is what a query turned away for load tells the
	// client to wait: a slot frees within a fraction of a second.
	overloadRetryAfter = time.Second
)

// admission decides whether a query runs now (graph.Options.Admit):
//
//   - while the server is not ready (warming up, or Neo4j failing or
//     restarting), every client query is turned away at once with
//     SERVICE_UNAVAILABLE and retryAfter, so a cold or restarting Neo4j
//     is left to the warm-up rather than planning under 64 clients;
//   - at most max queries run at once; up to queued more wait, each for
//     up to wait, for one to finish; beyond that a query is turned away at
//     once, SERVICE_UNAVAILABLE with a retryAfter of a second. Queries
//     waiting here do not count against Neo4j's query timeout, and the
//     ones running get Neo4j's cores to themselves: the timeouts the
//     soak saw at 64 clients came from statements starved of CPU.
//
// The warm-up's own queries (warming) pass.
type admission struct {
	ready      *readiness
	slots      chan struct{}
	queued     atomic.Int64
	maxQueued  int64
	wait       time.Duration
	retryAfter time.Duration // while not ready

	// Counts of queries turned away, for the log and tests.
	shedUnready, shedOverload atomic.Int64
}

func newAdmission(ready *readiness, maxQueries, maxQueued int, wait, retryAfter time.Duration) (*admission, error) {
	if maxQueries < 1 {
		return nil, fmt.Errorf("--max-queries must be at least 1, not %d", maxQueries)
	}
	if maxQueued < 0 {
		return nil, fmt.Errorf("--max-queued must not be negative, not %d", maxQueued)
	}
	if wait < 0 {
		return nil, fmt.Errorf("--queue-wait must not be negative, not %s", wait)
	}
	return &admission{ready: ready, slots: make(chan struct{}, maxQueries), maxQueued: int64(maxQueued), wait: wait,
		retryAfter: max(retryAfter, time.Second)}, nil
}

type warmingKey struct{}

// warming marks ctx as the warm-up's: admission lets it through.
func warming(ctx context.Context) context.Context { return context.WithValue(ctx, warmingKey{}, true) }

// admit is graph.Options.Admit.
func (a *admission) admit(ctx context.Context) (func(), *graph.Refusal) {
	if ctx.Value(warmingKey{}) != nil {
		return func() {}, nil
	}
	if a.ready != nil && !a.ready.ready.Load() {
		a.shedUnready.Add(1)
		why, _ := a.ready.why.Load().(string)
		return nil, &graph.Refusal{
			Message:    fmt.Sprintf("the server is not ready (%s); try again in %s", why, a.retryAfter.Round(time.Second)),
			RetryAfter: a.retryAfter,
		}
	}
	release := func() { <-a.slots }
	select {
	case a.slots <- struct{}{}:
		return release, nil
	default:
	}
	if a.queued.Add(1) > a.maxQueued {
		a.queued.Add(-1)
		return nil, a.overloaded()
	}
	defer a.queued.Add(-1)
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, a.overloaded()
	case <-ctx.Done():
		return nil, a.overloaded() // the client left; nobody reads it
	}
}

func (a *admission) overloaded() *graph.Refusal {
	a.shedOverload.Add(1)
	return &graph.Refusal{
		Message:    fmt.Sprintf("the server is busy (%d queries running, %d waiting); try again in a second", cap(a.slots), a.maxQueued),
		RetryAfter: overloadRetryAfter,
	}
}
