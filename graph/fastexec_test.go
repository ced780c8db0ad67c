package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/netagraph/netagraph/graph"
	gqlparser "github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// fastQueries select, between them and the documented examples, every
// field of every type a query can reach (TestExecutorsAnswerAlike checks
// that they do), with the lists' arguments in range.
var fastQueries = []string{
	// The bench queries (store/read_bench_test.go).
	`{ party(name: "SP") { name nameHi leaders { name } allies { name }
		stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`,
	`{ search(text: "ममता", first: 10) { id name nameHi type } }`,
	`{ relations(filter: {from: "BJP"}, first: 20) { totalCount pageInfo { hasNextPage endCursor }
		edges { node { type from { name } to { name } confidence sourceCount lastSeen } } } }`,
	`{ path(from: "Akhilesh Yadav", to: "Mamata Banerjee", maxHops: 4, first: 5) {
		length hops { type from { name } to { name } evidence(first: 1) { sentence } } } }`,
	`{ neighborhood(id: "party:sp", depth: 2, limit: 50) { nodes { id label type weight } edges { id source target type weight } } }`,
	`{ timeline(id: "Akhilesh Yadav", first: 20) { id name kind date place { name } } }`,
	// Every field of the entities, relations, stances, offices, evidence
	// and articles.
	`{ entity(id: "party:sp") { id name nameHi aliases type mentionCount
		articles(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title url source lang publishedAt loadedAt } } nodes { id } }
		relations(first: 3) { id type from { id type } to { id } confidence sourceCount firstSeen lastSeen office current
			evidence(first: 2) { id sentence confidence article { id title } relation { id type } } }
		... on Party { leaders { id } members(first: 3) { id } allies { id __typename } opponents { id } coalitions { id name leader { id } members { id } }
			events { id kind date place { id name within { id } events(first: 2) { id } } participants { id } }
			stances(first: 5) { type target { id } confidence sourceCount firstSeen lastSeen relation { id from { id } } evidence(first: 1) { id } } } } }`,
	`{ person(name: "Mamata Banerjee") { id name parties { id } met(first: 5) { id name } events(first: 3) { id }
		offices { title place { id name } current firstSeen lastSeen relation { id type } evidence(first: 2) { sentence } }
		current: offices(current: true) { title } } }`,
	`{ place(name: "Kolkata") { id within { id } events { id } } coalition(name: "INDIA") { id members(first: 5) { id } leader { name } }
		organization(name: "Election Commission") { id name } event(id: "event:nonexistent") { id } }`,
	`{ alliances(party: "SP") { ally { id name } direct coalitions { id } relations { id type evidence(first: 1) { sentence } } firstSeen lastSeen } }`,
	`{ stances(party: "SP", first: 5) { type target { name } relation { type } evidence(first: 2) { sentence article { title } } } }`,
	`{ path(from: "Akhilesh Yadav", to: "Mamata Banerjee") { id length nodes { id name } hops { type from { id } to { id } reversed relation { id } evidence { id } } } }`,
	`{ graph(filter: {types: [ALLIED_WITH], limit: 20}) { nodes { id label labelHi type weight depth } edges { id source target type weight confidence } } }`,
	`{ relations(filter: {from: "SP", types: [ALLIED_WITH, OPPOSES]}, first: 5) { totalCount nodes { id type from { name } } } }`,
	`{ relations(filter: {from: "SP", since: "2020-01-01"}, first: 5) { totalCount totalCountIsExact nodes { id } } }`,
	`{ articles(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
		nodes { id title url source lang publishedAt loadedAt entities(first: 5) { id } facts(first: 3) { sentence relation { type } } } } }`,
	`{ stats { articles entities relations evidence entitiesByType { type count } relationsByType { type count } firstPublished lastPublished } }`,
	`{ __typename a: party(name: "SP") { __typename name } b: party(name: "BJP") { name } missing: party(name: "no such party") { name } }`,
	// Errors: a root field's argument, a party that is not there, a
	// limit of the neighbourhood.
	`{ party(name: "SP") { name } search(text: "x", first: 500) { id } }`,
	`{ stances(party: "no such party") { type } }`,
	`{ neighborhood(id: "party:sp", depth: 9) { nodes { id } } }`,
	`{ articles(after: "not a cursor") { totalCount } relations(after: "bad") { totalCount } }`,
}

