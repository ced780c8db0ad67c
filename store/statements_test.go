package store

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// These tests need no Neo4j. They catch a template broken by an edit (a
// field renamed on one side, a bracket lost, a template nothing renders
// any more) at `go test ./store/` rather than in an integration test that
// happens to send the statement.

// TestTemplatesUsed: every template of cypher/*.cypher is rendered by the
// store's Go code (cypher("name", …)) or included by another template that
// is, and every name the Go code renders is defined.
func TestTemplatesUsed(t *testing.T) {
	defined := map[string]bool{}
	included := map[string]bool{}
	for _, tm := range statements.Templates() {
		// Each file is a template too, of its comments and defines.
		if tm.Name() == statements.Name() || tm.Tree == nil || strings.HasSuffix(tm.Name(), ".cypher") {
			continue
		}
		defined[tm.Name()] = true
		for _, name := range includes(tm.Tree.Root) {
			included[name] = true
		}
	}
	if len(defined) == 0 {
		t.Fatal("no templates parsed from cypher/*.cypher")
	}
	rendered := renderedByGo(t)
	for name, where := range rendered {
		if !defined[name] {
			t.Errorf("%s renders the template %q, which cypher/*.cypher does not define", where, name)
		}
	}
	for name := range defined {
		if _, ok := rendered[name]; !ok && !included[name] {
			t.Errorf("the template %q is neither rendered by the Go code nor included by another template", name)
		}
	}
	for name := range included {
		if !defined[name] {
			t.Errorf("a template includes %q, which is not defined", name)
		}
	}
}

// includes lists the templates a template's tree includes ({{template "x"}}).
func includes(n parse.Node) []string {
	var out []string
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			out = append(out, includes(c)...)
		}
	case *parse.TemplateNode:
		out = append(out, n.Name)
	case *parse.IfNode:
		out = append(out, includes(n.List)...)
		out = append(out, includes(n.ElseList)...)
	case *parse.RangeNode:
		out = append(out, includes(n.List)...)
		out = append(out, includes(n.ElseList)...)
	case *parse.WithNode:
		out = append(out, includes(n.List)...)
		out = append(out, includes(n.ElseList)...)
	}
	return out
}

// renderedByGo finds the names the store's (non-test) Go files render,
// each with where.
func renderedByGo(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "cypher" || len(call.Args) == 0 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: cypher() is given a name that is not a string literal: the test cannot tell which template it renders", fset.Position(call.Pos()))
				return true
			}
			name, _ := strconv.Unquote(lit.Value)
			out[name] = fset.Position(call.Pos()).String()
			return true
		})
	}
	return out
}

// TestTemplateFilesParsed: every cypher/*.cypher file defines a template,
// so a file the embed pattern picks up but defines nothing is noticed.
func TestTemplateFilesParsed(t *testing.T) {
	files, err := fs.Glob(cypherFiles, "cypher/*.cypher")
	if err != nil || len(files) == 0 {
		t.Fatalf("cypher/*.cypher: %v files, %v", len(files), err)
	}
	for _, f := range files {
		src, err := fs.ReadFile(cypherFiles, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "{{define ") {
			t.Errorf("%s defines no template", f)
		}
	}
}

// stopped is what the observer below panics with: the statement was
// rendered, and the read goes no further (there is no Neo4j here).
type stopped struct{}

// statementOf calls read on a store that records the statement it sends
// and stops it there. It returns "" when read sent none (an input error).
func statementOf(t *testing.T, what string, read func(s *Store) error) (statement string, params map[string]any) {
	t.Helper()
	s := &Store{now: time.Now}
	s.observe = func(_ context.Context, cypher string, p map[string]any) func() {
		statement, params = cypher, p
		panic(stopped{})
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(stopped); !ok {
					t.Errorf("%s: %v", what, r)
				}
			}
		}()
		if err := read(s); err != nil {
			t.Errorf("%s sends no statement: %v", what, err)
		}
	}()
	return statement, params
}

