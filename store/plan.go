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
	d := subqueriesData{V: v, Item: c.fresh("i"), Other: other}
	d.Scope = d.Item
	innerOther := ""
	if other != "" {
		d.OtherAs = c.fresh("o")
		innerOther = d.OtherAs
		d.Scope += ", " + innerOther
	}
	var eb strings.Builder
	for _, l := range plan.Lists {
		name := c.fresh("l")
		body, each, err := c.list(d.Item, innerOther, name, l)
		if err != nil {
			return "", "", nil, err
		}
		guard := ""
		if l.On != "" {
			if guard, err = labelExpr(l.On); err != nil {
				return "", "", nil, err
			}
		}
		d.Lists = append(d.Lists, subquery{Guard: guard, Body: body})
		entry := name
		if l.Kind == domain.Articles && l.Count {
			entry = cypher("articlesEntry", map[string]string{"Name": name, "V": v})
		}
		fmt.Fprintf(&eb, ", %s: %s", name, entry)
		lists = append(lists, compiled{list: l, name: name, each: each})
	}
	return cypher("subqueries", d), eb.String(), lists, nil
}

// subqueriesData is what the subqueries template is given.
type subqueriesData struct {
	V, Item, Other, OtherAs, Scope string
	Lists                          []subquery
}

// subquery is one nested list's subquery: a label its item must have
// ("" for any) and its body.
type subquery struct{ Guard, Body string }

// items is what the templates returning a list's items are given.
type items struct {
	Match, Page, Calls, Row, Name string
}

