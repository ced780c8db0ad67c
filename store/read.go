package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// Reads take many ids at once and answer with one statement, so a GraphQL
// request's per-request loaders issue a bounded number of statements however
// long its lists are. Every value is a parameter; the only text put into
// Cypher is labels and relationship types from domain's fixed lists and
// integers the store itself checked.

// Direction says which way a relationship is read from an entity. Symmetric
// relations are stored once and read both ways whatever the direction.
type Direction int

// The directions of Hop and FactQuery.
const (
	Out Direction = iota
	In
	Both
)

// Page is a window on an ordered list: up to First items (0: all) after
// the one whose id is After ("": from the start). An After that is no
// longer in the list gives an empty page rather than the start again.
type Page struct {
	First int
	After string
}

func (p Page) params(m map[string]any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	m["first"] = p.First
	m["after"] = nil
	if p.After != "" {
		m["after"] = p.After
	}
	return m
}

// paged is the Cypher expression for the page of list (already ordered)
// whose items' ids are item.<id>: $first items after $after.
func paged(list, id string) string {
	return `(CASE WHEN $after IS NULL THEN ` + list + ` ELSE ` + list + `[coalesce(head([i IN range(0, size(` + list + `) - 1) WHERE ` +
		list + `[i].` + id + ` = $after]) + 1, size(` + list + `))..] END)[..CASE WHEN $first > 0 THEN $first ELSE size(` + list + `) END]`
}

// Hop is one step from an entity along relationships of some types to
// entities of some types (any type when Labels is empty), and the page of
// the entities it reaches to return.
type Hop struct {
	Types  []domain.RelationType
	Dir    Direction
	Labels []domain.EntityType
	// Ended leaves out an entity the start has LEFT since (a LEFT from the
	// relationship's start to its end, not restated after it).
	Ended bool
	// ByDate orders events by date, the latest first, instead of the most
	// mentioned first.
	ByDate bool
	Page
}

// FactQuery selects relations of an entity.
type FactQuery struct {
	Types []domain.RelationType // all types when empty
	Dir   Direction
	First int // per entity; 0 means no limit
	// After is the id (key) of the last relation already read.
	After string
	// Current, when set, keeps relations whose current property is that
	// (a relation without one counts as current).
	Current *bool
}

// FindEntity finds an entity of type t (any type when t is "") by id, or by
// any of its names or aliases in either script (compared as NameKey does).
// Given both, the entity must match both. It returns nil when there is none;
// where a name fits several, the most mentioned.
func (s *Store) FindEntity(ctx context.Context, t domain.EntityType, id, name string) (*domain.Node, error) {
	label := "Entity"
	if t != "" {
		var err error
		if label, err = labelExpr(t); err != nil {
			return nil, err
		}
	}
	if id == "" && name == "" {
		return nil, domain.Errorf(domain.EINVALID, "give an id or a name")
	}
	key := NameKey(name)
	if name != "" && key == "" {
		return nil, domain.Errorf(domain.EINVALID, "name %q has no letters or digits", name)
	}
	cypher := `MATCH (e:Entity {id: $id}) WHERE e:` + label + ` RETURN ` + nodeMap("e") + ` AS e`
	if name != "" {
		// Keys hold no Lucene syntax: NameKey drops punctuation and symbols.
		cypher = `
			CALL db.index.fulltext.queryNodes('entity_keys', $key) YIELD node AS e
			WITH e WHERE e:` + label + ` AND ($id = '' OR e.id = $id)
			RETURN ` + nodeMap("e") + ` AS e ORDER BY e.mentionCount DESC, e.id LIMIT 1`
	}
	recs, err := s.query(ctx, cypher, map[string]any{"id": id, "key": keyQuery(key)})
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", t, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	n := node(recs[0].AsMap()["e"])
	return &n, nil
}

// keyQuery is the Lucene query for one exact key of entity_keys.
func keyQuery(key string) string { return `"` + key + `"` }

