package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/internal/loadgen"
)

// TestBenchNeighbourhoodCPU is `make bench-neighbourhood`: Neo4j's CPU per
// request of the neighbourhoods bench-hits measures, for one or more
// netagraph binaries (NETAGRAPH_BENCH_BINS, built at the versions to
// compare) serving the graph already in the bench Neo4j (nothing is loaded
// or wiped). Each binary serves from its own process; the binaries take
// turns query by query in NETAGRAPH_BENCH_ROUNDS rounds (old, new, new,
// old, …), each turn NETAGRAPH_BENCH_REQUESTS requests sent one at a time
// after a tenth as many to warm up, and the Neo4j process's CPU time (from
// /proc) divided by the requests. One client, so the figure is the
// statement's own cost, not the queue's; the machine's other load still
// moves it, which the alternation spreads over the versions alike.
// NETAGRAPH_BENCH_ONLY keeps the neighbourhoods whose name holds it.
//
// Runs only when NETAGRAPH_BENCH_NEIGHBOURHOOD=1.
func TestBenchNeighbourhoodCPU(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_NEIGHBOURHOOD") != "1" {
		t.Skip("the neighbourhood CPU benchmark runs with NETAGRAPH_BENCH_NEIGHBOURHOOD=1 (make bench-neighbourhood)")
	}
	bins := strings.Fields(os.Getenv("NETAGRAPH_BENCH_BINS"))
	if len(bins) == 0 {
		bins = []string{"../bin/netagraph"}
	}
	rounds := loadgen.EnvInt("NETAGRAPH_BENCH_ROUNDS", 3)
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 100)
	neo := neo4jPID(t)
	if neo == 0 {
		t.Fatal("NETAGRAPH_BENCH_NEO4J_PID names no process: this benchmark measures its CPU")
	}
	ctx := context.Background()
	uri, _, _ := neo4jConfig(t)
	driver := openDriver(t)
	hub := os.Getenv("NETAGRAPH_BENCH_HUB")
	if hub == "" {
		hub = biggestHub(ctx, t, driver)
	}
	meeter := mostMet(ctx, t, driver)
	fmt.Println(corpusLine(ctx, t, driver))
	fmt.Printf("hub %s (degree %d), most met %s (degree %d)\n", hub, degree(ctx, t, driver, hub), meeter, degree(ctx, t, driver, meeter))

	servers := make([]*server, len(bins))
	for i, bin := range bins {
		t.Setenv("NETAGRAPH_BENCH_BIN", bin)
		servers[i] = netagraphServer(t, bin, uri)
	}
	client := loadgen.Client(1)
	for _, c := range neighbourhoodCases(hub, meeter) {
		if only := os.Getenv("NETAGRAPH_BENCH_ONLY"); only != "" && !strings.Contains(c.name, only) {
			continue
		}
		body := graphqlBody(neighbourhood(c.centre, c.depth, c.limit))
		cpu := make([][]time.Duration, len(bins))
		for round := range rounds {
			order := make([]int, len(bins))
			for i := range order {
				order[i] = i
			}
			if round%2 == 1 {
				slices.Reverse(order)
			}
			for _, i := range order {
				if b, err := loadgen.Post(client, servers[i].url, body); err != nil || !strings.Contains(string(b), `"data"`) {
					t.Fatalf("%s from %s: %v %.200s", c.name, bins[i], err, b)
				}
				load(client, servers[i].url, body, max(requests/10, 3), 1) // warm
				r := load(client, servers[i].url, body, requests, 1, neo)
				if r.Err != nil {
					t.Fatalf("%s from %s: %d of %d failed, the first: %v", c.name, bins[i], r.Failed, requests, r.Err)
				}
				cpu[i] = append(cpu[i], r.CPUPer(0))
			}
		}
		fmt.Printf("%s (%d requests a turn, %d rounds): Neo4j CPU per request\n", c.name, requests, rounds)
		for i, bin := range bins {
			var each []string
			for _, d := range cpu[i] {
				each = append(each, ms(d))
			}
			sorted := slices.Clone(cpu[i])
			slices.Sort(sorted)
			median := (sorted[(len(sorted)-1)/2] + sorted[len(sorted)/2]) / 2
			fmt.Printf("  %-40s %s ms (median %s)\n", bin, strings.Join(each, ", "), ms(median))
		}
	}
}
