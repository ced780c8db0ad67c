package store

import (
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

// seenStatements are the distinct read statements the store has sent since
// Neo4j last had its plans: a statement not among them runs for the first
// time, when Neo4j plans it (run gives it PlanTimeout). The store's reads
// are built from a few parts (types, directions, paging), so the set is
// small; it is bounded anyway (past maxSeen, a new statement gets
// PlanTimeout on every run until the set is forgotten). It is forgotten
// when Neo4j is found unavailable: a Neo4j that comes back has restarted
// with no plans, so each statement's next run plans again.
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

// forget empties the set: every statement's next run is a first one.
func (s *seenStatements) forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.set)
}

func (s *seenStatements) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.set)
}

// ReadStatements is how many distinct read statements the store has sent
// since it last found Neo4j unavailable.
func (s *Store) ReadStatements() int { return s.seen.len() }
