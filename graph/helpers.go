package graph

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
)

// Helpers of the resolvers, kept out of *.resolvers.go, which gqlgen
// rewrites. They convert arguments, call the store for top-level fields
// with the plan of their selection (plan.go), find nested lists in what
// that read, and map results to the models.

// find looks an entity up by id or name, with the plan of the field's
// selection; nil when there is none.
func (r *Resolver) find(ctx context.Context, t domain.EntityType, id, name *string) (model.Entity, error) {
	n, err := r.Store.FindEntity(ctx, t, deref(id), deref(name), fieldPlan(ctx))
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
func page(first *int, after *string) (domain.Page, error) {
	n, err := limit(first)
	return domain.Page{First: n, After: deref(after)}, err
}

// nested returns the list the field being resolved on ctx reads for its
// object (of kind root, with the given id): from the object's lists, where
// the top-level field's read put it, or else read alone with the plan of
// the field's own selection. patch adjusts the list read alone.
func (r *Resolver) nested(ctx context.Context, lists domain.Lists, root domain.Root, id string, patch func(*domain.List)) (*domain.Result, error) {
	fc := graphql.GetFieldContext(ctx)
	if res := lists.Find(fc.Object + "." + fc.Field.Alias); res != nil {
		return res, nil
	}
	if res := lists.Find("*." + fc.Field.Alias); res != nil {
		return res, nil
	}
	l, ok := plannerOf(ctx).list(fc.Object, fc.Field)
	if !ok {
		return &domain.Result{}, nil
	}
	l.Key, l.On = "self", ""
	if patch != nil {
		patch(&l)
	}
	if l.Kind == domain.RelationOf {
		f, err := r.Store.Relation(ctx, id, l.Each)
		if err != nil || f == nil {
			return &domain.Result{}, err
		}
		return &domain.Result{Facts: []domain.Fact{*f}}, nil
	}
	m, err := r.Store.Expand(ctx, root, []string{id}, domain.Plan{Lists: []domain.List{l}})
	if err != nil {
		return nil, err
	}
	if res := m[id].Find("self"); res != nil {
		return res, nil
	}
	return &domain.Result{}, nil
}

// entities returns a page of the entity list the field being resolved
// reads for obj, as T.
func entities[T model.Entity](ctx context.Context, r *Resolver, obj model.Entity, first *int, after *string) ([]T, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return []T{}, err
	}
	res, err := r.nested(ctx, obj.Node().Lists, domain.EntityRoot, obj.Node().ID, nil)
	if err != nil {
		return nil, err
	}
	return model.Entities[T](res.Nodes), nil
}

// one returns the first entity the field being resolved reads for obj.
func one[T model.Entity](ctx context.Context, r *Resolver, obj model.Entity) (T, error) {
	var zero T
	res, err := r.nested(ctx, obj.Node().Lists, domain.EntityRoot, obj.Node().ID, nil)
	if err != nil || len(res.Nodes) == 0 {
		return zero, err
	}
	v, _ := model.NewEntity(res.Nodes[0]).(T)
	return v, nil
}

// facts returns a page of the relations the field being resolved reads
// for obj.
func (r *Resolver) facts(ctx context.Context, obj model.Entity, first *int, after *string) ([]domain.Fact, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return nil, err
	}
	res, err := r.nested(ctx, obj.Node().Lists, domain.EntityRoot, obj.Node().ID, nil)
	if err != nil {
		return nil, err
	}
	return res.Facts, nil
}

func (r *Resolver) relations(ctx context.Context, obj model.Entity, first *int, after *string) ([]*model.Relation, error) {
	fs, err := r.facts(ctx, obj, first, after)
	return model.Relations(fs), err
}

func (r *Resolver) stances(ctx context.Context, obj model.Entity, first *int, after *string) ([]*model.Stance, error) {
	fs, err := r.facts(ctx, obj, first, after)
	if err != nil {
		return nil, err
	}
	return stanceModels(obj.Node().ID, fs), nil
}

func stanceModels(subject string, fs []domain.Fact) []*model.Stance {
	out := make([]*model.Stance, len(fs))
	for i, f := range fs {
		out[i] = model.NewStance(subject, f)
	}
	return out
}

// end returns the entity at one end of a relation, as the field being
// resolved reads it (kind FromEnd, ToEnd or OtherEnd).
func (r *Resolver) end(ctx context.Context, f domain.Fact, kind domain.ListKind) (model.Entity, error) {
	res, err := r.nested(ctx, f.Lists, domain.RelationRoot, f.Key, func(l *domain.List) { l.Kind = kind })
	if err != nil || len(res.Nodes) == 0 {
		return nil, err
	}
	return model.NewEntity(res.Nodes[0]), nil
}

// evidence returns a page of a relation's evidence.
func (r *Resolver) evidence(ctx context.Context, f domain.Fact, first *int, after *string) ([]*model.Evidence, error) {
	p, err := page(first, after)
	if err != nil || p.First == 0 {
		return []*model.Evidence{}, err
	}
	res, err := r.nested(ctx, f.Lists, domain.RelationRoot, f.Key, nil)
	if err != nil {
		return nil, err
	}
	return model.EvidenceList(res.Evidence), nil
}

