package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// relationFilter is the Cypher condition of f's dates, confidence and
// sources on the relationship r, and its parameters; "" when f has none.
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
	// The aggregates say whether some source is late (or early) enough;
	// with both bounds, one source must fall in between.
	return `($minConfidence IS NULL OR r.confidence >= $minConfidence)
		AND r.sourceCount >= $minSources
		AND ($since IS NULL OR r.lastSeen >= $since)
		AND ($until IS NULL OR r.firstSeen < $until)
		AND ($since IS NULL OR $until IS NULL OR
			EXISTS { MATCH (v:Evidence {relKey: r.key}) WHERE v.publishedAt >= $since AND v.publishedAt < $until })`
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
	from, to := "()", "()"
	if f.From != "" {
		from = "(a)"
	}
	if f.To != "" {
		to = "(b)"
	}
	out := []string{from + `-[r:` + all + `]->` + to}
	if len(sym) > 0 && (f.From != "" || f.To != "") {
		s, _ := typeExpr(sym)
		out = append(out, from+`<-[r:`+s+`]-`+to)
	}
	return out, types, nil
}

// Relations returns a page of the relations matching f, ordered by key (a
// relation's key never changes, so a cursor stays valid while articles are
// loaded), and their number when count is true (from Neo4j's degree and
// count stores when f names no dates, confidence or sources). Naming an
// entity that does not exist is ENOTFOUND.
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
	var cypher string
	var scope, refs []string
	if f.From != "" {
		r := ref{"from", f.From}
		if err := r.params(params); err != nil {
			return out, err
		}
		cypher += r.resolve("a", "")
		scope, refs = append(scope, "a"), append(refs, f.From)
	}
	if f.To != "" {
		r := ref{"to", f.To}
		if err := r.params(params); err != nil {
			return out, err
		}
		cypher += r.resolve("b", "", scope...)
		scope, refs = append(scope, "b"), append(refs, f.To)
	}
	vars := strings.Join(scope, ", ")
	cond := relationFilter(f, params)
	var union []string
	for _, p := range patterns {
		union = append(union, `MATCH `+p+` RETURN r`)
	}
	matching := `CALL (` + vars + `) { ` + strings.Join(union, " UNION ALL ") + ` }`
	where := func(extra string) string {
		if cond == "" {
			return "WHERE " + extra
		}
		return "WHERE " + cond + " AND " + extra
	}
	total := "-1 AS total"
	if count {
		total = "total"
		if cond == "" {
			var counts []string
			if f.From == "" && f.To == "" {
				// One count-store lookup per type.
				for _, t := range types {
					counts = append(counts, `COUNT { ()-[:`+identifier(string(t))+`]->() }`)
				}
			}
			for _, p := range patterns {
				if f.From != "" || f.To != "" {
					counts = append(counts, `COUNT { `+p+` }`)
				}
			}
			cypher += `
		WITH ` + strings.Join(append(scope, strings.Join(counts, " + ")+" AS total"), ", ")
		} else {
			cypher += `
		CALL (` + vars + `) {
			` + matching + `
			WITH r ` + where("true") + `
			RETURN count(r) AS total
		}`
		}
	}
	calls, entries, lists, err := c.subqueries("r", "", plan)
	if err != nil {
		return out, err
	}
	page := matching + `
			WITH r ` + where(`($after IS NULL OR r.key > $after)`)
	if f.From != "" && f.To == "" {
		page = keyedFrom(types, cond)
	}
	cypher += `
		CALL (` + vars + `) {
			` + page + `
			WITH r ORDER BY r.key LIMIT $first + 1` + calls + `
			RETURN collect(` + factMap("r", plan, entries) + `) AS rows
		}
		RETURN ` + total + `, rows`
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return out, fmt.Errorf("relations: %w", err)
	}
	if len(recs) == 0 {
		return out, notFound(refs...)
	}
	m := recs[0].AsMap()
	out.Total = int(asInt(m["total"]))
	for _, row := range asList(m["rows"]) {
		out.Items = append(out.Items, factWith(row, lists))
	}
	endPage(&out, first, func(f domain.Fact) string { return encodeCursor("relation", f.Key) })
	return out, nil
}

