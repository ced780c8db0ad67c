package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
)

// fakeGraph answers from memory, its plans included, and counts the store
// calls a request makes. Methods it does not override panic (the embedded
// Reader is nil), which a test would see as an internal error.
type fakeGraph struct {
	unimplemented
	nodes map[string]domain.Node
	calls int
	fail  error
	panic bool
}

func (f *fakeGraph) FindEntity(_ context.Context, t domain.EntityType, id, name string, plan domain.Plan) (*domain.Node, error) {
	f.calls++
	if f.panic {
		panic("boom")
	}
	if f.fail != nil {
		return nil, f.fail
	}
	if id == "" && name == "" {
		return nil, domain.Errorf(domain.EINVALID, "give an id or a name")
	}
	for _, n := range f.nodes {
		if (t == "" || n.Type == t) && (n.ID == id || store.NameKey(n.Name) == store.NameKey(name)) {
			n.Lists = f.lists(n, plan)
			return &n, nil
		}
	}
	return nil, nil
}

func (f *fakeGraph) Expand(_ context.Context, root domain.Root, ids []string, plan domain.Plan) (map[string]domain.Lists, error) {
	f.calls++
	out := map[string]domain.Lists{}
	for _, id := range ids {
		switch root {
		case domain.EntityRoot:
			out[id] = f.lists(f.nodes[id], plan)
		case domain.RelationRoot:
			out[id] = f.factLists(f.fact(id), "", plan)
		}
	}
	return out, nil
}

// fact is the one relation each party has.
func (f *fakeGraph) fact(key string) domain.Fact {
	from := strings.TrimPrefix(key, "k-")
	return domain.Fact{Key: key, Type: domain.EquidistantFrom, From: f.nodes[from], To: f.nodes["party:b"], Confidence: 0.9, SourceCount: 1}
}

// lists answers plan for n: a party is led by person:a, allied with
// party:b and has one relation, with one piece of evidence.
func (f *fakeGraph) lists(n domain.Node, plan domain.Plan) domain.Lists {
	out := domain.Lists{}
	for _, l := range plan.Lists {
		if l.On != "" && l.On != n.Type {
			continue
		}
		r := &domain.Result{}
		switch l.Kind {
		case domain.Neighbours:
			if l.Hop.Types[0] == domain.Leads {
				p := f.nodes["person:a"]
				p.Lists = f.lists(p, l.Each)
				r.Nodes = append(r.Nodes, p)
			}
		case domain.Allies:
			b := f.nodes["party:b"]
			b.Lists = f.lists(b, l.Each)
			r.Nodes = append(r.Nodes, b)
		case domain.Facts:
			fact := f.fact("k-" + n.ID)
			fact.Lists = f.factLists(fact, n.ID, l.Each)
			r.Facts = append(r.Facts, fact)
		}
		out[l.Key] = r
	}
	return out
}

func (f *fakeGraph) factLists(fact domain.Fact, from string, plan domain.Plan) domain.Lists {
	out := domain.Lists{}
	for _, l := range plan.Lists {
		r := &domain.Result{}
		switch l.Kind {
		case domain.EvidenceOf:
			r.Evidence = []domain.Evidence{{ID: "e-" + fact.Key, RelKey: fact.Key, Sentence: "s of " + fact.Key, Confidence: 0.9,
				Article: domain.Article{ID: "a1", Title: "T"}}}
		case domain.FromEnd, domain.ToEnd, domain.OtherEnd:
			end := fact.To
			if l.Kind == domain.FromEnd || (l.Kind == domain.OtherEnd && fact.To.ID == from) {
				end = fact.From
			}
			end.Lists = f.lists(end, l.Each)
			r.Nodes = []domain.Node{end}
		}
		out[l.Key] = r
	}
	return out
}

func (f *fakeGraph) Search(_ context.Context, text string, _ []domain.EntityType, p domain.Page, _ domain.Plan) ([]domain.Node, error) {
	f.calls++
	var out []domain.Node
	for i := 0; i < p.First; i++ {
		out = append(out, domain.Node{ID: "person:" + text, Type: domain.Person, Name: strings.Repeat(text, 100)})
	}
	return out, nil
}

