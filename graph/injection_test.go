package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
	"github.com/vektah/gqlparser/v2/ast"
)

// Hostile strings: Cypher and Lucene syntax, quotes of every kind.
var hostile = []string{
	`"}) DETACH DELETE n //`,
	`' OR 1=1 //`,
	"party:sp` DETACH DELETE n //",
	`\u0027 }) MATCH (n) DETACH DELETE n //`,
	`*:* OR name:* ~ ^ [a TO z] "`,
	`SP"}]->() DETACH DELETE n RETURN 1 //`,
}

// reach is a query that reaches one object of each type holding fields
// with string arguments, with %s where the field goes.
var reach = map[string]string{
	"Query":        `{ %s }`,
	"Mutation":     `mutation { %s }`,
	"Party":        `{ party(name: "SP") { %s } }`,
	"Person":       `{ person(name: "Mamata Banerjee") { %s } }`,
	"Coalition":    `{ coalition(name: "INDIA") { %s } }`,
	"Place":        `{ place(name: "Kolkata") { %s } }`,
	"Organization": `{ search(text: "court", types: [Organization], first: 1) { ... on Organization { %s } } }`,
	"Event":        `{ timeline(id: "Akhilesh Yadav", first: 2) { %s } }`,
	"Relation":     `{ relations(first: 2) { nodes { %s } } }`,
	"Stance":       `{ party(name: "SP") { stances(first: 2) { %s } } }`,
	"Office":       `{ person(name: "Mamata Banerjee") { offices { %s } } }`,
	"Hop":          `{ path(from: "Akhilesh Yadav", to: "Mamata Banerjee") { hops { %s } } }`,
	"Article":      `{ articles(first: 2) { nodes { %s } } }`,
}

// valid are values that name something, for the string arguments not
// under attack.
var valid = map[string]string{"id": "party:sp", "to": "Mamata Banerjee", "after": ""}

// injection tries every hostile string in every string argument of the
// schema (and every string field of its input objects), one argument at a
// time and all at once, and proves the graph is unchanged and no error is
// internal (a broken statement would be). Mutations that add articles are
// left out: adding is what they are for.
func injection(t *testing.T, st *store.Store) {
	h := graph.New(graph.Options{Graph: st, Log: quiet(), APIKey: "k", Ingester: retractOnly{st}, ComplexityLimit: 1 << 30})
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	before := storetest.Count(t)
	var types []string
	for name := range reach {
		types = append(types, name)
	}
	sort.Strings(types)
	tried := 0
	for _, typ := range types {
		def := schema.Types[typ]
		if def == nil {
			t.Fatalf("no type %s in the schema", typ)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") || f.Name == "ingestArticles" {
				continue
			}
			args := stringArgs(schema, f.Arguments)
			if len(args) == 0 {
				continue
			}
			for _, bad := range hostile {
				for attacked := -1; attacked < len(args); attacked++ {
					q := fmt.Sprintf(reach[typ], f.Name+"("+arguments(schema, f.Arguments, bad, attacked)+")"+selection(schema, f.Type))
					tried++
					if code, msg := post(h, q); code == graph.CodeInternal || code == "GRAPHQL_VALIDATION_FAILED" || code == "GRAPHQL_PARSE_FAILED" {
						t.Errorf("%s: %s %s", q, code, msg)
					}
				}
			}
		}
	}
	if after := storetest.Count(t); after != before {
		t.Errorf("the graph changed: %+v, was %+v", after, before)
	}
	if tried < 100 {
		t.Errorf("only %d hostile queries", tried)
	}
}

// stringArgs are the names of the arguments that take strings (String or
// ID, alone, in lists or in input objects).
func stringArgs(schema *ast.Schema, args ast.ArgumentDefinitionList) []string {
	var out []string
	for _, a := range args {
		if takesString(schema, a.Type, 0) {
			out = append(out, a.Name)
		}
	}
	return out
}

func takesString(schema *ast.Schema, t *ast.Type, depth int) bool {
	for t.Elem != nil {
		t = t.Elem
	}
	switch t.NamedType {
	case "String", "ID":
		return true
	}
	if def := schema.Types[t.NamedType]; def != nil && def.Kind == ast.InputObject && depth < 2 {
		for _, f := range def.Fields {
			if takesString(schema, f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// arguments writes the arguments of a field: every string the hostile one
// (attacked < 0) or only the attacked'th string argument, the others
// valid; required arguments of other types get a plain value.
func arguments(schema *ast.Schema, args ast.ArgumentDefinitionList, bad string, attacked int) string {
	var parts []string
	i := 0
	for _, a := range args {
		if !takesString(schema, a.Type, 0) {
			if a.Type.NonNull && a.DefaultValue == nil {
				parts = append(parts, a.Name+": "+plain(a.Type))
			}
			continue
		}
		v := bad
		if attacked >= 0 && i != attacked {
			v = valid[a.Name]
			if _, ok := valid[a.Name]; !ok {
				v = "SP"
			}
		}
		i++
		if v == "" && !a.Type.NonNull {
			continue
		}
		parts = append(parts, a.Name+": "+value(schema, a.Type, v, 0))
	}
	return strings.Join(parts, ", ")
}

func value(schema *ast.Schema, t *ast.Type, s string, depth int) string {
	if t.Elem != nil {
		return "[" + value(schema, t.Elem, s, depth) + "]"
	}
	switch t.NamedType {
	case "String", "ID":
		b, _ := json.Marshal(s)
		return string(b)
	}
	def := schema.Types[t.NamedType]
	var fields []string
	for _, f := range def.Fields {
		if takesString(schema, f.Type, depth+1) {
			fields = append(fields, f.Name+": "+value(schema, f.Type, s, depth+1))
		}
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

func plain(t *ast.Type) string {
	switch t.NamedType {
	case "Int":
		return "1"
	case "Boolean":
		return "true"
	}
	return `"x"`
}

// selection selects __typename of a composite result.
func selection(schema *ast.Schema, t *ast.Type) string {
	for t.Elem != nil {
		t = t.Elem
	}
	if def := schema.Types[t.NamedType]; def != nil && def.Kind != ast.Scalar && def.Kind != ast.Enum {
		return " { __typename }"
	}
	return ""
}

func post(h http.Handler, q string) (code, message string) {
	body, _ := json.Marshal(map[string]string{"query": q})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer k")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var resp struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if json.Unmarshal(w.Body.Bytes(), &resp) != nil {
		return graph.CodeInternal, w.Body.String()
	}
	if w.Code >= 500 {
		return graph.CodeInternal, fmt.Sprint(w.Code)
	}
	if len(resp.Errors) == 0 {
		return "", ""
	}
	return resp.Errors[0].Extensions.Code, resp.Errors[0].Message
}

// retractOnly retracts through the store, as the loader does; it ingests
// nothing.
type retractOnly struct{ st *store.Store }

func (r retractOnly) Ingest(context.Context, []domain.Article) ([]domain.IngestResult, error) {
	return nil, errors.New("no ingesting in this test")
}

func (r retractOnly) Retract(ctx context.Context, ids []string) (int, error) {
	return r.st.RetractArticles(ctx, ids)
}
