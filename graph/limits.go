package graph

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit refuses operations whose fields nest deeper than max before
// any resolver runs. Introspection (__schema, __type) is not counted: the
// IDE's own introspection query is deep, and answers from the schema.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

// CodeDepthLimit is the extensions.code of an operation nested too deep,
// beside gqlgen's COMPLEXITY_LIMIT_EXCEEDED.
const CodeDepthLimit = "DEPTH_LIMIT_EXCEEDED"

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	if n := depth(rc.Operation.SelectionSet, rc.Doc.Fragments, map[string]bool{}); n > d.max {
		err := gqlerror.Errorf("operation is nested %d fields deep, more than the limit of %d", n, d.max)
		err.Extensions = map[string]any{"code": CodeDepthLimit}
		return err
	}
	return nil
}

// depth is how deep fields nest in set; fragments add no depth of their own.
func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") && s.Name != "__typename" {
				continue
			}
			n = max(n, 1+depth(s.SelectionSet, frags, seen))
		case *ast.InlineFragment:
			n = max(n, depth(s.SelectionSet, frags, seen))
		case *ast.FragmentSpread:
			// Validation has refused cycles; seen guards anyway.
			if f := frags.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				n = max(n, depth(f.SelectionSet, frags, seen))
				delete(seen, s.Name)
			}
		}
	}
	return n
}

// complexityOf sets gqlgen's complexity for every list field: its items'
// complexity times the items it may return (first, default 20; a graph's
// limit). gqlgen counts every other field as one plus its children.
func complexityOf() ComplexityRoot {
	var c ComplexityRoot
	times := func(child int, first *int) int { return 1 + child*items(first, 20) }
	list := func(child int, first *int, _ *string) int { return times(child, first) }
	typed := func(child int, _ []domain.RelationType, first *int, _ *string) int { return times(child, first) }

	c.Query.Search = func(child int, _ string, _ []domain.EntityType, first *int, _ *string) int {
		return times(child, first)
	}
	c.Query.Relations = func(child int, _ *model.RelationFilter, first *int, _ *string) int { return times(child, first) }
	c.Query.Alliances = func(child int, _ string, _ *model.Date, first *int, _ *string) int { return times(child, first) }
	c.Query.Stances = func(child int, _ string, _ []domain.RelationType, first *int, _ *string) int {
		return times(child, first)
	}
	c.Query.Path = func(child int, _, _ string, _ *int, _ []domain.RelationType, first *int, _ *string) int {
		return times(child, first)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []domain.RelationType, limit, edgeLimit *int) int {
		return 1 + child*max(items(limit, 50), items(edgeLimit, 200))
	}
	c.Query.Graph = func(child int, f *model.GraphFilter) int {
		var limit *int
		if f != nil {
			limit = f.Limit
		}
		return 1 + child*items(limit, 100)
	}
	c.Query.Timeline = func(child int, _ string, _, _ *model.Date, first *int, _ *string) int { return times(child, first) }
	c.Query.Articles = func(child int, _ *model.ArticleFilter, first *int, _ *string) int { return times(child, first) }
	c.Mutation.IngestArticles = func(child int, input []*model.ArticleInput) int { return 1 + child*max(1, len(input)) }

	c.Person.Articles, c.Party.Articles, c.Coalition.Articles = list, list, list
	c.Place.Articles, c.Organization.Articles, c.Event.Articles = list, list, list
	c.Person.Relations, c.Party.Relations, c.Coalition.Relations = typed, typed, typed
	c.Place.Relations, c.Organization.Relations, c.Event.Relations = typed, typed, typed

	c.Person.Parties, c.Person.Met, c.Person.Events = list, list, list
	c.Person.Offices = func(child int, _ *bool, first *int, _ *string) int { return times(child, first) }
	c.Party.Leaders, c.Party.Members, c.Party.Allies, c.Party.Opponents = list, list, list, list
	c.Party.Coalitions, c.Party.Events = list, list
	c.Party.Stances = typed
	c.Coalition.Members = list
	c.Place.Within, c.Place.Events = list, list
	c.Event.Participants = list
	c.Relation.Evidence, c.Stance.Evidence, c.Office.Evidence, c.Hop.Evidence = list, list, list, list
	c.Article.Entities = func(child int, _ []domain.EntityType, first *int, _ *string) int { return times(child, first) }
	c.Article.Facts = typed
	return c
}

// items is how many items a list field may return, as its argument says.
func items(first *int, def int) int {
	if first == nil {
		return def
	}
	return max(0, *first)
}

// Codes of the field limits, beside COMPLEXITY_LIMIT_EXCEEDED.
const (
	CodeRootFieldLimit = "ROOT_FIELD_LIMIT_EXCEEDED"
	CodeAliasLimit     = "ALIAS_LIMIT_EXCEEDED"
)

