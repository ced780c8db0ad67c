package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
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

// neighbourhoodReader reads every relation of an entity (of the ontology's
// types, either way), once.
type neighbourhoodReader struct {
	ctx  context.Context
	t    *testing.T
	d    neo4j.DriverWithContext
	rels map[string][]storetest.Rel
}

func (r *neighbourhoodReader) of(id string) []storetest.Rel {
	if rs, ok := r.rels[id]; ok {
		return rs
	}
	res, err := neo4j.ExecuteQuery(r.ctx, r.d, `MATCH (x:Entity {id: $id})-[r:`+relationTypes()+`]-(:Entity)
		RETURN r.key AS key, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, r.confidence AS conf, r.sourceCount AS sources`,
		map[string]any{"id": id}, neo4j.EagerResultTransformer)
	if err != nil {
		r.t.Fatalf("the relations of %s: %v", id, err)
	}
	var rs []storetest.Rel
	for _, rec := range res.Records {
		m := rec.AsMap()
		x := storetest.Rel{Key: m["key"].(string), Type: m["type"].(string), From: m["from"].(string), To: m["to"].(string)}
		x.Confidence, _ = m["conf"].(float64)
		x.Sources, _ = m["sources"].(int64)
		rs = append(rs, x)
	}
	r.rels[id] = rs
	return rs
}

// checkNeighbourhood compares a neighborhood answer (the data of the
// query bench-hits sent) with the reference model (storetest.Neighbourhood,
// computed from every relation of the nodes met, with store.EdgeRange): the
// same nodes in the same order, the same edges in the same order, the
// relation that brought each node in among them.
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
	wantNodes, wantEdges, brought := storetest.Neighbourhood(r.of, c.centre, c.depth, c.limit, c.edgeLimit, store.EdgeRange)
	if !slices.Equal(nodes, wantNodes) {
		return fmt.Errorf("%s: nodes\n%v\nwant\n%v", c.name, nodes, wantNodes)
	}
	if !slices.Equal(edges, wantEdges) {
		return fmt.Errorf("%s: edges\n%v\nwant\n%v", c.name, edges, wantEdges)
	}
	if len(brought) <= c.edgeLimit {
		for n, key := range brought {
			if !slices.Contains(edges, key) {
				return fmt.Errorf("%s: %s was brought in by %s, which is not among the edges", c.name, n, key)
			}
		}
	}
	return nil
}
