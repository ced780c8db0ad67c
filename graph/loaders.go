package graph

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/vikstrous/dataloadgen"
)

// Nested fields read through per-request loaders: every party in a list
// asking for its leaders makes one store call between them, so a request
// issues a bounded number of Cypher statements whatever its lists' lengths.

// batchWait is how long a loader gathers keys. gqlgen resolves a list's
// items concurrently, so they all arrive well within it.
const batchWait = 2 * time.Millisecond

// maxFirst caps every list argument.
const maxFirst = 100

// stanceTypes are the relations that make a party's stances.
var stanceTypes = []domain.RelationType{
	domain.EquidistantFrom, domain.Opposes, domain.AlliedWith, domain.Praised, domain.Criticized,
}

// Hops of the nested entity fields.
var (
	leadersHop      = store.Hop{Types: []domain.RelationType{domain.Leads}, Dir: store.In, Labels: []domain.EntityType{domain.Person}}
	partiesHop      = store.Hop{Types: []domain.RelationType{domain.Leads, domain.MemberOf}, Dir: store.Out, Labels: []domain.EntityType{domain.Party}}
	metHop          = store.Hop{Types: []domain.RelationType{domain.Met}, Dir: store.Both, Labels: []domain.EntityType{domain.Person}}
	participantsHop = store.Hop{Types: []domain.RelationType{domain.ParticipatedIn}, Dir: store.In}
	placeHop        = store.Hop{Types: []domain.RelationType{domain.HeldIn}, Dir: store.Out, Labels: []domain.EntityType{domain.Place}}
)

type loaders struct {
	leaders, parties, met, participants, place, allies *dataloadgen.Loader[string, []domain.Node]

	stances   *dataloadgen.Loader[string, []domain.Fact]
	relations *dataloadgen.Loader[factKey, []domain.Fact]
	evidence  *dataloadgen.Loader[string, []domain.Evidence]
}

// factKey is an entity's relations of some types ("LEADS|MET", or "" for
// all), up to first.
type factKey struct {
	id, types string
	first     int
}

func newLoaders(g Graph) *loaders {
	hop := func(h store.Hop) *dataloadgen.Loader[string, []domain.Node] {
		return load(func(ctx context.Context, ids []string) (map[string][]domain.Node, error) {
			return g.Neighbours(ctx, ids, h)
		})
	}
	return &loaders{
		leaders:      hop(leadersHop),
		parties:      hop(partiesHop),
		met:          hop(metHop),
		participants: hop(participantsHop),
		place:        hop(placeHop),
		allies:       load(g.Allies),
		stances: load(func(ctx context.Context, ids []string) (map[string][]domain.Fact, error) {
			return g.Facts(ctx, ids, store.FactQuery{Types: stanceTypes, Dir: store.Out})
		}),
		relations: load(func(ctx context.Context, keys []factKey) (map[factKey][]domain.Fact, error) {
			return relationsOf(ctx, g, keys)
		}),
		evidence: load(func(ctx context.Context, keys []string) (map[string][]domain.Evidence, error) {
			return g.Evidence(ctx, keys, maxFirst)
		}),
	}
}

// relationsOf answers keys with one store call per distinct (types, first):
// as many as the query spells out, not as many as it returns.
func relationsOf(ctx context.Context, g Graph, keys []factKey) (map[factKey][]domain.Fact, error) {
	type group struct {
		types string
		first int
	}
	ids := map[group][]string{}
	for _, k := range keys {
		gk := group{k.types, k.first}
		ids[gk] = append(ids[gk], k.id)
	}
	out := make(map[factKey][]domain.Fact, len(keys))
	for gk, list := range ids {
		q := store.FactQuery{Dir: store.Both, First: gk.first}
		if gk.types != "" {
			for _, t := range strings.Split(gk.types, "|") {
				q.Types = append(q.Types, domain.RelationType(t))
			}
		}
		facts, err := g.Facts(ctx, list, q)
		if err != nil {
			return nil, err
		}
		for _, id := range list {
			out[factKey{id, gk.types, gk.first}] = facts[id]
		}
	}
	return out, nil
}

// load makes a loader from a batched read; keys it does not answer get the
// zero value.
func load[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *dataloadgen.Loader[K, V] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []K) ([]V, []error) {
		m, err := fetch(ctx, keys)
		out := make([]V, len(keys))
		if err != nil {
			errs := make([]error, len(keys))
			for i := range errs {
				errs[i] = err
			}
			return out, errs
		}
		for i, k := range keys {
			out[i] = m[k]
		}
		return out, nil
	}, dataloadgen.WithWait(batchWait))
}

type loadersKey struct{}

// withLoaders gives each request its own loaders, so nothing is cached
// across requests.
func withLoaders(g Graph, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, newLoaders(g))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}