// The request values the reads below are given: none may reach the text of
// a statement.
const (
	valueID   = "zqvalueid"
	valueName = "Zqvaluename"
	valueText = "zqvaluetext"
)

// plans nest every kind of list under the kinds of item they hang from,
// with pages after an item, so that every piece the compiler renders is
// rendered: a plan for each kind of item a read starts from.
type plans struct{ entity, fact, article domain.Plan }

func everyList(fields []string) plans {
	current := true
	after := domain.Page{First: 3, After: valueID}
	articleAfter := domain.Page{First: 2, After: articleCursor(domain.StoredArticle{Article: domain.Article{ID: valueID}})}
	leaf := domain.Plan{Fields: fields}
	article := domain.Plan{Fields: fields, Lists: []domain.List{
		{Key: "mentioned", Kind: domain.Mentioned, EntityTypes: []domain.EntityType{domain.Person, domain.Party}, Page: after, Each: leaf},
		{Key: "stated", Kind: domain.Stated, RelationTypes: []domain.RelationType{domain.Leads}, Page: after, Each: leaf},
	}}
	evidence := domain.Plan{Fields: fields, Lists: []domain.List{
		{Key: "relation", Kind: domain.RelationOf, Each: leaf},
		{Key: "article", Kind: domain.ArticleOf, Each: article},
	}}
	fact := domain.Plan{Fields: fields, Lists: []domain.List{
		{Key: "evidence", Kind: domain.EvidenceOf, Page: after, Each: evidence},
		{Key: "from", Kind: domain.FromEnd, Each: leaf},
		{Key: "to", Kind: domain.ToEnd, Each: leaf},
	}}
	// OtherEnd is a list of a relation read from an entity.
	fromEntity := fact
	fromEntity.Lists = append(slices.Clone(fact.Lists), domain.List{Key: "other", Kind: domain.OtherEnd, Each: leaf})
	entity := domain.Plan{Fields: fields, Lists: []domain.List{
		{Key: "leaders", Kind: domain.Neighbours, Hop: domain.LeadersOf, Page: after, Each: leaf},
		{Key: "events", Kind: domain.Neighbours, On: domain.Person, Page: after,
			Hop: domain.Hop{Types: []domain.RelationType{domain.ParticipatedIn}, Dir: domain.Out, ByDate: true}},
		{Key: "ended", Kind: domain.Neighbours, Hop: domain.Hop{Types: []domain.RelationType{domain.MemberOf}, Dir: domain.In, Ended: true}},
		{Key: "allies", Kind: domain.Allies, On: domain.Party, Page: after},
		{Key: "within", Kind: domain.Within, On: domain.Place},
		{Key: "facts", Kind: domain.Facts, Facts: domain.FactQuery{Current: &current}, Page: after, Each: fromEntity},
		{Key: "out", Kind: domain.Facts, Facts: domain.FactQuery{Types: []domain.RelationType{domain.Leads, domain.AlliedWith}, Dir: domain.Out}, Each: fromEntity},
		{Key: "articles", Kind: domain.Articles, Count: true, Page: articleAfter, Each: article},
	}}
	return plans{entity: entity, fact: fact, article: article}
}

// TestStatementsRender sends every read of the domain.Reader port, with the
// plan that nests every list (every field, and none), to a store that
// stops at the statement, and checks the statement: it rendered (a
// template given data it cannot use panics in cypher()), its brackets
// balance, it returns something, and no request value is in its text.
func TestStatementsRender(t *testing.T) {
	for _, fields := range [][]string{nil, {}} {
		for what, read := range everyRead(fields) {
			if fields != nil {
				what += " (no fields)"
			}
			statement, _ := statementOf(t, what, read)
			if statement == "" {
				continue
			}
			checkStatement(t, what, statement)
		}
	}
}

