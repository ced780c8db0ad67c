package main

// Integration tests of issue 12's defects, each against `netagraph serve`
// on the test Neo4j: codes a client can act on during an outage, warm
// start, concurrent ingestion, repeated ids, caps, and the transport's
// own errors.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netagraph/netagraph/internal/syncbuf"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// httpResult is one answer, status and headers included.
type httpResult struct {
	status  int
	header  http.Header
	body    []byte
	resp    gqlResponse
	elapsed time.Duration
}

// do sends a GraphQL request: POST with a JSON body (body nil: query and
// variables encoded), with the given headers.
func do(t *testing.T, method, url string, body []byte, header map[string]string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := httpResult{status: resp.StatusCode, header: resp.Header}
	r.body, _ = io.ReadAll(resp.Body)
	r.elapsed = time.Since(start)
	_ = json.Unmarshal(r.body, &r.resp)
	return r
}

func query(t *testing.T, base, q string, header map[string]string) httpResult {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": q})
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	return do(t, http.MethodPost, base+"/graphql", body, h)
}

func (r httpResult) code() string {
	if len(r.resp.Errors) == 0 {
		return ""
	}
	return r.resp.Errors[0].Extensions.Code
}

// waitReady polls /readyz until it answers want (200 or not), for up to d.
func waitReady(t *testing.T, base string, want bool, d time.Duration) string {
	t.Helper()
	var last string
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		last = string(b)
		if (resp.StatusCode == http.StatusOK) == want {
			return last
		}
	}
	t.Fatalf("/readyz did not turn ready=%v within %s: %q", want, d, last)
	return ""
}

// serve says it is ready only once it has run the queries docs/api.md
// shows, so the statements they send are planned before the first client
// comes (before, /readyz said ready as soon as Neo4j answered a ping and
// the first queries of a cold Neo4j timed out).
func TestServeWarmsUpBeforeReady(t *testing.T) {
	storetest.Open(t)
	base := startServe(t)
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`warmed up: (\d+) queries, (\d+) statements`).FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("/readyz: %q, want it to say what was warmed up", b)
	}
	if want := fmt.Sprint(len(warmupQueries())); m[1] != want || len(warmupQueries()) < 5 {
		t.Errorf("warmed up %s queries, docs/api.md has %s", m[1], want)
	}
	if m[2] == "0" {
		t.Error("warm-up sent no statement")
	}
}

