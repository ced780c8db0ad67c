package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/netagraph/netagraph/domain"
	"github.com/vektah/gqlparser/v2/ast"
)

// A top-level field reads the store once: its resolver turns the field's
// selection into a domain.Plan (every nested list it selects, at any
// depth, with its arguments) and the store answers the field and the plan
// with one statement. The nested fields' resolvers then find their lists
// in their object's Lists, under the key "Type.alias" (or "*.alias" for a
// field every entity type shares and the selection asks for alike).
//
// A list the planner leaves out (an argument out of range, which the
// resolver reports as the field's error) is read by its resolver alone,
// with the plan of its own selection.

// maxFirst caps every list argument.
const maxFirst = 100

// entityTypes are the names of the types that implement Entity.
var entityTypes = []string{"Person", "Party", "Coalition", "Place", "Organization", "Event"}

// planner turns selections into plans, with the request's variables.
type planner struct {
	op *graphql.OperationContext
}

func plannerOf(ctx context.Context) planner {
	return planner{op: graphql.GetOperationContext(ctx)}
}

// fieldPlan is the plan of the items of the field being resolved on ctx,
// whose type is an entity type, Entity, Relation or Article (or a list or
// connection of them).
//
// A root field's plan is kept (knownPlans): it depends on nothing but the
// operation's document, name and variables and the field's alias, so a
// request sent before finds its plan made. Plans are read, never changed,
// once made (the store compiles them; Merge copies), so one is shared by
// the requests that find it.
func fieldPlan(ctx context.Context) domain.Plan {
	fc := graphql.GetFieldContext(ctx)
	pl := plannerOf(ctx)
	plan := func() domain.Plan { return pl.itemPlan(fc.Field.Definition.Type.Name(), fc.Field.Selections) }
	if !keepPlans || fc.Object != "Query" || pl.op.Operation == nil {
		return plan()
	}
	// Read only: root fields resolve concurrently, and the extensions
	// have keyed the operation before any runs.
	op, ok := pl.op.Stats.GetExtension(opKeyStat).(opKey)
	if !ok {
		return plan()
	}
	key := planKey{op, fc.Field.Alias}
	if p, found := knownPlans.Get(key); found {
		return p
	}
	p := plan()
	knownPlans.Add(key, p)
	return p
}

// keepPlans is whether fieldPlan keeps root fields' plans; tests turn it
// off to compare.
var keepPlans = true

// knownPlans are the root fields' plans kept, at most maxKnownPlans, least
// recently used first out. A plan is a few hundred bytes per nested list
// selected, and an operation has at most RootFieldLimit root fields.
var knownPlans = func() *lru.Cache[planKey, domain.Plan] {
	c, err := lru.New[planKey, domain.Plan](maxKnownPlans)
	if err != nil {
		panic(err) // the size is fixed and positive
	}
	return c
}()

const maxKnownPlans = 2048

// planKey is a root field's: its operation's key and its alias.
type planKey struct {
	op    opKey
	alias string
}

// itemPlan is the plan of an object of the named type with the selection.
func (pl planner) itemPlan(typ string, sel ast.SelectionSet) domain.Plan {
	switch typ {
	case "Entity":
		return pl.entityPlan(sel, entityTypes)
	case "Person", "Party", "Coalition", "Place", "Organization", "Event":
		return pl.entityPlan(sel, []string{typ})
	case "Relation", "Stance", "Office", "Hop":
		return pl.factPlan(sel, typ)
	case "Evidence":
		return pl.evidencePlan(sel)
	case "Article":
		return pl.articlePlan(sel)
	case "ArticleConnection":
		return pl.articlePlan(pl.connectionNodes(sel, "ArticleEdge"))
	case "RelationConnection":
		return pl.factPlan(pl.connectionNodes(sel, "RelationEdge"), "Relation")
	}
	return domain.Plan{}
}

// connectionNodes is the selection of a connection's items: nodes' and
// edges' node's, merged.
func (pl planner) connectionNodes(sel ast.SelectionSet, edge string) ast.SelectionSet {
	var out ast.SelectionSet
	for _, f := range pl.fields(sel, "") {
		switch f.Name {
		case "nodes":
			out = append(out, f.Selections...)
		case "edges":
			for _, g := range pl.fields(f.Selections, edge) {
				if g.Name == "node" {
					out = append(out, g.Selections...)
				}
			}
		}
	}
	return out
}

// wantsField reports whether sel selects the named field of typ.
func (pl planner) wantsField(sel ast.SelectionSet, typ, name string) bool {
	return slices.ContainsFunc(pl.fields(sel, typ), func(f graphql.CollectedField) bool { return f.Name == name })
}