// unimplemented names the embedded interface.
type unimplemented = domain.Reader

func newFake() *fakeGraph {
	return &fakeGraph{nodes: map[string]domain.Node{
		"party:a":  {ID: "party:a", Type: domain.Party, Name: "Party A", NameHi: "पार्टी ए"},
		"party:b":  {ID: "party:b", Type: domain.Party, Name: "Party B"},
		"person:a": {ID: "person:a", Type: domain.Person, Name: "Person A"},
	}}
}

// fakeIngester records what the mutations ask of the loader.
type fakeIngester struct {
	ingested  []domain.Article
	retracted []string
}

func (f *fakeIngester) Ingest(_ context.Context, arts []domain.Article) ([]domain.IngestResult, error) {
	f.ingested = append(f.ingested, arts...)
	out := make([]domain.IngestResult, len(arts))
	for i, a := range arts {
		out[i] = domain.IngestResult{ArticleID: "id-" + a.Title, Origin: a.Origin, Status: domain.New, Entities: 2, Relations: 1}
		if a.Body == "" {
			out[i] = domain.IngestResult{Origin: a.Origin, Status: domain.Failed, Error: a.Origin + ": empty article"}
		}
	}
	return out, nil
}

func (f *fakeIngester) Retract(_ context.Context, ids []string) (int, error) {
	f.retracted = append(f.retracted, ids...)
	return 1, nil
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newHandler(g domain.Reader) http.Handler {
	return New(Options{Graph: g, Log: quiet(), Introspection: true})
}

// post sends a query and returns the status and decoded body.
func post(t *testing.T, h http.Handler, query string, headers ...string) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	return postBody(t, h, string(body), headers...)
}

func postBody(t *testing.T, h http.Handler, body string, headers ...string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("response is not JSON (status %d): %.200s", w.Code, w.Body)
	}
	return w.Code, out
}

func firstError(body map[string]any) (code, message string) {
	errs, _ := body["errors"].([]any)
	if len(errs) == 0 {
		return "", ""
	}
	e := errs[0].(map[string]any)
	ext, _ := e["extensions"].(map[string]any)
	code, _ = ext["code"].(string)
	return code, e["message"].(string)
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		spoil       func(*fakeGraph)
		code, msg   string
	}{
		{name: "syntax", query: `{ party(name: "SP") { name `, code: "GRAPHQL_PARSE_FAILED"},
		{name: "unknown field", query: `{ party(name: "SP") { nickname } }`, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "wrong argument type", query: `{ party(name: 3) { name } }`, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "no id or name", query: `{ party { name } }`, code: CodeBadUserInput, msg: "give an id or a name"},
		{name: "first out of range", query: `{ party(name: "Party A") { relations(first: 1000) { type } } }`, code: CodeBadUserInput},
		{name: "negative first", query: `{ search(text: "x", first: -1) { id } }`, code: CodeBadUserInput},
		{name: "bad date", query: `{ alliances(party: "SP", asOf: "yesterday") { direct } }`, code: CodeBadUserInput},
		{name: "maxHops", query: `{ path(from: "a", to: "b", maxHops: 7) { id } }`, code: CodeBadUserInput},
		{name: "depth", query: `{ neighborhood(id: "a", depth: 4) { nodes { id } } }`, code: CodeBadUserInput},
		{name: "internal", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.fail = errors.New("neo4j: secret detail") },
			code: CodeInternal, msg: "internal error"},
		{name: "panic", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.panic = true }, code: CodeInternal, msg: "internal error"},
		{name: "not found", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.fail = domain.Errorf(domain.ENOTFOUND, "no party") },
			code: CodeNotFound, msg: "no party"},
		{name: "timeout", query: `{ party(name: "SP") { name } }`,
			spoil: func(f *fakeGraph) {
				f.fail = domain.Wrap(errors.New("secret driver detail"), domain.ETIMEOUT, "the query took longer than its limit of 5s")
			},
			code: CodeTimeout, msg: "the query took longer than its limit of 5s"},
		{name: "unavailable", query: `{ party(name: "SP") { name } }`,
			spoil: func(f *fakeGraph) {
				f.fail = fmt.Errorf("find party: %w", domain.Wrap(errors.New("secret: connection refused"), domain.EUNAVAILABLE, "the graph database is unavailable"))
			},
			code: CodeServiceUnavailable, msg: "the graph database is unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newFake()
			if tc.spoil != nil {
				tc.spoil(g)
			}
			status, body := post(t, newHandler(g), tc.query)
			if status >= 500 {
				t.Errorf("status %d", status)
			}
			code, msg := firstError(body)
			if code != tc.code {
				t.Errorf("code %q (%s), want %q", code, msg, tc.code)
			}
			if tc.msg != "" && msg != tc.msg {
				t.Errorf("message %q, want %q", msg, tc.msg)
			}
			if strings.Contains(msg, "secret") || strings.Contains(msg, "boom") {
				t.Errorf("message leaks detail: %q", msg)
			}
		})
	}
}

