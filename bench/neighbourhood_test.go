package bench

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// neighbourhoodCase is one neighbourhood bench-hits measures and checks.
type neighbourhoodCase struct {
	name         string
	centre       string
	depth, limit int
	edgeLimit    int // the query's default
}

func neighbourhoodCases(hub, meeter string) []neighbourhoodCase {
	return []neighbourhoodCase{
		{name: "hub's neighbourhood, depth 1, limit 50", centre: hub, depth: 1, limit: 50, edgeLimit: 200},
		{name: "hub's neighbourhood, depth 2, limit 50", centre: hub, depth: 2, limit: 50, edgeLimit: 200},
		{name: "most met person's neighbourhood, depth 2, limit 50", centre: meeter, depth: 2, limit: 50, edgeLimit: 200},
		{name: "hub's neighbourhood, depth 2, limit 200", centre: hub, depth: 2, limit: 200, edgeLimit: 200},
	}
}

// rel is a relation as the check reads it.
type rel struct {
	key, typ, from, to string
	conf               float64
	sources            int64
}

// stronger orders relations as docs/api.md says an entity's relations are
// ordered: the most confident first (to nine places, as the ranks keep
// it), then the best sourced, then by key. It reads the relations'
// properties, not their ranks.
func stronger(a, b *rel) int {
	ca, cb := int64(math.Round((1-a.conf)*1e9)), int64(math.Round((1-b.conf)*1e9))
	if c := cmp.Compare(ca, cb); c != 0 {
		return c
	}
	if c := cmp.Compare(b.sources, a.sources); c != 0 {
		return c
	}
	return cmp.Compare(a.key, b.key)
}

// neighbourhoodReader reads every relation of an entity (of the ontology's
// types, either way), once.
type neighbourhoodReader struct {
	ctx  context.Context
	t    *testing.T
	d    neo4j.DriverWithContext
	rels map[string][]*rel
}

func (r *neighbourhoodReader) of(id string) []*rel {
	if rs, ok := r.rels[id]; ok {
		return rs
	}
	res, err := neo4j.ExecuteQuery(r.ctx, r.d, `MATCH (x:Entity {id: $id})-[r:`+relationTypes()+`]-(:Entity)
		RETURN r.key AS key, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, r.confidence AS conf, r.sourceCount AS sources`,
		map[string]any{"id": id}, neo4j.EagerResultTransformer)
	if err != nil {
		r.t.Fatalf("the relations of %s: %v", id, err)
	}
	var rs []*rel
	for _, rec := range res.Records {
		m := rec.AsMap()
		x := &rel{key: m["key"].(string), typ: m["type"].(string), from: m["from"].(string), to: m["to"].(string)}
		x.conf, _ = m["conf"].(float64)
		x.sources, _ = m["sources"].(int64)
		rs = append(rs, x)
	}
	r.rels[id] = rs
	return rs
}

// expectNeighbourhood is the neighbourhood docs/api.md describes, computed
// from every relation of the nodes met: level by level, the new entities
// ordered by the strongest relation joining them to the level before, up
// to limit nodes with the centre; then its edges: the relations among the
// nodes that are among the max(limit, 50) strongest of their type and
// direction at one of their ends, the strongest first, up to edgeLimit.
func expectNeighbourhood(r *neighbourhoodReader, c neighbourhoodCase) (nodes, edges []string) {
	seen := map[string]bool{c.centre: true}
	nodes = []string{c.centre}
	frontier := []string{c.centre}
	for d := 1; d <= c.depth && len(nodes) < c.limit; d++ {
		best := map[string]*rel{}
		for _, f := range frontier {
			for _, x := range r.of(f) {
				other := x.to
				if other == f {
					other = x.from
				}
				if seen[other] {
					continue
				}
				if b := best[other]; b == nil || stronger(x, b) < 0 {
					best[other] = x
				}
			}
		}
		var next []string
		for m := range best {
			next = append(next, m)
		}
		slices.SortFunc(next, func(a, b string) int {
			if c := stronger(best[a], best[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		next = next[:min(len(next), c.limit-len(nodes))]
		for _, m := range next {
			seen[m] = true
		}
		nodes, frontier = append(nodes, next...), next
	}

	perNode := max(c.limit, 50)
	// Each node's relations of each type and direction, strongest first:
	// a relation is among those read where its place at either end is
	// within perNode.
	within := map[string]bool{}
	among := map[string]*rel{}
	for _, n := range nodes {
		lists := map[string][]*rel{}
		for _, x := range r.of(n) {
			if x.from == n {
				lists[">"+x.typ] = append(lists[">"+x.typ], x)
			}
			if x.to == n {
				lists["<"+x.typ] = append(lists["<"+x.typ], x)
			}
			if seen[x.from] && seen[x.to] {
				among[x.key] = x
			}
		}
		for _, l := range lists {
			slices.SortFunc(l, stronger)
			for _, x := range l[:min(len(l), perNode)] {
				within[x.key] = true
			}
		}
	}
	var es []*rel
	for k, x := range among {
		if within[k] {
			es = append(es, x)
		}
	}
	slices.SortFunc(es, stronger)
	for _, x := range es[:min(len(es), c.edgeLimit)] {
		edges = append(edges, x.key)
	}
	return nodes, edges
}

// checkNeighbourhood compares a neighborhood answer (the data of the
// query bench-hits sent) with expectNeighbourhood: the same nodes in the
// same order, the same edges in the same order.
func checkNeighbourhood(r *neighbourhoodReader, c neighbourhoodCase, data any) error {
	b, _ := json.Marshal(data)
	var answer struct {
		Neighborhood struct {
			Nodes []struct{ ID string }
			Edges []struct{ ID string }
		}
	}
	if err := json.Unmarshal(b, &answer); err != nil {
		return fmt.Errorf("%s: reading the answer: %v", c.name, err)
	}
	var nodes, edges []string
	for _, n := range answer.Neighborhood.Nodes {
		nodes = append(nodes, n.ID)
	}
	for _, e := range answer.Neighborhood.Edges {
		edges = append(edges, e.ID)
	}
	wantNodes, wantEdges := expectNeighbourhood(r, c)
	if !slices.Equal(nodes, wantNodes) {
		return fmt.Errorf("%s: nodes\n%v\nwant\n%v", c.name, nodes, wantNodes)
	}
	if !slices.Equal(edges, wantEdges) {
		return fmt.Errorf("%s: edges\n%v\nwant\n%v", c.name, edges, wantEdges)
	}
	return nil
}