// With Neo4j gone, requests fail at once with SERVICE_UNAVAILABLE and a
// retryAfter (HTTP 503 and Retry-After for application/graphql-response+json),
// /readyz turns unready, and when Neo4j is back the server is ready and
// answers again without a restart. Before: INTERNAL after ~7 s, HTTP 200,
// and /readyz "ready" while queries failed.
func TestServeNeo4jOutage(t *testing.T) {
	storetest.Open(t)
	proxy := storetest.NewProxy(t)
	base := startServeOn(t, proxy.URI)
	const q = `{ stats { articles } }`
	if r := query(t, base, q, nil); r.status != http.StatusOK || len(r.resp.Errors) > 0 {
		t.Fatalf("before the outage: %d %s", r.status, r.body)
	}

	proxy.Down()
	var slowest time.Duration
	for i := range store.FailureThreshold + 1 {
		r := query(t, base, q, nil)
		slowest = max(slowest, r.elapsed)
		if r.status != http.StatusOK || r.code() != "SERVICE_UNAVAILABLE" {
			t.Fatalf("request %d with Neo4j gone, application/json: %d %s", i, r.status, r.body)
		}
		var ext struct {
			Errors []struct{ Extensions struct{ RetryAfter int } }
		}
		if json.Unmarshal(r.body, &ext); ext.Errors[0].Extensions.RetryAfter <= 0 {
			t.Errorf("no retryAfter: %s", r.body)
		}
	}
	r := query(t, base, q, map[string]string{"Accept": "application/graphql-response+json"})
	slowest = max(slowest, r.elapsed)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || r.code() != "SERVICE_UNAVAILABLE" {
		t.Errorf("graphql-response+json with Neo4j gone: %d, Retry-After %q, %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	t.Logf("slowest request with Neo4j gone: %s", slowest)
	// The bound is 2 s (it was 7–23 s); the margin is for a
	// loaded machine.
	if slowest > 6*time.Second {
		t.Errorf("a request with Neo4j gone took %s to fail", slowest)
	}
	why := waitReady(t, base, false, 10*time.Second)
	t.Logf("/readyz during the outage: %q", why)
	// Unready, the server turns queries away itself, at once, with the
	// longer retryAfter: nothing reaches Neo4j until the warm-up has run.
	// (/readyz pings Neo4j itself; the server turns unready within a
	// second of the failures.)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		r = query(t, base, q, nil)
		if len(r.resp.Errors) == 0 || strings.Contains(r.resp.Errors[0].Message, "not ready") || time.Now().After(deadline) {
			break
		}
	}
	var ext struct {
		Errors []struct{ Extensions struct{ RetryAfter int } }
	}
	if json.Unmarshal(r.body, &ext); r.status != http.StatusOK || r.code() != "SERVICE_UNAVAILABLE" ||
		!strings.Contains(r.resp.Errors[0].Message, "not ready") || ext.Errors[0].Extensions.RetryAfter != 5 {
		t.Errorf("a query while unready: %d %s, want SERVICE_UNAVAILABLE, not ready, retryAfter 5", r.status, r.body)
	}

	proxy.Up()
	waitReady(t, base, true, time.Minute)
	if r := query(t, base, q, nil); r.status != http.StatusOK || len(r.resp.Errors) > 0 {
		t.Errorf("after the outage: %d %s", r.status, r.body)
	}
}

// A read that runs past --query-timeout is answered TIMEOUT over HTTP
// (200, per docs/api.md: the client asks for less or tries later), not
// INTERNAL, and within the timeout and its grace, also when Neo4j hangs and
// never answers (the proxy holds back its answers): before, such a request
// waited as long as Neo4j did.
func TestServeQueryTimeout(t *testing.T) {
	storetest.Open(t)
	proxy := storetest.NewProxy(t)
	base := startServeOn(t, proxy.URI, "--query-timeout", "500ms")
	const q = `{ stats { articles } }`
	if r := query(t, base, q, nil); r.status != http.StatusOK || len(r.resp.Errors) > 0 {
		t.Fatalf("before: %d %s", r.status, r.body)
	}
	proxy.Stall()
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		r := query(t, base, q, map[string]string{"Accept": accept})
		t.Logf("%s: %d in %s: %s", accept, r.status, r.elapsed.Round(time.Millisecond), r.body)
		if r.status != http.StatusOK || r.code() != "TIMEOUT" {
			t.Errorf("%s with Neo4j hanging: %d %s, want 200 and TIMEOUT", accept, r.status, r.body)
		}
		if r.elapsed > 20*time.Second {
			t.Errorf("%s: the timeout took %s", accept, r.elapsed)
		}
	}
	proxy.Resume()
	var r httpResult
	for try := 0; try < 3; try++ {
		if r = query(t, base, q, nil); r.status == http.StatusOK && len(r.resp.Errors) == 0 {
			break
		}
	}
	if r.status != http.StatusOK || len(r.resp.Errors) > 0 {
		t.Errorf("after Neo4j answers again: %d %s", r.status, r.body)
	}
}

// synthArticles are n synthetic articles as ArticleInput objects.
func synthArticles(t *testing.T, seed uint64, n int) []map[string]any {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := synth.New(lex, seed).Write(&b, n); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	dec := json.NewDecoder(&b)
	for dec.More() {
		var a map[string]any
		if err := dec.Decode(&a); err != nil {
			t.Fatal(err)
		}
		in := map[string]any{}
		for _, k := range []string{"id", "url", "title", "standfirst", "body", "source", "lang", "publishedAt"} {
			if v, ok := a[k]; ok {
				in[k] = v
			}
		}
		out = append(out, in)
	}
	return out
}

const ingestMutation = `mutation($input: [ArticleInput!]!) { ingestArticles(input: $input) { articleId origin status error warning } }`

type ingestResult struct {
	ArticleID, Origin, Status string
	Error, Warning            *string
}

func ingest(t *testing.T, base, key string, arts []map[string]any) ([]ingestResult, httpResult) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": ingestMutation, "variables": map[string]any{"input": arts}})
	r := do(t, http.MethodPost, base+"/graphql", body, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + key})
	var out struct {
		Data struct{ IngestArticles []ingestResult }
	}
	_ = json.Unmarshal(r.body, &out)
	return out.Data.IngestArticles, r
}