// Neighbours returns, for each id, the distinct entities one hop away,
// most mentioned first (or latest first, for events by date).
func (s *Store) Neighbours(ctx context.Context, ids []string, h Hop) (map[string][]domain.Node, error) {
	rels, err := typeExpr(h.Types)
	if err != nil {
		return nil, err
	}
	target := "Entity"
	if len(h.Labels) > 0 {
		if target, err = labelExpr(h.Labels...); err != nil {
			return nil, err
		}
	}
	ended := ""
	if h.Ended {
		ended = `
		WITH id, n, r, m, startNode(r) AS a, endNode(r) AS b
		WHERE NOT EXISTS { (a)-[l:LEFT]->(b) WHERE l.lastSeen IS NULL OR r.lastSeen IS NULL OR l.lastSeen >= r.lastSeen }`
	}
	order := "m.mentionCount DESC, m.id"
	if h.ByDate {
		order = "m.date IS NULL, m.date DESC, m.mentionCount DESC, m.id"
	}
	cypher := `
		UNWIND $ids AS id
		MATCH (n:Entity {id: id})` + arrow(h.Dir, "r:"+rels) + `(m:` + target + `)
		WHERE ` + direction(h.Dir) + ` AND m <> n` + ended + `
		WITH DISTINCT id, m ORDER BY ` + order + `
		WITH id, collect(` + nodeMap("m") + `) AS xs
		RETURN id, ` + paged("xs", "id") + ` AS nodes`
	return s.nodeLists(ctx, "neighbours", cypher, h.Page.params(map[string]any{"ids": ids}))
}

// Allies returns, for each party or coalition id, every party and coalition
// it is allied with (see AlliesOf).
func (s *Store) Allies(ctx context.Context, ids []string) (map[string][]domain.Node, error) {
	return s.AlliesOf(ctx, ids, Page{})
}

// AlliesOf returns, for each party or coalition id, a page of the parties and
// coalitions it is allied with, most mentioned first. A party's leader
// stands for the party, as the ontology lets the text say: an ALLIED_WITH of
// the party or of a person who LEADS it, with a party or coalition, counts;
// with a person, it counts for the parties that person leads or is a member
// of (or the person, if none is known).
func (s *Store) AlliesOf(ctx context.Context, ids []string, p Page) (map[string][]domain.Node, error) {
	cypher := `
		UNWIND $ids AS id
		MATCH (p:Entity {id: id})
		OPTIONAL MATCH (leader:Person)-[:LEADS]->(p)
		WITH id, p, [p] + collect(leader) AS selves
		UNWIND selves AS self
		MATCH (self)-[:ALLIED_WITH]-(ally:Entity)
		OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
		WITH id, p, selves, coalesce(party, ally) AS m
		WHERE m <> p AND NOT m IN selves
		WITH DISTINCT id, m ORDER BY m.mentionCount DESC, m.id
		WITH id, collect(` + nodeMap("m") + `) AS xs
		RETURN id, ` + paged("xs", "id") + ` AS nodes`
	return s.nodeLists(ctx, "allies", cypher, p.params(map[string]any{"ids": ids}))
}

// Within returns, for each place id, the places it lies within (LOCATED_IN,
// up to five steps), the nearest first.
func (s *Store) Within(ctx context.Context, ids []string, p Page) (map[string][]domain.Node, error) {
	cypher := `
		UNWIND $ids AS id
		MATCH path = (n:Entity {id: id})-[:LOCATED_IN*1..5]->(m:Place)
		WITH id, m, min(length(path)) AS d ORDER BY d, m.id
		WITH id, collect(` + nodeMap("m") + `) AS xs
		RETURN id, ` + paged("xs", "id") + ` AS nodes`
	return s.nodeLists(ctx, "within", cypher, p.params(map[string]any{"ids": ids}))
}

func (s *Store) nodeLists(ctx context.Context, what, cypher string, params map[string]any) (map[string][]domain.Node, error) {
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make(map[string][]domain.Node, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		id, _ := m["id"].(string)
		out[id] = nodes(m["nodes"])
	}
	return out, nil
}

// Facts returns, for each id, its relations of the query's types, most
// confident and best sourced first.
func (s *Store) Facts(ctx context.Context, ids []string, q FactQuery) (map[string][]domain.Fact, error) {
	rel := "r"
	if len(q.Types) > 0 {
		types, err := typeExpr(q.Types)
		if err != nil {
			return nil, err
		}
		rel += ":" + types
	} else {
		rel += ":" + allTypes()
	}
	var current any
	if q.Current != nil {
		current = *q.Current
	}
	cypher := `
		UNWIND $ids AS id
		MATCH (n:Entity {id: id})` + arrow(q.Dir, rel) + `(m:Entity)
		WHERE ` + direction(q.Dir) + ` AND ($current IS NULL OR coalesce(r.current, true) = $current)
		WITH DISTINCT id, r ORDER BY r.confidence DESC, r.sourceCount DESC, r.key
		WITH id, collect(r) AS rs
		WITH id, ` + paged("rs", "key") + ` AS rs
		UNWIND rs AS r
		RETURN id, ` + factMap("r") + ` AS f`
	params := Page{q.First, q.After}.params(map[string]any{"ids": ids, "current": current})
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	out := make(map[string][]domain.Fact, len(ids))
	for _, r := range recs {
		m := r.AsMap()
		id, _ := m["id"].(string)
		out[id] = append(out[id], factFrom(m["f"]))
	}
	return out, nil
}

