package graph

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
)

// fakeGraph answers from memory and counts the store calls a request makes.
type fakeGraph struct {
	nodes map[string]domain.Node
	calls int
	fail  error
	panic bool
}

func (f *fakeGraph) FindEntity(_ context.Context, t domain.EntityType, id, name string) (*domain.Node, error) {
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
			return &n, nil
		}
	}
	return nil, nil
}

func (f *fakeGraph) Neighbours(_ context.Context, ids []string, h store.Hop) (map[string][]domain.Node, error) {
	f.calls++
	out := map[string][]domain.Node{}
	if h.Types[0] == domain.Leads {
		for _, id := range ids {
			out[id] = []domain.Node{f.nodes["person:a"]}
		}
	}
	return out, nil
}

func (f *fakeGraph) Allies(_ context.Context, ids []string) (map[string][]domain.Node, error) {
	f.calls++
	out := map[string][]domain.Node{}
	for _, id := range ids {
		out[id] = []domain.Node{f.nodes["party:b"]}
	}
	return out, nil
}

func (f *fakeGraph) Facts(_ context.Context, ids []string, q store.FactQuery) (map[string][]domain.Fact, error) {
	f.calls++
	out := map[string][]domain.Fact{}
	for _, id := range ids {
		out[id] = []domain.Fact{{Key: "k-" + id, Type: domain.EquidistantFrom, From: f.nodes[id], To: f.nodes["party:b"], Confidence: 0.9, SourceCount: 1}}
	}
	return out, nil
}

func (f *fakeGraph) Evidence(_ context.Context, keys []string, first int) (map[string][]domain.Evidence, error) {
	f.calls++
	out := map[string][]domain.Evidence{}
	for _, k := range keys {
		out[k] = []domain.Evidence{{RelKey: k, Sentence: "s of " + k, Confidence: 0.9, Article: domain.Article{ID: "a1", Title: "T"}}}
	}
	return out, nil
}

func newFake() *fakeGraph {
	return &fakeGraph{nodes: map[string]domain.Node{
		"party:a":  {ID: "party:a", Type: domain.Party, Name: "Party A", NameHi: "पार्टी ए"},
		"party:b":  {ID: "party:b", Type: domain.Party, Name: "Party B"},
		"person:a": {ID: "person:a", Type: domain.Person, Name: "Person A"},
	}}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// post sends a query and returns the status and decoded body.
func post(t *testing.T, h http.Handler, query string) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%q: response is not JSON: %s", query, w.Body)
	}
	return w.Code, out
}

func firstErrorCode(body map[string]any) (string, string) {
	errs, _ := body["errors"].([]any)
	if len(errs) == 0 {
		return "", ""
	}
	e := errs[0].(map[string]any)
	ext, _ := e["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
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
		{name: "internal", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.fail = errors.New("neo4j: secret detail") },
			code: CodeInternal, msg: "internal error"},
		{name: "panic", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.panic = true }, code: CodeInternal, msg: "internal error"},
		{name: "not found", query: `{ party(name: "SP") { name } }`, spoil: func(f *fakeGraph) { f.fail = domain.Errorf(domain.ENOTFOUND, "no party") },
			code: CodeNotFound, msg: "no party"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newFake()
			if tc.spoil != nil {
				tc.spoil(g)
			}
			status, body := post(t, Handler(g, quiet()), tc.query)
			if status >= 500 {
				t.Errorf("status %d", status)
			}
			code, msg := firstErrorCode(body)
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
	c := client.New(Handler(g, quiet()))
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
	// field, not one per item.
	g.calls = 0
	var rel struct {
		Party struct {
			Relations []struct {
				To struct {
					Relations []struct {
						Evidence []struct{ Sentence string }
					}
				}
			}
		}
	}
	c.MustPost(`{ party(id: "party:a") { relations { to { relations { evidence { sentence } } } } } }`, &rel)
	if g.calls != 4 {
		t.Errorf("%d store calls, want 4 (find, relations, their relations, evidence)", g.calls)
	}
}