// Four ingestArticles calls at once with the same 50 new articles all
// succeed, each article is new to one of them, and the graph is what one
// call makes. Before: one call NEW, three INTERNAL (a constraint
// violation).
func TestServeConcurrentIngest(t *testing.T) {
	storetest.Open(t)
	base := startServe(t, "--api-key", "k")
	arts := synthArticles(t, 7, 50)
	if res, r := ingest(t, base, "k", arts); len(res) != 50 || len(r.resp.Errors) > 0 {
		t.Fatalf("one call: %d results, %s", len(res), r.body)
	}
	want := storetest.GraphContent(t)
	storetest.Open(t)

	const calls = 4
	results := make([][]ingestResult, calls)
	answers := make([]httpResult, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], answers[i] = ingest(t, base, "k", arts)
		}()
	}
	wg.Wait()
	statuses := map[string]int{}
	for i := range calls {
		if len(answers[i].resp.Errors) > 0 || len(results[i]) != len(arts) {
			t.Errorf("call %d: %s", i, answers[i].body)
			continue
		}
		for _, r := range results[i] {
			statuses[r.Status]++
		}
	}
	if statuses["NEW"] != len(arts) || statuses["UNCHANGED"] != (calls-1)*len(arts) {
		t.Errorf("statuses %v, want each article NEW once and UNCHANGED otherwise", statuses)
	}
	if got := storetest.GraphContent(t); got.Digest != want.Digest {
		t.Errorf("after concurrent calls the graph differs from one call's:\n got %+v\nwant %+v", got, want)
	}
	if v := storetest.Violations(t); len(v) > 0 {
		t.Errorf("graph inconsistent: %v", v)
	}
}

// In one call, the same id twice keeps the later article and says so; a
// bad publishedAt fails its article only. Before: the earlier article
// was stored while the results said the later was, and one bad date
// refused the whole call.
func TestServeIngestRepeatedIDAndBadDate(t *testing.T) {
	storetest.Open(t)
	base := startServe(t, "--api-key", "k")
	arts := []map[string]any{
		{"id": "twice", "title": "Version A", "body": strings.Repeat("Akhilesh Yadav met Mamata Banerjee in Kolkata. ", 300)},
		{"id": "baddate", "title": "Dated", "body": "Mayawati said the BSP would go alone.", "publishedAt": "yesterday"},
		{"id": "twice", "title": "Version B", "body": "Sharad Pawar met Uddhav Thackeray in Mumbai."},
	}
	res, r := ingest(t, base, "k", arts)
	if len(res) != 3 || len(r.resp.Errors) > 0 {
		t.Fatalf("ingest: %s", r.body)
	}
	if res[0].Status != "NEW" || res[2].Status != "UPDATED" {
		t.Errorf("statuses %s, %s; want NEW then UPDATED", res[0].Status, res[2].Status)
	}
	if res[2].Warning == nil || !strings.Contains(*res[2].Warning, "input[0]") {
		t.Errorf("the repeated id's result has no warning naming input[0]: %+v", res[2])
	}
	if res[1].Status != "FAILED" || res[1].Error == nil || !strings.Contains(*res[1].Error, "input[1]") || !strings.Contains(*res[1].Error, "publishedAt") {
		t.Errorf("bad publishedAt: %+v", res[1])
	}
	title := storetest.Exec(t, `MATCH (a:Article {id: "twice"}) RETURN a.title AS title`, nil)
	if len(title) != 1 || title[0]["title"] != "Version B" {
		t.Errorf("stored %v, want the later Version B", title)
	}
}

// The caps: each refuses with its code before anything runs, and each is
// a flag. Before: 1,000 aliases ran (18 s under load), 5,000 characters of
// search text failed inside Lucene as INTERNAL, a body over the limit was
// HTTP 200.
func TestServeCaps(t *testing.T) {
	storetest.Open(t)
	base := startServe(t)
	aliases := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " a%d: %s", i, field)
		}
		b.WriteString(" }")
		return b.String()
	}
	search := func(n int) string {
		return fmt.Sprintf(`{ search(text: %q) { id } }`, strings.Repeat("क", n))
	}
	for _, tc := range []struct {
		name, query, code string
	}{
		{"1000 root aliases", aliases(1000, "stats { articles }"), "ROOT_FIELD_LIMIT_EXCEEDED"},
		{"31 root fields", aliases(31, "stats { articles }"), "ROOT_FIELD_LIMIT_EXCEEDED"},
		{"30 root fields", aliases(30, "stats { articles }"), ""},
		{"1000 search aliases", aliases(1000, `search(text: "x") { id }`), "ROOT_FIELD_LIMIT_EXCEEDED"},
		{"5000 characters of search text", search(5000), "BAD_USER_INPUT"},
		{"201 characters", search(201), "BAD_USER_INPUT"},
		{"200 characters", search(200), ""},
		{"a long name", fmt.Sprintf(`{ party(name: %q) { id } }`, strings.Repeat("x", 500)), "BAD_USER_INPUT"},
		{"nested aliases", `{ stats { ` + strings.TrimSuffix(strings.TrimPrefix(aliases(40, "articles"), "{"), "}") + ` } }`, "ALIAS_LIMIT_EXCEEDED"},
	} {
		r := query(t, base, tc.query, nil)
		if r.code() != tc.code {
			t.Errorf("%s: %d %.300s, want code %q", tc.name, r.status, r.body, tc.code)
		}
	}

	big := bytes.Repeat([]byte(" "), graphDefaultMaxBody+1)
	body := append([]byte(`{"query":"{ stats { articles } }"`), big...)
	body = append(body, '}')
	if r := do(t, http.MethodPost, base+"/graphql", body, map[string]string{"Content-Type": "application/json"}); r.status != http.StatusRequestEntityTooLarge || r.code() != "REQUEST_TOO_LARGE" {
		t.Errorf("body over the limit: %d %.300s", r.status, r.body)
	}

	// Each cap is a flag.
	small := startServe(t, "--root-field-limit", "2", "--alias-limit", "3", "--text-limit", "5", "--max-body", "500")
	for _, tc := range []struct {
		name, query, code string
	}{
		{"3 root fields", aliases(3, "stats { articles }"), "ROOT_FIELD_LIMIT_EXCEEDED"},
		{"2 root fields", aliases(2, "stats { articles }"), ""},
		{"4 aliases", `{ stats { a: articles b: articles c: articles d: articles } }`, "ALIAS_LIMIT_EXCEEDED"},
		{"6 characters", search(6), "BAD_USER_INPUT"},
		{"5 characters", search(5), ""},
	} {
		if r := query(t, small, tc.query, nil); r.code() != tc.code {
			t.Errorf("with smaller limits, %s: %d %.300s, want code %q", tc.name, r.status, r.body, tc.code)
		}
	}
	body = append([]byte(`{"query":"{ stats { articles } }"`), bytes.Repeat([]byte(" "), 600)...)
	if r := do(t, http.MethodPost, small+"/graphql", append(body, '}'), map[string]string{"Content-Type": "application/json"}); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("--max-body 500, a 600-byte body: %d %.300s", r.status, r.body)
	}
}