// keyedFrom matches the relations r from the entity a that come after
// $after in key order and meet cond (when not ""), at most $first + 1 of
// each branch: those stored from a, by a range of each type's key index
// (a relation's key is its type, its start's id and its end's, joined by
// '|'; see relationKeyIndexes), and the symmetric ones stored towards a,
// from a's relationships. So a page of a hub's relations reads a page of
// each type, not its every relationship.
func keyedFrom(types []domain.RelationType, cond string) string {
	filter := ""
	if cond != "" {
		filter = " AND " + cond
	}
	var branches, symmetric []string
	for _, t := range types {
		name := identifier(string(t))
		// Keys from a of type t lie between "t|a.id|" and "t|a.id}" ('}'
		// follows '|').
		branches = append(branches, `WITH a, '`+name+`|' + a.id + '|' AS lo, '`+name+`|' + a.id + '}' AS hi
				MATCH ()-[r:`+name+`]->() WHERE r.key > CASE WHEN $after > lo THEN $after ELSE lo END AND r.key < hi AND startNode(r) = a`+filter+`
				RETURN r ORDER BY r.key LIMIT $first + 1`)
		if t.Symmetric() {
			symmetric = append(symmetric, name)
		}
	}
	if len(symmetric) > 0 {
		branches = append(branches, `MATCH (a)<-[r:`+strings.Join(symmetric, "|")+`]-() WHERE ($after IS NULL OR r.key > $after)`+filter+`
				RETURN r ORDER BY r.key LIMIT $first + 1`)
	}
	return `CALL (a) {
				` + strings.Join(branches, "\n\t\t\t\tUNION ALL\n\t\t\t\t") + `
			}`
}

// memberOf are the relations that put a party in a coalition.
const memberOf = "MEMBER_OF|JOINED|LEADS"

// stillIn is the condition that no LEFT from x to coalition c, stated no
// earlier than membership m (and by asOf), has ended it.
func stillIn(x, c, m string) string {
	return `NOT EXISTS { (` + x + `)-[l:LEFT]->(` + c + `) WHERE (l.lastSeen IS NULL OR ` + m + `.lastSeen IS NULL OR l.lastSeen >= ` + m +
		`.lastSeen) AND ($asOf IS NULL OR l.firstSeen < $asOf) }`
}

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
	cypher := r.resolve("p", "Party|Coalition") + `
		CALL (p) {
			CALL (p) {
				OPTIONAL MATCH (leader:Person)-[:LEADS]->(p)
				WITH p, [p] + collect(leader) AS selves
				UNWIND selves AS self
				MATCH (self)-[r:ALLIED_WITH]-(ally:Entity)
				WHERE $asOf IS NULL OR r.firstSeen < $asOf
				OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
				WITH p, selves, r, coalesce(party, ally) AS x
				WHERE x <> p AND NOT x IN selves
				RETURN x, r, null AS c
				UNION
				MATCH (p)-[m1:` + memberOf + `]->(c:Coalition)<-[m2:` + memberOf + `]-(x:Party)
				WHERE x <> p AND ($asOf IS NULL OR (m1.firstSeen < $asOf AND m2.firstSeen < $asOf))
					AND ` + stillIn("p", "c", "m1") + ` AND ` + stillIn("x", "c", "m2") + `
				UNWIND [m1, m2] AS r
				RETURN x, r, c
			}
			WITH x, collect(DISTINCT r) AS rs, collect(DISTINCT c) AS cs
			WITH x, rs, cs, any(r IN rs WHERE type(r) = 'ALLIED_WITH') AS direct
			ORDER BY direct DESC, size(rs) DESC, x.mentionCount DESC, x.id
			WITH collect({id: x.id, x: x, direct: direct, cs: cs, rs: rs}) AS xs
			UNWIND ` + paged("xs", "id") + ` AS row
			WITH row, row.x AS x` + allyCalls + coalitions + facts + `
			RETURN collect({ally: ` + nodeMap("x", plan.Ally, allyEntries) + `, direct: row.direct, coalitions: c_items, facts: r_items}) AS alliances
		}
		RETURN ` + nodeMap("p", domain.Plan{}, "") + ` AS party, alliances`
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
