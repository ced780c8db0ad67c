package graph

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
	"github.com/netagraph/netagraph/store"
)

// Helpers of the resolvers, kept out of *.resolvers.go, which gqlgen
// rewrites. They convert arguments, call the store (directly for top-level
// fields, through the request's loaders for nested ones) and map results to
// the models.

func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l := loadersFrom(ctx); l != nil {
		return l
	}
	return newLoaders(r.Store)
}

// find looks an entity up by id or name; nil when there is none.
func (r *Resolver) find(ctx context.Context, t domain.EntityType, id, name *string) (model.Entity, error) {
	n, err := r.Store.FindEntity(ctx, t, deref(id), deref(name))
	if err != nil || n == nil {
		return nil, err
	}
	return model.NewEntity(*n), nil
}

// findAs is find for a query whose type is fixed.
func findAs[T model.Entity](ctx context.Context, r *Resolver, t domain.EntityType, id, name *string) (T, error) {
	var zero T
	e, err := r.find(ctx, t, id, name)
	if err != nil || e == nil {
		return zero, err
	}
	v, _ := e.(T)
	return v, nil
}

// page checks a plain list's first and after.
func page(first *int, after *string) (store.Page, error) {
	n, err := limit(first)
	return store.Page{First: n, After: deref(after)}, err
}

// hop loads a page of the entities one named hop from id, as T.
func hop[T model.Entity](ctx context.Context, r *Resolver, id, name string, first *int, after *string) ([]T, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return []T{}, err
	}
	ns, err := r.loaders(ctx).hops.Load(ctx, key[hopArgs]{id, hopArgs{name, p}})
	if err != nil {
		return nil, err
	}
	return model.Entities[T](ns), nil
}

// one loads the first entity one named hop from id.
func one[T model.Entity](ctx context.Context, r *Resolver, id, name string) (T, error) {
	var zero T
	first := 1
	es, err := hop[T](ctx, r, id, name, &first, nil)
	if err != nil || len(es) == 0 {
		return zero, err
	}
	return es[0], nil
}

// nodeList loads a page of entities through l, as T.
func nodeList[T model.Entity](ctx context.Context, l interface {
	Load(context.Context, key[store.Page]) ([]domain.Node, error)
}, id string, first *int, after *string) ([]T, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return []T{}, err
	}
	ns, err := l.Load(ctx, key[store.Page]{id, p})
	if err != nil {
		return nil, err
	}
	return model.Entities[T](ns), nil
}

// facts loads a page of an entity's relations.
func (r *Resolver) facts(ctx context.Context, id string, types []domain.RelationType, dir store.Direction, current *bool, first *int, after *string) ([]domain.Fact, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return nil, err
	}
	a := factArgs{types: joinTypes(types), dir: dir, page: p}
	if current != nil {
		a.current = "false"
		if *current {
			a.current = "true"
		}
	}
	return r.loaders(ctx).facts.Load(ctx, key[factArgs]{id, a})
}

func (r *Resolver) relations(ctx context.Context, id string, types []domain.RelationType, first *int, after *string) ([]*model.Relation, error) {
	fs, err := r.facts(ctx, id, types, store.Both, nil, first, after)
	return model.Relations(fs), err
}

func (r *Resolver) stances(ctx context.Context, id string, types []domain.RelationType, first *int, after *string) ([]*model.Stance, error) {
	if len(types) == 0 {
		types = stanceTypes
	}
	fs, err := r.facts(ctx, id, types, store.Out, nil, first, after)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Stance, len(fs))
	for i, f := range fs {
		out[i] = model.NewStance(id, f)
	}
	return out, nil
}

// evidence loads a page of a relation's evidence.
func (r *Resolver) evidence(ctx context.Context, relKey string, first *int, after *string) ([]*model.Evidence, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return []*model.Evidence{}, err
	}
	evs, err := r.loaders(ctx).evidence.Load(ctx, key[store.Page]{relKey, p})
	if err != nil {
		return nil, err
	}
	return evidenceModels(evs), nil
}

func evidenceModels(evs []domain.Evidence) []*model.Evidence {
	out := make([]*model.Evidence, len(evs))
	for i, e := range evs {
		out[i] = model.NewEvidence(e)
	}
	return out
}

// entityArticles loads a page of the articles that mention an entity.
func (r *Resolver) entityArticles(ctx context.Context, id string, first *int, after *string) (*model.ArticleConnection, error) {
	n, err := limit(first)
	if err != nil {
		return nil, err
	}
	c, err := r.loaders(ctx).articles.Load(ctx, key[articleArgs]{id, articleArgs{n, deref(after), wants(ctx, "totalCount")}})
	if err != nil {
		return nil, err
	}
	return articleConnection(c), nil
}

func articleConnection(c store.Connection[store.Article]) *model.ArticleConnection {
	out := &model.ArticleConnection{TotalCount: c.Total, Edges: []*model.ArticleEdge{}, Nodes: []*model.Article{},
		PageInfo: &model.PageInfo{HasNextPage: c.HasNext}}
	for i, a := range c.Items {
		m := articleModel(a)
		out.Nodes = append(out.Nodes, m)
		out.Edges = append(out.Edges, &model.ArticleEdge{Cursor: c.Cursors[i], Node: m})
	}
	if n := len(c.Cursors); n > 0 {
		out.PageInfo.EndCursor = &c.Cursors[n-1]
	}
	return out
}

