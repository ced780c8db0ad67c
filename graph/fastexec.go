package graph

import (
	"bytes"
	"context"
	"io"
	"math"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
)

// The read queries' executor. gqlgen marshals every object through a
// field set, a field context and a resolver call per field (graph/
// generated.go): for the party query that machinery, and the garbage it
// leaves, was the largest share of the API's own CPU (docs/api.md, The
// API's own CPU per request). Below a top-level field, though, everything
// a read query shows is plain data its one statement already read (the
// plan's lists, plan.go), so this executor writes the JSON straight from
// that data, following the operation's selection set compiled once per
// query document and operation name.
//
// What it takes over, and what it leaves to gqlgen:
//
//   - A query whose root fields are all reads (every Query field but the
//     introspection ones, __schema and __type) runs here; mutations and
//     anything introspecting run through gqlgen unchanged.
//   - The root fields themselves still go through gqlgen's own steps
//     (graphql.ResolveField: argument coercion, the resolver, its error
//     with path and location, recovery from a panic), concurrently as
//     gqlgen runs them; only their values are marshalled here.
//   - An object any of whose fields would need more than the data at hand
//     — a nested list its field's plan did not read (an argument out of
//     range, first: 0: the resolver then refuses it, answers an empty
//     list or reads it alone), or a non-null field that would be null —
//     is marshalled by gqlgen's generated code, with the field contexts
//     its path needs, so its errors, nulls and reads are gqlgen's own.
//     Whether an object needs that is decided before anything of it is
//     written, so nothing is done twice.
//
// TestExecutorsAnswerAlike (fastexec_test.go) runs the documented queries
// and variations of them through both executors and compares the bytes.

// fastSchema is the executable schema with read queries run by the fast
// executor.
type fastSchema struct {
	*executableSchema
	// plans holds each operation's compiled selection, by query text and
	// operation name; nil for an operation the fast executor leaves to
	// gqlgen.
	plans *lru.LRU[*selection]
}

func newFastSchema(cfg Config) graphql.ExecutableSchema {
	return fastSchema{executableSchema: NewExecutableSchema(cfg).(*executableSchema), plans: lru.New[*selection](1000)}
}

// Exec runs a read query here, anything else through gqlgen.
func (s fastSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return s.executableSchema.Exec(ctx)
	}
	root := s.rootPlan(ctx, oc)
	if root == nil {
		return s.executableSchema.Exec(ctx)
	}
	ec := newExecutionContext(oc, s.executableSchema, make(chan graphql.DeferredResult))
	first := true
	return func(ctx context.Context) *graphql.Response {
		if !first {
			return nil
		}
		first = false
		ctx = graphql.WithLazyInputUnmarshalerIndex(ctx, func() *graphql.InputUnmarshalerIndex {
			return graphql.NewInputUnmarshalerIndex(
				graphql.NewInputUnmarshaler("ArticleFilter", ec.unmarshalInputArticleFilter),
				graphql.NewInputUnmarshaler("ArticleInput", ec.unmarshalInputArticleInput),
				graphql.NewInputUnmarshaler("GraphFilter", ec.unmarshalInputGraphFilter),
				graphql.NewInputUnmarshaler("RelationFilter", ec.unmarshalInputRelationFilter),
			)
		})
		data := ec.fastQuery(ctx, root)
		var buf bytes.Buffer
		data.MarshalGQL(&buf)
		return &graphql.Response{Data: buf.Bytes()}
	}
}

// rootPlan is the compiled root selection of the operation, nil when the
// fast executor leaves it to gqlgen. It is cached unless a @skip or
// @include takes a variable, when what is selected depends on the
// request.
func (s fastSchema) rootPlan(ctx context.Context, oc *graphql.OperationContext) *selection {
	cacheable := !variableDirectives(oc.Doc)
	key := oc.RawQuery + "\x00" + oc.OperationName
	if cacheable {
		if p, ok := s.plans.Get(ctx, key); ok {
			return p
		}
	}
	root := &selection{sel: oc.Operation.SelectionSet}
	op := compile(oc, root.sel, tQuery)
	for _, fp := range op.fields {
		if _, ok := fastRoots[fp.name]; !ok && fp.name != "__typename" {
			root = nil
			break
		}
	}
	if root != nil {
		root.types[tQuery].Store(op)
	}
	if cacheable {
		s.plans.Add(ctx, key, root)
	}
	return root
}

