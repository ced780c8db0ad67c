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
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/internal/loadgen"
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
		if _, err := loadgen.Post(client, s.url, []byte(`{"query":"{ __typename }"}`)); err == nil {
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

func graphqlBody(query string) []byte {
	b, _ := json.Marshal(map[string]any{"query": query})
	return b
}

// load sends n requests with body to url from concurrency clients, each
// sending its next request when the last is answered, watching the CPU of
// the processes watch.
func load(c *http.Client, url string, body []byte, n, concurrency int, watch ...int) loadgen.Run {
	return loadgen.Measure(n, concurrency, func() error {
		_, err := loadgen.Post(c, url, body)
		return err
	}, watch...)
}

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
