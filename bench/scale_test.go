package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
)

// TestBenchScale is `make bench-scale`: how the cost of a request grows
// with the graph. It grows one database through the sizes in
// NETAGRAPH_BENCH_SIZES (articles, default "10000 50000 200000"), stage i
// loading articles of the synthetic corpus with seed i+1 through `netagraph
// load` until the graph holds that many, and at each size sends four
// queries NETAGRAPH_BENCH_REQUESTS times (default 400) from
// NETAGRAPH_BENCH_CONCURRENCY clients (default 8), as `hey -n 400 -c 8`
// would, to `netagraph serve`.
//
// The hub is the party with the most relations at the first size; the same
// entity is asked for at every size. A graph that already holds one of the
// sizes (a run stopped early, continued with BENCH_SCALE_RESET=0) goes on
// from there; sizes below it are not measured again.
//
// Runs only when NETAGRAPH_BENCH_SCALE=1.
func TestBenchScale(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_SCALE") != "1" {
		t.Skip("the scale benchmark runs with NETAGRAPH_BENCH_SCALE=1 (make bench-scale)")
	}
	var sizes []int
	for _, f := range strings.Fields(os.Getenv("NETAGRAPH_BENCH_SIZES")) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || (len(sizes) > 0 && n <= sizes[len(sizes)-1]) {
			t.Fatalf("NETAGRAPH_BENCH_SIZES=%q: want growing article counts", os.Getenv("NETAGRAPH_BENCH_SIZES"))
		}
		sizes = append(sizes, n)
	}
	if len(sizes) == 0 {
		sizes = []int{10000, 50000, 200000}
	}
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 400)
	concurrency := loadgen.EnvInt("NETAGRAPH_BENCH_CONCURRENCY", 8)
	ctx := context.Background()
	uri, _, _ := neo4jConfig(t)
	driver := openDriver(t)
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	neo := neo4jPID(t)

	var srv *server
	client := loadgen.Client(concurrency)
	// The hub is the party with the most relations at the first size measured,
	// unless NETAGRAPH_BENCH_HUB names one: sizes measured in separate runs (on
	// graphs restored from copies) then ask about the same entity.
	hub := os.Getenv("NETAGRAPH_BENCH_HUB")
	type stage struct {
		size      int
		hubDegree int64
		graph     string
		loadTime  time.Duration
		runs      []loadgen.Run
		names     []string
	}
	var stages []stage
	for i, size := range sizes {
		have := articleCount(ctx, t, driver)
		prev := 0
		if i > 0 {
			prev = sizes[i-1]
		}
		var took time.Duration
		switch {
		case have > size:
			fmt.Printf("%d articles: the graph already holds %d, skipped\n", size, have)
			continue
		case have == size:
			fmt.Printf("%d articles: already loaded\n", size)
		case have == prev:
			fmt.Printf("%d articles: loading %d of seed %d ...\n", size, size-prev, i+1)
			took = loadSynth(t, lex, uint64(i+1), size-prev)
			if got := articleCount(ctx, t, driver); got != size {
				t.Fatalf("after loading seed %d the graph holds %d articles, not %d", i+1, got, size)
			}
		default:
			t.Fatalf("the graph holds %d articles, neither %d nor %d: make bench-scale starts from an empty one", have, prev, size)
		}
		if srv == nil {
			srv = netagraphServer(t, "netagraph", uri)
		}
		if hub == "" {
			hub = biggestHub(ctx, t, driver)
		}
		st := stage{size: size, loadTime: took, hubDegree: degree(ctx, t, driver, hub), graph: corpusLine(ctx, t, driver)}
		fmt.Printf("%s; hub %s has %d relations\n", st.graph, hub, st.hubDegree)
		for _, q := range scaleQueries(hub) {
			body := graphqlBody(q.query)
			if b, err := loadgen.Post(client, srv.url, body); err != nil || !strings.Contains(string(b), `"data"`) {
				t.Fatalf("%s at %d articles: %v", q.name, size, err)
			}
			load(client, srv.url, body, max(requests/4, 25), concurrency) // warm
			r := load(client, srv.url, body, requests, concurrency, neo)
			if r.Err != nil {
				t.Errorf("%s at %d articles: %d of %d failed, the first: %v", q.name, size, r.Failed, requests, r.Err)
			}
			fmt.Printf("  %-45s p50 %s ms  p99 %s ms  %.0f req/s  Neo4j CPU %s ms per request\n",
				q.name, ms(r.Pct(50)), ms(r.Pct(99)), r.Rate(), cpuMS(r, 0, neo))
			st.runs = append(st.runs, r)
			st.names = append(st.names, q.name)
		}
		stages = append(stages, st)
	}
	if len(stages) == 0 {
		return
	}

	fmt.Printf("\n%d requests per query and size after %d to warm up, concurrency %d; load average at the end %s\n\n",
		requests, max(requests/4, 25), concurrency, loadgen.LoadAverage())
	head := "| query |"
	rule := "| --- |"
	for _, s := range stages {
		head += fmt.Sprintf(" %dk p50 / p99 |", s.size/1000)
		rule += " ---: |"
	}
	last := stages[len(stages)-1]
	if len(stages) > 1 {
		head += fmt.Sprintf(" p50 %dk ÷ %dk | p99 %dk ÷ %dk |", last.size/1000, stages[0].size/1000, last.size/1000, stages[0].size/1000)
		rule += " ---: | ---: |"
	}
	fmt.Println(head)
	fmt.Println(rule)
	for qi, name := range stages[0].names {
		row := "| " + name + " |"
		for _, s := range stages {
			r := s.runs[qi]
			failed := ""
			if r.Failed > 0 {
				failed = fmt.Sprintf(" (%d failed)", r.Failed)
			}
			row += fmt.Sprintf(" %s / %s ms%s |", ms(r.Pct(50)), ms(r.Pct(99)), failed)
		}
		if len(stages) > 1 {
			row += fmt.Sprintf(" %.1f | %.1f |", float64(last.runs[qi].Pct(50))/float64(stages[0].runs[qi].Pct(50)),
				float64(last.runs[qi].Pct(99))/float64(stages[0].runs[qi].Pct(99)))
		}
		fmt.Println(row)
	}
	// The CPU Neo4j spent per request: the work a request costs, less
	// moved by the machine's other load than its latency.
	if neo != 0 {
		fmt.Println()
		head, rule := "| Neo4j CPU per request |", "| --- |"
		for _, s := range stages {
			head += fmt.Sprintf(" %dk |", s.size/1000)
			rule += " ---: |"
		}
		if len(stages) > 1 {
			head += fmt.Sprintf(" %dk ÷ %dk |", last.size/1000, stages[0].size/1000)
			rule += " ---: |"
		}
		fmt.Println(head)
		fmt.Println(rule)
		for qi, name := range stages[0].names {
			row := "| " + name + " |"
			for _, s := range stages {
				row += fmt.Sprintf(" %s ms |", ms(s.runs[qi].CPUPer(0)))
			}
			if len(stages) > 1 {
				row += fmt.Sprintf(" %.1f |", float64(last.runs[qi].CPUPer(0))/float64(max(stages[0].runs[qi].CPUPer(0), 1)))
			}
			fmt.Println(row)
		}
	}
	fmt.Println()
	for _, s := range stages {
		loaded := "loaded before this run"
		if s.loadTime > 0 {
			loaded = "grown in " + s.loadTime.Round(time.Second).String()
		}
		fmt.Printf("%dk: %s (%s); %s has %d relations\n", s.size/1000, s.graph, loaded, hub, s.hubDegree)
	}
}