// variableDirectives reports whether a directive in doc takes a variable
// (@skip(if: $x)): then the selection depends on the request.
func variableDirectives(doc *ast.QueryDocument) bool {
	var inSet func(ast.SelectionSet) bool
	inDirs := func(ds ast.DirectiveList) bool {
		for _, d := range ds {
			for _, a := range d.Arguments {
				if hasVariable(a.Value) {
					return true
				}
			}
		}
		return false
	}
	inSet = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if inDirs(s.Directives) || inSet(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if inDirs(s.Directives) || inSet(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if inDirs(s.Directives) {
					return true
				}
			}
		}
		return false
	}
	for _, op := range doc.Operations {
		if inSet(op.SelectionSet) {
			return true
		}
	}
	for _, f := range doc.Fragments {
		if inSet(f.SelectionSet) {
			return true
		}
	}
	return false
}

func hasVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, c := range v.Children {
		if hasVariable(c.Value) {
			return true
		}
	}
	return false
}

// fastQuery is gqlgen's _Query (generated.go) with each root field's value
// marshalled by the fast executor.
func (ec *executionContext) fastQuery(ctx context.Context, root *selection) graphql.Marshaler {
	op := root.types[tQuery].Load()
	fields := make([]graphql.CollectedField, len(op.fields))
	for i := range op.fields {
		fields[i] = op.fields[i].field
	}
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query"})
	out := graphql.NewFieldSet(fields)
	for i := range op.fields {
		fp := &op.fields[i]
		innerCtx := graphql.WithRootFieldContext(ctx, &graphql.RootFieldContext{Object: fp.name, Field: fp.field})
		if fp.name == "__typename" {
			out.Values[i] = graphql.MarshalString("Query")
			continue
		}
		r := fastRoots[fp.name]
		out.ResolveRootConcurrently(innerCtx, ec.OperationContext, i, true, r.nonNull,
			func(ctx context.Context) graphql.Marshaler { return r.resolve(ec, ctx, fp) })
	}
	out.Dispatch(ctx)
	if out.Invalids > 0 {
		return graphql.Null
	}
	return out
}

// rootField is how the fast executor resolves one Query field.
type rootField struct {
	nonNull bool
	resolve func(ec *executionContext, ctx context.Context, fp *fieldSel) graphql.Marshaler
}

// root resolves a root field as gqlgen's _Query_<field> does (init is its
// generated fieldContext_Query_<field>, call its resolver call) and
// marshals its value with write; gqlgen marshals it when the value is nil
// (a null, or a non-null field's error).
func root[T any](nonNull bool,
	init func(ec *executionContext) func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
	call func(ec *executionContext, ctx context.Context, args map[string]any) (T, error),
	isNil func(T) bool,
	gqlgen func(ec *executionContext) func(context.Context, ast.SelectionSet, T) graphql.Marshaler,
	write func(w *writer, sp *selection, v T) status,
) rootField {
	return rootField{nonNull: nonNull, resolve: func(ec *executionContext, ctx context.Context, fp *fieldSel) graphql.Marshaler {
		return graphql.ResolveField(ctx, ec.OperationContext, fp.field, init(ec),
			func(ctx context.Context) (any, error) { return call(ec, ctx, graphql.GetFieldContext(ctx).Args) },
			nil,
			func(ctx context.Context, sel ast.SelectionSet, v T) graphql.Marshaler {
				if isNil(v) {
					return gqlgen(ec)(ctx, sel, v)
				}
				w := &writer{ec: ec, ctx: ctx}
				if write(w, fp.child, v) != stOK {
					return graphql.Null
				}
				return rawJSON(w.buf.Bytes())
			},
			true, nonNull)
	}}
}

// rawJSON is JSON already written.
type rawJSON []byte

func (r rawJSON) MarshalGQL(w io.Writer) { _, _ = w.Write(r) }

func isNilPtr[T any](v *T) bool       { return v == nil }
func isNilEntity(v model.Entity) bool { return v == nil }

// isNilEntityPtr reports whether e holds a nil pointer of an entity type.
func isNilEntityPtr[T model.Entity](e T) bool {
	switch p := any(e).(type) {
	case *model.Person:
		return p == nil
	case *model.Party:
		return p == nil
	case *model.Coalition:
		return p == nil
	case *model.Place:
		return p == nil
	case *model.Organization:
		return p == nil
	case *model.Event:
		return p == nil
	}
	return false
}