// FactsByKey returns the relations with the given ids (keys).
func (s *Store) FactsByKey(ctx context.Context, keys []string) (map[string]domain.Fact, error) {
	// A relation's evidence names its ends, which find the relationship
	// through the entity_id index.
	recs, err := s.query(ctx, `
		UNWIND $keys AS key
		CALL (key) {
			MATCH (v:Evidence {relKey: key}) RETURN v LIMIT 1
		}
		MATCH (:Entity {id: v.from})-[r {key: key}]->(:Entity {id: v.to})
		RETURN key, `+factMap("r")+` AS f`, map[string]any{"keys": keys})
	if err != nil {
		return nil, fmt.Errorf("relations by id: %w", err)
	}
	out := make(map[string]domain.Fact, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		out[asString(m["key"])] = factFrom(m["f"])
	}
	return out, nil
}

// Evidence returns, for each relation key, up to first pieces of evidence,
// the most recently published first.
func (s *Store) Evidence(ctx context.Context, keys []string, first int) (map[string][]domain.Evidence, error) {
	return s.EvidenceOf(ctx, keys, Page{First: first})
}

// EvidenceOf returns, for each relation key, a page of its evidence, the
// most recently published first.
func (s *Store) EvidenceOf(ctx context.Context, keys []string, p Page) (map[string][]domain.Evidence, error) {
	recs, err := s.query(ctx, `
		UNWIND $keys AS key
		MATCH (a:Article)-[:STATES]->(v:Evidence {relKey: key})
		WITH key, v, a ORDER BY v.publishedAt IS NULL, v.publishedAt DESC, v.confidence DESC, v.id
		WITH key, collect(`+evidenceMap("v", "a")+`) AS xs
		UNWIND `+paged("xs", "id")+` AS v
		RETURN key, v`,
		p.params(map[string]any{"keys": keys}))
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	out := make(map[string][]domain.Evidence, len(keys))
	for _, r := range recs {
		m := r.AsMap()
		key, _ := m["key"].(string)
		out[key] = append(out[key], evidence(m["v"]))
	}
	return out, nil
}

// evidenceMap projects a piece of evidence v and its article a for evidence().
func evidenceMap(v, a string) string {
	return `{id: ` + v + `.id, relKey: ` + v + `.relKey, sentence: ` + v + `.sentence, confidence: ` + v + `.confidence, article: ` +
		articleMap(a) + `}`
}

func evidence(v any) domain.Evidence {
	m, _ := v.(map[string]any)
	return domain.Evidence{
		ID:         asString(m["id"]),
		RelKey:     asString(m["relKey"]),
		Sentence:   asString(m["sentence"]),
		Confidence: asFloat(m["confidence"]),
		Article:    article(m["article"]),
	}
}

// articleMap projects an article for article().
func articleMap(a string) string {
	return a + ` {.id, .title, .url, .source, .lang, .publishedAt, .loadedAt}`
}

func article(v any) domain.Article {
	a, _ := v.(map[string]any)
	return domain.Article{
		ID: asString(a["id"]), Title: asString(a["title"]), URL: asString(a["url"]),
		Source: asString(a["source"]), Lang: asString(a["lang"]), PublishedAt: timeValue(a["publishedAt"]),
	}
}

// nodeMap projects an entity node for node(). A map projection needs a
// variable; an expression (startNode(r)) gets a map literal.
func nodeMap(v string) string {
	if identRE.MatchString(v) {
		return v + ` {.id, .name, .nameHi, .aliases, .mentionCount, .confidence, .kind, .date, labels: labels(` + v + `)}`
	}
	var b strings.Builder
	b.WriteString("{")
	for _, p := range []string{"id", "name", "nameHi", "aliases", "mentionCount", "confidence", "kind", "date"} {
		b.WriteString(p + ": " + v + "." + p + ", ")
	}
	b.WriteString("labels: labels(" + v + ")}")
	return b.String()
}

func node(v any) domain.Node {
	m, _ := v.(map[string]any)
	n := domain.Node{
		ID:           asString(m["id"]),
		Name:         asString(m["name"]),
		NameHi:       asString(m["nameHi"]),
		MentionCount: int(asInt(m["mentionCount"])),
		Confidence:   asFloat(m["confidence"]),
		Kind:         domain.EventKind(asString(m["kind"])),
		Date:         asString(m["date"]),
		Aliases:      []string{},
	}
	for _, a := range asList(m["aliases"]) {
		n.Aliases = append(n.Aliases, asString(a))
	}
	for _, l := range asList(m["labels"]) {
		if t := domain.EntityType(asString(l)); t.Valid() {
			n.Type = t
		}
	}
	return n
}