// everyRead is every read of the domain.Reader port, with the plan that
// nests every list and the given fields.
func everyRead(fields []string) map[string]func(s *Store) error {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	minConf := 0.5
	p := everyList(fields)
	plan := p.entity
	return map[string]func(s *Store) error{
		"FindEntity by id": func(s *Store) error {
			_, err := s.FindEntity(ctx, domain.Party, valueID, "", plan)
			return err
		},
		"FindEntity by name": func(s *Store) error {
			_, err := s.FindEntity(ctx, "", valueID, valueName, plan)
			return err
		},
		"Relation": func(s *Store) error { _, err := s.Relation(ctx, valueID, p.fact); return err },
		"Expand entities": func(s *Store) error {
			_, err := s.Expand(ctx, domain.EntityRoot, []string{valueID}, plan)
			return err
		},
		"Expand relations": func(s *Store) error {
			_, err := s.Expand(ctx, domain.RelationRoot, []string{valueID}, p.fact)
			return err
		},
		"Expand articles": func(s *Store) error {
			_, err := s.Expand(ctx, domain.ArticleRoot, []string{valueID}, p.article)
			return err
		},
		"Search": func(s *Store) error {
			_, err := s.Search(ctx, valueText, []domain.EntityType{domain.Party}, domain.Page{First: 5, After: valueID}, plan)
			return err
		},
		"Search any type": func(s *Store) error {
			_, err := s.Search(ctx, valueText, nil, domain.Page{}, plan)
			return err
		},
		"Timeline": func(s *Store) error {
			_, _, err := s.Timeline(ctx, valueName, "2024-01-01", "", domain.Page{First: 5}, plan)
			return err
		},
		"Articles": func(s *Store) error {
			_, err := s.Articles(ctx, domain.ArticleFilter{}, 10, "", true, p.article)
			return err
		},
		"Articles filtered": func(s *Store) error {
			f := domain.ArticleFilter{Entity: valueName, Since: &day, Until: &day, Lang: valueText, Source: valueText}
			_, err := s.Articles(ctx, f, 10, articleCursor(domain.StoredArticle{Article: domain.Article{ID: valueID}}), true, p.article)
			return err
		},
		"Articles of an entity, no count": func(s *Store) error {
			_, err := s.Articles(ctx, domain.ArticleFilter{Entity: valueName, Lang: valueText}, 10, "", false, p.article)
			return err
		},
		"Article": func(s *Store) error { _, err := s.Article(ctx, valueID, p.article); return err },
		"Stats":   func(s *Store) error { _, err := s.Stats(ctx); return err },
		"Relations": func(s *Store) error {
			f := domain.RelationFilter{From: valueName, To: valueName, Since: &day, Until: &day, MinConfidence: &minConf, MinSources: 2}
			_, err := s.Relations(ctx, f, 10, "", true, p.fact)
			return err
		},
		"Relations from": func(s *Store) error {
			f := domain.RelationFilter{From: valueName, Types: []domain.RelationType{domain.Leads, domain.AlliedWith}}
			_, err := s.Relations(ctx, f, 10, "", false, p.fact)
			return err
		},
		"Alliances": func(s *Store) error {
			_, _, err := s.Alliances(ctx, valueName, &day, domain.Page{First: 5, After: valueID},
				domain.AlliancePlan{Ally: plan, Coalitions: plan, Facts: p.fact})
			return err
		},
		"Paths": func(s *Store) error {
			_, err := s.Paths(ctx, valueName, valueID, 3, []domain.RelationType{domain.Leads}, domain.Page{First: 5},
				domain.PathPlan{Nodes: plan, Facts: p.fact})
			return err
		},
		"Neighbourhood": func(s *Store) error {
			_, err := s.Neighbourhood(ctx, valueName, 2, []domain.RelationType{domain.Leads}, 50, 100)
			return err
		},
		"Graph": func(s *Store) error {
			_, err := s.Graph(ctx, domain.GraphFilter{Entities: []string{valueName}, Types: []domain.RelationType{domain.Leads},
				EntityTypes: []domain.EntityType{domain.Party}, Since: &day, MinConfidence: &minConf, MinSources: 1, Limit: 10})
			return err
		},
	}
}

