package store

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

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
// Neo4j last had its plans, each with the shape of its parameters (see
// paramShape): Neo4j caches a plan by the statement's text and its
// parameters' types and sizes, so a statement not among them, or sent
// with parameters of another shape, is planned when it runs (run gives it
// PlanTimeout). The store's reads are built from a few parts (types,
// directions, paging) and their parameters take a few shapes, so the set
// is small; it is bounded anyway (past maxSeen, a new statement gets
// PlanTimeout on every run until the set is forgotten). It is forgotten
// when Neo4j is found unavailable: a Neo4j that comes back has restarted
// with no plans, so each statement's next run plans again.
type seenStatements struct {
	mu  sync.Mutex
	set map[planKey]struct{}
}

// planKey is what Neo4j caches a plan by: the statement and the shape of
// its parameters.
type planKey struct{ cypher, params string }

const maxSeen = 2000

// add records cypher, sent with params, and reports whether it had been
// sent before with parameters of the same shape.
func (s *seenStatements) add(cypher string, params map[string]any) (before bool) {
	k := planKey{cypher, paramShape(params)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.set[k]; ok {
		return true
	}
	if s.set == nil {
		s.set = map[planKey]struct{}{}
	}
	if len(s.set) < maxSeen {
		s.set[k] = struct{}{}
	}
	return false
}

// paramShape is what of params Neo4j caches a statement's plan by (Neo4j
// 5.26, measured: docs/api.md, "Plans and the first run"): each
// parameter's name, whether it is sent or not; its type (null, a string,
// an integer, a float, a list, a map…); and, for a string or a list, the
// bucket of its length — 0, 1, 2–10, 11–100, 101–1,000 and so on (a
// string's length in characters). A map's contents do not count. So the
// first page of a list (no cursor: null) and the next (a cursor, a string
// of 11–100 characters) are two plans, and so are the relations of an
// entity whose id has 9 characters and of one whose id has 21.
func paramShape(params map[string]any) string {
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		switch v := params[name].(type) {
		case nil:
			b.WriteString("null")
		case bool:
			b.WriteString("bool")
		case int, int8, int16, int32, int64, uint8, uint16, uint32:
			b.WriteString("int")
		case float32, float64:
			b.WriteString("float")
		case string:
			b.WriteString("string")
			b.WriteByte(sizeBucket(utf8.RuneCountInString(v)))
		default:
			switch r := reflect.ValueOf(v); r.Kind() {
			case reflect.Slice, reflect.Array:
				if r.Type().Elem().Kind() == reflect.Uint8 {
					b.WriteString("bytes") // []byte is a byte array, not a list
					break
				}
				b.WriteString("list")
				b.WriteByte(sizeBucket(r.Len()))
			case reflect.Map:
				b.WriteString("map")
			default:
				b.WriteString(r.Type().String()) // dates, times, points
			}
		}
		b.WriteByte(';')
	}
	return b.String()
}

// sizeBucket is the bucket of a string's or list's length Neo4j plans by,
// as a byte: 'a' for 0, 'b' for 1, 'c' for 2–10, 'd' for 11–100, and one
// more for each power of ten.
func sizeBucket(n int) byte {
	if n == 0 {
		return 'a'
	}
	b := byte('b')
	for limit := 1; n > limit; limit *= 10 {
		b++
	}
	return b
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

// ReadStatements is how many distinct read statements (each with the shape
// of its parameters: one plan each) the store has sent since it last found
// Neo4j unavailable.
func (s *Store) ReadStatements() int { return s.seen.len() }