func articleModel(a store.Article) *model.Article { return model.NewArticle(a.Article, a.LoadedAt) }

func relationConnection(c store.Connection[domain.Fact]) *model.RelationConnection {
	out := &model.RelationConnection{TotalCount: c.Total, Edges: []*model.RelationEdge{}, Nodes: []*model.Relation{},
		PageInfo: &model.PageInfo{HasNextPage: c.HasNext}}
	for i, f := range c.Items {
		m := model.NewRelation(f)
		out.Nodes = append(out.Nodes, m)
		out.Edges = append(out.Edges, &model.RelationEdge{Cursor: c.Cursors[i], Node: m})
	}
	if n := len(c.Cursors); n > 0 {
		out.PageInfo.EndCursor = &c.Cursors[n-1]
	}
	return out
}

// wants reports whether the current field's selection asks for a field,
// so a connection counts its items only when totalCount is asked for.
func wants(ctx context.Context, field string) bool {
	return slices.Contains(graphql.CollectAllFields(ctx), field)
}

func relationFilter(f *model.RelationFilter) store.RelationFilter {
	if f == nil {
		return store.RelationFilter{}
	}
	return store.RelationFilter{
		From: deref(f.From), To: deref(f.To), Types: f.Types,
		Since: f.Since.Start(), Until: f.Until.End(), MinConfidence: f.MinConfidence, MinSources: derefInt(f.MinSources),
	}
}

func graphModel(g store.Subgraph) *model.Graph {
	out := &model.Graph{Nodes: make([]*model.GraphNode, len(g.Nodes)), Edges: make([]*model.GraphEdge, len(g.Edges))}
	for i, n := range g.Nodes {
		out.Nodes[i] = &model.GraphNode{ID: n.ID, Label: n.Name, LabelHi: optional(n.NameHi), Type: n.Type,
			Weight: float64(n.MentionCount), Depth: n.Depth}
	}
	for i, e := range g.Edges {
		out.Edges[i] = &model.GraphEdge{ID: e.Key, Source: e.From, Target: e.To, Type: e.Type,
			Weight: float64(e.SourceCount), Confidence: e.Confidence}
	}
	return out
}

func allianceModel(a store.Alliance) *model.Alliance {
	out := &model.Alliance{Ally: model.NewEntity(a.Ally), Direct: a.Direct,
		Coalitions: model.Entities[*model.Coalition](a.Coalitions), Relations: model.Relations(a.Facts)}
	for _, f := range a.Facts {
		out.FirstSeen = earliest(out.FirstSeen, f.FirstSeen)
		out.LastSeen = latest(out.LastSeen, f.LastSeen)
	}
	return out
}

func pathModel(p store.Path) *model.Path {
	out := &model.Path{ID: p.ID, Length: len(p.Facts), Nodes: make([]model.Entity, len(p.Nodes)), Hops: make([]*model.Hop, len(p.Facts))}
	for i, n := range p.Nodes {
		out.Nodes[i] = model.NewEntity(n)
	}
	for i, f := range p.Facts {
		out.Hops[i] = &model.Hop{Type: f.Type, From: out.Nodes[i], To: out.Nodes[i+1],
			Reversed: !f.Type.Symmetric() && f.From.ID != p.Nodes[i].ID, Relation: model.NewRelation(f)}
	}
	return out
}

func statsModel(s store.Stats) *model.Stats {
	out := &model.Stats{Articles: s.Articles, Entities: s.Entities, Relations: s.Relations, Evidence: s.Evidence,
		FirstPublished: s.FirstPublished, LastPublished: s.LastPublished}
	for _, t := range domain.EntityTypes {
		out.EntitiesByType = append(out.EntitiesByType, &model.TypeCount{Type: string(t), Count: s.EntitiesByType[t]})
	}
	for _, t := range domain.RelationTypes {
		out.RelationsByType = append(out.RelationsByType, &model.TypeCount{Type: string(t), Count: s.RelationsByType[t]})
	}
	return out
}

func earliest(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.Before(*a)) {
		return b
	}
	return a
}

func latest(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.After(*a)) {
		return b
	}
	return a
}

// limit checks a list's first argument: default 20, at most maxFirst.
func limit(first *int) (int, error) {
	if first == nil {
		return 20, nil
	}
	if *first < 0 || *first > maxFirst {
		return 0, domain.Errorf(domain.EINVALID, "first must be between 0 and %d", maxFirst)
	}
	return *first, nil
}

// bounded checks an optional integer argument against [lo, hi].
func bounded(name string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, domain.Errorf(domain.EINVALID, "%s must be between %d and %d", name, lo, hi)
	}
	return *v, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(i *int) int {
	if i == nil {
		return 0
	}
	return *i
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// dateString is a Date argument as YYYY-MM-DD, "" for none.
func dateString(d *model.Date) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}
