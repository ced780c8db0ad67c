package store_test

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// slowRead counts to $n: with n = 4e9 it runs for minutes.
const slowRead = `UNWIND range(1, $n) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n`

// A read Neo4j ends at the query timeout is ETIMEOUT, which the API
// answers as TIMEOUT (before: an internal error). The statement has run
// before (its first run has PlanTimeout), so QueryTimeout ends it.
func TestReadTimeoutIsTimeout(t *testing.T) {
	st := storetest.Open(t)
	st.QueryTimeout = 200 * time.Millisecond
	if _, err := store.Read(st, context.Background(), slowRead, map[string]any{"n": 10}); err != nil {
		t.Fatal(err)
	}
	_, err := store.Read(st, context.Background(), slowRead, map[string]any{"n": 4_000_000_000})
	if domain.ErrorCode(err) != domain.ETIMEOUT || !strings.Contains(err.Error(), "200ms") {
		t.Fatalf("err = %v (code %q), want %q naming 200ms", err, domain.ErrorCode(err), domain.ETIMEOUT)
	}
	var derr *domain.Error
	if errors.As(err, &derr); derr.Err == nil {
		t.Error("the driver's error is not kept for the log")
	}
	if st.Failing() {
		t.Error("a timeout counts as Neo4j failing")
	}
}

// A read statement's first run (by its text and its parameters' shape) is
// bounded by PlanTimeout, not a shorter QueryTimeout: the first time Neo4j
// sees a statement it plans it, which takes a cold or busy Neo4j seconds
// (before, the first cold-planned statement of a test or a request could
// fail at 5 s, and so could a list's second page, planned anew for its
// cursor, after its first page had run with none). Its
// next runs, planned, have QueryTimeout; so does every run of a
// statement after Neo4j was unavailable, until its next run plans it
// again (a restarted Neo4j has no plans).
func TestFirstRunHasPlanTimeout(t *testing.T) {
	st := storetest.Open(t)
	st.QueryTimeout = 200 * time.Millisecond
	st.PlanTimeout = 1500 * time.Millisecond
	many := map[string]any{"n": 4_000_000_000}
	timedOutAt := func(what, want string) {
		t.Helper()
		_, err := store.Read(st, context.Background(), slowRead, many)
		if domain.ErrorCode(err) != domain.ETIMEOUT || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v (code %q), want %q naming %s", what, err, domain.ErrorCode(err), domain.ETIMEOUT, want)
		}
	}
	timedOutAt("first run", "1.5s")
	timedOutAt("second run", "200ms")

	// Neo4j plans a statement again for parameters of another shape (a
	// type, or a string's or list's length bucket): the first page of a
	// list (no cursor) and the next (a cursor) are two plans, and each
	// one's first run has PlanTimeout. A map's contents are not planned by.
	shaped := func(what, want string, extra map[string]any) {
		t.Helper()
		params := map[string]any{"n": many["n"]}
		maps.Copy(params, extra)
		_, err := store.Read(st, context.Background(), slowRead, params)
		if domain.ErrorCode(err) != domain.ETIMEOUT || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v (code %q), want %q naming %s", what, err, domain.ErrorCode(err), domain.ETIMEOUT, want)
		}
	}
	shaped("no cursor, first run", "1.5s", map[string]any{"after": nil})
	shaped("no cursor, second run", "200ms", map[string]any{"after": nil})
	shaped("a cursor, first run", "1.5s", map[string]any{"after": "ALLIED_WITH|party:bjp|party:jdu"})
	shaped("another cursor of 11-100 characters", "200ms", map[string]any{"after": "MET|party:bjp|person:akhilesh-yadav"})
	shaped("a cursor of 2-10 characters, first run", "1.5s", map[string]any{"after": "MET|x|y"})
	shaped("a list of 2-10, first run", "1.5s", map[string]any{"after": []string{"a", "b"}})
	shaped("a list of 2-10 again", "200ms", map[string]any{"after": []any{"c", "d", "e"}})
	shaped("a map, first run", "1.5s", map[string]any{"after": map[string]any{"key": nil}})
	shaped("a map of other contents", "200ms", map[string]any{"after": map[string]any{"key": "ALLIED_WITH|party:bjp|party:jdu", "n": 2}})

	// Neo4j unavailable (a proxy cut) to a second store on the same
	// statement: its next run is a first one again.
	proxy := storetest.NewProxy(t)
	_, user, password := storetest.Config()
	st2, err := store.OpenWith(context.Background(), proxy.URI, user, password, store.APIOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close(context.Background())
	st2.QueryTimeout, st2.PlanTimeout = 200*time.Millisecond, 1500*time.Millisecond
	if _, err := store.Read(st2, context.Background(), slowRead, map[string]any{"n": 10}); err != nil {
		t.Fatal(err)
	}
	proxy.Down()
	if _, err := store.Read(st2, context.Background(), slowRead, many); domain.ErrorCode(err) != domain.EUNAVAILABLE {
		t.Fatalf("with Neo4j cut off: err = %v, want %q", err, domain.EUNAVAILABLE)
	}
	proxy.Up()
	st = st2
	timedOutAt("first run after Neo4j was unavailable", "1.5s")
	timedOutAt("the run after", "200ms")
}

