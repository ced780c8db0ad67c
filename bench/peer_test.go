package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/internal/loadgen"
)

// TestBenchPeer is `make bench-peer`: netagraph against the official Neo4j
// GraphQL Library (@neo4j/graphql on @apollo/server, bench/peer), both
// serving the graph the Makefile loaded into the bench Neo4j, on the same
// queries with the same answers.
//
// For each query it first checks that both answer the same (each answer
// normalised to one shape), records the statements each sends for one
// request (through boltTap, a proxy that reads Bolt's RUN messages) and
// PROFILEs them for their database hits. Then, in interleaved rounds, it
// sends each side NETAGRAPH_BENCH_REQUESTS requests (default 500) from
// NETAGRAPH_BENCH_CONCURRENCY clients (default 16), as `hey -n -c` would,
// and reports latency, throughput and the CPU Neo4j and each server spent
// per request (from /proc).
//
// Runs only when NETAGRAPH_BENCH_PEER=1; NETAGRAPH_BENCH_PEER_DIR is where
// the Makefile installed the peer (bench/peer with its node_modules).
func TestBenchPeer(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_PEER") != "1" {
		t.Skip("the peer benchmark runs with NETAGRAPH_BENCH_PEER=1 (make bench-peer)")
	}
	peerDir := os.Getenv("NETAGRAPH_BENCH_PEER_DIR")
	if peerDir == "" {
		t.Fatal("NETAGRAPH_BENCH_PEER_DIR is not set: run make bench-peer")
	}
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 500)
	concurrency := loadgen.EnvInt("NETAGRAPH_BENCH_CONCURRENCY", 16)
	rounds := loadgen.EnvInt("NETAGRAPH_BENCH_ROUNDS", 3)
	only := os.Getenv("NETAGRAPH_BENCH_ONLY")
	ctx := context.Background()

	uri, _, _ := neo4jConfig(t)
	driver := openDriver(t)
	// Each side's tapped server has a tap of its own.
	var taps [2]*boltTap
	for i := range taps {
		tap, err := newBoltTap(boltAddr(t, uri))
		if err != nil {
			t.Fatal(err)
		}
		defer tap.close()
		taps[i] = tap
	}
	sides := [2]side{
		{name: "netagraph", direct: netagraphServer(t, "netagraph", uri), tapped: netagraphServer(t, "netagraph (tapped)", taps[0].uri())},
		{name: "peer", direct: peerServer(t, peerDir, uri), tapped: peerServer(t, peerDir, taps[1].uri())},
	}
	fmt.Println(corpusLine(ctx, t, driver))

	client := loadgen.Client(concurrency)
	neo := neo4jPID(t)
	var queries []peerQuery
	for _, q := range peerQueries {
		if only == "" || strings.Contains(q.name, only) {
			queries = append(queries, q)
		}
	}

	// Same answers, and the statements behind them.
	type cost struct {
		statements [2]int
		hits       [2]int64
		hitsErr    [2]error
		cypher     [2][]string
	}
	costs := make([]cost, len(queries))
	for qi, q := range queries {
		var answers [2]any
		for si := range sides {
			body := graphqlBody(q.query[si])
			b, err := loadgen.Post(client, sides[si].direct.url, body)
			if err != nil {
				t.Fatalf("%s, %s: %v", q.name, sides[si].name, err)
			}
			var resp struct{ Data map[string]any }
			if err := json.Unmarshal(b, &resp); err != nil {
				t.Fatalf("%s, %s: %v", q.name, sides[si].name, err)
			}
			answers[si] = q.normalise[si](resp.Data)
			// Once to warm the tapped server, once recorded.
			if _, err := loadgen.Post(client, sides[si].tapped.url, body); err != nil {
				t.Fatalf("%s, %s (tapped): %v", q.name, sides[si].name, err)
			}
			time.Sleep(100 * time.Millisecond)
			tap := taps[si]
			tap.take()
			if _, err := loadgen.Post(client, sides[si].tapped.url, body); err != nil {
				t.Fatalf("%s, %s (tapped): %v", q.name, sides[si].name, err)
			}
			time.Sleep(100 * time.Millisecond)
			var stmts []statement
			for _, s := range tap.take() {
				// A request runs its statements; EXPLAIN is a server
				// preparing plans (netagraph's warm-up), not answering.
				if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s.cypher)), "EXPLAIN") {
					stmts = append(stmts, s)
				}
			}
			costs[qi].statements[si] = len(stmts)
			for _, s := range stmts {
				costs[qi].cypher[si] = append(costs[qi].cypher[si], s.cypher)
				h, err := profile(ctx, driver, s)
				if err != nil && costs[qi].hitsErr[si] == nil {
					costs[qi].hitsErr[si] = err
				}
				costs[qi].hits[si] += h
			}
		}
		if !reflect.DeepEqual(answers[0], answers[1]) {
			a, _ := json.MarshalIndent(answers[0], "", " ")
			b, _ := json.MarshalIndent(answers[1], "", " ")
			t.Fatalf("%s: the answers differ\nnetagraph: %s\npeer: %s", q.name, a, b)
		}
		if loadgen.Empty(answers[0]) {
			t.Fatalf("%s: the corpus does not answer it", q.name)
		}
		if os.Getenv("NETAGRAPH_BENCH_SHOW_CYPHER") == "1" {
			for si := range sides {
				fmt.Printf("--- %s, %s: %d statements\n%s\n", q.name, sides[si].name, costs[qi].statements[si],
					strings.Join(costs[qi].cypher[si], "\n;\n"))
			}
		}
	}

	// Warm both: plans cached, connections open, JIT done.
	for _, q := range queries {
		for si := range sides {
			if r := load(client, sides[si].direct.url, graphqlBody(q.query[si]), max(requests/4, 50), concurrency); r.Err != nil {
				t.Logf("%s, %s, warming: %d failed, the first: %v", q.name, sides[si].name, r.Failed, r.Err)
			}
		}
	}

	// Interleaved rounds: every query on both sides in each, the side that
	// goes first alternating.
	results := make([][][2]loadgen.Run, len(queries)) // query, round, side
	for round := range rounds {
		for qi, q := range queries {
			var rs [2]loadgen.Run
			order := []int{0, 1}
			if round%2 == 1 {
				order = []int{1, 0}
			}
			for _, si := range order {
				rs[si] = load(client, sides[si].direct.url, graphqlBody(q.query[si]), requests, concurrency,
					neo, sides[si].direct.cmd.Process.Pid)
				if rs[si].Err != nil {
					t.Errorf("%s, %s, round %d: %d of %d requests failed, the first: %v",
						q.name, sides[si].name, round+1, rs[si].Failed, requests, rs[si].Err)
				}
			}
			results[qi] = append(results[qi], rs)
		}
	}

	fmt.Printf("\n%d requests per query, side and round, concurrency %d, %d rounds; load average at the end %s\n\n",
		requests, concurrency, rounds, loadgen.LoadAverage())
	fmt.Println("| query | round | netagraph p50 / p99 | peer p50 / p99 | netagraph req/s | peer req/s | req/s netagraph ÷ peer | Neo4j CPU per request, netagraph / peer | Neo4j CPU netagraph ÷ peer | server CPU per request, netagraph / peer |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for qi, q := range queries {
		for round, rs := range results[qi] {
			n, p := rs[0], rs[1]
			fmt.Printf("| %s | %d | %s / %s ms | %s / %s ms | %.0f | %.0f | %.2f | %s / %s ms | %s | %s / %s ms |\n",
				q.name, round+1, ms(n.Pct(50)), ms(n.Pct(99)), ms(p.Pct(50)), ms(p.Pct(99)),
				n.Rate(), p.Rate(), n.Rate()/p.Rate(),
				cpuMS(n, 0, neo), cpuMS(p, 0, neo), cpuRatio(n, p, neo), ms(n.CPUPer(1)), ms(p.CPUPer(1)))
		}
	}
	fmt.Println()
	fmt.Println("Medians over the rounds, with each query's statements and database hits per request:")
	fmt.Println()
	fmt.Println("| query | netagraph p50 / req/s | peer p50 / req/s | req/s netagraph ÷ peer | statements, netagraph / peer | db hits, netagraph / peer | db hits netagraph ÷ peer | Neo4j CPU netagraph ÷ peer |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for qi, q := range queries {
		c := costs[qi]
		hits := func(si int) string {
			if c.hitsErr[si] != nil {
				return fmt.Sprintf("%d (incomplete: %v)", c.hits[si], c.hitsErr[si])
			}
			return fmt.Sprint(c.hits[si])
		}
		rs := results[qi]
		med := func(f func([2]loadgen.Run) float64) float64 {
			xs := make([]float64, len(rs))
			for i, r := range rs {
				xs[i] = f(r)
			}
			slices.Sort(xs)
			return xs[len(xs)/2]
		}
		p50 := func(si int) float64 {
			return med(func(r [2]loadgen.Run) float64 { return float64(r[si].Pct(50).Microseconds()) / 1000 })
		}
		rate := func(si int) float64 { return med(func(r [2]loadgen.Run) float64 { return r[si].Rate() }) }
		cpu := "n/a"
		if neo != 0 {
			cpu = fmt.Sprintf("%.2f", med(func(r [2]loadgen.Run) float64 { return float64(r[0].CPUPer(0)) / float64(max(r[1].CPUPer(0), 1)) }))
		}
		fmt.Printf("| %s | %.1f ms / %.0f | %.1f ms / %.0f | %.2f | %d / %d | %s / %s | %.2f | %s |\n", q.name,
			p50(0), rate(0), p50(1), rate(1), med(func(r [2]loadgen.Run) float64 { return r[0].Rate() / r[1].Rate() }),
			c.statements[0], c.statements[1], hits(0), hits(1), float64(c.hits[0])/float64(c.hits[1]), cpu)
	}
	fmt.Println("\nstatements: RUN messages on Bolt for one request (boltTap); db hits: the sum over those statements' PROFILE plans;")
	fmt.Println("CPU: /proc/<pid>/stat user+system time of the Neo4j and server processes over a run, divided by its requests.")
}

