package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// relationFilter is the Cypher condition of f's dates, confidence and
// sources on the relationship r (the relationFilter template), and its
// parameters; "" when f has none.
func relationFilter(f domain.RelationFilter, params map[string]any) string {
	var minConf any
	if f.MinConfidence != nil {
		minConf = *f.MinConfidence
	}
	params["minConfidence"] = minConf
	params["minSources"] = f.MinSources
	params["since"] = timeOrNull(f.Since)
	params["until"] = timeOrNull(f.Until)
	if f.MinConfidence == nil && f.MinSources <= 0 && f.Since == nil && f.Until == nil {
		return ""
	}
	return cypher("relationFilter", nil)
}

// relationPatterns are the patterns of the relations of the given types
// from a and to b (each bound only when the filter names it): the
// relationships stored that way, and the symmetric ones stored the other
// way round. Every relationship of an ontology type joins two entities.
func relationPatterns(f domain.RelationFilter) ([]string, []domain.RelationType, error) {
	types := f.Types
	if len(types) == 0 {
		types = domain.RelationTypes
	}
	var sym []domain.RelationType
	for _, t := range types {
		if t.Symmetric() {
			sym = append(sym, t)
		}
	}
	all, err := typeExpr(types)
	if err != nil {
		return nil, nil, err
	}
	from, to := "", ""
	if f.From != "" {
		from = "a"
	}
	if f.To != "" {
		to = "b"
	}
	out := []string{cypher("arrow", arrow(from, "r:"+all, to, "out"))}
	if len(sym) > 0 && (f.From != "" || f.To != "") {
		s, _ := typeExpr(sym)
		out = append(out, cypher("arrow", arrow(from, "r:"+s, to, "in")))
	}
	return out, types, nil
}

// Relations returns a page of the relations matching f, ordered by key (a
// relation's key never changes, so a cursor stays valid while articles are
// loaded), and their number when count is true: from Neo4j's degree and
// count stores when f names no dates, confidence or sources; otherwise
// counted up to domain.MaxCounted (TotalCapped when there are more).
// Naming an entity that does not exist is ENOTFOUND.
func (s *Store) Relations(ctx context.Context, f domain.RelationFilter, first int, after string, count bool, plan domain.Plan) (domain.Connection[domain.Fact], error) {
	var out domain.Connection[domain.Fact]
	patterns, types, err := relationPatterns(f)
	if err != nil {
		return out, err
	}
	var afterKey any
	if after != "" {
		var k string
		if err := decodeCursor("relation", after, &k); err != nil {
			return out, err
		}
		afterKey = k
	}
	c := newCompiler()
	params := c.params
	params["first"], params["after"] = first, afterKey
	d := relationsData{Patterns: patterns, Count: count, Keyed: f.From != "" && f.To == "", CountLimit: domain.MaxCounted + 1}
	var scope, refs []string
	if f.From != "" {
		r := ref{"from", f.From}
		if err := r.params(params); err != nil {
			return out, err
		}
		d.Resolve += r.resolve("a", "")
		scope, refs = append(scope, "a"), append(refs, f.From)
	}
	if f.To != "" {
		r := ref{"to", f.To}
		if err := r.params(params); err != nil {
			return out, err
		}
		d.Resolve += r.resolve("b", "", scope...)
		scope, refs = append(scope, "b"), append(refs, f.To)
	}
	d.Vars = strings.Join(scope, ", ")
	d.Cond = relationFilter(f, params)
	for _, t := range types {
		d.Types = append(d.Types, relationType{Name: identifier(string(t)), Symmetric: t.Symmetric()})
	}
	if len(scope) == 0 {
		d.CountTypes = typeNames(d.Types)
	} else {
		d.CountPatterns = patterns
	}
	var entries string
	var lists []compiled
	if d.Calls, entries, lists, err = c.subqueries("r", "", plan); err != nil {
		return out, err
	}
	d.Row = factMap("r", plan, entries)
	cypher := cypher("relations", d)
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return out, fmt.Errorf("relations: %w", err)
	}
	if len(recs) == 0 {
		return out, notFound(refs...)
	}
	m := recs[0].AsMap()
	out.Total = int(asInt(m["total"]))
	if d.Cond != "" && out.Total > domain.MaxCounted {
		out.Total, out.TotalCapped = domain.MaxCounted, true
	}
	for _, row := range asList(m["rows"]) {
		out.Items = append(out.Items, factWith(row, lists))
	}
	endPage(&out, first, func(f domain.Fact) string { return encodeCursor("relation", f.Key) })
	return out, nil
}

// relationsData is what the relations template is given.
type relationsData struct {
	Resolve, Vars, Cond, Calls, Row string
	Patterns, CountPatterns         []string
	CountTypes                      []string
	Types                           []relationType
	Count, Keyed                    bool
	CountLimit                      int
}

// relationType is a relation type as a template is given it.
type relationType struct {
	Name      string
	Symmetric bool
}

func typeNames(ts []relationType) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

// memberOf are the relations that put a party in a coalition.
const memberOf = "MEMBER_OF|JOINED|LEADS"

// Alliances returns who the party named by party is allied with as of
// asOf (the end of the day; nil: everything known): directly, by an
// ALLIED_WITH of the party or of a leader standing for it (see AlliesOf),
// or through a coalition both belong to and neither has left. With asOf,
// only relations first stated before it count. Direct allies come first,
// then the best supported. It returns the party too.
func (s *Store) Alliances(ctx context.Context, party string, asOf *time.Time, p domain.Page, plan domain.AlliancePlan) (domain.Node, []domain.Alliance, error) {
	r := ref{"party", party}
	c := newCompiler()
	params := pageParams(p, c.params)
	params["asOf"] = timeOrNull(asOf)
	if err := r.params(params); err != nil {
		return domain.Node{}, nil, err
	}
	allyCalls, allyEntries, allyLists, err := c.subqueries("x", "", plan.Ally)
	if err != nil {
		return domain.Node{}, nil, err
	}
	coalitions, coalitionLists, err := c.eachOf("row.cs", "c", plan.Coalitions, nodeMap)
	if err != nil {
		return domain.Node{}, nil, err
	}
	facts, factLists, err := c.eachOf("row.rs", "r", plan.Facts, factMap)
	if err != nil {
		return domain.Node{}, nil, err
	}
	cypher := cypher("alliances", map[string]string{
		"Resolve": r.resolve("p", "Party|Coalition"), "MemberOf": memberOf,
		"AllyCalls": allyCalls, "Coalitions": coalitions, "Facts": facts,
		"Ally": nodeMap("x", plan.Ally, allyEntries), "Party": nodeMap("p", domain.Plan{}, ""),
	})
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return domain.Node{}, nil, fmt.Errorf("alliances: %w", err)
	}
	if len(recs) == 0 {
		return domain.Node{}, nil, domain.Errorf(domain.ENOTFOUND, "no party or coalition is named %q", party)
	}
	m := recs[0].AsMap()
	var out []domain.Alliance
	for _, v := range asList(m["alliances"]) {
		a, _ := v.(map[string]any)
		al := domain.Alliance{Ally: nodeWith(a["ally"], allyLists), Coalitions: nodesWith(a["coalitions"], coalitionLists)}
		al.Direct, _ = a["direct"].(bool)
		for _, f := range asList(a["facts"]) {
			al.Facts = append(al.Facts, factWith(f, factLists))
		}
		out = append(out, al)
	}
	return node(m["party"]), out, nil
}