func never[T any](T) bool { return false }

// entityRoot writes a root entity (nil is left to gqlgen).
func entityRoot[T model.Entity](w *writer, sp *selection, v T) status {
	n := v.Node()
	return w.object(sp, val{t: entityType(n.Type), node: &n})
}

func entityList[T model.Entity](w *writer, sp *selection, vs []T) status {
	for _, v := range vs {
		if model.Entity(v) == nil || isNilEntityPtr(v) {
			return w.gqlgenList(sp, vs)
		}
	}
	return w.items(sp, len(vs), func(i int) val {
		n := vs[i].Node()
		return val{t: entityType(n.Type), node: &n}
	})
}

func modelList[T any](t objType) func(w *writer, sp *selection, vs []*T) status {
	return func(w *writer, sp *selection, vs []*T) status {
		for _, v := range vs {
			if v == nil {
				return w.gqlgenList(sp, vs)
			}
		}
		return w.items(sp, len(vs), func(i int) val { return val{t: t, m: vs[i]} })
	}
}

func modelObject[T any](t objType) func(w *writer, sp *selection, v *T) status {
	return func(w *writer, sp *selection, v *T) status { return w.object(sp, val{t: t, m: v}) }
}

// fastRoots are the Query fields the fast executor resolves: every one but
// __schema and __type.
var fastRoots = map[string]rootField{}