// TestSchemaStatementsRender: the relation key indexes, one per type.
func TestSchemaStatementsRender(t *testing.T) {
	indexes := relationKeyIndexes()
	if len(indexes) != len(domain.RelationTypes) {
		t.Fatalf("%d relation key indexes for %d relation types", len(indexes), len(domain.RelationTypes))
	}
	for i, stmt := range indexes {
		if err := balanced(stmt); err != "" {
			t.Errorf("%s in %s", err, stmt)
		}
		if !strings.Contains(stmt, "[r:"+string(domain.RelationTypes[i])+"]") {
			t.Errorf("the index of %s is %s", domain.RelationTypes[i], stmt)
		}
	}
}

// checkStatement checks what can be checked of a statement without Neo4j.
func checkStatement(t *testing.T, what, statement string) {
	t.Helper()
	if err := balanced(statement); err != "" {
		t.Errorf("%s: %s in\n%s", what, err, statement)
	}
	if !regexp.MustCompile(`\bRETURN\b`).MatchString(statement) {
		t.Errorf("%s: returns nothing:\n%s", what, statement)
	}
	for _, bad := range []string{"<no value>", "%!"} {
		if strings.Contains(statement, bad) {
			t.Errorf("%s: %q in\n%s", what, bad, statement)
		}
	}
	lower := strings.ToLower(statement)
	for _, v := range []string{valueID, valueName, valueText} {
		if strings.Contains(lower, strings.ToLower(v)) {
			t.Errorf("%s: the request value %q is in the statement's text (values are parameters):\n%s", what, v, statement)
		}
	}
}

// balanced reports the first bracket of s, outside string literals, that
// is not closed or closes nothing ("" when they all pair).
func balanced(s string) string {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var stack []rune
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote && (i == 0 || s[i-1] != '\\') {
				quote = 0
			}
		case r == '\'' || r == '"' || r == '`':
			quote = r
		case r == '(' || r == '[' || r == '{':
			stack = append(stack, r)
		case pairs[r] != 0:
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return "an unmatched " + string(r) + " at byte " + strconv.Itoa(i)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if quote != 0 {
		return "an unclosed " + string(quote)
	}
	if len(stack) > 0 {
		return "unclosed " + string(slices.Clone(stack))
	}
	return ""
}

// TestRenderedKeptIsRendered: every read's statement and parameters are
// the same whether its pieces are rendered afresh or come from the cache
// of rendered pieces, with the cache empty or holding every other read's
// pieces (the reads go in map order: a different interleaving each run).
func TestRenderedKeptIsRendered(t *testing.T) {
	defer func() { keepRendered = true }()
	type sent struct {
		statement string
		params    map[string]any
	}
	fieldSets := [][]string{nil, {}, {"name"}}
	sendAll := func(got map[string]sent) {
		for _, fields := range fieldSets {
			for what, read := range everyRead(fields) {
				what = fmt.Sprintf("%s %q", what, fields)
				statement, params := statementOf(t, what, read)
				got[what] = sent{statement, params}
			}
		}
	}
	fresh := map[string]sent{}
	keepRendered = false
	sendAll(fresh)
	keepRendered = true
	rendered.Purge()
	for _, pass := range []string{"cache empty", "cache full"} {
		kept := map[string]sent{}
		sendAll(kept)
		for what, f := range fresh {
			k := kept[what]
			if k.statement != f.statement {
				t.Errorf("%s, %s: the statement from kept pieces differs:\n%s\nrendered afresh:\n%s", pass, what, k.statement, f.statement)
			}
			if !reflect.DeepEqual(k.params, f.params) {
				t.Errorf("%s, %s: parameters %v, rendered afresh %v", pass, what, k.params, f.params)
			}
		}
	}
	if rendered.Len() == 0 {
		t.Error("nothing was kept")
	}
}

