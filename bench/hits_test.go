package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/store/storetest"
)

// TestBenchHits is `make bench-hits`: the database hits (by PROFILE) of one
// request of each of the hub queries of issue 11 on the graph in the bench
// Neo4j, as loaded (nothing is loaded or wiped). Database hits do not move
// with the machine's load, so two graphs or two versions compare on them
// where timings would not. Each neighbourhood's answer is checked against
// one computed from every relation of its nodes (storetest.Neighbourhood). With NETAGRAPH_BENCH_HITS_OUT set it writes the
// answers there (JSON), to compare two versions' answers.
//
// Runs only when NETAGRAPH_BENCH_HITS=1.
func TestBenchHits(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_HITS") != "1" {
		t.Skip("the hits benchmark runs with NETAGRAPH_BENCH_HITS=1 (make bench-hits)")
	}
	ctx := context.Background()
	uri, _, _ := neo4jConfig(t)
	driver := openDriver(t)
	tap, err := newBoltTap(boltAddr(t, uri))
	if err != nil {
		t.Fatal(err)
	}
	defer tap.close()
	srv := netagraphServer(t, "netagraph (tapped)", tap.uri())
	client := loadgen.Client(1)
	hub := biggestHub(ctx, t, driver)
	meeter := mostMet(ctx, t, driver)
	fmt.Println(corpusLine(ctx, t, driver))
	fmt.Printf("hub %s (degree %d), most met %s (degree %d)\n", hub, degree(ctx, t, driver, hub), meeter, degree(ctx, t, driver, meeter))

	// The second page of a stance list starts after the first's last.
	b, err := loadgen.Post(client, srv.url, graphqlBody(`{ party(id: "`+hub+`") { stances(types: [OPPOSES, CRITICIZED], first: 5) { relation { id } } } }`))
	if err != nil {
		t.Fatal(err)
	}
	var first struct {
		Data struct {
			Party struct {
				Stances []struct{ Relation struct{ ID string } }
			}
		}
	}
	if err := json.Unmarshal(b, &first); err != nil || len(first.Data.Party.Stances) == 0 {
		t.Fatalf("the hub's first stances: %v (%s)", err, b)
	}
	after := first.Data.Party.Stances[len(first.Data.Party.Stances)-1].Relation.ID

	answers := map[string]any{}
	fmt.Printf("%-58s %10s %5s\n", "query", "db hits", "stmts")
	for _, q := range hitsQueries(hub, meeter, after) {
		body := graphqlBody(q.query)
		b, err := loadgen.Post(client, srv.url, body)
		if err != nil {
			// Reported, not fatal: a version may time out on a query
			// another answers.
			fmt.Printf("%-58s %v\n", q.name, err)
			answers[q.name] = err.Error()
			continue
		}
		var resp struct{ Data any }
		if err := json.Unmarshal(b, &resp); err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		answers[q.name] = resp.Data
		time.Sleep(100 * time.Millisecond)
		tap.take()
		if _, err := loadgen.Post(client, srv.url, body); err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		time.Sleep(100 * time.Millisecond)
		var hits int64
		n := 0
		for _, s := range tap.take() {
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s.cypher)), "EXPLAIN") {
				continue
			}
			h, err := profile(ctx, driver, s)
			if err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			hits += h
			n++
			if os.Getenv("NETAGRAPH_BENCH_SHOW_CYPHER") == "1" {
				fmt.Printf("--- %s\n%s\n", q.name, s.cypher)
			}
		}
		fmt.Printf("%-58s %10d %5d\n", q.name, hits, n)
	}
	// Each neighbourhood's answer against one computed from every relation
	// of its nodes.
	reader := &neighbourhoodReader{ctx: ctx, t: t, d: driver, rels: map[string][]storetest.Rel{}}
	for _, c := range neighbourhoodCases(hub, meeter) {
		if _, ok := answers[c.name].(string); ok {
			continue // an error, reported above
		}
		if err := checkNeighbourhood(reader, c, answers[c.name]); err != nil {
			t.Error(err)
		} else {
			fmt.Printf("%s: the same nodes and edges, in the same order, as computed from every relation of its nodes\n", c.name)
		}
	}
	if out := os.Getenv("NETAGRAPH_BENCH_HITS_OUT"); out != "" {
		b, _ := json.MarshalIndent(answers, "", " ")
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hitsQueries are the party queries of the API and scale benches, relation
// lists and pages of a hub with symmetric relations stored towards it.
func hitsQueries(hub, meeter, after string) []scaleQuery {
	party := func(ref string) string {
		return `{ party(` + ref + `) { name nameHi leaders { name } allies { name }
			stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`
	}
	qs := []scaleQuery{
		{"party SP: leaders, allies, stances, 3 evidence each", party(`name: "SP"`)},
		{"party (hub): leaders, allies, stances, 3 evidence each", party(`id: "` + hub + `"`)},
		{"hub's leaders", `{ party(id: "` + hub + `") { leaders { name } } }`},
		{"hub's allies", `{ party(id: "` + hub + `") { allies { name } } }`},
		{"hub's stances (20) with 3 evidence each", `{ party(id: "` + hub + `") { stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`},
		{"hub's stances OPPOSES, CRITICIZED, 2nd page", `{ party(id: "` + hub + `") { stances(types: [OPPOSES, CRITICIZED], first: 5, after: "` + after + `") { type target { id } confidence sourceCount } } }`},
		{"relations page from the hub with totalCount", `{ relations(filter: {from: "` + hub + `"}, first: 20) { totalCount pageInfo { hasNextPage endCursor }
			edges { node { type from { name } to { name } confidence sourceCount lastSeen } } } }`},
		{"hub's MET, ALLIED_WITH relations page with totalCount", `{ relations(filter: {from: "` + hub + `", types: [MET, ALLIED_WITH]}, first: 20) { totalCount
			edges { node { type from { id } to { id } confidence sourceCount } } } }`},
		{"most met person's MET, ALLIED_WITH list, 2 evidence", `{ person(id: "` + meeter + `") { relations(types: [MET, ALLIED_WITH], first: 20) {
			type from { id } to { id } confidence sourceCount evidence(first: 2) { sentence } } } }`},
		{"hub's relations since 2020 with totalCount", `{ relations(filter: {from: "` + hub + `", since: "2020-01-01"}, first: 20) { totalCount
			edges { node { type to { id } } } } }`},
	}
	for _, c := range neighbourhoodCases(hub, meeter) {
		qs = append(qs, scaleQuery{c.name, neighbourhood(c.centre, c.depth, c.limit)})
	}
	return qs
}

// neighbourhood is the neighborhood query of bench-scale with the given
// depth and limit (edgeLimit its default, 200).
func neighbourhood(id string, depth, limit int) string {
	return fmt.Sprintf(`{ neighborhood(id: "%s", depth: %d, limit: %d) { nodes { id label type weight depth } edges { id source target type weight } } }`, id, depth, limit)
}

// mostMet is the person with the most MET relations.
func mostMet(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (p:Person) RETURN p.id AS id ORDER BY COUNT { (p)-[:MET]-() } DESC, p.id LIMIT 1`,
		nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		t.Fatalf("finding the most met person: %v", err)
	}
	id, _ := res.Records[0].Values[0].(string)
	return id
}
