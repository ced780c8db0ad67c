package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// TestBenchAPI is `make bench-api`: it loads a corpus into an empty Neo4j,
// then runs six representative GraphQL queries at concurrency 16 over HTTP
// against the API as `netagraph serve` builds it, and beside each the same
// Cypher statements that query issues, run directly through the driver:
// the floor. A request's statements are replayed level by level, those
// the API issued concurrently (one level of nested fields) concurrently,
// so the floor has the API's shape without GraphQL, loaders, JSON or HTTP.
//
// The two sides run in interleaved rounds (NETAGRAPH_BENCH_ROUNDS, default
// 4), the side that goes first alternating from round to round, each round
// a share of the requests, so that a drift in Neo4j's cost over the run
// (plans, caches, other processes) falls on both sides alike. The table's
// latencies are over the pooled requests of all rounds; each round's p50
// ratio is printed below it.
//
// The API side is the first binary of NETAGRAPH_BENCH_BINARIES started as
// `netagraph serve` (make bench-api builds and passes bin/netagraph: its
// admission, metrics, request log, GOGC and memory limit are serve's own);
// without it, graph.New in this process, with a request log that writes
// nowhere and no admission or metrics.
//
// It runs only when NETAGRAPH_BENCH_API=1. NETAGRAPH_BENCH_ARTICLES sets
// the corpus size (default 10000) and NETAGRAPH_BENCH_REQUESTS the
// requests measured per query and side over all rounds (default 2000).
// With NETAGRAPH_BENCH_KEEP=1 it leaves the corpus in the database (to
// PROFILE statements against it afterwards); with NETAGRAPH_BENCH_REUSE=1
// it measures the graph already in the database (one bench-api left, or a
// restored snapshot) without emptying or loading it.
func TestBenchAPI(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_API") != "1" {
		t.Skip("the API benchmark runs with NETAGRAPH_BENCH_API=1 (make bench-api)")
	}
	ctx := context.Background()
	articles := loadgen.EnvInt("NETAGRAPH_BENCH_ARTICLES", 10000)
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 2000)
	concurrency := loadgen.EnvInt("NETAGRAPH_BENCH_CONCURRENCY", 16)
	rounds := loadgen.EnvInt("NETAGRAPH_BENCH_ROUNDS", 4)
	if rounds > requests {
		t.Fatalf("NETAGRAPH_BENCH_ROUNDS=%d is more rounds than NETAGRAPH_BENCH_REQUESTS=%d requests", rounds, requests)
	}
	uri, user, password := storetest.Config()

	var st *store.Store
	start := time.Now()
	if os.Getenv("NETAGRAPH_BENCH_REUSE") == "1" {
		// The graph as it is: store.Open changes nothing in it.
		var err error
		if st, err = store.Open(ctx, uri, user, password); err != nil {
			t.Fatal(err)
		}
		defer st.Close(ctx)
		fmt.Printf("corpus: the graph already in the database (NETAGRAPH_BENCH_REUSE=1)")
	} else {
		// A corpus left by NETAGRAPH_BENCH_KEEP=1 is more than
		// storetest.Open empties in its time: empty it first. And leave
		// the test database empty.
		emptyBenchDB(t)
		st = storetest.Open(t)
		t.Cleanup(func() {
			if os.Getenv("NETAGRAPH_BENCH_KEEP") != "1" {
				emptyBenchDB(t)
			}
		})
		corpus, loaded := loadBenchCorpus(t, st, articles)
		fmt.Printf("corpus: %s, %d articles loaded in %s", corpus, loaded, time.Since(start).Round(time.Second))
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf(": %d entities, %d relations, %d evidence\n", stats.Entities, stats.Relations, stats.Evidence)

	// The statements each query sends are captured in this process.
	inProcess := graph.New(graph.Options{Graph: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Introspection: true})
	apiURL, apiIs := "", ""
	if bins := strings.Fields(os.Getenv("NETAGRAPH_BENCH_BINARIES")); len(bins) > 0 {
		srv := startServe(t, bins[0])
		apiURL, apiIs = srv.url+"/graphql", bins[0]+" serve"
	} else {
		srv := httptest.NewServer(inProcess)
		defer srv.Close()
		apiURL, apiIs = srv.URL, "graph.New in the test process"
	}
	client := loadgen.Client(concurrency)

	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "query\tstatements\tAPI p50\tAPI p99\tAPI req/s\tfloor p50\tfloor p99\tfloor req/s\tp50 ratio\tfailed\t\n")
	var perRound []string
	only := os.Getenv("NETAGRAPH_BENCH_ONLY")
	for _, q := range benchQueries {
		if only != "" && !strings.Contains(q.name, only) {
			continue
		}
		body, _ := json.Marshal(map[string]any{"query": q.query})
		levels := capture(t, st, inProcess, body)
		nStatements := 0
		for _, l := range levels {
			nStatements += len(l)
		}
		sides := [2]func() error{
			func() error { _, err := loadgen.Post(client, apiURL, body); return err },
			func() error { return replay(ctx, driver, levels) },
		}
		// Warm both: plans cached, connections open, JIT done.
		for _, f := range sides {
			if r := loadgen.Measure(requests/4, concurrency, f); r.Err != nil {
				t.Logf("%s, warming: %v", q.name, r.Err)
			}
		}
		// Interleaved rounds, the first side alternating; the requests
		// split evenly among them.
		var runs [2][]loadgen.Run
		ratios := make([]string, rounds)
		for round := range rounds {
			n := requests/rounds + btoi(round < requests%rounds)
			for i := range sides {
				s := (i + round) % 2
				runs[s] = append(runs[s], loadgen.Measure(n, concurrency, sides[s]))
			}
			api, floor := runs[0][round], runs[1][round]
			first := "API"
			if round%2 == 1 {
				first = "floor"
			}
			ratios[round] = fmt.Sprintf("%.2f (%s / %s, %s first)", float64(api.Pct(50))/float64(floor.Pct(50)),
				ms(api.Pct(50)), ms(floor.Pct(50)), first)
		}
		apiRun, floorRun := loadgen.Pool(runs[0]...), loadgen.Pool(runs[1]...)
		if apiRun.Err != nil {
			t.Errorf("%s: %d of %d requests failed, the first: %v", q.name, apiRun.Failed, requests, apiRun.Err)
		}
		if floorRun.Err != nil {
			t.Errorf("%s floor: %d of %d failed, the first: %v", q.name, floorRun.Failed, requests, floorRun.Err)
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%.0f\t%s\t%s\t%.0f\t%.2f\t%d/%d\t\n", q.name, nStatements,
			ms(apiRun.Pct(50)), ms(apiRun.Pct(99)), apiRun.Rate(), ms(floorRun.Pct(50)), ms(floorRun.Pct(99)), floorRun.Rate(),
			float64(apiRun.Pct(50))/float64(floorRun.Pct(50)), apiRun.Failed, floorRun.Failed)
		for i, r := range ratios {
			perRound = append(perRound, fmt.Sprintf("  %s, round %d: %s", q.name, i+1, r))
		}
	}
	w.Flush()
	fmt.Printf("API: %s; concurrency %d, %d requests per query and side in %d interleaved rounds (the first side alternating), "+
		"after %d per side to warm up; GOMAXPROCS %d, GOGC %q, load average at the end %s, %s\n"+
		"p50, p99 and req/s over the pooled requests of all rounds; p50 ratio = API p50 / floor p50; "+
		"failed = API/floor requests that failed\np50 ratio per round (API p50 / floor p50):\n%s\n",
		apiIs, concurrency, requests, rounds, requests/4, runtime.GOMAXPROCS(0), os.Getenv("GOGC"), loadgen.LoadAverage(),
		time.Now().UTC().Format(time.RFC3339), strings.Join(perRound, "\n"))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// benchQueries are the six the API is measured on.