const graphDefaultMaxBody = 1 << 20

// Every error has a code, the transport's own too, and none shows a Go
// type. Before: introspection off answered INTERNAL; a wrong content
// type, PUT and a GET mutation had no code; a batched array named
// graphql.RawParams.
func TestServeTransportErrors(t *testing.T) {
	storetest.Open(t)
	base := startServe(t, "--introspection=false")
	json := map[string]string{"Content-Type": "application/json"}
	for _, tc := range []struct {
		name         string
		method, path string
		body         string
		header       map[string]string
		status       int
		code         string
	}{
		{"introspection off", http.MethodPost, "/graphql", `{"query":"{ __schema { queryType { name } } }"}`, json, http.StatusOK, "BAD_USER_INPUT"},
		{"wrong content type", http.MethodPost, "/graphql", `{ stats { articles } }`, map[string]string{"Content-Type": "text/plain"}, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"},
		{"PUT", http.MethodPut, "/graphql", `{"query":"{ stats { articles } }"}`, json, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED"},
		{"GET mutation", http.MethodGet, "/graphql?query=" + "mutation%7BretractArticle(id%3A%22x%22)%7D", "", nil, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED"},
		{"batched array", http.MethodPost, "/graphql", `[{"query":"{ stats { articles } }"}]`, json, http.StatusBadRequest, "BAD_REQUEST"},
		{"malformed JSON", http.MethodPost, "/graphql", `{"query":`, json, http.StatusBadRequest, "BAD_REQUEST"},
		{"query not a string", http.MethodPost, "/graphql", `{"query": 3}`, json, http.StatusBadRequest, "BAD_REQUEST"},
		{"no query", http.MethodPost, "/graphql", `{"qeury":"{ stats { articles } }"}`, json, http.StatusBadRequest, "BAD_REQUEST"},
		{"parse error", http.MethodPost, "/graphql", `{"query":"{"}`, json, http.StatusOK, "GRAPHQL_PARSE_FAILED"},
	} {
		r := do(t, tc.method, base+tc.path, []byte(tc.body), tc.header)
		if r.status != tc.status || r.code() != tc.code {
			t.Errorf("%s: %d %s, want %d and code %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
		for _, goName := range []string{"graphql.", "RawParams", "Go value", "map[string]"} {
			if bytes.Contains(r.body, []byte(goName)) {
				t.Errorf("%s: %s shows %q", tc.name, r.body, goName)
			}
		}
	}
}

// `netagraph serve` says when it stops on SIGTERM (before: nothing).
func TestServeLogsStop(t *testing.T) {
	storetest.Open(t)
	bin := filepath.Join(t.TempDir(), "netagraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	uri, user, password := storetest.Config()
	var stderr syncbuf.Buffer
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_USER="+user, "NEO4J_PASSWORD="+password)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); !strings.Contains(stderr.String(), "msg=serving"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("serve did not start: %s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve on SIGTERM: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"msg=\"stopping", "msg=stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %s:\n%s", want, stderr.String())
		}
	}
}