// side is one implementation: a server measured, and one whose Neo4j
// connections go through the tap, for counting statements.
type side struct {
	name           string
	direct, tapped *server
}

func peerServer(t *testing.T, dir, neo4jURI string) *server {
	t.Helper()
	script := filepath.Join(dir, "server.js")
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		t.Fatalf("no node_modules in %s: run make bench-peer (it installs the peer with npm)", dir)
	}
	port := freePort(t)
	cmd := exec.Command("node", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NEO4J_URI="+neo4jURI, fmt.Sprintf("PORT=%d", port), "NODE_ENV=production")
	return startServer(t, "peer", port, cmd)
}

func cpuMS(r loadgen.Run, i, pid int) string {
	if pid == 0 {
		return "n/a"
	}
	return ms(r.CPUPer(i))
}

func cpuRatio(n, p loadgen.Run, pid int) string {
	if pid == 0 || p.CPU[0] == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(n.CPUPer(0))/float64(p.CPUPer(0)))
}

// corpusLine says what the graph holds, from Neo4j's count store.
func corpusLine(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, `RETURN COUNT { (:Article) } AS articles, COUNT { (:Entity) } AS entities,
		COUNT { ()-[]->() } AS relationships, COUNT { (:Evidence) } AS evidence`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Records[0].AsMap()
	return fmt.Sprintf("graph: %d articles, %d entities, %d relationships (evidence and mentions included), %d evidence nodes",
		m["articles"], m["entities"], m["relationships"], m["evidence"])
}

