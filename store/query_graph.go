package store

import (
	"context"
	"fmt"

	"github.com/netagraph/netagraph/domain"
)

// The limits of the graph reads (domain.MaxPathHops and the others) are
// checked before any Cypher is built: the numbers among them are the only
// values written into statements.
const (
	MaxPathHops      = domain.MaxPathHops
	MaxDepth         = domain.MaxDepth
	MaxNeighbourhood = domain.MaxNeighbourhood
	MaxGraphEdgesOf  = domain.MaxGraphEdgesOf
	MaxGraphEdges    = domain.MaxGraphEdges
	// EdgeRange is how many of each node's strongest relations of each
	// type and direction a neighbourhood reads to find its edges
	// (store/cypher/graph.cypher): a relation among the nodes is an edge
	// when it brought one of them in or is among the EdgeRange strongest
	// of its type and direction at one of its ends. Chosen from
	// measurements (docs/api.md, "The neighbourhood's database hits").
	EdgeRange = 10
	// maxPathsRanked bounds the shortest paths found before they are ranked.
	maxPathsRanked = 1000
)

// Paths returns the shortest chains of relations of the given types (all
// when none) between the entities from and to name, ignoring direction, at
// most maxHops long; the strongest first (by the sum over hops of
// confidence times log sources), then by id. Two names for one entity give
// no path.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops int, types []domain.RelationType, p domain.Page, plan domain.PathPlan) ([]domain.Path, error) {
	if maxHops < 1 || maxHops > MaxPathHops {
		return nil, domain.Errorf(domain.EINVALID, "maxHops must be between 1 and %d", MaxPathHops)
	}
	rels, err := typesOrAll(types)
	if err != nil {
		return nil, err
	}
	a, b := ref{"from", from}, ref{"to", to}
	c := newCompiler()
	params := pageParams(p, c.params)
	params["limit"] = maxPathsRanked
	pathNodes, nodeLists, err := c.eachOf("row.ns", "n", plan.Nodes, nodeMap)
	if err != nil {
		return nil, err
	}
	pathFacts, factLists, err := c.eachOf("row.rs", "r", plan.Facts, factMap)
	if err != nil {
		return nil, err
	}
	if err := a.params(params); err != nil {
		return nil, err
	}
	if err := b.params(params); err != nil {
		return nil, err
	}
	statement := cypher("paths", struct {
		Resolve, Types, Nodes, Facts string
		MaxHops                      int
	}{a.resolve("a", "") + b.resolve("b", "", "a"), rels, pathNodes, pathFacts, maxHops})
	recs, err := s.query(ctx, statement, params)
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	if len(recs) == 0 {
		return nil, notFound(from, to)
	}
	var out []domain.Path
	for _, v := range asList(recs[0].AsMap()["paths"]) {
		m, _ := v.(map[string]any)
		path := domain.Path{ID: asString(m["id"]), Nodes: nodesWith(m["nodes"], nodeLists)}
		for _, f := range asList(m["facts"]) {
			path.Facts = append(path.Facts, factWith(f, factLists))
		}
		out = append(out, path)
	}
	return out, nil
}

// Neighbourhood returns the entities within depth hops of the entity named
// by centre, along relations of the given types (all when none), and the
// relations among them: the nearest first, then those joined to the level
// before by the strongest relation (the most confident, then the best
// sourced, then by key, as an entity's relations are listed), up to limit
// nodes with the centre. Its edges are the relations among the nodes that
// brought a node in (that strongest relation) or that are among the
// EdgeRange strongest of their type that their start has (of a symmetric
// type, MET or ALLIED_WITH, that either end has); the bringing ones kept
// first, then the strongest others, up to edgeLimit, listed the strongest
// first. The work is bounded by the limits and EdgeRange, not by the
// degrees of the hubs met: each level reads at most limit of a frontier
// node's relations of each type and direction, and the edges EdgeRange of
// each node's of each type, from the rank indexes
// (store/cypher/graph.cypher).
func (s *Store) Neighbourhood(ctx context.Context, centre string, depth int, types []domain.RelationType, limit, edgeLimit int) (domain.Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return domain.Subgraph{}, domain.Errorf(domain.EINVALID, "depth must be between 1 and %d", MaxDepth)
	}
	if limit < 1 || limit > MaxNeighbourhood {
		return domain.Subgraph{}, domain.Errorf(domain.EINVALID, "limit must be between 1 and %d", MaxNeighbourhood)
	}
	if edgeLimit < 0 || edgeLimit > MaxGraphEdgesOf {
		return domain.Subgraph{}, domain.Errorf(domain.EINVALID, "edgeLimit must be between 0 and %d", MaxGraphEdgesOf)
	}
	if len(types) == 0 {
		types = domain.RelationTypes
	}
	if _, err := typeExpr(types); err != nil {
		return domain.Subgraph{}, err
	}
	type relType struct {
		Name      string
		Symmetric bool
	}
	names := make([]relType, len(types))
	for i, t := range types {
		names[i] = relType{identifier(string(t)), t.Symmetric()}
	}
	c := ref{"centre", centre}
	params := map[string]any{"limit": limit, "edgeLimit": edgeLimit, "perRange": EdgeRange}
	if err := c.params(params); err != nil {
		return domain.Subgraph{}, err
	}
	levels := make([]int, depth)
	for i := range levels {
		levels[i] = i + 1
	}
	statement := cypher("neighbourhood", struct {
		Resolve string
		Levels  []int
		Types   []relType
	}{c.resolve("c", ""), levels, names})
	recs, err := s.query(ctx, statement, params)
	if err != nil {
		return domain.Subgraph{}, fmt.Errorf("neighbourhood: %w", err)
	}
	if len(recs) == 0 {
		return domain.Subgraph{}, notFound(centre)
	}
	return subgraph(recs[0].AsMap()), nil
}

