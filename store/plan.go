package store

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/netagraph/netagraph/domain"
)

// A domain.Plan is compiled into CALL subqueries of the statement that
// reads the plan's items: one subquery per nested list, reading a page of
// it (ORDER BY … LIMIT inside the subquery, so a page of a hub's list does
// not carry its whole degree along), with the subqueries of the list's own
// plan nested in it. Every value is a parameter; the only text put into
// Cypher is labels and relationship types from domain's fixed lists and
// names the compiler made.

// compiler builds one statement's subqueries and parameters.
type compiler struct {
	params map[string]any
	n      int
}

func newCompiler() *compiler { return &compiler{params: map[string]any{"undated": undated}} }

// compiled is a list of a plan with the name its column has in the
// statement, and its own plan's, for decoding.
type compiled struct {
	list domain.List
	name string
	each []compiled
}

// fresh returns a new name with the given prefix.
func (c *compiler) fresh(prefix string) string {
	c.n++
	return fmt.Sprintf("%s%d", prefix, c.n)
}

// subqueries returns the CALL clauses reading plan's lists for the item
// bound to v (an entity, relationship, evidence or article, as the lists'
// kinds say), the entries they add to v's projection map, and how to
// decode them. other is the entity a relationship v was read from, for
// OtherEnd ("" when none).
func (c *compiler) subqueries(v, other string, plan domain.Plan) (calls, entries string, lists []compiled, err error) {
	if len(plan.Lists) == 0 {
		return "", "", nil, nil
	}
	// The subqueries import the item (and the other end) under names of
	// their own, never a name their bodies bind (m, r, v, a, e): Neo4j
	// takes a name bound inside a subquery that was imported into it for
	// the imported variable, even after a WITH that dropped it.
	var cb, eb strings.Builder
	item := c.fresh("i")
	fmt.Fprintf(&cb, "\nWITH *, %s AS %s", v, item)
	scope := item
	innerOther := ""
	if other != "" {
		innerOther = c.fresh("o")
		fmt.Fprintf(&cb, ", %s AS %s", other, innerOther)
		scope += ", " + innerOther
	}
	for _, l := range plan.Lists {
		name := c.fresh("l")
		body, each, err := c.list(item, innerOther, name, l)
		if err != nil {
			return "", "", nil, err
		}
		guard := ""
		if l.On != "" {
			label, err := labelExpr(l.On)
			if err != nil {
				return "", "", nil, err
			}
			guard = "WITH " + scope + " WHERE " + item + ":" + label + "\n"
		}
		fmt.Fprintf(&cb, "\nCALL (%s) {\n%s%s\n}", scope, guard, body)
		entry := name
		if l.Kind == domain.Articles && l.Count {
			entry = "{rows: " + name + ", total: COUNT { (:Article)-[:MENTIONS]->(" + v + ") }}"
		}
		fmt.Fprintf(&eb, ", %s: %s", name, entry)
		lists = append(lists, compiled{list: l, name: name, each: each})
	}
	return cb.String(), eb.String(), lists, nil
}