func init() {
	q := func(ec *executionContext) QueryResolver { return ec.Resolvers.Query() }
	type fcInit = func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error)
	str := func(a any) *string { return a.(*string) }
	num := func(a any) *int { return a.(*int) }
	fastRoots["entity"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_entity },
		func(ec *executionContext, ctx context.Context, a map[string]any) (model.Entity, error) {
			return q(ec).Entity(ctx, a["id"].(string))
		}, isNilEntity,
		func(ec *executionContext) func(context.Context, ast.SelectionSet, model.Entity) graphql.Marshaler {
			return ec.marshalOEntity2githubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐEntity
		}, entityRoot[model.Entity])
	fastRoots["party"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_party },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Party, error) {
			return q(ec).Party(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Party],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Party) graphql.Marshaler {
			return ec.marshalOParty2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐParty
		}, entityRoot[*model.Party])
	fastRoots["person"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_person },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Person, error) {
			return q(ec).Person(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Person],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Person) graphql.Marshaler {
			return ec.marshalOPerson2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐPerson
		}, entityRoot[*model.Person])
	fastRoots["place"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_place },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Place, error) {
			return q(ec).Place(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Place],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Place) graphql.Marshaler {
			return ec.marshalOPlace2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐPlace
		}, entityRoot[*model.Place])
	fastRoots["coalition"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_coalition },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Coalition, error) {
			return q(ec).Coalition(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Coalition],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Coalition) graphql.Marshaler {
			return ec.marshalOCoalition2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐCoalition
		}, entityRoot[*model.Coalition])
	fastRoots["organization"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_organization },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Organization, error) {
			return q(ec).Organization(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Organization],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Organization) graphql.Marshaler {
			return ec.marshalOOrganization2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐOrganization
		}, entityRoot[*model.Organization])
	fastRoots["event"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_event },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Event, error) {
			return q(ec).Event(ctx, str(a["id"]), str(a["name"]))
		}, isNilPtr[model.Event],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Event) graphql.Marshaler {
			return ec.marshalOEvent2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐEvent
		}, entityRoot[*model.Event])
	fastRoots["search"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_search },
		func(ec *executionContext, ctx context.Context, a map[string]any) ([]model.Entity, error) {
			return q(ec).Search(ctx, a["text"].(string), a["types"].([]domain.EntityType), num(a["first"]), str(a["after"]))
		}, never[[]model.Entity], nil, entityList[model.Entity])
	fastRoots["relations"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_relations },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.RelationConnection, error) {
			return q(ec).Relations(ctx, a["filter"].(*model.RelationFilter), num(a["first"]), str(a["after"]))
		}, isNilPtr[model.RelationConnection],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.RelationConnection) graphql.Marshaler {
			return ec.marshalNRelationConnection2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐRelationConnection
		}, modelObject[model.RelationConnection](tRelationConnection))
	fastRoots["alliances"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_alliances },
		func(ec *executionContext, ctx context.Context, a map[string]any) ([]*model.Alliance, error) {
			return q(ec).Alliances(ctx, a["party"].(string), a["asOf"].(*model.Date), num(a["first"]), str(a["after"]))
		}, never[[]*model.Alliance], nil, modelList[model.Alliance](tAlliance))
	fastRoots["stances"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_stances },
		func(ec *executionContext, ctx context.Context, a map[string]any) ([]*model.Stance, error) {
			return q(ec).Stances(ctx, a["party"].(string), a["types"].([]domain.RelationType), num(a["first"]), str(a["after"]))
		}, never[[]*model.Stance], nil, func(w *writer, sp *selection, vs []*model.Stance) status {
			for _, v := range vs {
				if v == nil {
					return w.gqlgenList(sp, vs)
				}
			}
			return w.items(sp, len(vs), func(i int) val {
				f := vs[i].Fact()
				return val{t: tStance, fact: &f, subject: vs[i].Subject()}
			})
		})
	fastRoots["path"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_path },
		func(ec *executionContext, ctx context.Context, a map[string]any) ([]*model.Path, error) {
			return q(ec).Path(ctx, a["from"].(string), a["to"].(string), num(a["maxHops"]), a["types"].([]domain.RelationType),
				num(a["first"]), str(a["after"]))
		}, never[[]*model.Path], nil, modelList[model.Path](tPath))
	fastRoots["neighborhood"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_neighborhood },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Graph, error) {
			return q(ec).Neighborhood(ctx, a["id"].(string), num(a["depth"]), a["types"].([]domain.RelationType), num(a["limit"]), num(a["edgeLimit"]))
		}, isNilPtr[model.Graph],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Graph) graphql.Marshaler {
			return ec.marshalNGraph2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐGraph
		}, modelObject[model.Graph](tGraph))
	fastRoots["graph"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_graph },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Graph, error) {
			return q(ec).Graph(ctx, a["filter"].(*model.GraphFilter))
		}, isNilPtr[model.Graph],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Graph) graphql.Marshaler {
			return ec.marshalNGraph2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐGraph
		}, modelObject[model.Graph](tGraph))
	fastRoots["timeline"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_timeline },
		func(ec *executionContext, ctx context.Context, a map[string]any) ([]*model.Event, error) {
			return q(ec).Timeline(ctx, a["id"].(string), a["from"].(*model.Date), a["to"].(*model.Date), num(a["first"]), str(a["after"]))
		}, never[[]*model.Event], nil, entityList[*model.Event])
	fastRoots["articles"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_articles },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.ArticleConnection, error) {
			return q(ec).Articles(ctx, a["filter"].(*model.ArticleFilter), num(a["first"]), str(a["after"]))
		}, isNilPtr[model.ArticleConnection],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.ArticleConnection) graphql.Marshaler {
			return ec.marshalNArticleConnection2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐArticleConnection
		}, modelObject[model.ArticleConnection](tArticleConnection))
	fastRoots["article"] = root(false, func(ec *executionContext) fcInit { return ec.fieldContext_Query_article },
		func(ec *executionContext, ctx context.Context, a map[string]any) (*model.Article, error) {
			return q(ec).Article(ctx, a["id"].(string))
		}, isNilPtr[model.Article],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Article) graphql.Marshaler {
			return ec.marshalOArticle2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐArticle
		}, modelObject[model.Article](tArticle))
	fastRoots["stats"] = root(true, func(ec *executionContext) fcInit { return ec.fieldContext_Query_stats },
		func(ec *executionContext, ctx context.Context, _ map[string]any) (*model.Stats, error) {
			return q(ec).Stats(ctx)
		}, isNilPtr[model.Stats],
		func(ec *executionContext) func(context.Context, ast.SelectionSet, *model.Stats) graphql.Marshaler {
			return ec.marshalNStats2ᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐStats
		}, modelObject[model.Stats](tStats))
}

