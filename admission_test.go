package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Beyond --max-queries running and --max-queued waiting, a query is
// turned away at once; a waiting one runs when a slot frees, or is turned
// away after --queue-wait; while the server is not ready every client
// query is turned away, the warm-up's pass.
func TestAdmission(t *testing.T) {
	ready := &readiness{}
	ready.ready.Store(true)
	a, err := newAdmission(ready, 1, 1, time.Minute, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	done, refused := a.admit(ctx)
	if refused != nil {
		t.Fatalf("first query refused: %+v", refused)
	}
	second := make(chan func())
	go func() {
		d, r := a.admit(ctx)
		if r != nil {
			t.Errorf("the waiting query was refused: %+v", r)
			d = func() {}
		}
		second <- d
	}()
	for a.queued.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if _, r := a.admit(ctx); r == nil || r.RetryAfter != overloadRetryAfter || !strings.Contains(r.Message, "busy") {
		t.Errorf("a query beyond the queue: %+v, want refused as busy with retryAfter %s", r, overloadRetryAfter)
	} else if waited := time.Since(start); waited > time.Second {
		t.Errorf("the query beyond the queue waited %s", waited)
	}
	if d, r := a.admit(warming(ctx)); r != nil {
		t.Errorf("the warm-up's query refused: %+v", r)
	} else {
		d()
	}
	done()
	(<-second)()

	// A query that waits longer than --queue-wait is turned away.
	a, _ = newAdmission(ready, 1, 4, 50*time.Millisecond, 5*time.Second)
	done, _ = a.admit(ctx)
	if _, r := a.admit(ctx); r == nil || r.RetryAfter != overloadRetryAfter {
		t.Errorf("a query that waited past --queue-wait: %+v, want refused", r)
	}
	done()
	if d, r := a.admit(ctx); r != nil {
		t.Errorf("a query with a slot free: %+v", r)
	} else {
		d()
	}
	if a.shedOverload.Load() != 1 {
		t.Errorf("%d queries counted as turned away for load, want 1", a.shedOverload.Load())
	}

	// Not ready: every client query is turned away with the longer wait.
	ready.ready.Store(false)
	ready.why.Store("neo4j unavailable")
	if _, r := a.admit(ctx); r == nil || r.RetryAfter != 5*time.Second || !strings.Contains(r.Message, "not ready (neo4j unavailable)") {
		t.Errorf("a query while not ready: %+v, want refused, not ready, retryAfter 5s", r)
	}
	if d, r := a.admit(warming(ctx)); r != nil {
		t.Errorf("the warm-up's query refused while not ready: %+v", r)
	} else {
		d()
	}

	for _, bad := range []struct{ queries, queued int }{{0, 1}, {1, -1}} {
		if _, err := newAdmission(ready, bad.queries, bad.queued, time.Second, time.Second); err == nil {
			t.Errorf("newAdmission(%d, %d): no error", bad.queries, bad.queued)
		}
	}
}