// TestExecutorsAnswerAlike runs every documented query, the queries above
// and variations of each (aliases, __typename, fragments, inline
// fragments, @skip and @include with and without variables, nested lists
// with first: 0 and out of range) through the fast executor and through
// gqlgen's, and compares the responses byte for byte. The fast executor
// must marshal the answers of the documented queries and their
// variations without gqlgen (no field of theirs resolved by gqlgen below
// the root).
func TestExecutorsAnswerAlike(t *testing.T) {
	st := load(t, devCorpus(t)...)
	var fastFields, gqlgenFields atomic.Int64
	fast := graph.NewCounted(graph.Options{Graph: st, Log: quiet()}, false, &fastFields)
	slow := graph.NewCounted(graph.Options{Graph: st, Log: quiet()}, true, &gqlgenFields)
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()

	var queries []string
	for _, ex := range append(ideExamples(t), docExamples(t, false)...) {
		queries = append(queries, ex.query)
	}
	queries = append(queries, fastQueries...)
	// An article by id, with every field.
	var first struct {
		Data struct {
			Articles struct{ Nodes []struct{ ID string } }
		}
	}
	b, _ := postRaw(t, slow, `{ articles(first: 1) { nodes { id } } }`, nil)
	if err := json.Unmarshal(b, &first); err != nil || len(first.Data.Articles.Nodes) == 0 {
		t.Fatalf("no article: %s", b)
	}
	queries = append(queries, fmt.Sprintf(`{ article(id: %q) { id title url source lang publishedAt loadedAt
		entities(first: 3) { id name } facts(first: 2) { id sentence confidence article { id } relation { id } } }
		none: article(id: "no such article") { id } }`, first.Data.Articles.Nodes[0].ID))

	covered := map[string]bool{}
	compared, answered := 0, 0
	for qi, q := range queries {
		doc, errs := gqlparser.LoadQueryWithRules(schema, q, nil)
		if len(errs) > 0 {
			t.Fatalf("query %d does not validate: %v\n%s", qi, errs, q)
		}
		cover(doc, covered)
		for _, v := range variations(t, schema, q) {
			var fastBody, slowBody []byte
			var fastStatus, slowStatus int
			// A statement's first run is planned; on a busy machine that
			// may exceed the query timeout: a TIMEOUT is not an answer to
			// compare, so the pair is sent again.
			for try := 0; try < 3; try++ {
				fastFields.Store(0)
				fastBody, fastStatus = postRaw(t, fast, v.query, v.vars)
				slowBody, slowStatus = postRaw(t, slow, v.query, v.vars)
				if !bytes.Contains(fastBody, []byte(`"TIMEOUT"`)) && !bytes.Contains(slowBody, []byte(`"TIMEOUT"`)) {
					break
				}
			}
			compared++
			name := fmt.Sprintf("query %d, %s", qi, v.name)
			if fastStatus != slowStatus || !sameResponse(fastBody, slowBody) {
				t.Errorf("%s: the executors differ\nquery: %s\nvariables: %v\nfast   (%d): %s\ngqlgen (%d): %s",
					name, v.query, v.vars, fastStatus, fastBody, slowStatus, slowBody)
				continue
			}
			if v.plain && fastFields.Load() > 0 {
				t.Errorf("%s: gqlgen resolved %d fields below the root; the fast executor should marshal all of it\n%s",
					name, fastFields.Load(), v.query)
			}
			if bytes.Contains(fastBody, []byte(`"data":{`)) {
				answered++
			}
		}
	}
	if gqlgenFields.Load() == 0 {
		t.Error("the gqlgen executor resolved no field below the root: is it the fast one?")
	}
	if answered < compared/2 {
		t.Errorf("only %d of %d responses have data: the comparison shows little", answered, compared)
	}
	// Every field a query can reach is compared somewhere.
	for _, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(def.Name, "__") || def.Name == "Mutation" || def.Name == "IngestResult" {
			continue
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") && !covered[def.Name+"."+f.Name] {
				t.Errorf("no query selects %s.%s", def.Name, f.Name)
			}
		}
	}
	t.Logf("%d queries, %d responses compared, %d with data", len(queries), compared, answered)
}

// sameResponse reports whether two responses are the same bytes, or
// differ only in the order of their errors: gqlgen resolves root fields
// concurrently, so the errors of several come in any order (in either
// executor).
func sameResponse(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	type response struct {
		Errors []json.RawMessage `json:"errors"`
		Data   json.RawMessage   `json:"data"`
	}
	var ra, rb response
	if json.Unmarshal(a, &ra) != nil || json.Unmarshal(b, &rb) != nil || !bytes.Equal(ra.Data, rb.Data) {
		return false
	}
	sorted := func(es []json.RawMessage) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = string(e)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(sorted(ra.Errors), sorted(rb.Errors))
}