// entityArticles returns a page of the articles that mention an entity.
func (r *Resolver) entityArticles(ctx context.Context, obj model.Entity, first *int, after *string) (*model.ArticleConnection, error) {
	n, err := limit(first)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return articleConnection(domain.Connection[domain.StoredArticle]{Total: -1}), nil
	}
	if after != nil && *after != "" {
		if err := domain.DecodeCursor("article", *after, new(string), new(string)); err != nil {
			return nil, err
		}
	}
	res, err := r.nested(ctx, obj.Node().Lists, domain.EntityRoot, obj.Node().ID, nil)
	if err != nil {
		return nil, err
	}
	return articleConnection(domain.Connection[domain.StoredArticle]{Items: res.Articles, Cursors: res.Cursors, HasNext: res.HasNext, Total: res.Total}), nil
}

func articleConnection(c domain.Connection[domain.StoredArticle]) *model.ArticleConnection {
	out := &model.ArticleConnection{TotalCount: c.Total, Edges: []*model.ArticleEdge{}, Nodes: []*model.Article{},
		PageInfo: &model.PageInfo{HasNextPage: c.HasNext}}
	for i, a := range c.Items {
		m := model.NewStoredArticle(a)
		out.Nodes = append(out.Nodes, m)
		out.Edges = append(out.Edges, &model.ArticleEdge{Cursor: c.Cursors[i], Node: m})
	}
	if n := len(c.Cursors); n > 0 {
		out.PageInfo.EndCursor = &c.Cursors[n-1]
	}
	return out
}

func relationConnection(c domain.Connection[domain.Fact]) *model.RelationConnection {
	out := &model.RelationConnection{TotalCount: c.Total, TotalCountIsExact: !c.TotalCapped, Edges: []*model.RelationEdge{}, Nodes: []*model.Relation{},
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

// alliancePlan is the plan of the alliances field being resolved.
func alliancePlan(ctx context.Context) domain.AlliancePlan {
	pl := plannerOf(ctx)
	out := domain.AlliancePlan{Ally: domain.Plan{Fields: []string{}}, Coalitions: domain.Plan{Fields: []string{}},
		Facts: domain.Plan{Fields: []string{}}}
	for _, f := range pl.fields(graphql.GetFieldContext(ctx).Field.Selections, "Alliance") {
		switch f.Name {
		case "ally":
			out.Ally = out.Ally.Merge(pl.itemPlan("Entity", f.Selections))
		case "coalitions":
			out.Coalitions = out.Coalitions.Merge(pl.itemPlan("Coalition", f.Selections))
		case "relations":
			out.Facts = out.Facts.Merge(pl.itemPlan("Relation", f.Selections))
		case "firstSeen", "lastSeen":
			// The alliance's dates are its relations'.
			out.Facts = out.Facts.Merge(domain.Plan{Fields: []string{f.Name}})
		}
	}
	return out
}

// pathPlan is the plan of the path field being resolved: the entities
// along the paths (nodes, and hops' from and to) and the hops' relations.
func pathPlan(ctx context.Context) domain.PathPlan {
	pl := plannerOf(ctx)
	var nodes, hops ast.SelectionSet
	for _, f := range pl.fields(graphql.GetFieldContext(ctx).Field.Selections, "Path") {
		switch f.Name {
		case "nodes":
			nodes = append(nodes, f.Selections...)
		case "hops":
			hops = append(hops, f.Selections...)
			for _, h := range pl.fields(f.Selections, "Hop") {
				if h.Name == "from" || h.Name == "to" {
					nodes = append(nodes, h.Selections...)
				}
			}
		}
	}
	return domain.PathPlan{Nodes: pl.itemPlan("Entity", nodes), Facts: pl.itemPlan("Hop", hops)}
}

// wants reports whether the current field's selection asks for a field,
// so a connection counts its items only when totalCount is asked for.
func wants(ctx context.Context, field string) bool {
	return slices.Contains(graphql.CollectAllFields(ctx), field)
}

func relationFilter(f *model.RelationFilter) domain.RelationFilter {
	if f == nil {
		return domain.RelationFilter{}
	}
	return domain.RelationFilter{
		From: deref(f.From), To: deref(f.To), Types: f.Types,
		Since: f.Since.Start(), Until: f.Until.End(), MinConfidence: f.MinConfidence, MinSources: derefInt(f.MinSources),
	}
}

func graphModel(g domain.Subgraph) *model.Graph {
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

func allianceModel(a domain.Alliance) *model.Alliance {
	out := &model.Alliance{Ally: model.NewEntity(a.Ally), Direct: a.Direct,
		Coalitions: model.Entities[*model.Coalition](a.Coalitions), Relations: model.Relations(a.Facts)}
	for _, f := range a.Facts {
		out.FirstSeen = earliest(out.FirstSeen, f.FirstSeen)
		out.LastSeen = latest(out.LastSeen, f.LastSeen)
	}
	return out
}

func pathModel(p domain.Path) *model.Path {
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

func statsModel(s domain.Stats) *model.Stats {
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
