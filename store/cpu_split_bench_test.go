package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// TestBenchCPUSplit attributes the gap between the API and the driver
// floor of `make bench-api`: for each bench query it reads, from
// /proc/<pid>/stat, the CPU per request of every process on each side, at
// bench-api's concurrency (16):
//
//   - API: the bench client (this process: HTTP client and gunzip), the
//     API server (NETAGRAPH_BENCH_BINARIES' first binary, as `netagraph
//     serve`) and Neo4j (NETAGRAPH_BENCH_NEO4J_PID);
//   - API, identity: the same with a client that does not accept gzip, so
//     that neither side compresses;
//   - floor: the query's statement (captured as bench-api does) run
//     through the driver from this process, and Neo4j.
//
// Sides go in interleaved rounds (NETAGRAPH_BENCH_ROUNDS, default 3, of
// NETAGRAPH_BENCH_REQUESTS each, default 1000), medians reported. It reads
// the graph left by `make bench-api NETAGRAPH_BENCH_KEEP=1` (or a
// restored snapshot) and changes nothing. Run it with GOGC=400, as
// bench-api does: this process's garbage collection is part of the
// client's and the floor's CPU.
func TestBenchCPUSplit(t *testing.T) {
	bins := strings.Fields(os.Getenv("NETAGRAPH_BENCH_BINARIES"))
	if len(bins) == 0 || os.Getenv("NETAGRAPH_BENCH_SPLIT") != "1" {
		t.Skip("set NETAGRAPH_BENCH_SPLIT=1 and NETAGRAPH_BENCH_BINARIES to the netagraph binary to measure")
	}
	neo, err := strconv.Atoi(strings.TrimSpace(os.Getenv("NETAGRAPH_BENCH_NEO4J_PID")))
	if err != nil {
		t.Fatalf("NETAGRAPH_BENCH_NEO4J_PID must name the Neo4j process: %v", err)
	}
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 1000)
	rounds := loadgen.EnvInt("NETAGRAPH_BENCH_ROUNDS", 3)
	concurrency := loadgen.EnvInt("NETAGRAPH_BENCH_CONCURRENCY", 16)
	ctx := context.Background()
	uri, user, password := storetest.Config()

	// The statements each query sends, captured in process (store.Open
	// changes nothing in the database).
	st, err := store.Open(ctx, uri, user, password)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	inProcess := graph.New(graph.Options{Graph: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Introspection: true})
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)

	srv := startServe(t, bins[0])
	gzipClient := loadgen.Client(concurrency)
	plainClient := loadgen.Client(concurrency)
	plainClient.Transport.(*http.Transport).DisableCompression = true
	self := os.Getpid()
	pid := srv.cmd.Process.Pid

	type side struct {
		name  string
		watch []int // client (this process), server (0: none), Neo4j
		do    func(body []byte, levels [][]statement) func() error
	}
	post := func(c *http.Client) func([]byte, [][]statement) func() error {
		return func(body []byte, _ [][]statement) func() error {
			return func() error { _, err := loadgen.Post(c, srv.url+"/graphql", body); return err }
		}
	}
	sides := []side{
		{"API", []int{self, pid, neo}, post(gzipClient)},
		{"API, identity", []int{self, pid, neo}, post(plainClient)},
		{"floor", []int{self, neo}, func(_ []byte, levels [][]statement) func() error {
			return func() error { return replay(ctx, driver, levels) }
		}},
	}
	// A control: the floor with CPU burnt in this process beside each
	// request, as much as the API's Go CPU adds, tells whether Neo4j's
	// CPU per request moves with the Go CPU competing for the cores
	// rather than with what the API sends it.
	if us := loadgen.EnvInt("NETAGRAPH_BENCH_BURN_US", 0); us > 0 {
		n := burnCalibrate(time.Duration(us) * time.Microsecond)
		sides = append(sides, side{fmt.Sprintf("floor + %d µs", us), []int{self, neo}, func(_ []byte, levels [][]statement) func() error {
			return func() error { burn(n); return replay(ctx, driver, levels) }
		}})
	}
	// Another: the statement in an auto-commit transaction (RUN and PULL,
	// no BEGIN and COMMIT), from a read session, in place of the managed
	// transaction the store and the floor use.
	if os.Getenv("NETAGRAPH_BENCH_AUTOCOMMIT") == "1" {
		sides = append(sides, side{"floor, auto-commit", []int{self, neo}, func(_ []byte, levels [][]statement) func() error {
			return func() error { return replayAutoCommit(ctx, driver, levels) }
		}})
	}
	// Another: the floor with its reads bounded as the store bounds them
	// (a context deadline at the transaction timeout plus the read grace,
	// store.runFor), with which the driver reads each chunk in a goroutine
	// of its own (internal/racing); the floor's context has no deadline,
	// so its driver reads directly.
	if os.Getenv("NETAGRAPH_BENCH_DEADLINE") == "1" {
		sides = append(sides, side{"floor, read deadline", []int{self, neo}, func(_ []byte, levels [][]statement) func() error {
			return func() error {
				ctx, cancel := context.WithTimeout(ctx, store.DefaultQueryTimeout+store.ReadGrace)
				defer cancel()
				return replay(ctx, driver, levels)
			}
		}})
	}
	only := os.Getenv("NETAGRAPH_BENCH_ONLY")
	// cpu[query][side][process] holds the CPU ms per request of each
	// round; p50[query][side] the p50 latency in ms.
	cpu := make([][][][]float64, len(benchQueries))
	p50 := make([][][]float64, len(benchQueries))
	for q, bq := range benchQueries {
		if only != "" && !strings.Contains(bq.name, only) {
			continue
		}
		body, _ := json.Marshal(map[string]any{"query": bq.query})
		levels := capture(t, st, inProcess, body)
		cpu[q] = make([][][]float64, len(sides))
		p50[q] = make([][]float64, len(sides))
		for s := range sides {
			cpu[q][s] = make([][]float64, 3)
			do := sides[s].do(body, levels)
			if r := loadgen.Measure(requests/4, concurrency, do); r.Err != nil {
				t.Fatalf("%s, %s, warming: %v", bq.name, sides[s].name, r.Err)
			}
		}
		for round := range rounds {
			for i := range sides {
				s := (i + round) % len(sides)
				r := loadgen.Measure(requests, concurrency, sides[s].do(body, levels), sides[s].watch...)
				if r.Err != nil {
					t.Fatalf("%s, %s: %d failed, the first: %v", bq.name, sides[s].name, r.Failed, r.Err)
				}
				for p := range sides[s].watch {
					proc := p
					if len(sides[s].watch) == 2 && p == 1 {
						proc = 2 // the floor has no server: Neo4j is its second process
					}
					cpu[q][s][proc] = append(cpu[q][s][proc], float64(r.CPUPer(p).Microseconds())/1000)
				}
				p50[q][s] = append(p50[q][s], float64(r.Pct(50).Microseconds())/1000)
			}
		}
	}
	med := func(v []float64) float64 {
		if len(v) == 0 {
			return 0
		}
		v = slices.Clone(v)
		slices.Sort(v)
		return v[len(v)/2]
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "query\tside\tclient\tserver\tNeo4j\ttotal\tp50 ms\t\n")
	for q, bq := range benchQueries {
		if len(cpu[q]) == 0 {
			continue
		}
		var floorTotal float64
		for _, c := range cpu[q][2] {
			floorTotal += med(c)
		}
		for s := range sides {
			total := 0.0
			fmt.Fprintf(w, "%s\t%s\t", bq.name, sides[s].name)
			for p := range 3 {
				m := med(cpu[q][s][p])
				total += m
				if len(cpu[q][s][p]) == 0 {
					fmt.Fprintf(w, "-\t")
					continue
				}
				fmt.Fprintf(w, "%.2f\t", m)
			}
			fmt.Fprintf(w, "%.2f (%.2f×)\t%.1f\t\n", total, total/floorTotal, med(p50[q][s]))
		}
	}
	w.Flush()
	fmt.Printf("CPU ms per request (median of %d interleaved rounds of %d requests, %d at a time); total ×: of the floor's total;\n"+
		"client = this process (HTTP client and gunzip, or the floor's driver); load average at the end %s, %s\n",
		rounds, requests, concurrency, loadgen.LoadAverage(), time.Now().UTC().Format(time.RFC3339))
}

var burnSink atomic.Uint64

// burn spins n rounds of arithmetic.
func burn(n int) {
	x := burnSink.Load() | 1
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	burnSink.Store(x)
}

// burnCalibrate is the rounds of burn that take about d of CPU (the
// fastest of a few tries, so that a busy machine does not inflate it).
func burnCalibrate(d time.Duration) int {
	const n = 1 << 20
	best := time.Hour
	for range 5 {
		t := time.Now()
		burn(n)
		best = min(best, time.Since(t))
	}
	return int(float64(n) * float64(d) / float64(best))
}

// replayAutoCommit is replay with each statement in an auto-commit
// transaction of a read session.
func replayAutoCommit(ctx context.Context, driver neo4j.DriverWithContext, levels [][]statement) error {
	for _, level := range levels {
		for _, s := range level {
			session := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
			res, err := session.Run(ctx, s.cypher, s.params, neo4j.WithTxTimeout(store.DefaultQueryTimeout))
			if err == nil {
				_, err = res.Collect(ctx)
			}
			session.Close(ctx)
			if err != nil {
				return err
			}
		}
	}
	return nil
}
