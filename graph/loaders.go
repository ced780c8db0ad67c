package graph

import (
	"context"
	"net/http"
	"strings"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
)

// Nested fields read through per-request loaders: every party in a list
// asking for its leaders makes one store call between them, so a request
// issues a bounded number of Cypher statements whatever its lists' lengths.
// A loader's keys carry the field's arguments; keys with the same arguments
// share one store call, so a request makes at most one call per field and
// argument set that its text spells out.

// maxFirst caps every list argument.
const maxFirst = 100

// stanceTypes are the relations that make a party's stances.
var stanceTypes = []domain.RelationType{
	domain.EquidistantFrom, domain.Opposes, domain.AlliedWith, domain.Praised, domain.Criticized,
}

// hops are the nested entity fields that are one hop from their entity.
var hops = map[string]store.Hop{
	"leaders":          {Types: []domain.RelationType{domain.Leads}, Dir: store.In, Labels: []domain.EntityType{domain.Person}},
	"members":          {Types: []domain.RelationType{domain.MemberOf}, Dir: store.In, Labels: []domain.EntityType{domain.Person}, Ended: true},
	"opponents":        {Types: []domain.RelationType{domain.Opposes}, Dir: store.Both},
	"coalitions":       {Types: []domain.RelationType{domain.MemberOf, domain.Joined, domain.Leads}, Dir: store.Out, Labels: []domain.EntityType{domain.Coalition}, Ended: true},
	"events":           {Types: []domain.RelationType{domain.ParticipatedIn}, Dir: store.Out, Labels: []domain.EntityType{domain.EventEntity}, ByDate: true},
	"parties":          {Types: []domain.RelationType{domain.Leads, domain.MemberOf}, Dir: store.Out, Labels: []domain.EntityType{domain.Party}, Ended: true},
	"met":              {Types: []domain.RelationType{domain.Met}, Dir: store.Both, Labels: []domain.EntityType{domain.Person}},
	"participants":     {Types: []domain.RelationType{domain.ParticipatedIn}, Dir: store.In},
	"place":            {Types: []domain.RelationType{domain.HeldIn}, Dir: store.Out, Labels: []domain.EntityType{domain.Place}},
	"placeEvents":      {Types: []domain.RelationType{domain.HeldIn}, Dir: store.In, Labels: []domain.EntityType{domain.EventEntity}, ByDate: true},
	"coalitionMembers": {Types: []domain.RelationType{domain.MemberOf, domain.Joined, domain.Leads}, Dir: store.In, Labels: []domain.EntityType{domain.Party, domain.Person}, Ended: true},
	"leader":           {Types: []domain.RelationType{domain.Leads}, Dir: store.In, Labels: []domain.EntityType{domain.Party, domain.Person}},
}

// key is a loader key: an id and the arguments of the field asking.
type key[A comparable] struct {
	id   string
	args A
}

// hopArgs are a hop field's name (in hops) and page.
type hopArgs struct {
	hop  string
	page store.Page
}

// factArgs select an entity's relations: types joined by "|" ("" for all).
type factArgs struct {
	types   string
	dir     store.Direction
	current string // "", "true" or "false"
	page    store.Page
}

// articleArgs are a page of an entity's articles.
type articleArgs struct {
	first int
	after string
	count bool
}

// typedPage is a page of an article's entities or facts of some types.
type typedPage struct {
	types string
	page  store.Page
}

type loaders struct {
	hops       *loader[key[hopArgs], []domain.Node]
	allies     *loader[key[store.Page], []domain.Node]
	within     *loader[key[store.Page], []domain.Node]
	facts      *loader[key[factArgs], []domain.Fact]
	evidence   *loader[key[store.Page], []domain.Evidence]
	relation   *loader[string, *domain.Fact]
	articles   *loader[key[articleArgs], store.Connection[store.Article]]
	mentioned  *loader[key[typedPage], []domain.Node]
	statements *loader[key[typedPage], []domain.Evidence]
}

func newLoaders(g Graph) *loaders {
	return &loaders{
		hops: grouped(func(ctx context.Context, ids []string, a hopArgs) (map[string][]domain.Node, error) {
			h := hops[a.hop]
			h.Page = a.page
			return g.Neighbours(ctx, ids, h)
		}),
		allies: grouped(g.AlliesOf),
		within: grouped(g.Within),
		facts: grouped(func(ctx context.Context, ids []string, a factArgs) (map[string][]domain.Fact, error) {
			q := store.FactQuery{Types: splitTypes[domain.RelationType](a.types), Dir: a.dir, First: a.page.First, After: a.page.After}
			if a.current != "" {
				current := a.current == "true"
				q.Current = &current
			}
			return g.Facts(ctx, ids, q)
		}),
		evidence: grouped(g.EvidenceOf),
		relation: load(func(ctx context.Context, keys []string) (map[string]*domain.Fact, error) {
			facts, err := g.FactsByKey(ctx, keys)
			out := make(map[string]*domain.Fact, len(facts))
			for k, f := range facts {
				out[k] = &f
			}
			return out, err
		}),
		articles: grouped(func(ctx context.Context, ids []string, a articleArgs) (map[string]store.Connection[store.Article], error) {
			return g.EntityArticles(ctx, ids, a.first, a.after, a.count)
		}),
		mentioned: grouped(func(ctx context.Context, ids []string, a typedPage) (map[string][]domain.Node, error) {
			return g.ArticleEntities(ctx, ids, splitTypes[domain.EntityType](a.types), a.page)
		}),
		statements: grouped(func(ctx context.Context, ids []string, a typedPage) (map[string][]domain.Evidence, error) {
			return g.ArticleFacts(ctx, ids, splitTypes[domain.RelationType](a.types), a.page)
		}),
	}
}

// grouped makes a loader whose keys carry arguments: one store call per
// distinct argument set, with the ids that asked with it.
func grouped[A comparable, V any](fetch func(ctx context.Context, ids []string, a A) (map[string]V, error)) *loader[key[A], V] {
	return load(func(ctx context.Context, keys []key[A]) (map[key[A]]V, error) {
		ids := map[A][]string{}
		var order []A
		for _, k := range keys {
			if _, ok := ids[k.args]; !ok {
				order = append(order, k.args)
			}
			ids[k.args] = append(ids[k.args], k.id)
		}
		out := make(map[key[A]]V, len(keys))
		for _, a := range order {
			m, err := fetch(ctx, ids[a], a)
			if err != nil {
				return nil, err
			}
			for _, id := range ids[a] {
				out[key[A]{id, a}] = m[id]
			}
		}
		return out, nil
	})
}

// joinTypes and splitTypes carry a list of types in a comparable key.
func joinTypes[T ~string](types []T) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return strings.Join(names, "|")
}

func splitTypes[T ~string](s string) []T {
	if s == "" {
		return nil
	}
	var out []T
	for _, t := range strings.Split(s, "|") {
		out = append(out, T(t))
	}
	return out
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