var benchQueries = []struct{ name, query string }{
	{"party, allies, evidence", `{ party(name: "SP") { name nameHi leaders { name } allies { name }
		stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`},
	{"search", `{ search(text: "ममता", first: 10) { id name nameHi type } }`},
	{"relations page", `{ relations(filter: {from: "BJP"}, first: 20) { totalCount pageInfo { hasNextPage endCursor }
		edges { node { type from { name } to { name } confidence sourceCount lastSeen } } } }`},
	{"path", `{ path(from: "Akhilesh Yadav", to: "Mamata Banerjee", maxHops: 4, first: 5) {
		length hops { type from { name } to { name } evidence(first: 1) { sentence } } } }`},
	{"neighbourhood depth 2", `{ neighborhood(id: "party:sp", depth: 2, limit: 50) {
		nodes { id label type weight } edges { id source target type weight } } }`},
	{"timeline", `{ timeline(id: "Akhilesh Yadav", first: 20) { id name kind date place { name } } }`},
}

// emptyBenchDB deletes everything in the test database, in transactions
// small enough for its memory pool (hubs hold thousands of relationships).
func emptyBenchDB(t *testing.T) {
	t.Helper()
	if os.Getenv("NETAGRAPH_TEST_NEO4J") != "1" {
		t.Fatal("refusing to wipe Neo4j without NETAGRAPH_TEST_NEO4J=1 (make bench-api sets it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	uri, user, password := storetest.Config()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	s := d.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	res, err := s.Run(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Errorf("emptying the database: %v", err)
	}
}

// statement is one Cypher statement a request issued.
type statement struct {
	cypher     string
	params     map[string]any
	start, end time.Time
}

// capture runs a query once through the API, checks it answers, and
// returns the statements it issued in levels: a statement's level is one
// more than that of the latest statement that ended before it began.
func capture(t *testing.T, st *store.Store, api http.Handler, body []byte) [][]statement {
	t.Helper()
	var mu sync.Mutex
	var stmts []*statement
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := store.WithTrace(r.Context(), st, func(cypher string, params map[string]any) func() {
			s := &statement{cypher: cypher, params: params, start: time.Now()}
			mu.Lock()
			stmts = append(stmts, s)
			mu.Unlock()
			return func() {
				mu.Lock()
				s.end = time.Now()
				mu.Unlock()
			}
		})
		api.ServeHTTP(w, r.WithContext(ctx))
	})
	// A statement's first run on a busy machine can pass the query
	// timeout (plans compiled, pages cold): up to three tries.
	for try := 1; ; try++ {
		stmts = nil
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var resp struct {
			Data   map[string]any
			Errors []any
		}
		err := json.Unmarshal(rec.Body.Bytes(), &resp)
		if err == nil && len(resp.Errors) == 0 && !loadgen.Empty(resp.Data) {
			break
		}
		if try == 3 || err != nil || !bytes.Contains(rec.Body.Bytes(), []byte(`"TIMEOUT"`)) {
			t.Fatalf("%s: the corpus does not answer it: %s", body, rec.Body)
		}
	}
	sort.Slice(stmts, func(i, j int) bool { return stmts[i].start.Before(stmts[j].start) })
	level := map[*statement]int{}
	var levels [][]statement
	for _, s := range stmts {
		for _, p := range stmts {
			if p != s && !p.end.After(s.start) {
				level[s] = max(level[s], level[p]+1)
			}
		}
		for len(levels) <= level[s] {
			levels = append(levels, nil)
		}
		levels[level[s]] = append(levels[level[s]], *s)
	}
	return levels
}