// peerQuery is one query as each side asks it ([netagraph, peer]), and how
// each side's data is normalised to the same shape.
type peerQuery struct {
	name      string
	query     [2]string
	normalise [2]func(map[string]any) any
}

// stanceSort is netagraph's order of a party's stances and an entity's
// relations: most confident, best sourced, then by relation id.
const stanceSort = `sort: [{edge: {confidence: DESC}}, {edge: {sourceCount: DESC}}, {edge: {key: ASC}}]`

func partyQuery(name, id string) peerQuery {
	return peerQuery{
		name: name,
		query: [2]string{
			`{ party(id: "` + id + `") { id name leaders { id name } allies { id name }
				opposes: stances(types: [OPPOSES]) { target { id name } confidence sourceCount }
				equidistant: stances(types: [EQUIDISTANT_FROM]) { target { id name } confidence sourceCount } } }`,
			`{ parties(where: {id: {eq: "` + id + `"}}) { id name
				leaders(limit: 20, sort: [{mentionCount: DESC}, {id: ASC}]) { id name } allies { id name }
				opposes: opposesConnection(first: 20, ` + stanceSort + `) { edges { node { id name } properties { confidence sourceCount } } }
				equidistant: equidistantFromConnection(first: 20, ` + stanceSort + `) { edges { node { id name } properties { confidence sourceCount } } } } }`,
		},
		normalise: [2]func(map[string]any) any{
			func(d map[string]any) any { return d["party"] },
			func(d map[string]any) any {
				p := first(d["parties"])
				if p == nil {
					return nil
				}
				for _, k := range []string{"opposes", "equidistant"} {
					var out []any
					for _, e := range edges(p[k]) {
						out = append(out, map[string]any{"target": e["node"],
							"confidence":  e["properties"].(map[string]any)["confidence"],
							"sourceCount": e["properties"].(map[string]any)["sourceCount"]})
					}
					p[k] = orEmpty(out)
				}
				return p
			},
		},
	}
}