func TestPartyQueryBatchesNestedFields(t *testing.T) {
	g := newFake()
	c := client.New(newHandler(g))
	var resp struct {
		Party struct {
			Name    string
			NameHi  string
			Leaders []struct{ Name string }
			Allies  []struct{ Name string }
			Stances []struct {
				Type     string
				Target   struct{ Name string }
				Evidence []struct {
					Sentence string
					Article  struct{ Title string }
				}
			}
		}
	}
	c.MustPost(`{ party(name: "party a") { name nameHi leaders { name } allies { name }
		stances { type target { name } evidence { sentence article { title } } } } }`, &resp)
	p := resp.Party
	if p.Name != "Party A" || p.NameHi != "पार्टी ए" || len(p.Leaders) != 1 || p.Leaders[0].Name != "Person A" ||
		len(p.Allies) != 1 || p.Allies[0].Name != "Party B" {
		t.Errorf("party = %+v", p)
	}
	if len(p.Stances) != 1 || p.Stances[0].Type != "EQUIDISTANT_FROM" || p.Stances[0].Target.Name != "Party B" ||
		p.Stances[0].Evidence[0].Sentence != "s of k-party:a" || p.Stances[0].Evidence[0].Article.Title != "T" {
		t.Errorf("stances = %+v", p.Stances)
	}

	// A list of entities asking for nested lists costs one store call per
	// top-level field, not one per item or per nested field.
	g.calls = 0
	var rel map[string]any
	c.MustPost(`{ party(id: "party:a") { relations { to { relations { evidence { sentence } } } } } }`, &rel)
	if g.calls != 1 {
		t.Errorf("%d store calls, want 1 (the party with its plan)", g.calls)
	}
	if !strings.Contains(jsonString(rel), "s of k-party:b") {
		t.Errorf("nested lists: %v", rel)
	}
}