// list is the body of the subquery reading l for v, returning its items as
// the column name.
func (c *compiler) list(v, other, name string, l domain.List) (string, []compiled, error) {
	p := name + "_"
	switch l.Kind {
	case domain.Neighbours:
		return c.neighbours(v, name, l)
	case domain.Allies:
		return c.nodeItems(cypher("allies", map[string]string{"V": v, "Person": domain.Person.IDPrefix()}), byMentions, l, name)
	case domain.Within:
		return c.nodeItems(cypher("within", map[string]string{"V": v}), order{vars: []string{"m", "d"}, terms: []term{{"d", false}, {"m.id", false}}, id: "m.id"}, l, name)
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
		return cypher("articlesList", map[string]string{"V": v, "P": p, "After": articleAfter(p), "Order": articleOrder,
			"Calls": calls, "Row": articleMap("a", l.Each, entries), "Name": name}), each, nil
	case domain.EvidenceOf:
		return c.evidenceOf(v, name, l)
	case domain.FromEnd, domain.ToEnd, domain.OtherEnd:
		end := map[domain.ListKind]string{domain.FromEnd: "startNode(" + v + ")", domain.ToEnd: "endNode(" + v + ")", domain.OtherEnd: other}[l.Kind]
		if end == "" {
			return "", nil, fmt.Errorf("store: %s has no other end", v)
		}
		calls, entries, each, err := c.subqueries("e", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return cypher("endOf", map[string]string{"End": end, "Calls": calls, "Row": nodeMap("e", l.Each, entries), "Name": name}), each, nil
	case domain.RelationOf:
		calls, entries, each, err := c.subqueries("r", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return cypher("relationOf", map[string]string{"V": v, "Calls": calls, "Row": factMap("r", l.Each, entries), "Name": name}), each, nil
	case domain.ArticleOf:
		calls, entries, each, err := c.subqueries("a", "", l.Each)
		if err != nil {
			return "", nil, err
		}
		return cypher("articleOf", map[string]string{"V": v, "Calls": calls, "Row": articleMap("a", l.Each, entries), "Name": name}), each, nil
	case domain.Mentioned:
		labels := "Entity"
		if len(l.EntityTypes) > 0 {
			var err error
			if labels, err = labelExpr(l.EntityTypes...); err != nil {
				return "", nil, err
			}
		}
		match := cypher("mentioned", map[string]string{"V": v, "Labels": labels})
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
		match := cypher("stated", map[string]string{"V": v, "P": p})
		return c.evidenceItems(match, order{vars: []string{"v"},
			terms: []term{{"v.confidence", true}, {"v.relKey", false}, {"v.id", false}}, id: "v.id"}, l, name)
	}
	return "", nil, fmt.Errorf("store: list kind %d", l.Kind)
}

// byMentions is the order of most entity lists: the most mentioned first.
var byMentions = order{vars: []string{"m"}, terms: []term{{"m.mentionCount", true}, {"m.id", false}}, id: "m.id"}

// byDate orders events the latest first, undated last.
var byDate = order{vars: []string{"m"}, terms: []term{{"coalesce(m.date, '')", true}, {"m.mentionCount", true}, {"m.id", false}}, id: "m.id"}

// An entity's relations are ordered the most confident and best sourced
// first, a relation's evidence the most recently published first: both by
// a rank kept in an index (store/cypher/ranks.cypher).

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
	pattern, err := relPattern(v, "r", target, h.Types, h.Dir)
	if err != nil {
		return "", nil, err
	}
	match := cypher("neighbours", map[string]any{"Pattern": pattern, "V": v, "Ended": h.Ended, "In": h.Dir == domain.In})
	o := byMentions
	if h.ByDate {
		o = byDate
	}
	return c.nodeItems(match, o, l, name)
}

// facts reads the relations of v of the query's types, in the query's
// direction (symmetric ones either way), from the rank indexes (see
// factsList in store/cypher/lists.cypher): a page costs the page, whatever
// v's degree.
func (c *compiler) facts(v, name string, l domain.List) (string, []compiled, error) {
	q := l.Facts
	types := q.Types
	if len(types) == 0 {
		types = domain.RelationTypes
	}
	p := name + "_"
	d := factsData{V: v, P: p, First: l.Page.First > 0}
	from := rankBranch{Rank: "rankFrom", Other: "endNode"}
	to := rankBranch{Rank: "rankTo", Other: "startNode"}
	for _, t := range types {
		if !t.Valid() {
			return "", nil, domain.Errorf(domain.EINVALID, "%q is not a relation type", t)
		}
		from.Type, to.Type = identifier(string(t)), identifier(string(t))
		switch {
		case t.Symmetric() || q.Dir == domain.Both:
			d.Branches = append(d.Branches, from, to)
		case q.Dir == domain.In:
			d.Branches = append(d.Branches, to)
		default:
			d.Branches = append(d.Branches, from)
		}
	}
	if len(d.Branches) > maxRankBranches {
		return c.factsByDegree(v, name, l, types)
	}
	if d.First {
		c.params[p+"first"] = l.Page.First
	}
	if q.Current != nil {
		d.Current = true
		c.params[p+"current"] = *q.Current
	}
	if l.Page.After != "" {
		// A relation's key starts with its type: an after of a type the
		// list does not hold leaves the page empty, as one not in it does.
		t := domain.RelationType(strings.SplitN(l.Page.After, "|", 2)[0])
		if !slices.Contains(types, t) {
			return cypher("emptyList", map[string]string{"V": v, "Name": name}), nil, nil
		}
		d.After, d.AfterType = true, identifier(string(t))
		// Its rank at v, at the ends the list reads v at.
		for _, br := range d.Branches {
			if br.Type == d.AfterType {
				d.AfterFrom = d.AfterFrom || br.Rank == "rankFrom"
				d.AfterTo = d.AfterTo || br.Rank == "rankTo"
			}
		}
		c.params[p+"after"] = l.Page.After
	}
	calls, entries, each, err := c.subqueries("r", "m", l.Each)
	if err != nil {
		return "", nil, err
	}
	return cypher("nodeItems", items{Match: cypher("factsList", d), Calls: calls, Row: factMap("r", l.Each, entries), Name: name}), each, nil
}

// maxRankBranches is the most rank index reads a list of relations is
// made of. Neo4j plans a union of range reads slowly (about 2 s for six
// branches and 8 s for thirty on this project's loaded two-core machine,
// against milliseconds to run them): a list of more (every type, or
// many types either way) reads the entity's relationships and sorts them
// (factsByDegree), as all lists did before ranks.
const maxRankBranches = 8

// factsByDegree reads the relations of v of the given types from v's
// relationships, sorted (byStrength): a page costs v's degree in them.
func (c *compiler) factsByDegree(v, name string, l domain.List, types []domain.RelationType) (string, []compiled, error) {
	pattern, err := relPattern(v, "r", "m", types, l.Facts.Dir)
	if err != nil {
		return "", nil, err
	}
	match := pattern
	if l.Facts.Current != nil {
		c.params[name+"_current"] = *l.Facts.Current
		match = cypher("current", map[string]string{"Match": pattern, "Param": name + "_current"})
	}
	page := c.page(byStrength, l.Page, name)
	calls, entries, each, err := c.subqueries("r", "m", l.Each)
	if err != nil {
		return "", nil, err
	}
	return cypher("nodeItems", items{Match: match, Page: page, Calls: calls, Row: factMap("r", l.Each, entries), Name: name}), each, nil
}

// byStrength orders relations the most confident and best sourced first
// (as their ranks do).
var byStrength = order{vars: []string{"r", "m"}, terms: []term{{"r.confidence", true}, {"r.sourceCount", true}, {"r.key", false}}, id: "r.key"}

// factsData is what factsList is given.
type factsData struct {
	V, P                  string // the entity's variable, the parameters' prefix
	Branches              []rankBranch
	First, After, Current bool
	AfterType             string
	AfterFrom, AfterTo    bool // the ranks of the after relation to read
}

// rankBranch is one rank index read for an entity: the relationships of
// Type with the entity at the end whose rank is Rank; Other is the function
// giving their other end.
type rankBranch struct{ Type, Rank, Other string }

// evidenceOf reads the evidence of the relationship v from the evidence
// rank index (evidenceList in store/cypher/lists.cypher).
func (c *compiler) evidenceOf(v, name string, l domain.List) (string, []compiled, error) {
	p := name + "_"
	d := factsData{V: v, P: p, First: l.Page.First > 0, After: l.Page.After != ""}
	if d.First {
		c.params[p+"first"] = l.Page.First
	}
	if d.After {
		c.params[p+"after"] = l.Page.After
	}
	calls, entries, each, err := c.subqueries("v", "", l.Each)
	if err != nil {
		return "", nil, err
	}
	return cypher("evidenceItems", items{Match: cypher("evidenceList", d), Calls: calls, Row: evidenceMap("v", "a", l.Each, entries), Name: name}), each, nil
}

// nodeItems pages the entities m that match leaves (with o's variables)
// and reads l's plan for each.
func (c *compiler) nodeItems(match string, o order, l domain.List, name string) (string, []compiled, error) {
	page := c.page(o, l.Page, name)
	calls, entries, each, err := c.subqueries("m", "", l.Each)
	if err != nil {
		return "", nil, err
	}
	return cypher("nodeItems", items{Match: match, Page: page, Calls: calls, Row: nodeMap("m", l.Each, entries), Name: name}), each, nil
}

// evidenceItems pages the evidence v that match leaves, with its article.
func (c *compiler) evidenceItems(match string, o order, l domain.List, name string) (string, []compiled, error) {
	page := c.page(o, l.Page, name)
	calls, entries, each, err := c.subqueries("v", "", l.Each)
	if err != nil {
		return "", nil, err
	}
	return cypher("evidenceItems", items{Match: match, Page: page, Calls: calls, Row: evidenceMap("v", "a", l.Each, entries), Name: name}), each, nil
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
	d := map[string]string{"Vars": strings.Join(o.vars, ", "), "OrderBy": o.orderBy(), "After": "", "First": ""}
	if p.After != "" {
		d["After"] = name + "_after"
		c.params[d["After"]] = p.After
		fields := make([]string, len(o.vars))
		unpack := make([]string, len(o.vars))
		for i, v := range o.vars {
			fields[i] = v + ": " + v
			unpack[i] = "row." + v + " AS " + v
		}
		d["Fields"], d["Unpack"] = strings.Join(fields, ", "), strings.Join(unpack, ", ")
		d["IDOnRow"], d["AfterCond"] = onRow(o.id, o.vars, "row"), o.after("x")
	}
	if p.First > 0 {
		d["First"] = name + "_first"
		c.params[d["First"]] = p.First
	}
	return cypher("page", d)
}

// after is the condition that a row sorts after the row x (a map of the
// order's variables).
func (o order) after(x string) string {
	type onRowTerm struct {
		Expr, OnRow string
		Desc        bool
	}
	terms := make([]onRowTerm, len(o.terms))
	for i, t := range o.terms {
		terms[i] = onRowTerm{Expr: t.expr, OnRow: onRow(t.expr, o.vars, x), Desc: t.desc}
	}
	return cypher("after", map[string]any{"Terms": terms})
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
	data := map[string]string{"V": v, "R": r, "M": m, "MVar": strings.SplitN(m, ":", 2)[0], "Dir": dirName(d), "Directed": "", "Symmetric": ""}
	var err error
	if len(directed) > 0 {
		if data["Directed"], err = typeExpr(directed); err != nil {
			return "", err
		}
	}
	if len(symmetric) > 0 {
		if data["Symmetric"], err = typeExpr(symmetric); err != nil {
			return "", err
		}
	}
	return cypher("relPattern", data), nil
}

// arrowPart is what the arrow template is given: (V)-[Rel]-(M), its arrow
// out, in or both ways (Dir).
type arrowPart struct{ V, Rel, M, Dir string }

func arrow(v, rel, m, dir string) arrowPart { return arrowPart{V: v, Rel: rel, M: m, Dir: dir} }

// dirName is d as the arrow template takes it.
func dirName(d domain.Direction) string {
	switch d {
	case domain.Out:
		return "out"
	case domain.In:
		return "in"
	}
	return "both"
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
	return cypher("eachOf", map[string]string{"List": list, "V": v, "Calls": calls, "Row": project(v, plan, entries),
		"Scope": strings.SplitN(list, ".", 2)[0]}), lists, nil
}