// peerQueries are the five of issue 11's table.
var peerQueries = []peerQuery{
	{
		name: "entity lookup by id",
		query: [2]string{
			`{ entity(id: "person:akhilesh-yadav") { id name nameHi aliases mentionCount } }`,
			`{ entities(where: {id: {eq: "person:akhilesh-yadav"}}) { id name nameHi aliases mentionCount } }`,
		},
		normalise: [2]func(map[string]any) any{
			func(d map[string]any) any { return d["entity"] },
			func(d map[string]any) any {
				e := first(d["entities"])
				if e != nil && e["aliases"] == nil {
					e["aliases"] = []any{}
				}
				return e
			},
		},
	},
	partyQuery("party: leaders, allies, two stance lists (SP)", "party:sp"),
	{
		name: "person's MET relations",
		query: [2]string{
			`{ person(id: "person:akhilesh-yadav") { id name relations(types: [MET]) { from { id name } to { id name } confidence sourceCount } } }`,
			`{ people(where: {id: {eq: "person:akhilesh-yadav"}}) { id name
				metConnection(first: 20, ` + stanceSort + `) { edges { node { id name } properties { confidence sourceCount } } } } }`,
		},
		normalise: [2]func(map[string]any) any{
			func(d map[string]any) any {
				p, _ := d["person"].(map[string]any)
				if p == nil {
					return nil
				}
				var met []any
				for _, x := range p["relations"].([]any) {
					r := x.(map[string]any)
					other := r["to"]
					if other.(map[string]any)["id"] == p["id"] {
						other = r["from"]
					}
					met = append(met, map[string]any{"other": other, "confidence": r["confidence"], "sourceCount": r["sourceCount"]})
				}
				return map[string]any{"id": p["id"], "name": p["name"], "met": orEmpty(met)}
			},
			func(d map[string]any) any {
				p := first(d["people"])
				if p == nil {
					return nil
				}
				var met []any
				for _, e := range edges(p["metConnection"]) {
					props := e["properties"].(map[string]any)
					met = append(met, map[string]any{"other": e["node"], "confidence": props["confidence"], "sourceCount": props["sourceCount"]})
				}
				return map[string]any{"id": p["id"], "name": p["name"], "met": orEmpty(met)}
			},
		},
	},
	{
		name: "relations page with totalCount (BJP, PARTICIPATED_IN)",
		query: [2]string{
			`{ relations(filter: {from: "party:bjp", types: [PARTICIPATED_IN]}, first: 20) {
				totalCount edges { node { id to { id name } confidence sourceCount } } } }`,
			`{ parties(where: {id: {eq: "party:bjp"}}) { participatedInConnection(first: 20, sort: [{edge: {key: ASC}}]) {
				totalCount edges { node { id name } properties { key confidence sourceCount } } } } }`,
		},
		normalise: [2]func(map[string]any) any{
			func(d map[string]any) any {
				c, _ := d["relations"].(map[string]any)
				if c == nil {
					return nil
				}
				var items []any
				for _, e := range edges(c) {
					n := e["node"].(map[string]any)
					items = append(items, map[string]any{"key": n["id"], "to": n["to"], "confidence": n["confidence"], "sourceCount": n["sourceCount"]})
				}
				return map[string]any{"totalCount": c["totalCount"], "items": orEmpty(items)}
			},
			func(d map[string]any) any {
				p := first(d["parties"])
				if p == nil {
					return nil
				}
				c, _ := p["participatedInConnection"].(map[string]any)
				var items []any
				for _, e := range edges(c) {
					props := e["properties"].(map[string]any)
					items = append(items, map[string]any{"key": props["key"], "to": e["node"], "confidence": props["confidence"], "sourceCount": props["sourceCount"]})
				}
				return map[string]any{"totalCount": c["totalCount"], "items": orEmpty(items)}
			},
		},
	},
	partyQuery("party query for BJP", "party:bjp"),
}

// first is the first object of a list (the peer answers lookups with lists).
func first(v any) map[string]any {
	l, _ := v.([]any)
	if len(l) == 0 {
		return nil
	}
	m, _ := l[0].(map[string]any)
	return m
}

// edges are the edges of a connection.
func edges(v any) []map[string]any {
	c, _ := v.(map[string]any)
	l, _ := c["edges"].([]any)
	out := make([]map[string]any, 0, len(l))
	for _, e := range l {
		m, _ := e.(map[string]any)
		out = append(out, m)
	}
	return out
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}