func nodes(v any) []domain.Node {
	l := asList(v)
	out := make([]domain.Node, len(l))
	for i, x := range l {
		out[i] = node(x)
	}
	return out
}

// factMap projects a relationship and its ends for factFrom().
func factMap(r string) string {
	return `{type: type(` + r + `), props: properties(` + r + `), from: ` + nodeMap("startNode("+r+")") +
		`, to: ` + nodeMap("endNode("+r+")") + `}`
}

func factFrom(v any) domain.Fact {
	m, _ := v.(map[string]any)
	return fact(domain.RelationType(asString(m["type"])), m["props"], m["from"], m["to"])
}

func fact(t domain.RelationType, r, from, to any) domain.Fact {
	props, _ := r.(map[string]any)
	f := domain.Fact{
		Key:         asString(props["key"]),
		Type:        t,
		From:        node(from),
		To:          node(to),
		Confidence:  asFloat(props["confidence"]),
		SourceCount: int(asInt(props["sourceCount"])),
		FirstSeen:   timeValue(props["firstSeen"]),
		LastSeen:    timeValue(props["lastSeen"]),
		Properties:  map[string]any{},
	}
	for k, v := range props {
		if !slices.Contains(reserved, k) {
			f.Properties[k] = v
		}
	}
	return f
}

// typeExpr is a relationship type expression (LEADS|MEMBER_OF) of ontology
// types only.
func typeExpr(types []domain.RelationType) (string, error) {
	if len(types) == 0 {
		return "", domain.Errorf(domain.EINVALID, "no relation types given")
	}
	parts := make([]string, len(types))
	for i, t := range types {
		if !t.Valid() {
			return "", domain.Errorf(domain.EINVALID, "%q is not a relation type", t)
		}
		parts[i] = identifier(string(t))
	}
	return strings.Join(parts, "|"), nil
}

// allTypes is the type expression of every ontology relation: the graph's
// other relationships (MENTIONS, STATES) are bookkeeping.
func allTypes() string {
	s, _ := typeExpr(domain.RelationTypes)
	return s
}

// typesOrAll is typeExpr, or every ontology type when types is empty.
func typesOrAll(types []domain.RelationType) (string, error) {
	if len(types) == 0 {
		return allTypes(), nil
	}
	return typeExpr(types)
}

// labelExpr is a label expression (Party|Coalition) of ontology types only.
func labelExpr(types ...domain.EntityType) (string, error) {
	parts := make([]string, len(types))
	for i, t := range types {
		if !t.Valid() {
			return "", domain.Errorf(domain.EINVALID, "%q is not an entity type", t)
		}
		parts[i] = identifier(string(t))
	}
	return strings.Join(parts, "|"), nil
}

// Relationships are matched undirected and filtered by direction(): a
// symmetric relation is stored once, in id order, and reads both ways.
func arrow(_ Direction, rel string) string { return "-[" + rel + "]-" }

// symmetricTypes is the Cypher list of the symmetric relation types.
func symmetricTypes() string {
	var sym []string
	for _, t := range domain.RelationTypes {
		if t.Symmetric() {
			sym = append(sym, "'"+identifier(string(t))+"'")
		}
	}
	return "[" + strings.Join(sym, ", ") + "]"
}

// direction is the condition that r, matched from n, goes the way d says.
func direction(d Direction) string {
	either := "type(r) IN " + symmetricTypes()
	switch d {
	case Out:
		return "(startNode(r) = n OR " + either + ")"
	case In:
		return "(endNode(r) = n OR " + either + ")"
	}
	return "true"
}

// query runs one read-only statement, telling a trace on ctx about it.
func (s *Store) query(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if t, ok := ctx.Value(traceKey{}).(Trace); ok {
		defer t(cypher, params)()
	}
	return s.read(ctx, cypher, params)
}

// Trace is told each read statement the store sends on a context given to
// WithTrace, and calls the function it returns when the statement is done:
// the API benchmark runs the same Cypher, in the same order, without the
// API.
type Trace func(cypher string, params map[string]any) (done func())

type traceKey struct{}

// WithTrace returns a context on which the store's reads call t.
func WithTrace(ctx context.Context, t Trace) context.Context {
	return context.WithValue(ctx, traceKey{}, t)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asInt(v any) int64 {
	i, _ := v.(int64)
	return i
}

func asFloat(v any) float64 {
	switch f := v.(type) {
	case float64:
		return f
	case int64:
		return float64(f)
	}
	return 0
}