// Graph returns the relations matching f, the best sourced first, up to
// f.Limit, and the entities they join.
func (s *Store) Graph(ctx context.Context, f domain.GraphFilter) (domain.Subgraph, error) {
	if f.Limit < 1 || f.Limit > MaxGraphEdges {
		return domain.Subgraph{}, domain.Errorf(domain.EINVALID, "limit must be between 1 and %d", MaxGraphEdges)
	}
	rels, err := typesOrAll(f.Types)
	if err != nil {
		return domain.Subgraph{}, err
	}
	ends := "Entity"
	if len(f.EntityTypes) > 0 {
		if ends, err = labelExpr(f.EntityTypes...); err != nil {
			return domain.Subgraph{}, err
		}
	}
	params := map[string]any{"limit": f.Limit}
	cond := relationFilter(domain.RelationFilter{Since: f.Since, Until: f.Until, MinConfidence: f.MinConfidence, MinSources: f.MinSources}, params)
	if cond == "" {
		cond = "true"
	}
	if len(f.Entities) > 0 {
		var refs []map[string]any
		for _, e := range f.Entities {
			m := map[string]any{}
			if err := (ref{"id", e}).params(m); err != nil {
				return domain.Subgraph{}, err
			}
			refs = append(refs, map[string]any{"id": m["id"], "key": m["idKey"]})
		}
		params["refs"] = refs
	}
	statement := cypher("graph", struct {
		Entities                bool
		Types, Ends, Cond, Node string
	}{len(f.Entities) > 0, rels, ends, cond, nodeMap("n", domain.Plan{}, "")})
	recs, err := s.query(ctx, statement, params)
	if err != nil {
		return domain.Subgraph{}, fmt.Errorf("graph: %w", err)
	}
	if len(recs) == 0 {
		if len(f.Entities) > 0 {
			return domain.Subgraph{}, notFound(f.Entities...)
		}
		return domain.Subgraph{}, nil
	}
	m := recs[0].AsMap()
	if len(f.Entities) > 0 {
		found := map[string]bool{}
		for _, v := range asList(m["found"]) {
			found[asString(v)] = true
		}
		var missing []string
		for _, e := range f.Entities {
			if !found[e] {
				missing = append(missing, e)
			}
		}
		if len(missing) > 0 {
			return domain.Subgraph{}, notFound(missing...)
		}
	}
	return subgraph(m), nil
}

func subgraph(m map[string]any) domain.Subgraph {
	var g domain.Subgraph
	for _, v := range asList(m["nodes"]) {
		x, _ := v.(map[string]any)
		n := domain.GraphNode{Node: node(x["node"])}
		if d, ok := x["depth"].(int64); ok {
			depth := int(d)
			n.Depth = &depth
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, v := range asList(m["edges"]) {
		e, _ := v.(map[string]any)
		g.Edges = append(g.Edges, domain.Edge{
			Key: asString(e["key"]), Type: domain.RelationType(asString(e["type"])),
			From: asString(e["from"]), To: asString(e["to"]),
			SourceCount: int(asInt(e["sourceCount"])), Confidence: asFloat(e["confidence"]),
		})
	}
	return g
}