// WithQueryTimeout sets the transaction timeout of the reads sent on a
// context (the warm-up's longer one), in place of Store.QueryTimeout.
func TestWithQueryTimeout(t *testing.T) {
	st := storetest.Open(t)
	st.QueryTimeout = time.Hour
	ctx := store.WithQueryTimeout(context.Background(), 200*time.Millisecond)
	// A first run: the context's timeout is taken as it is, not lengthened to PlanTimeout.
	_, err := store.Read(st, ctx, slowRead, map[string]any{"n": 4_000_000_000})
	if domain.ErrorCode(err) != domain.ETIMEOUT || !strings.Contains(err.Error(), "200ms") {
		t.Fatalf("err = %v (code %q), want %q naming 200ms", err, domain.ErrorCode(err), domain.ETIMEOUT)
	}
}

// A store whose Neo4j is gone answers EUNAVAILABLE, within the API's
// bound, says it is failing after a few statements in a row, and answers
// again once Neo4j is back.
func TestUnreachableIsUnavailable(t *testing.T) {
	storetest.Open(t)
	proxy := storetest.NewProxy(t)
	_, user, password := storetest.Config()
	st, err := store.OpenWith(context.Background(), proxy.URI, user, password, store.APIOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	if _, err := store.Read(st, context.Background(), `RETURN 1 AS n`, nil); err != nil {
		t.Fatal(err)
	}
	proxy.Down()
	var slowest time.Duration
	for i := range store.FailureThreshold {
		start := time.Now()
		_, err := store.Read(st, context.Background(), `RETURN 1 AS n`, nil)
		slowest = max(slowest, time.Since(start))
		t.Logf("read %d failed in %s", i, time.Since(start))
		if domain.ErrorCode(err) != domain.EUNAVAILABLE {
			t.Fatalf("read %d with Neo4j gone: %v (code %q), want %q", i, err, domain.ErrorCode(err), domain.EUNAVAILABLE)
		}
		if !store.IsTemporary(err) {
			t.Errorf("read %d: %v is not temporary", i, err)
		}
	}
	t.Logf("slowest failure with Neo4j gone: %s", slowest)
	// The bound is the API's promise (FailFast: fail in about 2 s, not
	// the driver's 30 s of retries); the margin is for a loaded machine.
	if slowest > 6*time.Second {
		t.Errorf("a read with Neo4j gone took %s to fail", slowest)
	}
	if !st.Failing() {
		t.Errorf("%d unavailable reads in a row, and the store is not failing", store.FailureThreshold)
	}
	proxy.Up()
	if _, err := store.Read(st, context.Background(), `RETURN 1 AS n`, nil); err != nil {
		t.Fatalf("Neo4j back: %v", err)
	}
	if st.Failing() {
		t.Error("still failing after a read Neo4j answered")
	}
}
