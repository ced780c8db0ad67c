package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/netagraph/netagraph/domain"
)

// FailureThreshold is how many statements in a row must find Neo4j
// unavailable before Failing says so: one lost connection is the driver's
// to retry, three in a row is an outage.
const FailureThreshold = 3

// health counts the statements in a row that found Neo4j unavailable; any
// statement that gets an answer (even an error of its own) resets it.
type health struct{ failures atomic.Int64 }

func (h *health) observe(err error) error {
	if domain.ErrorCode(err) == domain.EUNAVAILABLE {
		h.failures.Add(1)
	} else {
		h.failures.Store(0)
	}
	return err
}

// Failing reports whether the last FailureThreshold statements (or more)
// all found Neo4j unavailable. It turns false again with the first
// statement Neo4j answers: Warm's, or a request's.
func (s *Store) Failing() bool { return s.health.failures.Load() >= FailureThreshold }

// seenStatements are the distinct read statements the store has sent, the
// ones Warm prepares again after Neo4j restarts. The store's reads are
// built from a few parts (types, directions, paging), so the set is small;
// it is bounded anyway.
type seenStatements struct {
	mu  sync.Mutex
	set map[string]struct{}
}

const maxSeen = 2000

// add records cypher as sent and reports whether it had been sent before.
func (s *seenStatements) add(cypher string) (before bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.set[cypher]; ok {
		return true
	}
	if s.set == nil {
		s.set = map[string]struct{}{}
	}
	if len(s.set) < maxSeen {
		s.set[cypher] = struct{}{}
	}
	return false
}

func (s *seenStatements) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.set))
	for c := range s.set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// ReadStatements are the distinct read statements sent so far.
func (s *Store) ReadStatements() []string { return s.seen.list() }

// Warm has Neo4j plan every read statement the store has sent (EXPLAIN:
// planned and cached, not run), with no transaction timeout (ctx bounds
// it), so that after a restart of Neo4j the API's statements do not each
// pay for planning in a cold server within their query timeout.
// `netagraph serve` first runs the documented queries, which send the
// statements for real; Warm is what it repeats when Neo4j comes back.
func (s *Store) Warm(ctx context.Context) error {
	for _, cypher := range s.seen.list() {
		if _, err := s.runFor(ctx, "EXPLAIN "+cypher, nil, false, 0); err != nil {
			return fmt.Errorf("warm: %w", err)
		}
	}
	return nil
}