func TestMutationsNeedTheAPIKey(t *testing.T) {
	const ingest = `mutation { ingestArticles(input: [
		{title: "One", body: "SP and TMC", publishedAt: "2024-03-01"},
		{title: "Two", body: ""}]) { articleId origin status error entities relations } }`
	const retract = `mutation { retractArticle(id: "a1") }`

	ing := &fakeIngester{}
	disabled := New(Options{Graph: newFake(), Ingester: ing, Log: quiet()})
	_, body := post(t, disabled, ingest, "Authorization", "Bearer anything")
	if code, msg := firstError(body); code != CodeUnauthenticated || !strings.Contains(msg, "disabled") {
		t.Errorf("no key configured: %s %q, want UNAUTHENTICATED saying mutations are disabled", code, msg)
	}

	h := New(Options{Graph: newFake(), Ingester: ing, APIKey: "s3cret", Log: quiet()})
	for _, headers := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "s3cret"}, {"Authorization", "Basic s3cret"}} {
		for _, q := range []string{ingest, retract} {
			_, body := post(t, h, q, headers...)
			if code, _ := firstError(body); code != CodeUnauthenticated || body["data"] != nil {
				t.Errorf("%v: %v, want UNAUTHENTICATED and no data", headers, body)
			}
		}
	}
	if len(ing.ingested) != 0 || len(ing.retracted) != 0 {
		t.Fatalf("refused mutations reached the loader: %+v", ing)
	}

	var resp struct {
		IngestArticles []struct {
			ArticleID           *string
			Origin, Status      string
			Error               *string
			Entities, Relations int
		}
	}
	c := client.New(h)
	c.MustPost(ingest, &resp, client.AddHeader("Authorization", "Bearer s3cret"))
	r := resp.IngestArticles
	if len(r) != 2 || r[0].Status != "NEW" || r[0].Origin != "input[0]" || r[0].ArticleID == nil || r[0].Error != nil ||
		r[1].Status != "FAILED" || r[1].Error == nil || r[1].ArticleID != nil {
		t.Errorf("results = %+v", r)
	}
	if len(ing.ingested) != 2 || ing.ingested[0].PublishedAt == nil || ing.ingested[0].PublishedAt.Format("2006-01-02") != "2024-03-01" {
		t.Errorf("loader got %+v", ing.ingested)
	}
	var ret struct{ RetractArticle bool }
	c.MustPost(retract, &ret, client.AddHeader("Authorization", "Bearer s3cret"))
	if !ret.RetractArticle || len(ing.retracted) != 1 || ing.retracted[0] != "a1" {
		t.Errorf("retract: %v, loader got %v", ret, ing.retracted)
	}

	// An article with a date the API cannot read fails alone, naming the
	// date, and never reaches the loader.
	before := len(ing.ingested)
	_, body = post(t, h, `mutation { ingestArticles(input: [{title: "x", body: "y", publishedAt: "soon"}]) { status error } }`,
		"Authorization", "Bearer s3cret")
	data, _ := body["data"].(map[string]any)
	results, _ := data["ingestArticles"].([]any)
	if body["errors"] != nil || len(results) != 1 {
		t.Fatalf("bad publishedAt: %v, want one FAILED result", body)
	}
	got, _ := results[0].(map[string]any)
	if msg, _ := got["error"].(string); got["status"] != "FAILED" || !strings.Contains(msg, "publishedAt") || !strings.Contains(msg, "soon") {
		t.Errorf("bad publishedAt: %v, want FAILED with an error naming publishedAt and its value", got)
	}
	if len(ing.ingested) != before {
		t.Errorf("an article with a bad publishedAt reached the loader: %+v", ing.ingested[before:])
	}
	// Mutations are never served over GET, which browsers send across sites.
	req := httptest.NewRequest(http.MethodGet, "/graphql?query="+strings.ReplaceAll(retract, " ", "+"), nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if len(ing.retracted) != 1 {
		t.Errorf("GET ran a mutation: %s", w.Body)
	}
}