// replay runs a request's statements as the store does (a managed read
// transaction each, readers routing, the default timeout), level by level.
func replay(ctx context.Context, driver neo4j.DriverWithContext, levels [][]statement) error {
	for _, level := range levels {
		errs := make(chan error, len(level))
		for _, s := range level {
			go func() {
				_, err := neo4j.ExecuteQuery(ctx, driver, s.cypher, s.params, neo4j.EagerResultTransformer,
					neo4j.ExecuteQueryWithReadersRouting(),
					neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(store.DefaultQueryTimeout)))
				errs <- err
			}()
		}
		for range level {
			if err := <-errs; err != nil {
				return err
			}
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// loadBenchCorpus loads n articles of the synthetic corpus (seed 1)
// through the loader, as `netagraph load` would, or with
// NETAGRAPH_BENCH_CORPUS=dev copies of the dev corpus and the samples
// (each copy its own article, an hour after the last).
func loadBenchCorpus(t *testing.T, st *store.Store, n int) (string, int) {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ld := &loader.Loader{Extractor: extract.New(lex), Store: st}
	var arts []domain.Article
	corpus := fmt.Sprintf("synthetic (internal/synth, seed 1, %d articles)", n)
	if os.Getenv("NETAGRAPH_BENCH_CORPUS") == "dev" {
		arts, corpus = devCopies(t, n), "copies of the dev corpus and samples"
	} else {
		g := synth.New(lex, 1)
		for i := range n {
			arts = append(arts, synthArticle(t, g.Article(i)))
		}
	}
	loaded := 0
	for len(arts) > 0 {
		chunk := arts[:min(len(arts), 1000)]
		arts = arts[len(chunk):]
		res, err := ld.Ingest(context.Background(), chunk)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Status != domain.Failed {
				loaded++
			}
		}
	}
	return corpus, loaded
}

// synthArticle reads a synthetic article as the loader's JSON lines reader
// would.
func synthArticle(t *testing.T, a synth.Article) domain.Article {
	t.Helper()
	out := domain.Article{ID: a.ID, URL: a.URL, Title: a.Title, Body: a.Body, Lang: a.Lang, Source: a.Source}
	if a.PublishedAt != "" {
		at, err := time.Parse(time.RFC3339, a.PublishedAt)
		if err != nil {
			if at, err = time.Parse(time.DateOnly, a.PublishedAt); err != nil {
				t.Fatal(err)
			}
		}
		out.PublishedAt = &at
	}
	return out
}

func devCopies(t *testing.T, n int) []domain.Article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(filepath.Dir(storetest.Corpus(t, sliceArticle)), "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	samples, _ := filepath.Glob("../samples/*.jsonl")
	items, err := realLoader(t, nil).Extract(append(paths, samples...)...)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]domain.Article, n)
	for i := range n {
		a := items[i%len(items)].Article
		a.ID = fmt.Sprintf("%s-%05d", a.ID, i)
		at := base.Add(time.Duration(i) * time.Hour)
		a.PublishedAt = &at
		out[i] = a
	}
	return out
}
