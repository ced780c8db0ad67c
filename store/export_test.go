package store

import (
	"context"

	"github.com/netagraph/netagraph/domain"
)

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

// Batched reads for the store's tests: one nested list of many items each,
// read through Expand, the way a plan reads it.

// Neighbours returns, for each id, a page of the distinct entities one hop
// away, most mentioned first (or latest first, for events by date).
func (s *Store) Neighbours(ctx context.Context, ids []string, h domain.Hop, p domain.Page) (map[string][]domain.Node, error) {
	return s.nodeLists(ctx, ids, domain.List{Kind: domain.Neighbours, Hop: h, Page: p})
}

// Allies returns, for each party or coalition id, a page of the parties and
// coalitions it is allied with, most mentioned first. A party's leader
// stands for the party, as the ontology lets the text say: an ALLIED_WITH of
// the party or of a person who LEADS it, with a party or coalition, counts;
// with a person, it counts for the parties that person leads or is a member
// of (or the person, if none is known).
func (s *Store) Allies(ctx context.Context, ids []string, p domain.Page) (map[string][]domain.Node, error) {
	return s.nodeLists(ctx, ids, domain.List{Kind: domain.Allies, Page: p})
}

func (s *Store) nodeLists(ctx context.Context, ids []string, l domain.List) (map[string][]domain.Node, error) {
	l.Key = "list"
	lists, err := s.Expand(ctx, domain.EntityRoot, ids, domain.Plan{Lists: []domain.List{l}})
	out := make(map[string][]domain.Node, len(lists))
	for id, ls := range lists {
		out[id] = ls["list"].Nodes
	}
	return out, err
}

// Facts returns, for each id, a page of its relations of the query's
// types, most confident and best sourced first, with their ends.
func (s *Store) Facts(ctx context.Context, ids []string, q domain.FactQuery, p domain.Page) (map[string][]domain.Fact, error) {
	ends := domain.Plan{Lists: []domain.List{{Key: "from", Kind: domain.FromEnd}, {Key: "to", Kind: domain.ToEnd}}}
	lists, err := s.Expand(ctx, domain.EntityRoot, ids, domain.Plan{Lists: []domain.List{{Key: "list", Kind: domain.Facts, Facts: q, Page: p, Each: ends}}})
	out := make(map[string][]domain.Fact, len(lists))
	for id, ls := range lists {
		for _, f := range ls["list"].Facts {
			out[id] = append(out[id], WithEnds(f))
		}
	}
	return out, err
}

// WithEnds returns f with its From and To read from the lists "from" and
// "to" of its plan, as Facts reads them.
func WithEnds(f domain.Fact) domain.Fact {
	if r := f.Lists.Find("from"); r != nil && len(r.Nodes) > 0 {
		f.From = r.Nodes[0]
	}
	if r := f.Lists.Find("to"); r != nil && len(r.Nodes) > 0 {
		f.To = r.Nodes[0]
	}
	return f
}

// Evidence returns, for each relation key, a page of its evidence, the
// most recently published first.
func (s *Store) Evidence(ctx context.Context, keys []string, p domain.Page) (map[string][]domain.Evidence, error) {
	lists, err := s.Expand(ctx, domain.RelationRoot, keys, domain.Plan{Lists: []domain.List{{Key: "list", Kind: domain.EvidenceOf, Page: p}}})
	out := make(map[string][]domain.Evidence, len(lists))
	for k, ls := range lists {
		out[k] = ls["list"].Evidence
	}
	return out, err
}

// ReadGrace is how long past its transaction timeout a read waits (the
// CPU split's control side bounds the floor's reads the same way).
const ReadGrace = readGrace
