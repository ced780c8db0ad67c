package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

const partyQuery = `query ($name: String!) {
  party(name: $name) {
    name nameHi
    leaders { name }
    allies { name }
    stances { type target { name } evidence { sentence article { title } } }
  }
}`

type named struct{ Name string }

type stance struct {
	Type     string
	Target   named
	Evidence []struct {
		Sentence string
		Article  struct{ Title string }
	}
}

type partyResponse struct {
	Party *struct {
		Name    string
		NameHi  string
		Leaders []named
		Allies  []named
		Stances []stance
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// serve is the API over st as `netagraph serve` configures it.
func serve(st *store.Store) http.Handler {
	return graph.New(graph.Options{Graph: st, Log: quiet(), Introspection: true})
}

// load writes articles with the real extractor into an empty graph.
func load(t *testing.T, paths ...string) *store.Store {
	t.Helper()
	st := storetest.Open(t)
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ld := &loader.Loader{Extractor: extract.New(lex), Store: st}
	if _, err := ld.Load(context.Background(), paths...); err != nil {
		t.Fatal(err)
	}
	return st
}

// devCorpus is every article of the shared dev corpus.
func devCorpus(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(filepath.Dir(storetest.Corpus(t, sliceArticle)), "*.txt"))
	if err != nil || len(paths) < 2 {
		t.Fatalf("dev corpus: %v, %v", paths, err)
	}
	return paths
}

// The article the project was created from.
const sliceArticle = "000_4ed8cda6a75da183.txt"

func TestPartyQuery(t *testing.T) {
	h := serve(load(t, storetest.Corpus(t, sliceArticle)))
	c := client.New(h)
	for _, name := range []string{"सपा", "SP", "Samajwadi Party", "समाजवादी पार्टी"} {
		var resp partyResponse
		if err := c.Post(partyQuery, &resp, client.Var("name", name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := resp.Party
		if p == nil {
			t.Fatalf("party(name: %q) = null", name)
		}
		if p.Name != "Samajwadi Party" || p.NameHi != "समाजवादी पार्टी" {
			t.Errorf("%s: name %q / %q", name, p.Name, p.NameHi)
		}
		if !slices.Contains(p.Leaders, named{"Akhilesh Yadav"}) {
			t.Errorf("%s: leaders %v, want Akhilesh Yadav", name, p.Leaders)
		}
		if !slices.ContainsFunc(p.Allies, func(a named) bool { return strings.Contains(a.Name, "Trinamool") }) {
			t.Errorf("%s: allies %v, want Trinamool Congress", name, p.Allies)
		}
		for _, target := range []string{"Indian National Congress", "Bharatiya Janata Party"} {
			i := slices.IndexFunc(p.Stances, func(s stance) bool {
				return s.Type == "EQUIDISTANT_FROM" && s.Target.Name == target
			})
			if i < 0 {
				t.Errorf("%s: no EQUIDISTANT_FROM %s in %+v", name, target, p.Stances)
				continue
			}
			ev := p.Stances[i].Evidence
			if len(ev) == 0 || ev[0].Sentence == "" || !strings.Contains(ev[0].Article.Title, "अखिलेश यादव") {
				t.Errorf("%s: EQUIDISTANT_FROM %s evidence %+v", name, target, ev)
			}
		}
	}

	var none partyResponse
	if err := c.Post(partyQuery, &none, client.Var("name", "No Such Party")); err != nil || none.Party != nil {
		t.Errorf("unknown party: %+v, %v; want null", none.Party, err)
	}
}

func TestBadQueriesAreGraphQLErrors(t *testing.T) {
	h := serve(load(t, storetest.Corpus(t, sliceArticle)))
	for _, q := range []string{
		`{ party(name: "SP") { name `,
		`{ party(name: "SP") { nickname } }`,
		`{ parties { name } }`,
		`not graphql at all`,
		`{ relations(after: "not a cursor") { totalCount } }`,
		`{ path(from: "SP", to: "Nobody At All") { id } }`,
		`{ search(text: "!!!") { id } }`,
	} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": `+quote(q)+`}`))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		var body struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		if w.Code >= 500 || json.Unmarshal(w.Body.Bytes(), &body) != nil || len(body.Errors) == 0 {
			t.Errorf("%q: status %d, body %s; want a GraphQL error response", q, w.Code, w.Body)
			continue
		}
		if code := body.Errors[0].Extensions["code"]; code == nil || code == graph.CodeInternal {
			t.Errorf("%q: error code %v: %+v", q, code, body.Errors[0])
		}
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// query posts q and decodes its data into out, failing on any error.
func query(t *testing.T, h http.Handler, q string, out any, vars ...client.Option) {
	t.Helper()
	if err := client.New(h).Post(q, out, vars...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// queryError posts q and returns the first error's code.
func queryError(t *testing.T, h http.Handler, q string) string {
	t.Helper()
	var resp struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": `+quote(q)+`}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || len(resp.Errors) == 0 {
		t.Fatalf("%s: no error: %s", q, w.Body)
	}
	return resp.Errors[0].Extensions.Code
}