// list is the body of the subquery reading l for v, returning its items as
// the column name.
func (c *compiler) list(v, other, name string, l domain.List) (string, []compiled, error) {
	p := name + "_"
	switch l.Kind {
	case domain.Neighbours:
		return c.neighbours(v, name, l)
	case domain.Allies:
		match := `OPTIONAL MATCH (leader:Person)-[:LEADS]->(` + v + `)
WITH ` + v + `, [` + v + `] + collect(leader) AS selves
UNWIND selves AS self
MATCH (self)-[:ALLIED_WITH]-(ally)
OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
WITH ` + v + `, selves, coalesce(party, ally) AS m
WHERE m <> ` + v + ` AND NOT m IN selves
WITH DISTINCT m`
		return c.nodeItems(match, byMentions, l, name)
	case domain.Within:
		match := `MATCH path = (` + v + `)-[:LOCATED_IN*1..5]->(m:Place)
WITH m, min(length(path)) AS d`
		return c.nodeItems(match, order{vars: []string{"m", "d"}, terms: []term{{"d", false}, {"m.id", false}}, id: "m.id"}, l, name)
	case domain.Facts:
		return c.facts(v, name, l)
	case domain.Articles:
		if err := articlePage(l.Page.First, l.Page.After, c.params, p); err != nil {
			return "", nil, err
		}
		calls, entries, each, err := c.subqueries("a", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return `MATCH (a:Article)-[:MENTIONS]->(` + v + `) WHERE ` + articleAfter(p) + `
WITH a ORDER BY ` + articleOrder + ` LIMIT $` + p + `first + 1` + calls + `
RETURN collect(` + articleMap("a", l.Each, entries) + `) AS ` + name, each, nil
	case domain.EvidenceOf:
		match := `MATCH (v:Evidence {relKey: ` + v + `.key})`
		return c.evidenceItems(match, order{vars: []string{"v"}, terms: evidenceOrder, id: "v.id"}, l, name)
	case domain.FromEnd, domain.ToEnd, domain.OtherEnd:
		end := map[domain.ListKind]string{domain.FromEnd: "startNode(" + v + ")", domain.ToEnd: "endNode(" + v + ")", domain.OtherEnd: other}[l.Kind]
		if end == "" {
			return "", nil, fmt.Errorf("store: %s has no other end", v)
		}
		calls, entries, each, err := c.subqueries("e", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return `WITH ` + end + ` AS e` + calls + `
RETURN collect(` + nodeMap("e", l.Each, entries) + `) AS ` + name, each, nil
	case domain.RelationOf:
		calls, entries, each, err := c.subqueries("r", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return `MATCH (:Entity {id: ` + v + `.from})-[r {key: ` + v + `.relKey}]->(:Entity {id: ` + v + `.to})
WITH r LIMIT 1` + calls + `
RETURN collect(` + factMap("r", l.Each, entries) + `) AS ` + name, each, nil
	case domain.ArticleOf:
		calls, entries, each, err := c.subqueries("a", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return `MATCH (a)-[:STATES]->(` + v + `)
WITH a LIMIT 1` + calls + `
RETURN collect(` + articleMap("a", l.Each, entries) + `) AS ` + name, each, nil
	case domain.Mentioned:
		labels := "Entity"
		if len(l.EntityTypes) > 0 {
			var err error
			if labels, err = labelExpr(l.EntityTypes...); err != nil {
				return "", nil, err
			}
		}
		match := `MATCH (` + v + `)-[mm:MENTIONS]->(m:Entity) WHERE m:` + labels
		return c.nodeItems(match, order{vars: []string{"m", "mm"},
			terms: []term{{"mm.count", true}, {"m.mentionCount", true}, {"m.id", false}}, id: "m.id"}, l, name)
	case domain.Stated:
		var types []string
		for _, t := range l.RelationTypes {
			if !t.Valid() {
				return "", nil, domain.Errorf(domain.EINVALID, "%q is not a relation type", t)
			}
			types = append(types, string(t))
		}
		c.params[p+"types"] = listOrNull(types)
		match := `MATCH (` + v + `)-[:STATES]->(v:Evidence) WHERE $` + p + `types IS NULL OR v.type IN $` + p + `types`
		return c.evidenceItems(match, order{vars: []string{"v"},
			terms: []term{{"v.confidence", true}, {"v.relKey", false}, {"v.id", false}}, id: "v.id"}, l, name)
	}
	return "", nil, fmt.Errorf("store: list kind %d", l.Kind)
}

// byMentions is the order of most entity lists: the most mentioned first.
var byMentions = order{vars: []string{"m"}, terms: []term{{"m.mentionCount", true}, {"m.id", false}}, id: "m.id"}

// byDate orders events the latest first, undated last.
var byDate = order{vars: []string{"m"}, terms: []term{{"coalesce(m.date, '')", true}, {"m.mentionCount", true}, {"m.id", false}}, id: "m.id"}

// byStrength orders relations the most confident and best sourced first.
var byStrength = order{vars: []string{"r", "m"}, terms: []term{{"r.confidence", true}, {"r.sourceCount", true}, {"r.key", false}}, id: "r.key"}

// evidenceOrder is the most recently published first, undated last.
var evidenceOrder = []term{{"coalesce(v.publishedAt, $undated)", true}, {"v.confidence", true}, {"v.id", false}}

// neighbours reads the entities one hop from v: a typed pattern in the
// hop's direction.
func (c *compiler) neighbours(v, name string, l domain.List) (string, []compiled, error) {
	h := l.Hop
	// Every relationship of an ontology type joins two entities: the end
	// needs a label test only to keep some types.
	target := "m"
	if len(h.Labels) > 0 {
		labels, err := labelExpr(h.Labels...)
		if err != nil {
			return "", nil, err
		}
		target += ":" + labels
	}
	match, err := relPattern(v, "r", target, h.Types, h.Dir)
	if err != nil {
		return "", nil, err
	}
	match += "\nWITH " + v + ", r, m WHERE m <> " + v
	if h.Ended {
		// A LEFT from the relationship's start to its end, stated no
		// earlier, ends it.
		left := `(` + v + `)-[l:LEFT]->(m)`
		if h.Dir == domain.In {
			left = `(m)-[l:LEFT]->(` + v + `)`
		}
		match += ` AND NOT EXISTS { ` + left + ` WHERE l.lastSeen IS NULL OR r.lastSeen IS NULL OR l.lastSeen >= r.lastSeen }`
	}
	match += "\nWITH DISTINCT m"
	o := byMentions
	if h.ByDate {
		o = byDate
	}
	return c.nodeItems(match, o, l, name)
}

// facts reads the relations of v of the query's types, in the query's
// direction (symmetric ones either way).
func (c *compiler) facts(v, name string, l domain.List) (string, []compiled, error) {
	q := l.Facts
	types := q.Types
	if len(types) == 0 {
		types = domain.RelationTypes
	}
	match, err := relPattern(v, "r", "m", types, q.Dir)
	if err != nil {
		return "", nil, err
	}
	if q.Current != nil {
		p := name + "_current"
		c.params[p] = *q.Current
		match += "\nWITH r, m WHERE coalesce(r.current, true) = $" + p
	}
	page := c.page(byStrength, l.Page, name)
	calls, entries, each, err := c.subqueries("r", "m", l.Each)
	if err != nil {
		return "", nil, err
	}
	return match + page + calls + `
RETURN collect(` + factMap("r", l.Each, entries) + `) AS ` + name, each, nil
}

// nodeItems pages the entities m that match leaves (with o's variables)
// and reads l's plan for each.
func (c *compiler) nodeItems(match string, o order, l domain.List, name string) (string, []compiled, error) {
	page := c.page(o, l.Page, name)
	calls, entries, each, err := c.subqueries("m", "", l.Each)
	if err != nil {
		return "", nil, err
	}
	return match + page + calls + `
RETURN collect(` + nodeMap("m", l.Each, entries) + `) AS ` + name, each, nil
}

// evidenceItems pages the evidence v that match leaves, with its article.
func (c *compiler) evidenceItems(match string, o order, l domain.List, name string) (string, []compiled, error) {
	page := c.page(o, l.Page, name)
	calls, entries, each, err := c.subqueries("v", "", l.Each)
	if err != nil {
		return "", nil, err
	}
	return match + page + `
MATCH (a)-[:STATES]->(v)` + calls + `
RETURN collect(` + evidenceMap("v", "a", l.Each, entries) + `) AS ` + name, each, nil
}

// order is how a list is sorted: its rows' variables, the sort terms over
// them and the expression of an item's id (what a plain list's after
// names).
type order struct {
	vars  []string
	terms []term
	id    string
}

type term struct {
	expr string
	desc bool
}

func (o order) orderBy() string {
	parts := make([]string, len(o.terms))
	for i, t := range o.terms {
		parts[i] = t.expr
		if t.desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", ")
}

// page is the Cypher that keeps the page p of the rows (o.vars) before it:
// those after p.After's row in o's order (a keyset: the after item's sort
// key is read from its row, and an after that is not in the list leaves
// none), up to p.First of them (all when 0).
func (c *compiler) page(o order, p domain.Page, name string) string {
	vars := strings.Join(o.vars, ", ")
	var b strings.Builder
	if p.After != "" {
		after := name + "_after"
		c.params[after] = p.After
		fields := make([]string, len(o.vars))
		unpack := make([]string, len(o.vars))
		for i, v := range o.vars {
			fields[i] = v + ": " + v
			unpack[i] = "row." + v + " AS " + v
		}
		fmt.Fprintf(&b, `
WITH collect({%s}) AS rows
WITH rows, head([row IN rows WHERE %s = $%s]) AS x
UNWIND rows AS row
WITH x, %s
WHERE x IS NOT NULL AND (%s)`, strings.Join(fields, ", "), onRow(o.id, o.vars, "row"), after, strings.Join(unpack, ", "), o.after("x"))
	}
	fmt.Fprintf(&b, "\nWITH %s ORDER BY %s", vars, o.orderBy())
	if p.First > 0 {
		first := name + "_first"
		c.params[first] = p.First
		fmt.Fprintf(&b, " LIMIT $%s", first)
	}
	return b.String()
}

// after is the condition that a row sorts after the row x (a map of the
// order's variables).
func (o order) after(x string) string {
	var or []string
	for k, t := range o.terms {
		var and []string
		for _, u := range o.terms[:k] {
			and = append(and, u.expr+" = "+onRow(u.expr, o.vars, x))
		}
		op := " > "
		if t.desc {
			op = " < "
		}
		and = append(and, t.expr+op+onRow(t.expr, o.vars, x))
		or = append(or, "("+strings.Join(and, " AND ")+")")
	}
	return strings.Join(or, " OR ")
}

// onRow rewrites expr over vars to read them from the map row: each
// variable standing alone (not a property name or a parameter).
func onRow(expr string, vars []string, row string) string {
	return identRun.ReplaceAllStringFunc(expr, func(s string) string {
		name := strings.TrimLeft(s, ".$")
		if len(name) == len(s) && slices.Contains(vars, name) {
			return row + "." + name
		}
		return s
	})
}

// identRun matches a name with what may stand before it.
var identRun = regexp.MustCompile(`[.$]?[A-Za-z_][A-Za-z0-9_]*`)

// relPattern matches the relationships r of the given types from v to m
// (a node pattern body such as "m:Person") in direction d. A symmetric
// relation is stored once, in id order, and reads both ways: its types
// are matched undirected, in a union with the directed ones.
func relPattern(v, r, m string, types []domain.RelationType, d domain.Direction) (string, error) {
	var directed, symmetric []domain.RelationType
	for _, t := range types {
		if t.Symmetric() || d == domain.Both {
			symmetric = append(symmetric, t)
		} else {
			directed = append(directed, t)
		}
	}
	var parts []string
	if len(directed) > 0 {
		t, err := typeExpr(directed)
		if err != nil {
			return "", err
		}
		parts = append(parts, "MATCH "+arrow(v, r+":"+t, m, d))
	}
	if len(symmetric) > 0 {
		t, err := typeExpr(symmetric)
		if err != nil {
			return "", err
		}
		parts = append(parts, "MATCH "+arrow(v, r+":"+t, m, domain.Both))
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	mv := strings.SplitN(m, ":", 2)[0]
	return "CALL (" + v + ") {\n" + parts[0] + " RETURN " + r + ", " + mv + "\nUNION ALL\n" + parts[1] + " RETURN " + r + ", " + mv + "\n}", nil
}

// arrow is the pattern (v)-[rel]->(m), its arrow in direction d.
func arrow(v, rel, m string, d domain.Direction) string {
	switch d {
	case domain.Out:
		return "(" + v + ")-[" + rel + "]->(" + m + ")"
	case domain.In:
		return "(" + v + ")<-[" + rel + "]-(" + m + ")"
	}
	return "(" + v + ")-[" + rel + "]-(" + m + ")"
}

// decodeLists reads the lists of an item's projection map.
func decodeLists(m map[string]any, lists []compiled) domain.Lists {
	if len(lists) == 0 {
		return nil
	}
	out := make(domain.Lists, len(lists))
	for _, l := range lists {
		out[l.list.Key] = decodeList(m[l.name], l)
	}
	return out
}

func decodeList(v any, l compiled) *domain.Result {
	r := &domain.Result{Total: -1}
	switch l.list.Kind {
	case domain.Neighbours, domain.Allies, domain.Within, domain.FromEnd, domain.ToEnd, domain.OtherEnd, domain.Mentioned:
		items := asList(v)
		if len(items) > 0 {
			r.Nodes = make([]domain.Node, 0, len(items))
		}
		for _, x := range items {
			r.Nodes = append(r.Nodes, nodeWith(x, l.each))
		}
	case domain.Facts, domain.RelationOf:
		items := asList(v)
		if len(items) > 0 {
			r.Facts = make([]domain.Fact, 0, len(items))
		}
		for _, x := range items {
			r.Facts = append(r.Facts, factWith(x, l.each))
		}
	case domain.EvidenceOf, domain.Stated:
		items := asList(v)
		if len(items) > 0 {
			r.Evidence = make([]domain.Evidence, 0, len(items))
		}
		for _, x := range items {
			r.Evidence = append(r.Evidence, evidenceWith(x, l.each))
		}
	case domain.ArticleOf:
		for _, x := range asList(v) {
			r.Articles = append(r.Articles, storedArticle(x, l.each))
		}
	case domain.Articles:
		rows := v
		if m, ok := v.(map[string]any); ok {
			rows, r.Total = m["rows"], int(asInt(m["total"]))
		}
		for _, x := range asList(rows) {
			r.Articles = append(r.Articles, storedArticle(x, l.each))
		}
		if l.list.Page.First > 0 && len(r.Articles) > l.list.Page.First {
			r.Articles, r.HasNext = r.Articles[:l.list.Page.First], true
		}
		for _, a := range r.Articles {
			r.Cursors = append(r.Cursors, articleCursor(a))
		}
	}
	return r
}

// eachOf is a subquery projecting each item of the list expression list
// (nodes or relationships, bound to v in turn) with plan's lists, in
// order, as the column v+"_items".
func (c *compiler) eachOf(list, v string, plan domain.Plan, project func(v string, plan domain.Plan, entries string) string) (string, []compiled, error) {
	calls, entries, lists, err := c.subqueries(v, "", plan)
	if err != nil {
		return "", nil, err
	}
	if calls == "" {
		return "\nWITH *, [" + v + " IN " + list + " | " + project(v, plan, "") + "] AS " + v + "_items", nil, nil
	}
	scope := strings.SplitN(list, ".", 2)[0]
	return "\nCALL (" + scope + ") {\nUNWIND " + list + " AS " + v + calls + "\nRETURN collect(" + project(v, plan, entries) + ") AS " + v + "_items\n}", lists, nil
}