func (pl planner) fields(sel ast.SelectionSet, typ string) []graphql.CollectedField {
	var satisfies []string
	if typ != "" {
		satisfies = []string{typ}
		if slices.Contains(entityTypes, typ) {
			satisfies = append(satisfies, "Entity")
		}
	}
	return graphql.CollectFields(pl.op, sel, satisfies)
}

// entityPlan is the plan of an entity of one of types. A list only some
// types have is read only for those; a list every type has and the
// selection asks alike of each is planned once.
func (pl planner) entityPlan(sel ast.SelectionSet, types []string) domain.Plan {
	plan := domain.Plan{Fields: []string{}}
	byType := map[string][]domain.List{}
	for _, typ := range types {
		for _, f := range pl.fields(sel, typ) {
			if l, ok := pl.list(typ, f); ok {
				if len(types) > 1 {
					l.On = domain.EntityType(typ)
				}
				byType[f.Alias] = append(byType[f.Alias], l)
			} else if !slices.Contains(plan.Fields, f.Name) {
				plan.Fields = append(plan.Fields, f.Name)
			}
		}
	}
	aliases := make([]string, 0, len(byType))
	for a := range byType {
		aliases = append(aliases, a)
	}
	slices.Sort(aliases)
	for _, alias := range aliases {
		ls := byType[alias]
		if len(types) > 1 && len(ls) == len(types) && alike(ls) {
			l := ls[0]
			l.On, l.Key = "", "*."+alias
			plan.Lists = append(plan.Lists, l)
			continue
		}
		plan.Lists = append(plan.Lists, ls...)
	}
	return plan
}

// alike reports whether lists differ only in the type they are read for.
func alike(ls []domain.List) bool {
	sig := func(l domain.List) string {
		l.On, l.Key = "", ""
		b, _ := json.Marshal(l)
		return string(b)
	}
	for _, l := range ls[1:] {
		if sig(l) != sig(ls[0]) {
			return false
		}
	}
	return true
}

// factPlan is the plan of a relation seen as typ: Relation, Stance (read
// from its subject), Office or a path's Hop. Its fields are the
// relation's properties by their names in the store (an office's title
// is its office), and "ends" for its ends' ids.
func (pl planner) factPlan(sel ast.SelectionSet, typ string) domain.Plan {
	plan := domain.Plan{Fields: []string{}}
	for _, f := range pl.fields(sel, typ) {
		if f.Name == "relation" {
			plan = plan.Merge(pl.factPlan(f.Selections, "Relation"))
			continue
		}
		if l, ok := pl.list(typ, f); ok {
			plan.Lists = append(plan.Lists, l)
		}
		switch name := f.Name; name {
		case "title":
			plan.Fields = append(plan.Fields, "office")
		case "from", "to":
			// A Relation's ends are lists of their own (FromEnd, ToEnd,
			// above) that carry their ids; a Hop reads its ends' ids to
			// tell whether it is reversed.
			if typ != "Relation" {
				plan.Fields = append(plan.Fields, "ends")
			}
		case "target", "reversed", "place":
			plan.Fields = append(plan.Fields, "ends")
		default:
			plan.Fields = append(plan.Fields, name)
		}
	}
	return plan
}

// evidencePlan is the plan of a piece of evidence; its article's fields
// are "article.<field>".
func (pl planner) evidencePlan(sel ast.SelectionSet) domain.Plan {
	plan := domain.Plan{Fields: []string{}}
	for _, f := range pl.fields(sel, "Evidence") {
		if l, ok := pl.list("Evidence", f); ok {
			plan.Lists = append(plan.Lists, l)
		}
		switch f.Name {
		case "article":
			for _, g := range pl.fields(f.Selections, "Article") {
				plan.Fields = append(plan.Fields, "article."+g.Name)
			}
		case "relation":
			plan.Fields = append(plan.Fields, "relKey")
		default:
			plan.Fields = append(plan.Fields, f.Name)
		}
	}
	return plan
}

// articlePlan is the plan of an article.
func (pl planner) articlePlan(sel ast.SelectionSet) domain.Plan {
	plan := domain.Plan{Fields: []string{}}
	for _, f := range pl.fields(sel, "Article") {
		if l, ok := pl.list("Article", f); ok {
			plan.Lists = append(plan.Lists, l)
		} else {
			plan.Fields = append(plan.Fields, f.Name)
		}
	}
	return plan
}