// gqlgenList marshals a root list through gqlgen (it holds a nil item,
// which gqlgen reports).
func (w *writer) gqlgenList(sp *selection, v any) status {
	var m graphql.Marshaler
	ec, ctx := w.ec, w.ctx
	switch vs := v.(type) {
	case []*model.Alliance:
		m = ec.marshalNAlliance2ᚕᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐAllianceᚄ(ctx, sp.sel, vs)
	case []*model.Stance:
		m = ec.marshalNStance2ᚕᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐStanceᚄ(ctx, sp.sel, vs)
	case []*model.Path:
		m = ec.marshalNPath2ᚕᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐPathᚄ(ctx, sp.sel, vs)
	case []model.Entity:
		m = ec.marshalNEntity2ᚕgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐEntityᚄ(ctx, sp.sel, vs)
	case []*model.Event:
		m = ec.marshalNEvent2ᚕᚖgithubᚗcomᚋnetagraphᚋnetagraphᚋgraphᚋmodelᚐEventᚄ(ctx, sp.sel, vs)
	}
	if m == nil || m == graphql.Null {
		return stInvalid
	}
	m.MarshalGQL(&w.buf)
	return stOK
}

// objType is a GraphQL object type the fast executor writes.
type objType uint8

const (
	tNone objType = iota
	tQuery
	tPerson
	tParty
	tCoalition
	tPlace
	tOrganization
	tEvent
	tRelation
	tStance
	tOffice
	tEvidence
	tArticle
	tAlliance
	tPath
	tHop
	tGraph
	tGraphNode
	tGraphEdge
	tRelationConnection
	tRelationEdge
	tArticleConnection
	tArticleEdge
	tPageInfo
	tStats
	tTypeCount
	numObjTypes
	// tEntity is the interface, for a list of entities of any type.
	tEntity = numObjTypes
)

var objTypeNames = [numObjTypes]string{
	tQuery: "Query", tPerson: "Person", tParty: "Party", tCoalition: "Coalition", tPlace: "Place",
	tOrganization: "Organization", tEvent: "Event", tRelation: "Relation", tStance: "Stance", tOffice: "Office",
	tEvidence: "Evidence", tArticle: "Article", tAlliance: "Alliance", tPath: "Path", tHop: "Hop", tGraph: "Graph",
	tGraphNode: "GraphNode", tGraphEdge: "GraphEdge", tRelationConnection: "RelationConnection",
	tRelationEdge: "RelationEdge", tArticleConnection: "ArticleConnection", tArticleEdge: "ArticleEdge",
	tPageInfo: "PageInfo", tStats: "Stats", tTypeCount: "TypeCount",
}

var objTypeImplementors = [numObjTypes][]string{
	tQuery: queryImplementors, tPerson: personImplementors, tParty: partyImplementors,
	tCoalition: coalitionImplementors, tPlace: placeImplementors, tOrganization: organizationImplementors,
	tEvent: eventImplementors, tRelation: relationImplementors, tStance: stanceImplementors,
	tOffice: officeImplementors, tEvidence: evidenceImplementors, tArticle: articleImplementors,
	tAlliance: allianceImplementors, tPath: pathImplementors, tHop: hopImplementors, tGraph: graphImplementors,
	tGraphNode: graphNodeImplementors, tGraphEdge: graphEdgeImplementors,
	tRelationConnection: relationConnectionImplementors, tRelationEdge: relationEdgeImplementors,
	tArticleConnection: articleConnectionImplementors, tArticleEdge: articleEdgeImplementors,
	tPageInfo: pageInfoImplementors, tStats: statsImplementors, tTypeCount: typeCountImplementors,
}

// objTypeOf is the objType of a type's name; tEntity for the interface,
// tNone for a scalar or an enum.
func objTypeOf(name string) objType {
	if name == "Entity" {
		return tEntity
	}
	for t, n := range objTypeNames {
		if n == name {
			return objType(t)
		}
	}
	return tNone
}

// entityType is the object type of an entity of type t, as
// model.NewEntity makes it.
func entityType(t domain.EntityType) objType {
	switch t {
	case domain.Person:
		return tPerson
	case domain.Party:
		return tParty
	case domain.Coalition:
		return tCoalition
	case domain.Place:
		return tPlace
	case domain.EventEntity:
		return tEvent
	}
	return tOrganization
}

// selection is the selection set of a field, compiled for each object type
// its value has (an Entity's for each entity type), when first met.
type selection struct {
	sel   ast.SelectionSet
	types [numObjTypes]atomic.Pointer[objSel]
}

// objSel is a selection set's fields for one object type, as gqlgen
// collects them (fragments, inline fragments, @skip and @include, merged
// fields).
type objSel struct {
	fields []fieldSel
}

