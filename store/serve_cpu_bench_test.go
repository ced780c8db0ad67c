package store_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/store/storetest"
)

// TestBenchServeCPU measures the API's own cost: the CPU time a `netagraph
// serve` process spends per request of each bench query (utime + stime
// from /proc/<pid>/stat over NETAGRAPH_BENCH_REQUESTS requests, default
// 1000, sent 4 at a time), for each binary in NETAGRAPH_BENCH_BINARIES
// (space-separated paths, e.g. an old and a new build), in interleaved
// rounds (NETAGRAPH_BENCH_ROUNDS, default 3) so that a busy machine
// affects every binary alike. CPU time, unlike latency, hardly depends on
// what else runs on the machine. It reads the graph left by
// `make bench-api NETAGRAPH_BENCH_KEEP=1` and changes nothing.
//
// It runs only when NETAGRAPH_BENCH_BINARIES is set (the command is in
// docs/api.md, "The API's own CPU per request").
func TestBenchServeCPU(t *testing.T) {
	bins := strings.Fields(os.Getenv("NETAGRAPH_BENCH_BINARIES"))
	if len(bins) == 0 {
		t.Skip("set NETAGRAPH_BENCH_BINARIES to the netagraph binaries to compare (docs/api.md has the command)")
	}
	requests := loadgen.EnvInt("NETAGRAPH_BENCH_REQUESTS", 1000)
	rounds := loadgen.EnvInt("NETAGRAPH_BENCH_ROUNDS", 3)
	var servers []*server
	for _, bin := range bins {
		servers = append(servers, startServe(t, bin))
	}

	client := loadgen.Client(4)
	// cpu[query][binary] is the CPU ms per request of each round.
	cpu := make([][][]float64, len(benchQueries))
	for q := range cpu {
		cpu[q] = make([][]float64, len(servers))
	}
	for round := range rounds {
		for q, bq := range benchQueries {
			body, _ := json.Marshal(map[string]any{"query": bq.query})
			for i := range servers {
				// Alternate which binary goes first.
				s := servers[(i+round)%len(servers)]
				idx := (i + round) % len(servers)
				do := func() error { _, err := loadgen.Post(client, s.url+"/graphql", body); return err }
				if r := loadgen.Measure(requests/10, 4, do); r.Err != nil {
					t.Fatalf("%s %s: %v", s.bin, bq.name, r.Err)
				}
				r := loadgen.Measure(requests, 4, do, s.cmd.Process.Pid)
				if r.Err != nil {
					t.Fatalf("%s %s: %v", s.bin, bq.name, r.Err)
				}
				used := r.CPUPer(0)
				cpu[q][idx] = append(cpu[q][idx], float64(used.Microseconds())/1000)
			}
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "query\t")
	for _, s := range servers {
		fmt.Fprintf(w, "%s CPU ms/request (median; rounds)\t", s.bin)
	}
	fmt.Fprintln(w)
	for q, bq := range benchQueries {
		fmt.Fprintf(w, "%s\t", bq.name)
		for i := range servers {
			r := slices.Clone(cpu[q][i])
			slices.Sort(r)
			parts := make([]string, len(cpu[q][i]))
			for j, v := range cpu[q][i] {
				parts[j] = fmt.Sprintf("%.2f", v)
			}
			fmt.Fprintf(w, "%.2f (%s)\t", r[len(r)/2], strings.Join(parts, ", "))
		}
		fmt.Fprintln(w)
	}
	w.Flush()
	fmt.Printf("%d requests per query, binary and round, 4 at a time; load average at the end %s\n", requests, loadgen.LoadAverage())
}

// server is a `netagraph serve` process a benchmark started.
type server struct {
	bin, url string
	cmd      *exec.Cmd
}

// startServe starts bin as `netagraph serve` on a free port against the
// test Neo4j, waits until it is ready, and stops it when the test ends.
func startServe(t *testing.T, bin string) *server {
	t.Helper()
	uri, user, password := storetest.Config()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_USER="+user, "NEO4J_PASSWORD="+password)
	// Its log (a line a request) goes to a file, which the process
	// writes itself: through a pipe, this process would copy every line,
	// CPU on the API's side of bench-api and the CPU split that is not
	// the API's.
	logs, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{bin: bin, url: "http://" + addr, cmd: cmd}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(3 * time.Minute)
	for {
		resp, err := http.Get(s.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logs.Name())
			t.Fatalf("%s not ready: %s", bin, b)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
