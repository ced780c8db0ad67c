package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
	cypher := a.resolve("a", "") + b.resolve("b", "", "a") + `
		CALL (a, b) {
			WITH a, b WHERE a <> b
			MATCH p = allShortestPaths((a)-[:` + rels + `*..` + strconv.Itoa(maxHops) + `]-(b))
			WITH p LIMIT $limit
			WITH p, reduce(s = 0.0, r IN relationships(p) | s + r.confidence * log(1 + r.sourceCount)) AS strength,
				reduce(s = '', r IN relationships(p) | s + '>' + r.key) AS id
			ORDER BY strength DESC, id
			WITH collect({id: substring(id, 1), ns: nodes(p), rs: relationships(p)}) AS xs
			UNWIND ` + paged("xs", "id") + ` AS row
			WITH row` + pathNodes + pathFacts + `
			RETURN collect({id: row.id, nodes: n_items, facts: r_items}) AS paths
		}
		RETURN paths`
	recs, err := s.query(ctx, cypher, params)
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
// relations among them: the nearest first, then the most mentioned, up to
// limit nodes with the centre; of the relations, the best sourced, up to
// edgeLimit (the most mentioned entities are hubs, and fifty of them can
// share thousands). Each level is found from the one before, so a hub at
// depth one costs its degree, not its degree's square.
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
	rels, err := typesOrAll(types)
	if err != nil {
		return domain.Subgraph{}, err
	}
	c := ref{"centre", centre}
	params := map[string]any{"limit": limit, "edgeLimit": edgeLimit}
	if err := c.params(params); err != nil {
		return domain.Subgraph{}, err
	}
	var b strings.Builder
	b.WriteString(c.resolve("c", "") + `
		WITH [c] AS seen, [0] AS depths, [c] AS frontier`)
	for d := 1; d <= depth; d++ {
		fmt.Fprintf(&b, `
		CALL (seen, frontier) {
			WITH seen, frontier WHERE size(seen) < $limit
			UNWIND frontier AS f
			MATCH (f)-[:%s]-(m:Entity)
			WITH DISTINCT m WHERE NOT m IN seen
			WITH m ORDER BY m.mentionCount DESC, m.id LIMIT $limit
			RETURN collect(m) AS found
		}
		WITH seen, depths, CASE WHEN $limit > size(seen) THEN found[..$limit - size(seen)] ELSE [] END AS next
		WITH seen + next AS seen, depths + [x IN next | %d] AS depths, next AS frontier`, rels, d)
	}
	// The edges among the nodes. A hub's relationships are mostly
	// PARTICIPATED_IN events; those (and HELD_IN) are found from the few
	// events among the nodes instead, whose degree is small.
	var union []string
	if others := eventless(types); len(others) > 0 {
		t, _ := typeExpr(others)
		union = append(union, `UNWIND [n IN seen WHERE NOT n:Event] AS x MATCH (x)-[r:`+t+`]->(y) WHERE y IN seen RETURN x, r, y`)
	}
	if len(types) == 0 || slices.Contains(types, domain.ParticipatedIn) {
		union = append(union, `UNWIND [n IN seen WHERE n:Event] AS y MATCH (x)-[r:PARTICIPATED_IN]->(y) WHERE x IN seen RETURN x, r, y`)
	}
	if len(types) == 0 || slices.Contains(types, domain.HeldIn) {
		union = append(union, `UNWIND [n IN seen WHERE n:Event] AS x MATCH (x)-[r:HELD_IN]->(y) WHERE y IN seen RETURN x, r, y`)
	}
	fmt.Fprintf(&b, `
		CALL (seen) {
			CALL (seen) { %s }
			WITH x, r, y ORDER BY r.sourceCount DESC, r.confidence DESC, r.key LIMIT $edgeLimit
			RETURN collect({key: r.key, type: type(r), from: x.id, to: y.id, sourceCount: r.sourceCount, confidence: r.confidence}) AS edges
		}
		RETURN [i IN range(0, size(seen) - 1) | {node: %s, depth: depths[i]}] AS nodes, edges`,
		strings.Join(union, " UNION ALL "), neighbourhoodNode("seen[i]"))
	recs, err := s.query(ctx, b.String(), params)
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
	var cypher string
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
		cypher = `
		UNWIND $refs AS ref
		CALL (ref) {
			MATCH (x:Entity {id: ref.id}) RETURN x, 0 AS rank
			UNION ALL
			CALL db.index.fulltext.queryNodes('entity_keys', ref.key) YIELD node AS x
			RETURN x, 1 AS rank
		}
		WITH ref, x ORDER BY rank, x.mentionCount DESC, x.id
		WITH ref, head(collect(x)) AS x
		WITH collect(x) AS es, collect(ref.id) AS found
		CALL (es) {
			UNWIND es AS e
			MATCH (e)-[r:` + rels + `]-(:Entity)
			WITH DISTINCT r
			WITH r, startNode(r) AS a, endNode(r) AS b
			WHERE a:` + ends + ` AND b:` + ends + ` AND ` + cond + `
			WITH r ORDER BY r.sourceCount DESC, r.confidence DESC, r.key LIMIT $limit
			RETURN collect(r) AS rs
		}`
	} else {
		cypher = `
		CALL () {
			MATCH (a:` + ends + `)-[r:` + rels + `]->(b:` + ends + `)
			WHERE ` + cond + `
			WITH r ORDER BY r.sourceCount DESC, r.confidence DESC, r.key LIMIT $limit
			RETURN collect(r) AS rs
		}
		WITH [] AS found, rs`
	}
	cypher += `
		WITH found, rs, reduce(ns = [], r IN rs | ns + [startNode(r), endNode(r)]) AS ends
		UNWIND (CASE WHEN ends = [] THEN [null] ELSE ends END) AS n
		WITH found, rs, n ORDER BY n.mentionCount DESC, n.id
		WITH found, rs, collect(DISTINCT n) AS ns
		RETURN found, [n IN ns | {node: ` + nodeMap("n", domain.Plan{}, "") + `}] AS nodes,
			[r IN rs | {key: r.key, type: type(r), from: startNode(r).id, to: endNode(r).id,
				sourceCount: r.sourceCount, confidence: r.confidence}] AS edges`
	recs, err := s.query(ctx, cypher, params)
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

// eventless is types (every ontology type when none) but those that end at
// or start from an event.
func eventless(types []domain.RelationType) []domain.RelationType {
	if len(types) == 0 {
		types = domain.RelationTypes
	}
	var out []domain.RelationType
	for _, t := range types {
		if t != domain.ParticipatedIn && t != domain.HeldIn {
			out = append(out, t)
		}
	}
	return out
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

// neighbourhoodNode projects the node expression x (an element of a list,
// which a map projection cannot take) for node().
func neighbourhoodNode(x string) string {
	var b strings.Builder
	b.WriteString("{")
	for _, p := range []string{"id", "name", "nameHi", "aliases", "mentionCount", "confidence", "kind", "date"} {
		b.WriteString(p + ": " + x + "." + p + ", ")
	}
	b.WriteString("labels: labels(" + x + ")}")
	return b.String()
}
