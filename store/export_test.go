package store

import "context"

// Test hooks: what the store's own tests and benchmarks see of it, and
// nothing else does.

// Trace is told each read statement sent on a context given to WithTrace,
// and calls the function it returns when the statement is done: the API
// benchmark runs the same Cypher, in the same order, without the API.
type Trace func(cypher string, params map[string]any) (done func())

type traceKey struct{}

// WithTrace returns a context on which s's reads call t. The first call
// installs s's observer.
func WithTrace(ctx context.Context, s *Store, t Trace) context.Context {
	if s.observe == nil {
		s.observe = func(ctx context.Context, cypher string, params map[string]any) func() {
			if t, ok := ctx.Value(traceKey{}).(Trace); ok {
				return t(cypher, params)
			}
			return func() {}
		}
	}
	return context.WithValue(ctx, traceKey{}, t)
}

// Read runs one read statement as the store's queries do, for tests of
// what the store makes of Neo4j's errors.
var Read = (*Store).read