// cover records the fields doc selects, by object type (an interface's
// field counts for every type implementing it).
func cover(doc *ast.QueryDocument, covered map[string]bool) {
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.ObjectDefinition != nil {
					covered[s.ObjectDefinition.Name+"."+s.Name] = true
					if s.ObjectDefinition.Kind == ast.Interface {
						for _, t := range []string{"Person", "Party", "Coalition", "Place", "Organization", "Event"} {
							covered[t+"."+s.Name] = true
						}
					}
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Definition != nil {
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
}

type variation struct {
	name  string
	query string
	vars  map[string]any
	// plain: the fast executor marshals all of it (no list out of
	// range or empty by first: 0).
	plain bool
}

// variations are q and rewritings of it that ask the same in other
// words, or ask odd things of its nested lists.
func variations(t *testing.T, schema *ast.Schema, q string) []variation {
	plain := !strings.Contains(q, "first: 500") && !strings.Contains(q, "depth: 9") && !strings.Contains(q, "after:")
	out := []variation{{name: "as documented", query: q, plain: plain}}
	rewrite := func(name string, plain bool, vars map[string]any, edit func(doc *ast.QueryDocument)) {
		doc, errs := gqlparser.LoadQueryWithRules(schema, q, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		edit(doc)
		var b strings.Builder
		formatter.NewFormatter(&b).FormatQueryDocument(doc)
		if _, errs := gqlparser.LoadQueryWithRules(schema, b.String(), nil); len(errs) > 0 {
			t.Fatalf("%s of\n%s\nis not valid: %v\n%s", name, q, errs, b.String())
		}
		out = append(out, variation{name: name, query: b.String(), vars: vars, plain: plain})
	}
	rewrite("aliased", plain, nil, func(doc *ast.QueryDocument) {
		eachField(doc, func(f *ast.Field) {
			if f.Alias == f.Name && !strings.HasPrefix(f.Name, "__") {
				f.Alias = "my_" + f.Name
			}
		})
	})
	rewrite("__typename everywhere", plain, nil, func(doc *ast.QueryDocument) {
		eachSet(doc, func(set *ast.SelectionSet) {
			*set = append(ast.SelectionSet{&ast.Field{Alias: "__typename", Name: "__typename"}}, *set...)
		})
	})
	rewrite("inline fragments", plain, nil, func(doc *ast.QueryDocument) {
		eachField(doc, func(f *ast.Field) {
			if len(f.SelectionSet) > 0 && f.Definition != nil {
				typ := f.Definition.Type.Name()
				half := len(f.SelectionSet) / 2
				f.SelectionSet = append(f.SelectionSet[:half:half],
					&ast.InlineFragment{TypeCondition: typ, SelectionSet: f.SelectionSet[half:]})
			}
		})
	})
	rewrite("named fragments, fields repeated", plain, nil, func(doc *ast.QueryDocument) {
		n := 0
		eachField(doc, func(f *ast.Field) {
			if len(f.SelectionSet) > 0 && f.Definition != nil {
				n++
				name := fmt.Sprintf("F%d", n)
				doc.Fragments = append(doc.Fragments, &ast.FragmentDefinition{Name: name,
					TypeCondition: f.Definition.Type.Name(), SelectionSet: f.SelectionSet})
				// The first field again beside the spread: merged.
				f.SelectionSet = ast.SelectionSet{f.SelectionSet[0], &ast.FragmentSpread{Name: name}}
			}
		})
	})
	for _, withVars := range []bool{false, true} {
		name, vars := "@skip and @include", map[string]any(nil)
		if withVars {
			name, vars = "@skip and @include with variables", map[string]any{"yes": true, "no": false}
		}
		rewrite(name, plain, vars, func(doc *ast.QueryDocument) {
			yes := &ast.Value{Kind: ast.BooleanValue, Raw: "true"}
			no := &ast.Value{Kind: ast.BooleanValue, Raw: "false"}
			if withVars {
				yes, no = &ast.Value{Kind: ast.Variable, Raw: "yes"}, &ast.Value{Kind: ast.Variable, Raw: "no"}
				for _, op := range doc.Operations {
					for _, v := range []string{"yes", "no"} {
						op.VariableDefinitions = append(op.VariableDefinitions,
							&ast.VariableDefinition{Variable: v, Type: ast.NonNullNamedType("Boolean", nil)})
					}
				}
			}
			dir := func(name string, v *ast.Value) *ast.Directive {
				return &ast.Directive{Name: name, Arguments: ast.ArgumentList{{Name: "if", Value: v}}}
			}
			eachSet(doc, func(set *ast.SelectionSet) {
				// The first field skipped under its own alias; all of it
				// again, included; the last field not included.
				first, ok := (*set)[0].(*ast.Field)
				if !ok {
					return
				}
				skipped := *first
				skipped.Alias = "skipped_" + first.Name
				skipped.Directives = ast.DirectiveList{dir("skip", yes)}
				last := *first
				last.Alias = "excluded_" + first.Name
				last.Directives = ast.DirectiveList{dir("include", no)}
				kept := *first
				kept.Directives = ast.DirectiveList{dir("include", yes), dir("skip", no)}
				*set = append(ast.SelectionSet{&skipped, &kept}, append(*set, &last)...)
			})
		})
	}
	for _, first := range []string{"0", "101"} {
		rewrite("nested lists with first: "+first, false, nil, func(doc *ast.QueryDocument) {
			depth := 0
			var walk func(set ast.SelectionSet)
			walk = func(set ast.SelectionSet) {
				for _, sel := range set {
					f, ok := sel.(*ast.Field)
					if !ok {
						continue
					}
					if depth > 0 && f.Definition != nil && f.Definition.Arguments.ForName("first") != nil {
						f.Arguments = slices.DeleteFunc(f.Arguments, func(a *ast.Argument) bool { return a.Name == "first" })
						f.Arguments = append(f.Arguments, &ast.Argument{Name: "first", Value: &ast.Value{Kind: ast.IntValue, Raw: first}})
					}
					depth++
					walk(f.SelectionSet)
					depth--
				}
			}
			for _, op := range doc.Operations {
				walk(op.SelectionSet)
			}
		})
	}
	return out
}

func eachField(doc *ast.QueryDocument, f func(*ast.Field)) {
	eachSet(doc, func(set *ast.SelectionSet) {
		for _, sel := range *set {
			if fld, ok := sel.(*ast.Field); ok {
				f(fld)
			}
		}
	})
}

// eachSet calls f on every non-empty selection set of doc's operations,
// the innermost first.
func eachSet(doc *ast.QueryDocument, f func(*ast.SelectionSet)) {
	var walk func(set *ast.SelectionSet)
	walk = func(set *ast.SelectionSet) {
		for _, sel := range *set {
			switch s := sel.(type) {
			case *ast.Field:
				if len(s.SelectionSet) > 0 {
					walk(&s.SelectionSet)
				}
			case *ast.InlineFragment:
				walk(&s.SelectionSet)
			}
		}
		f(set)
	}
	for _, op := range doc.Operations {
		walk(&op.SelectionSet)
	}
}

func postRaw(t *testing.T, h http.Handler, query string, vars map[string]any) ([]byte, int) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return b, rec.Code
}

// The fast executor writes scalars as gqlgen's marshallers do.
func TestScalarsAsGQLGenWritesThem(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tnl\ncr\r", "\x00\x01\x1f\x7f", "ममता बनर्जी",
		"<script>&amp;</script>", "\u2028\u2029", "invalid \xff utf-8"} {
		if got, want := graph.QuoteForTest(s), marshal(graphql.MarshalString(s)); got != want {
			t.Errorf("string %q: %s, gqlgen %s", s, got, want)
		}
	}
	for _, f := range []float64{0, 1, -1, 0.5, 0.1, 1.0 / 3, 123456789, 1e20, 1e21, 1e-4, 1e-5, 1e-7, 5e-324, math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1)} {
		if got, want := graph.FloatForTest(f), marshal(graphql.MarshalFloat(f)); got != want {
			t.Errorf("float %v: %s, gqlgen %s", f, got, want)
		}
	}
	ist := time.FixedZone("IST", 5*3600+1800)
	for _, tm := range []time.Time{{}, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 10, 30, 0, 123456789, ist),
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)} {
		if got, want := graph.TimeForTest(&tm), marshal(graphql.MarshalTime(tm)); got != want {
			t.Errorf("time %v: %s, gqlgen %s", tm, got, want)
		}
	}
}

func marshal(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}
