package loader_test

// Integration tests of `netagraph load` as operators run it: the built
// binary, as a process, against the test Neo4j, killed or left without its
// database midway. They count what is in the graph to prove that every
// article is committed whole or not at all, and that running the same
// command again finishes the job with nothing duplicated and nothing lost.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netagraph/netagraph/internal/syncbuf"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/store/storetest"
)

// corpusSize is a few hundred articles: enough batches to stop a load
// between two, small enough for a test.
const corpusSize = 300

// binary builds netagraph once for the package's tests.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "netagraph-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "netagraph")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/netagraph/netagraph").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// corpus writes the synthetic corpus of seed 42 as JSON lines.
func corpus(t *testing.T) string {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := synth.New(lex, 42).Write(f, corpusSize); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadCmd is `netagraph load --json ARGS...` against the test Neo4j.
func loadCmd(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	uri, user, password := storetest.Config()
	cmd := exec.Command(bin, append([]string{"load", "--json", "--quiet"}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_USER="+user, "NEO4J_PASSWORD="+password)
	return cmd
}

type summary struct {
	Read, New, Unchanged, Updated, Failed, NotWritten int
	Entities, Relations                               int
	Stopped                                           string
}

// load runs a load to its end and returns its summary.
func load(t *testing.T, args ...string) summary {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := loadCmd(t, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("netagraph load: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var s summary
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("summary %q: %v", stdout.String(), err)
	}
	return s
}

func articles(t *testing.T) int64 {
	t.Helper()
	return storetest.Exec(t, `MATCH (a:Article) RETURN count(a) AS n`, nil)[0]["n"].(int64)
}

// perArticle is, for each article in the graph, how many pieces of
// evidence and mentions it has.
func perArticle(t *testing.T) map[string][2]int64 {
	t.Helper()
	out := map[string][2]int64{}
	for _, r := range storetest.Exec(t, `
		MATCH (a:Article)
		RETURN a.id AS id, COUNT { (a)-[:STATES]->(:Evidence) } AS evidence, COUNT { (a)-[:MENTIONS]->() } AS mentions`, nil) {
		out[r["id"].(string)] = [2]int64{r["evidence"].(int64), r["mentions"].(int64)}
	}
	return out
}

// consistent checks that each article in the graph has all it has after a
// clean load, and that nothing in the graph lacks its article.
func consistent(t *testing.T, clean map[string][2]int64) {
	t.Helper()
	for id, got := range perArticle(t) {
		if want, ok := clean[id]; !ok || got != want {
			t.Errorf("article %s has %d evidence and %d mentions, after a clean load %d and %d: half written", id, got[0], got[1], want[0], want[1])
		}
	}
	if v := storetest.Violations(t); len(v) > 0 {
		t.Errorf("graph inconsistent: %v", v)
	}
}

// cleanLoad loads the corpus into an empty graph in one go: what every
// interrupted load must end up equal to.
func cleanLoad(t *testing.T, path string) (storetest.Content, map[string][2]int64) {
	t.Helper()
	storetest.Open(t)
	if s := load(t, path); s.New != corpusSize || s.Failed != 0 {
		t.Fatalf("clean load: %+v", s)
	}
	want, counts := storetest.GraphContent(t), perArticle(t)
	if len(counts) != corpusSize {
		t.Fatalf("clean load wrote %d articles", len(counts))
	}
	storetest.Open(t) // empty again
	return want, counts
}

// waitForArticles waits until at least n articles are committed, or the
// load ends.
func waitForArticles(t *testing.T, n int64, done <-chan error) int64 {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if got := articles(t); got >= n {
			return got
		}
		select {
		case err := <-done:
			t.Fatalf("the load ended (%v) before %d articles were committed", err, n)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d articles committed after 90s", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Killing a load midway leaves no half-written article; running the same
// command again finishes the job, and the graph is the one a clean load
// makes.
func TestKillMidwayAndRerun(t *testing.T) {
	path := corpus(t)
	want, clean := cleanLoad(t, path)

	// Small batches and one worker: many commits, so the kill falls
	// between two of them with articles on both sides.
	args := []string{"--batch-size", "5", "--workers", "1", path}
	cmd := loadCmd(t, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	committed := waitForArticles(t, 40, done)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-done
	after := articles(t)
	t.Logf("killed after %d articles were seen committed; %d in the graph", committed, after)
	if after >= corpusSize {
		t.Fatalf("the load finished (%d articles) before it was killed", after)
	}
	consistent(t, clean)

	s := load(t, args...)
	if s.Read != corpusSize || s.Unchanged != int(after) || s.New != corpusSize-int(after) || s.Failed != 0 {
		t.Errorf("rerun: %+v, want %d unchanged and %d new", s, after, corpusSize-after)
	}
	consistent(t, clean)
	if got := storetest.GraphContent(t); got.Digest != want.Digest {
		t.Errorf("after kill and rerun the graph differs from a clean load:\n got %+v\nwant %+v", got, want)
	}
}

// neo4jScript runs scripts/neo4j on the test instance.
func neo4jScript(t testing.TB, verb string) {
	t.Helper()
	cache := os.Getenv("NETAGRAPH_TEST_CACHE")
	if cache == "" {
		t.Fatal("restarting Neo4j needs the test instance's cache directory and ports: run `make test` " +
			"(or set NETAGRAPH_TEST_CACHE, NEO4J_BOLT_PORT and NEO4J_HTTP_PORT as it does)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join("..", "scripts", "neo4j"), verb)
	env := []string{"NETAGRAPH_CACHE=" + cache}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_URI=") && !strings.HasPrefix(kv, "NETAGRAPH_CACHE=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/neo4j %s: %v\n%s", verb, err, out)
	}
}

// Restarting Neo4j midway: the loader waits for it with backoff and
// finishes the job (or stops saying what it did); running the same command
// again leaves the graph a clean load makes. The articles come on standard
// input, a third before the restart and the rest while Neo4j is down, so the
// load is surely under way when Neo4j goes.
func TestNeo4jRestartMidway(t *testing.T) {
	if os.Getenv("NETAGRAPH_TEST_NEO4J_EXTERNAL") == "1" {
		t.Skip("the test Neo4j is an external server (NETAGRAPH_TEST_NEO4J_URI): the tests cannot restart it")
	}
	path := corpus(t)
	want, clean := cleanLoad(t, path)
	lines, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	third := bytes.SplitAfterN(lines, []byte("\n"), corpusSize/3+1)
	first, rest := bytes.Join(third[:corpusSize/3], nil), third[corpusSize/3]

	args := []string{"--batch-size", "5", "--wait", "2m", "--progress-every", "1s", "-"}
	var stdout, stderr syncbuf.Buffer
	cmd := loadCmd(t, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// Progress lines, not --quiet: the test reads that the loader waited.
	cmd.Args = slicesDelete(cmd.Args, "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	if _, err := stdin.Write(first); err != nil {
		t.Fatal(err)
	}
	waitForArticles(t, corpusSize/3, done)
	t0 := time.Now()
	// Whatever happens next, the tests after this one need Neo4j.
	t.Cleanup(func() { neo4jScript(t, "start") })
	neo4jScript(t, "stop")
	t.Logf("Neo4j stopped in %s", time.Since(t0))
	// The loader reads on only as far as it can write: feed it meanwhile.
	fed := make(chan error, 1)
	go func() {
		_, err := stdin.Write(rest)
		stdin.Close()
		fed <- err
	}()
	// Let the loader find Neo4j gone before it is back.
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stderr.String(), "waiting for Neo4j"); {
		if time.Now().After(deadline) {
			t.Fatalf("the loader did not say it waited for Neo4j: %s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t0 = time.Now()
	neo4jScript(t, "start")
	t.Logf("Neo4j started in %s", time.Since(t0))

	select {
	case err = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("the load did not end within 3 minutes of the restart")
	}
	if ferr := <-fed; ferr != nil && err == nil {
		t.Errorf("the load ended before reading all its input: %v", ferr)
	}
	var s summary
	if jerr := json.Unmarshal([]byte(stdout.String()), &s); jerr != nil {
		t.Fatalf("summary %q: %v (stderr %s)", stdout.String(), jerr, stderr.String())
	}
	t.Logf("through the restart: %+v (exit %v)", s, err)
	if err != nil {
		// Allowed, if it says what it did.
		if s.Stopped == "" || !strings.Contains(stderr.String(), "run the same command again") {
			t.Errorf("the load failed without saying what it did: %v\n%s", err, stderr.String())
		}
	} else if s.Read != corpusSize || s.New+s.Unchanged != corpusSize {
		t.Errorf("the load finished with %+v", s)
	}
	consistent(t, clean)

	s = load(t, path)
	if s.Read != corpusSize || s.Failed != 0 || s.New+s.Unchanged != corpusSize {
		t.Errorf("rerun: %+v", s)
	}
	consistent(t, clean)
	if got := storetest.GraphContent(t); got.Digest != want.Digest {
		t.Errorf("after the restart and a rerun the graph differs from a clean load:\n got %+v\nwant %+v", got, want)
	}
}

func slicesDelete(args []string, arg string) []string {
	out := args[:0:0]
	for _, a := range args {
		if a != arg {
			out = append(out, a)
		}
	}
	return out
}