type scaleQuery struct{ name, query string }

func scaleQueries(hub string) []scaleQuery {
	return []scaleQuery{
		{"party: leaders, allies, stances with 3 evidence each", `{ party(id: "` + hub + `") { name nameHi leaders { name } allies { name }
			stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`},
		{"neighbourhood depth 2, limit 50", `{ neighborhood(id: "` + hub + `", depth: 2, limit: 50) {
			nodes { id label type weight } edges { id source target type weight } } }`},
		{`search "भाजपा"`, `{ search(text: "भाजपा", first: 10) { id name nameHi type } }`},
		{"relations page with totalCount", `{ relations(filter: {from: "` + hub + `"}, first: 20) { totalCount pageInfo { hasNextPage endCursor }
			edges { node { type from { name } to { name } confidence sourceCount lastSeen } } } }`},
	}
}

// loadSynth loads n articles of the synthetic corpus with seed through
// `netagraph load` (the binary make built), as a user would.
func loadSynth(t *testing.T, lex *lexicon.Lexicon, seed uint64, n int) time.Duration {
	t.Helper()
	bin := os.Getenv("NETAGRAPH_BENCH_BIN")
	if bin == "" {
		bin = "../bin/netagraph"
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "load", "--quiet", "--format", "jsonl", "-")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	werr := synth.New(lex, seed).Write(in, n)
	in.Close()
	if err := cmd.Wait(); err != nil || werr != nil {
		t.Fatalf("netagraph load of seed %d: %v (writing the corpus: %v)", seed, err, werr)
	}
	return time.Since(start)
}

func articleCount(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) int {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, `RETURN COUNT { (:Article) } AS n`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return int(n)
}

// relationTypes is the Cypher type expression of every ontology relation.
func relationTypes() string {
	var ts []string
	for _, r := range domain.RelationTypes {
		ts = append(ts, string(r))
	}
	return strings.Join(ts, "|")
}

// biggestHub is the party with the most relations.
func biggestHub(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (p:Party) RETURN p.id AS id ORDER BY COUNT { (p)-[:`+relationTypes()+`]-() } DESC, p.id LIMIT 1`,
		nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		t.Fatalf("finding the biggest hub: %v", err)
	}
	id, _ := res.Records[0].Values[0].(string)
	return id
}

func degree(ctx context.Context, t *testing.T, d neo4j.DriverWithContext, id string) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (p:Entity {id: $id}) RETURN COUNT { (p)-[:`+relationTypes()+`]-() } AS n`,
		map[string]any{"id": id}, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		t.Fatalf("degree of %s: %v", id, err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}
