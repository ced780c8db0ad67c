package graph_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/graph"
	gqlparser "github.com/vektah/gqlparser/v2"
)

type example struct{ name, query string }

var (
	jsExamples = regexp.MustCompile(`(?s)var examples = \[(.*?)\n  \];`)
	jsArray    = regexp.MustCompile(`(?s)\[\s*((?:'(?:[^'\\]|\\.)*'\s*,?\s*)+)\]`)
	jsString   = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)
	mdGraphQL  = regexp.MustCompile("(?s)```graphql\n(.*?)```")
)

// ideExamples are the queries the IDE opens with (web/static/app.js).
func ideExamples(t *testing.T) []example {
	t.Helper()
	b, err := os.ReadFile("../web/static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	m := jsExamples.FindSubmatch(b)
	if m == nil {
		t.Fatal("web/static/app.js: no `var examples = [...]`")
	}
	var out []example
	for i, arr := range jsArray.FindAllSubmatch(m[1], -1) {
		var lines []string
		for _, s := range jsString.FindAllSubmatch(arr[1], -1) {
			lines = append(lines, strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(string(s[1])))
		}
		out = append(out, example{"app.js example " + string(rune('1'+i)), strings.Join(lines, "\n")})
	}
	if len(out) < 4 {
		t.Fatalf("app.js has %d examples, want the four the IDE opens with", len(out))
	}
	return out
}

// docExamples are the queries docs/api.md shows (```graphql blocks), and
// its mutations when mutations is true.
func docExamples(t *testing.T, mutations bool) []example {
	t.Helper()
	b, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	for _, m := range mdGraphQL.FindAllSubmatch(b, -1) {
		q := string(m[1])
		name := "docs/api.md: " + strings.Join(strings.Fields(q), " ")[:60]
		if strings.HasPrefix(strings.TrimSpace(q), "mutation") != mutations {
			continue
		}
		out = append(out, example{name, q})
	}
	if len(out) == 0 {
		t.Fatalf("docs/api.md has no ```graphql examples (mutations: %v)", mutations)
	}
	return out
}

// The examples are valid against the schema (they also run, against the
// dev corpus, in TestDevCorpus).
func TestExamplesValidate(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	examples := append(ideExamples(t), docExamples(t, false)...)
	for _, ex := range append(examples, docExamples(t, true)...) {
		if _, errs := gqlparser.LoadQueryWithRules(schema, ex.query, nil); len(errs) > 0 {
			t.Errorf("%s: %v\n%s", ex.name, errs, ex.query)
		}
	}
}