// fieldSel is one field of an objSel.
type fieldSel struct {
	field graphql.CollectedField
	name  string
	// key is `"alias":`.
	key string
	// listKey and anyKey are the keys of the list the field reads in its
	// object's lists (plan.go): "Type.alias", "*.alias".
	listKey, anyKey string
	nonNull         bool
	// item is the field's named type: an entity list of a concrete type
	// shows only the entities of that type.
	item objType
	// child is the field's selection, for a field of an object type.
	child *selection
}

func compile(oc *graphql.OperationContext, sel ast.SelectionSet, t objType) *objSel {
	fields := graphql.CollectFields(oc, sel, objTypeImplementors[t])
	op := &objSel{fields: make([]fieldSel, len(fields))}
	for i, f := range fields {
		fp := fieldSel{field: f, name: f.Name, key: `"` + f.Alias + `":`,
			listKey: objTypeNames[t] + "." + f.Alias, anyKey: "*." + f.Alias}
		if f.Definition != nil && f.Definition.Type != nil {
			fp.nonNull = f.Definition.Type.NonNull
			fp.item = objTypeOf(f.Definition.Type.Name())
		}
		if len(f.Selections) > 0 {
			fp.child = &selection{sel: f.Selections}
		}
		op.fields[i] = fp
	}
	return op
}

// forType is sp compiled for type t.
func (w *writer) forType(sp *selection, t objType) *objSel {
	if op := sp.types[t].Load(); op != nil {
		return op
	}
	op := compile(w.ec.OperationContext, sp.sel, t)
	sp.types[t].Store(op)
	return op
}

// val is an object value: an entity's node, a relation's fact (a Stance's
// with its subject), a piece of evidence, or else the model.
type val struct {
	t       objType
	node    *domain.Node
	fact    *domain.Fact
	subject string
	ev      *domain.Evidence
	m       any
}

// status is what writing a value came to.
type status uint8

const (
	stOK status = iota
	// stInvalid: a non-null field in it was null (gqlgen reported it),
	// so the value is null.
	stInvalid
	// stBail: a field needs what only gqlgen does; the object is
	// marshalled by gqlgen.
	stBail
)

// writer writes one root field's value.
type writer struct {
	ec *executionContext
	// ctx is the root field's, with its field context.
	ctx  context.Context
	buf  bytes.Buffer
	path []pathElem
}

// pathElem is a step below the root field: a field or a list index.
type pathElem struct {
	fp  *fieldSel
	idx int
}

// object writes v with the selection sp; an object one of whose fields
// needs gqlgen is marshalled by gqlgen's generated code.
func (w *writer) object(sp *selection, v val) status {
	op := w.forType(sp, v.t)
	for i := range op.fields {
		if w.field(&op.fields[i], v, true) == stBail {
			return w.gqlgen(sp, v)
		}
	}
	start := w.buf.Len()
	w.buf.WriteByte('{')
	invalid := false
	for i := range op.fields {
		fp := &op.fields[i]
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.buf.WriteString(fp.key)
		at := w.buf.Len()
		w.path = append(w.path, pathElem{fp: fp, idx: -1})
		st := w.field(fp, v, false)
		w.path = w.path[:len(w.path)-1]
		if st != stOK {
			if fp.nonNull {
				invalid = true
			} else {
				w.buf.Truncate(at)
				w.buf.WriteString("null")
			}
		}
	}
	if invalid {
		w.buf.Truncate(start)
		return stInvalid
	}
	w.buf.WriteByte('}')
	return stOK
}

// items writes a list of n objects (every list of objects in the schema
// is non-null of non-null items).
func (w *writer) items(sp *selection, n int, at func(int) val) status {
	start := w.buf.Len()
	w.buf.WriteByte('[')
	invalid := false
	for i := range n {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.path = append(w.path, pathElem{idx: i})
		if w.object(sp, at(i)) != stOK {
			invalid = true
		}
		w.path = w.path[:len(w.path)-1]
	}
	if invalid {
		w.buf.Truncate(start)
		return stInvalid
	}
	w.buf.WriteByte(']')
	return stOK
}

