package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
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