// fieldLimits refuses, before any resolver runs, an operation with more
// root fields or aliases than allowed, and a query whose string arguments
// (search text, names, ids, in filters too) are longer than text
// characters. Mutations' arguments are articles, bounded by the body size.
//
// An operation that passed is kept (passed, by operationKey: its document,
// name and variables, on which alone the checks depend), so that sending
// it again costs no walk of its fields; one refused is checked each time.
type fieldLimits struct {
	roots, aliases, text int
	passed               *lru.Cache[opKey, struct{}]
}

// maxPassed bounds the operations fieldLimits keeps as passed.
const maxPassed = 4096

func newFieldLimits(roots, aliases, text int) fieldLimits {
	passed, err := lru.New[opKey, struct{}](maxPassed)
	if err != nil {
		panic(err) // the size is fixed and positive
	}
	return fieldLimits{roots: roots, aliases: aliases, text: text, passed: passed}
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = fieldLimits{}

func (fieldLimits) ExtensionName() string                   { return "FieldLimits" }
func (fieldLimits) Validate(graphql.ExecutableSchema) error { return nil }
func (l fieldLimits) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	key, keyed := keyOf(rc)
	if _, ok := l.passed.Get(key); keyed && ok {
		return nil
	}
	if err := l.check(rc); err != nil {
		return err
	}
	if keyed {
		l.passed.Add(key, struct{}{})
	}
	return nil
}

func (l fieldLimits) check(rc *graphql.OperationContext) *gqlerror.Error {
	roots := fields(rc.Operation.SelectionSet, rc.Doc.Fragments, false, nil)
	if len(roots) > l.roots {
		return limitError(CodeRootFieldLimit, "operation has %d root fields, more than the limit of %d: send several requests", len(roots), l.roots)
	}
	all := fields(rc.Operation.SelectionSet, rc.Doc.Fragments, true, nil)
	aliases := 0
	for _, f := range all {
		if f.Alias != "" && f.Alias != f.Name {
			aliases++
		}
	}
	if aliases > l.aliases {
		return limitError(CodeAliasLimit, "operation has %d aliased fields, more than the limit of %d", aliases, l.aliases)
	}
	if rc.Operation.Operation != ast.Query {
		return nil
	}
	for _, f := range all {
		for name, v := range f.ArgumentMap(rc.Variables) {
			if n, ok := longestText(v); ok && n > l.text {
				err := gqlerror.Errorf("argument %s of %s is %d characters long, more than the limit of %d", name, f.Name, n, l.text)
				err.Extensions = map[string]any{"code": CodeBadUserInput}
				return err
			}
		}
	}
	return nil
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}

// fields lists the fields of set (through fragments); all of them at every
// depth when deep, else the top ones. Introspection fields are left out.
func fields(set ast.SelectionSet, frags ast.FragmentDefinitionList, deep bool, seen map[string]bool) []*ast.Field {
	if seen == nil {
		seen = map[string]bool{}
	}
	var out []*ast.Field
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			out = append(out, s)
			if deep {
				out = append(out, fields(s.SelectionSet, frags, deep, seen)...)
			}
		case *ast.InlineFragment:
			out = append(out, fields(s.SelectionSet, frags, deep, seen)...)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				out = append(out, fields(f.SelectionSet, frags, deep, seen)...)
				delete(seen, s.Name)
			}
		}
	}
	return out
}

// longestText is the length in characters of the longest string in an
// argument's value (lists and input objects included); ok is false when
// it holds none.
func longestText(v any) (n int, ok bool) {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x), true
	case *string:
		if x != nil {
			return utf8.RuneCountInString(*x), true
		}
	case []any:
		for _, e := range x {
			if m, o := longestText(e); o {
				n, ok = max(n, m), true
			}
		}
	case map[string]any:
		for _, e := range x {
			if m, o := longestText(e); o {
				n, ok = max(n, m), true
			}
		}
	}
	return n, ok
}

// noIntrospection refuses __schema and __type when introspection is off,
// with a code, before anything runs (gqlgen's own refusal is a resolver
// error, which would read as INTERNAL). __typename stays allowed.
type noIntrospection struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = noIntrospection{}

func (noIntrospection) ExtensionName() string                   { return "NoIntrospection" }
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }
func (noIntrospection) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	if introspects(rc.Operation.SelectionSet, rc.Doc.Fragments, map[string]bool{}) {
		return limitError(CodeBadUserInput, "introspection is turned off on this server")
	}
	return nil
}

func introspects(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || introspects(s.SelectionSet, frags, seen) {
				return true
			}
		case *ast.InlineFragment:
			if introspects(s.SelectionSet, frags, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				if introspects(f.SelectionSet, frags, seen) {
					return true
				}
			}
		}
	}
	return false
}