// TestRenderKey: data that differ give different keys, however their
// strings split; equal data (maps filled in another order) the same key.
func TestRenderKey(t *testing.T) {
	distinct := []any{
		map[string]string{"A": "1 B:2"},
		map[string]string{"A": "1", "B": "2"},
		map[string]string{"A": "1B", "B": "2"},
		map[string]string{"A": "1", "B": "2", "C": ""},
		map[string]any{"A": "1", "B": "2"},
		map[string]any{"X": true},
		map[string]any{"X": "true"},
		map[string]any{"X": 1},
		map[string]any{"X": nil},
		struct{ A, B string }{"1", "2"},
		struct{ B, A string }{"1", "2"},
		factsData{V: "e", P: "l1_", Branches: []rankBranch{{"LEADS", "rankFrom", "endNode"}, {"OPPOSES", "rankFrom", "endNode"}}},
		factsData{V: "e", P: "l1_", Branches: []rankBranch{{"OPPOSES", "rankFrom", "endNode"}, {"LEADS", "rankFrom", "endNode"}}},
		factsData{V: "e", P: "l1_", Branches: []rankBranch{{"LEADS", "rankFrom", "endNode"}}, First: true},
		nil,
		"",
	}
	seen := map[renderKey]int{}
	for i, d := range distinct {
		k := renderKeyOf("t", d)
		if j, ok := seen[k]; ok {
			t.Errorf("data %d (%#v) and %d (%#v) share a key", i, d, j, distinct[j])
		}
		seen[k] = i
	}
	if renderKeyOf("t", nil) == renderKeyOf("u", nil) {
		t.Error("two templates share a key")
	}
	a, b := map[string]string{}, map[string]string{}
	for i := range 10 {
		a[strconv.Itoa(i)] = "x" + strconv.Itoa(i)
		b[strconv.Itoa(9-i)] = "x" + strconv.Itoa(9-i)
	}
	if renderKeyOf("t", a) != renderKeyOf("t", b) {
		t.Error("equal maps give different keys")
	}
}

// TestRenderedBounded: the cache keeps at most maxRendered pieces,
// however many shapes are rendered.
func TestRenderedBounded(t *testing.T) {
	for i := range 2 * maxRendered {
		cypher("emptyList", map[string]string{"V": "e", "Name": fmt.Sprintf("l%d", i)})
	}
	if n := rendered.Len(); n > maxRendered {
		t.Errorf("%d pieces kept, the bound is %d", n, maxRendered)
	}
	// Pieces of 64 KiB: 32 MiB rendered, at most maxRenderedBytes kept.
	long := strings.Repeat("x", 64<<10)
	for i := range 512 {
		cypher("emptyList", map[string]string{"V": "e", "Name": long + strconv.Itoa(i)})
	}
	kept := 0
	for _, k := range rendered.Keys() {
		s, _ := rendered.Peek(k)
		kept += len(s)
	}
	if kept > maxRenderedBytes || renderedBytes.Load() != int64(kept) {
		t.Errorf("%d bytes kept (counted %d), the bound is %d", kept, renderedBytes.Load(), maxRenderedBytes)
	}
	if kept < maxRenderedBytes/2 {
		t.Errorf("only %d bytes kept of a bound of %d", kept, maxRenderedBytes)
	}
}

// TestIsIdentifier: isIdentifier agrees with ^[A-Za-z_][A-Za-z0-9_]*$.
func TestIsIdentifier(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	names := []string{"", "a", "_", "A1", "1A", "MEMBER_OF", "a-b", "a b", "a`b", "é", "a\n", "Z9_z", "9", "a:b", "AB)"}
	for _, rt := range domain.RelationTypes {
		names = append(names, string(rt))
	}
	for _, s := range names {
		if got, want := isIdentifier(s), re.MatchString(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}
