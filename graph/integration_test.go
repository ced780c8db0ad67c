package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// loadSlice loads the article the project was created from with the real
// extractor and serves the graph.
func loadSlice(t *testing.T) (*store.Store, http.Handler) {
	t.Helper()
	st := storetest.Open(t)
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ld := &loader.Loader{Extractor: extract.New(lex), Store: st}
	if _, err := ld.Load(context.Background(), storetest.Corpus(t, "000_4ed8cda6a75da183.txt")); err != nil {
		t.Fatal(err)
	}
	return st, graph.Handler(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func TestPartyQuery(t *testing.T) {
	_, h := loadSlice(t)
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

// However long the lists, a request issues a bounded number of statements.
func TestNestedQueryStatements(t *testing.T) {
	st, h := loadSlice(t)
	before := st.Statements()
	var resp map[string]any
	client.New(h).MustPost(`{
	  party(name: "SP") {
	    leaders { parties { name } met { name relations { type evidence { sentence } } } }
	    relations(first: 50) { from { name } to { name relations { type evidence { sentence } } } evidence { sentence } }
	    stances { evidence { sentence } }
	  }
	}`, &resp)
	// At most one statement per field that reads the store: party, leaders,
	// parties, met, 3 x relations, 4 x evidence, stances. Fields at the same
	// depth may share one.
	if n := st.Statements() - before; n > 12 {
		t.Errorf("nested query issued %d statements, want at most 12", n)
	}
}

func TestBadQueriesAreGraphQLErrors(t *testing.T) {
	_, h := loadSlice(t)
	for _, q := range []string{
		`{ party(name: "SP") { name `,
		`{ party(name: "SP") { nickname } }`,
		`{ parties { name } }`,
		`not graphql at all`,
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
		if body.Errors[0].Extensions["code"] == nil {
			t.Errorf("%q: error has no extensions.code: %+v", q, body.Errors[0])
		}
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
