// Package bench holds the benchmarks that run netagraph as users run it
// (the built binary, `netagraph serve` over HTTP) against a Neo4j loaded
// with the synthetic corpus: `make bench-peer` (against @neo4j/graphql) and
// `make bench-scale` (how cost grows with the graph). They are tests that
// run only when the Makefile asks for them, never in `make test`.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// neo4jConfig is the server the Makefile started (scripts/neo4j env).
func neo4jConfig(t *testing.T) (uri, user, password string) {
	t.Helper()
	uri = os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Fatal("NEO4J_URI is not set: run the benchmark through make")
	}
	user, password = os.Getenv("NEO4J_USER"), os.Getenv("NEO4J_PASSWORD")
	if user == "" {
		user = "neo4j"
	}
	if password == "" {
		password = "netagraph-dev"
	}
	return uri, user, password
}

func openDriver(t *testing.T) neo4j.DriverWithContext {
	t.Helper()
	uri, user, password := neo4jConfig(t)
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// boltAddr is host:port of a bolt:// or neo4j:// URI.
func boltAddr(t *testing.T, uri string) string {
	t.Helper()
	rest := uri[strings.Index(uri, "://")+3:]
	rest, _, _ = strings.Cut(rest, "/")
	if !strings.Contains(rest, ":") {
		rest += ":7687"
	}
	return rest
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// server is a GraphQL server the benchmark started as a child process.
type server struct {
	name string
	url  string
	cmd  *exec.Cmd
}

// startServer runs cmd (which must listen on port) and waits until it
// answers a GraphQL request; it is stopped when the test ends.
func startServer(t *testing.T, name string, port int, cmd *exec.Cmd) *server {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := &server{name: name, url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), cmd: cmd}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := post(client, s.url, []byte(`{"query":"{ __typename }"}`)); err == nil {
			return s
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			t.Fatalf("%s did not answer at %s within 2 minutes; its output:\n%s", name, s.url, out.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// netagraphServer runs `netagraph serve` (the binary make built) on the
// given Neo4j.
func netagraphServer(t *testing.T, name, neo4jURI string) *server {
	t.Helper()
	bin := os.Getenv("NETAGRAPH_BENCH_BIN")
	if bin == "" {
		bin = "../bin/netagraph"
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	cmd := exec.Command(bin, "serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port))
	cmd.Env = append(os.Environ(), "NEO4J_URI="+neo4jURI)
	s := startServer(t, name, port, cmd)
	// Wait for its warm-up (/readyz, where the version has one) to be over.
	ready := strings.TrimSuffix(s.url, "/graphql") + "/readyz"
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		resp, err := http.Get(ready)
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNotFound {
			break
		}
	}
	return s
}

// post sends a GraphQL request and returns the answer's body; an answer
// with errors, or without 200, is an error.
func post(c *http.Client, url string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) {
		return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, b)
	}
	return b, nil
}

func graphqlBody(query string) []byte {
	b, _ := json.Marshal(map[string]any{"query": query})
	return b
}

func newClient(concurrency int) *http.Client {
	return &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 2 * concurrency, MaxConnsPerHost: 2 * concurrency},
	}
}

// run is the outcome of n requests from concurrency clients, as `hey -n
// -c` reports it, with the CPU the processes watched spent meanwhile.
type run struct {
	lat     []time.Duration // sorted
	elapsed time.Duration
	failed  int
	err     error
	cpu     []time.Duration // per watched process, in the order given
}

func (r run) pct(p int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, len(r.lat)*p/100)]
}

func (r run) rate() float64 { return float64(len(r.lat)) / r.elapsed.Seconds() }

// cpuPer is the CPU process i spent per request.
func (r run) cpuPer(i int) time.Duration { return r.cpu[i] / time.Duration(len(r.lat)) }

// load sends n requests with body to url from concurrency clients, each
// sending its next request when the last is answered.
func load(c *http.Client, url string, body []byte, n, concurrency int, watch ...int) run {
	lat := make([]time.Duration, n)
	var next, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	cpu0 := cpuTimes(watch)
	start := time.Now()
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t := time.Now()
				if _, err := post(c, url, body); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
				lat[i] = time.Since(t)
			}
		}()
	}
	wg.Wait()
	r := run{lat: lat, elapsed: time.Since(start), failed: int(failed.Load())}
	cpu1 := cpuTimes(watch)
	for i := range watch {
		r.cpu = append(r.cpu, cpu1[i]-cpu0[i])
	}
	slices.Sort(r.lat)
	r.err, _ = firstErr.Load().(error)
	return r
}

// cpuTimes reads each process's CPU time (user and system, its threads
// included) from /proc; 0 where it cannot.
func cpuTimes(pids []int) []time.Duration {
	out := make([]time.Duration, len(pids))
	for i, pid := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// Fields after the command name (which may hold spaces), from field 3.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		out[i] = time.Duration(utime+stime) * time.Second / clockTicks
	}
	return out
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's times: 100 on
// every Linux the benchmark is meant for.
const clockTicks = 100

// neo4jPID is the process of the Neo4j the Makefile started
// (NETAGRAPH_BENCH_NEO4J_PID), or 0 when unknown: CPU is then not reported.
func neo4jPID(t *testing.T) int {
	pid, err := strconv.Atoi(strings.TrimSpace(os.Getenv("NETAGRAPH_BENCH_NEO4J_PID")))
	if err != nil {
		t.Log("NETAGRAPH_BENCH_NEO4J_PID not set: Neo4j's CPU is not measured")
		return 0
	}
	return pid
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil || len(strings.Fields(string(b))) < 3 {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