// gqlgen marshals the object v through gqlgen's generated code, with the
// field contexts of its path.
func (w *writer) gqlgen(sp *selection, v val) status {
	ctx := w.ctx
	for _, e := range w.path {
		if e.fp != nil {
			ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: e.fp.field})
		} else {
			i := e.idx
			ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		}
	}
	ec, sel := w.ec, sp.sel
	var m graphql.Marshaler
	switch v.t {
	case tPerson, tParty, tCoalition, tPlace, tOrganization, tEvent:
		m = ec._Entity(ctx, sel, model.NewEntity(*v.node))
	case tRelation:
		m = ec._Relation(ctx, sel, model.NewRelation(*v.fact))
	case tStance:
		m = ec._Stance(ctx, sel, model.NewStance(v.subject, *v.fact))
	case tOffice:
		m = ec._Office(ctx, sel, model.NewOffice(*v.fact))
	case tEvidence:
		m = ec._Evidence(ctx, sel, model.NewEvidence(*v.ev))
	case tArticle:
		m = ec._Article(ctx, sel, v.m.(*model.Article))
	case tAlliance:
		m = ec._Alliance(ctx, sel, v.m.(*model.Alliance))
	case tPath:
		m = ec._Path(ctx, sel, v.m.(*model.Path))
	case tHop:
		m = ec._Hop(ctx, sel, v.m.(*model.Hop))
	case tGraph:
		m = ec._Graph(ctx, sel, v.m.(*model.Graph))
	case tGraphNode:
		m = ec._GraphNode(ctx, sel, v.m.(*model.GraphNode))
	case tGraphEdge:
		m = ec._GraphEdge(ctx, sel, v.m.(*model.GraphEdge))
	case tRelationConnection:
		m = ec._RelationConnection(ctx, sel, v.m.(*model.RelationConnection))
	case tRelationEdge:
		m = ec._RelationEdge(ctx, sel, v.m.(*model.RelationEdge))
	case tArticleConnection:
		m = ec._ArticleConnection(ctx, sel, v.m.(*model.ArticleConnection))
	case tArticleEdge:
		m = ec._ArticleEdge(ctx, sel, v.m.(*model.ArticleEdge))
	case tPageInfo:
		m = ec._PageInfo(ctx, sel, v.m.(*model.PageInfo))
	case tStats:
		m = ec._Stats(ctx, sel, v.m.(*model.Stats))
	case tTypeCount:
		m = ec._TypeCount(ctx, sel, v.m.(*model.TypeCount))
	}
	if m == nil || m == graphql.Null {
		return stInvalid
	}
	m.MarshalGQL(&w.buf)
	return stOK
}

// Scalars, written as gqlgen's marshallers write them.

func (w *writer) str(s string) {
	b := w.buf.AvailableBuffer()
	b = appendQuoted(b, s)
	w.buf.Write(b)
}

func (w *writer) optStr(s *string) {
	if s == nil {
		w.buf.WriteString("null")
		return
	}
	w.str(*s)
}

func (w *writer) int(n int) {
	w.buf.Write(strconv.AppendInt(w.buf.AvailableBuffer(), int64(n), 10))
}

func (w *writer) optInt(n *int) {
	if n == nil {
		w.buf.WriteString("null")
		return
	}
	w.int(*n)
}

// float writes f as graphql.MarshalFloat does (fmt's %g: the shortest
// representation, NaN and ±Inf by name).
func (w *writer) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		graphql.MarshalFloat(f).MarshalGQL(&w.buf)
		return
	}
	w.buf.Write(strconv.AppendFloat(w.buf.AvailableBuffer(), f, 'g', -1, 64))
}

func (w *writer) bool(b bool) {
	if b {
		w.buf.WriteString("true")
	} else {
		w.buf.WriteString("false")
	}
}

func (w *writer) optBool(b *bool) {
	if b == nil {
		w.buf.WriteString("null")
		return
	}
	w.bool(*b)
}

// time writes a nullable Time as graphql.MarshalTime does: null for none
// or the zero time, else RFC 3339 with nanoseconds, quoted.
func (w *writer) time(t *time.Time) {
	if t == nil || t.IsZero() {
		w.buf.WriteString("null")
		return
	}
	b := w.buf.AvailableBuffer()
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	w.buf.Write(b)
}

func (w *writer) strList(ss []string) {
	w.buf.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.str(s)
	}
	w.buf.WriteByte(']')
}

// appendQuoted is gqlgen's writeQuotedString (graphql/string.go): only
// control characters, the backslash and the quote are escaped.
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		default:
			b = append(b, `\u00`...)
			b = append(b, hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
