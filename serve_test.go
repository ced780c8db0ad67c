package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/store/storetest"
)

// startServe runs `netagraph serve` on a free loopback port against the
// test Neo4j and returns its base URL; it stops when the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	uri, _, _ := storetest.Config()
	return startServeOn(t, uri, args...)
}

// startServeOn is startServe with Neo4j at uri.
func startServeOn(t *testing.T, uri string, args ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, user, password := storetest.Config()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- command(io.Discard).Run(ctx, append([]string{"netagraph", "serve", "--addr", addr,
			"--neo4j-uri", uri, "--neo4j-user", user, "--neo4j-password", password}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not become ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type gqlResponse struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
}

func postGraphQL(t *testing.T, base, key, query string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: status %d, not JSON: %v", query, resp.StatusCode, err)
	}
	return out
}

// The mutations end to end: `netagraph serve` with an API key loads an
// article through the loader into Neo4j (the mutation docs/api.md shows),
// answers questions about it, and retracts it.
func TestServeMutations(t *testing.T) {
	storetest.Open(t) // an empty graph
	base := startServe(t, "--api-key", "test-key")

	b, err := os.ReadFile("docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```graphql\n(mutation \\{\n  ingestArticles.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/api.md shows no ingestArticles mutation")
	}
	ingest := string(m[1])

	for _, key := range []string{"", "wrong"} {
		if r := postGraphQL(t, base, key, ingest); len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAUTHENTICATED" {
			t.Errorf("key %q: %+v, want UNAUTHENTICATED", key, r)
		}
	}
	if c := storetest.Count(t); c.Nodes != 0 {
		t.Fatalf("a refused mutation wrote %+v", c)
	}

	r := postGraphQL(t, base, "test-key", ingest)
	results, _ := r.Data["ingestArticles"].([]any)
	if len(r.Errors) > 0 || len(results) != 1 {
		t.Fatalf("ingest: %+v", r)
	}
	res := results[0].(map[string]any)
	if res["status"] != "NEW" || res["articleId"] != "example-1" || res["relations"].(float64) < 1 {
		t.Errorf("ingest result %v", res)
	}
	again := postGraphQL(t, base, "test-key", ingest)
	if s := again.Data["ingestArticles"].([]any)[0].(map[string]any)["status"]; s != "UNCHANGED" {
		t.Errorf("loading the same article again: %v", s)
	}

	q := postGraphQL(t, base, "", `{ party(name: "SP") { leaders { name } stances { type target { name } evidence { article { id } } } } }`)
	if len(q.Errors) > 0 || !strings.Contains(mustJSON(q.Data), "Akhilesh Yadav") || !strings.Contains(mustJSON(q.Data), "example-1") {
		t.Errorf("SP after ingesting: %s %+v", mustJSON(q.Data), q.Errors)
	}

	if r := postGraphQL(t, base, "", `mutation { retractArticle(id: "example-1") }`); len(r.Errors) == 0 {
		t.Errorf("retract without the key: %+v", r)
	}
	if r := postGraphQL(t, base, "test-key", `mutation { retractArticle(id: "example-1") }`); r.Data["retractArticle"] != true {
		t.Errorf("retract: %+v", r)
	}
	if c := storetest.Count(t); c.Nodes != 0 || c.Relationships != 0 {
		t.Errorf("retracting the only article left %+v", c)
	}
	if r := postGraphQL(t, base, "test-key", `mutation { retractArticle(id: "example-1") }`); r.Data["retractArticle"] != false {
		t.Errorf("retracting it again: %+v", r)
	}
}

// Without an API key the mutations are off; introspection can be turned
// off; the IDE is served at /.
func TestServeConfiguration(t *testing.T) {
	storetest.Open(t)
	base := startServe(t, "--introspection=false")
	r := postGraphQL(t, base, "anything", `mutation { retractArticle(id: "x") }`)
	if len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "disabled") {
		t.Errorf("mutation with no key configured: %+v", r)
	}
	if r := postGraphQL(t, base, "", `{ __schema { queryType { name } } }`); len(r.Errors) == 0 {
		t.Errorf("introspection off, yet answered: %+v", r)
	}
	if r := postGraphQL(t, base, "", `{ stats { articles } }`); len(r.Errors) > 0 {
		t.Errorf("stats: %+v", r)
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("graphiql")) {
		t.Errorf("IDE: %d %.200s", resp.StatusCode, page)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// `netagraph serve` exposes /metrics: a request shows up by its operation
// name and code, with the statements it sent timed.
func TestServeMetrics(t *testing.T) {
	storetest.Open(t) // an empty graph
	base := startServe(t)
	if r := postGraphQL(t, base, "", `query Stats { stats { articles } }`); len(r.Errors) > 0 {
		t.Fatalf("stats: %+v", r.Errors)
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`netagraph_graphql_requests_total{code="OK",operation="Stats"} 1`,
		`netagraph_loader_articles_total{status="new"} 0`,
		`netagraph_neo4j_statement_duration_seconds_count `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(string(b), "netagraph_neo4j_statement_duration_seconds_count 0\n") {
		t.Error("no statement timed")
	}
}