// hops are the nested entity lists one hop from their entity, by type and
// field.
var hops = map[string]domain.Hop{
	"Party.leaders":      domain.LeadersOf,
	"Party.members":      domain.MembersOf,
	"Party.opponents":    domain.OpponentsOf,
	"Party.coalitions":   domain.CoalitionsOf,
	"Party.events":       domain.EventsOf,
	"Person.parties":     domain.PartiesOf,
	"Person.met":         domain.MetBy,
	"Person.events":      domain.EventsOf,
	"Event.participants": domain.ParticipantsOf,
	"Event.place":        domain.PlaceOf,
	"Place.events":       domain.EventsIn,
	"Coalition.members":  domain.CoalitionMembers,
	"Coalition.leader":   domain.LeaderOf,
}

// list is the nested list field f of an object of type typ reads, keyed
// "typ.alias"; false when f reads none (a scalar, or an object its parent
// holds), or when its arguments are for its resolver to refuse.
func (pl planner) list(typ string, f graphql.CollectedField) (domain.List, bool) {
	name := typ + "." + f.Name
	if !isList(name, f.Name) {
		return domain.List{}, false
	}
	args := f.ArgumentMap(pl.op.Variables)
	l := domain.List{Key: typ + "." + f.Alias}
	item := f.Definition.Type.Name()
	if _, ok := args["first"]; ok {
		first, ok := intArg(args["first"])
		if !ok || first < 0 || first > maxFirst {
			return domain.List{}, false
		}
		if first == 0 {
			return domain.List{}, false // the resolver answers an empty list
		}
		l.Page.First = first
		l.Page.After, _ = args["after"].(string)
	}
	switch {
	case f.Name == "articles":
		if l.Page.After != "" && domain.DecodeCursor("article", l.Page.After, new(string), new(string)) != nil {
			return domain.List{}, false
		}
		l.Kind, l.Count = domain.Articles, pl.wantsField(f.Selections, "ArticleConnection", "totalCount")
	case f.Name == "relations":
		l.Kind, l.Facts = domain.Facts, domain.FactQuery{Types: relationTypes(args["types"]), Dir: domain.Both}
	case name == "Party.stances":
		types := relationTypes(args["types"])
		if len(types) == 0 {
			types = domain.StanceTypes
		}
		l.Kind, l.Facts = domain.Facts, domain.FactQuery{Types: types, Dir: domain.Out}
	case name == "Person.offices":
		q := domain.FactQuery{Types: []domain.RelationType{domain.HoldsOffice}, Dir: domain.Out}
		if c, ok := args["current"].(bool); ok {
			q.Current = &c
		}
		l.Kind, l.Facts = domain.Facts, q
	case name == "Party.allies":
		l.Kind = domain.Allies
	case name == "Place.within":
		l.Kind = domain.Within
	case name == "Coalition.leader" || name == "Event.place":
		l.Kind, l.Hop, l.Page = domain.Neighbours, hops[name], domain.Page{First: 1}
	case name == "Relation.from":
		l.Kind = domain.FromEnd
	case name == "Relation.to" || name == "Office.place":
		l.Kind = domain.ToEnd
	case name == "Stance.target":
		l.Kind = domain.OtherEnd
	case name == "Evidence.relation":
		l.Kind = domain.RelationOf
	case name == "Evidence.article":
		// The article comes with its evidence; only its own lists need
		// a subquery.
		if len(pl.articlePlan(f.Selections).Lists) == 0 {
			return domain.List{}, false
		}
		l.Kind = domain.ArticleOf
	case name == "Article.entities":
		l.Kind, l.EntityTypes = domain.Mentioned, entityTypeArgs(args["types"])
	case name == "Article.facts":
		l.Kind, l.RelationTypes = domain.Stated, relationTypes(args["types"])
	case f.Name == "evidence":
		l.Kind = domain.EvidenceOf
	default:
		l.Kind, l.Hop = domain.Neighbours, hops[name]
	}
	l.Each = pl.itemPlan(item, f.Selections)
	return l, true
}

// isList reports whether the field name (of type.field) reads a nested
// list.
func isList(typeField, field string) bool {
	if _, ok := hops[typeField]; ok {
		return true
	}
	switch field {
	case "articles", "relations", "evidence":
		return true
	}
	switch typeField {
	case "Party.allies", "Party.stances", "Person.offices", "Place.within", "Relation.from", "Relation.to", "Office.place",
		"Stance.target", "Evidence.relation", "Evidence.article", "Article.entities", "Article.facts":
		return true
	}
	return false
}

func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), float64(int(n)) == n
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

func relationTypes(v any) []domain.RelationType {
	var out []domain.RelationType
	for _, t := range anyList(v) {
		out = append(out, domain.RelationType(fmt.Sprint(t)))
	}
	return out
}

func entityTypeArgs(v any) []domain.EntityType {
	var out []domain.EntityType
	for _, t := range anyList(v) {
		out = append(out, domain.EntityType(fmt.Sprint(t)))
	}
	return out
}

func anyList(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	return nil
}