func TestLimits(t *testing.T) {
	h := newHandler(newFake())
	deep := `{ party(name: "a") { leaders { parties { leaders { parties { leaders { parties { leaders { name } } } } } } } } }`
	if _, body := post(t, h, deep); func() string { c, _ := firstError(body); return c }() != CodeDepthLimit {
		t.Errorf("deep query: %v", body)
	}
	wide := `{ relations(first: 100) { nodes { evidence(first: 100) { article { title } } } } }`
	if _, body := post(t, h, wide); func() string { c, _ := firstError(body); return c }() != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("complex query: %v", body)
	}
	// The IDE's introspection is deep but not counted.
	if _, body := post(t, h, `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } }`); body["errors"] != nil {
		t.Errorf("introspection: %v", body["errors"])
	}
	// Suggestions would spell out the schema.
	if _, body := post(t, h, `{ party(name: "a") { nam } }`); strings.Contains(strings.ToLower(jsonString(body)), "did you mean") {
		t.Errorf("suggestion given: %v", body)
	}

	closed := New(Options{Graph: newFake(), Log: quiet()})
	if _, body := post(t, closed, `{ __schema { types { name } } }`); body["errors"] == nil {
		t.Errorf("introspection off, yet answered: %v", body)
	}
	if _, body := post(t, closed, `{ party(name: "Party A") { name } }`); body["errors"] != nil {
		t.Errorf("introspection off: plain query failed: %v", body["errors"])
	}

	big := `{"query": "{ party(name: \"` + strings.Repeat("a", 2<<20) + `\") { name } }"}`
	status, body := postBody(t, h, big)
	if status >= 500 || body["errors"] == nil {
		t.Errorf("2 MiB body: status %d, %.200v", status, body)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestCORSGzipAndPersistedQueries(t *testing.T) {
	h := New(Options{Graph: newFake(), Log: quiet(), CORSOrigins: []string{"https://dash.example"}})

	for origin, allowed := range map[string]bool{"https://dash.example": true, "https://evil.example": false} {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type") // as browsers send them: lower case, sorted
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if got := w.Header().Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("preflight from %s: allowed %v, want %v (%v)", origin, got, allowed, w.Header())
		}
	}

	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ search(text: \"gzip\", first: 50) { name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("a %d-byte answer was not gzipped: %v", w.Body.Len(), w.Header())
	}
	zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !bytes.Contains(b, []byte(`"search"`)) {
		t.Errorf("gzipped body: %.100s", b)
	}

	const q = `{ party(name: "Party A") { name } }`
	sum := sha256.Sum256([]byte(q))
	ext := `"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + hex.EncodeToString(sum[:]) + `"}}`
	if _, body := postBody(t, h, `{`+ext+`}`); jsonString(body) == "" || !strings.Contains(jsonString(body), "PersistedQueryNotFound") {
		t.Errorf("unknown hash: %v", body)
	}
	if _, body := postBody(t, h, `{"query": "`+strings.ReplaceAll(q, `"`, `\"`)+`", `+ext+`}`); body["errors"] != nil {
		t.Errorf("registering: %v", body)
	}
	if _, body := postBody(t, h, `{`+ext+`}`); !strings.Contains(jsonString(body), "Party A") {
		t.Errorf("by hash: %v", body)
	}
}

// An operation that failed whole because Neo4j is unavailable: a retryAfter
// in every error; with application/graphql-response+json, HTTP 503 and
// Retry-After; with application/json, 200 (what legacy clients expect).
func TestUnavailableStatus(t *testing.T) {
	g := newFake()
	g.fail = domain.Wrap(errors.New("connection refused"), domain.EUNAVAILABLE, "the graph database is unavailable")
	h := New(Options{Graph: g, Log: quiet(), RetryAfter: 7 * time.Second})
	for _, tc := range []struct {
		accept string
		status int
		header string
	}{
		{"application/graphql-response+json", http.StatusServiceUnavailable, "7"},
		{"application/json", http.StatusOK, ""},
		{"", http.StatusOK, ""},
	} {
		body, _ := json.Marshal(map[string]string{"query": `{ party(name: "SP") { name } }`})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if tc.accept != "" {
			req.Header.Set("Accept", tc.accept)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.status || w.Header().Get("Retry-After") != tc.header {
			t.Errorf("Accept %q: %d, Retry-After %q; want %d and %q", tc.accept, w.Code, w.Header().Get("Retry-After"), tc.status, tc.header)
		}
		var out struct {
			Errors []struct {
				Extensions struct {
					Code       string
					RetryAfter int
				}
			}
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out.Errors) == 0 ||
			out.Errors[0].Extensions.Code != CodeServiceUnavailable || out.Errors[0].Extensions.RetryAfter != 7 {
			t.Errorf("Accept %q: %s", tc.accept, w.Body)
		}
	}
	// A field that failed beside one that answered is no 503.
	g.fail = nil
	status, _ := post(t, h, `{ search(text: "x") { id } }`, "Accept", "application/graphql-response+json")
	if status != http.StatusOK {
		t.Errorf("an answered operation: %d", status)
	}
}
