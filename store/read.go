package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/netagraph/netagraph/domain"
)

// Reads take many ids at once and answer with one statement, so a GraphQL
// request's per-request loaders issue a bounded number of statements however
// long its lists are.

// Direction says which way a relationship is read from an entity. Symmetric
// relations are stored once and read both ways whatever the direction.
type Direction int

// The directions of Hop and FactQuery.
const (
	Out Direction = iota
	In
	Both
)

// Hop is one step from an entity along relationships of some types to
// entities of some types (any type when Labels is empty).
type Hop struct {
	Types  []domain.RelationType
	Dir    Direction
	Labels []domain.EntityType
}

// FactQuery selects relations of an entity.
type FactQuery struct {
	Types []domain.RelationType // all types when empty
	Dir   Direction
	First int // per entity; 0 means no limit
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
			CALL db.index.fulltext.queryNodes('entity_keys', '"' + $key + '"') YIELD node AS e
			WITH e WHERE e:` + label + ` AND ($id = '' OR e.id = $id)
			RETURN ` + nodeMap("e") + ` AS e ORDER BY e.mentionCount DESC, e.id LIMIT 1`
	}
	recs, err := s.read(ctx, cypher, map[string]any{"id": id, "key": key})
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", t, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	n := node(recs[0].AsMap()["e"])
	return &n, nil
}

// Neighbours returns, for each id, the distinct entities one hop away,
// most mentioned first.
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
	cypher := `
		UNWIND $ids AS id
		MATCH (n:Entity {id: id})` + arrow(h.Dir, "r:"+rels) + `(m:` + target + `)
		WHERE ` + direction(h.Dir) + ` AND m <> n
		WITH DISTINCT id, m ORDER BY m.mentionCount DESC, m.id
		RETURN id, collect(` + nodeMap("m") + `) AS nodes`
	return s.nodeLists(ctx, "neighbours", cypher, ids)
}

// Allies returns, for each party or coalition id, the parties and coalitions
// it is allied with. A party's leader stands for the party, as the ontology
// lets the text say: an ALLIED_WITH of the party or of a person who LEADS it,
// with a party or coalition, counts; with a person, it counts for the parties
// that person leads or is a member of (or the person, if none is known).
func (s *Store) Allies(ctx context.Context, ids []string) (map[string][]domain.Node, error) {
	cypher := `
		UNWIND $ids AS id
		MATCH (p:Entity {id: id})
		OPTIONAL MATCH (leader:Person)-[:LEADS]->(p)
		WITH id, p, [p] + collect(leader) AS selves
		UNWIND selves AS self
		MATCH (self)-[:ALLIED_WITH]-(ally:Entity)
		OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
		WITH id, p, selves, coalesce(party, ally) AS x
		WHERE x <> p AND NOT x IN selves
		WITH DISTINCT id, x ORDER BY x.mentionCount DESC, x.id
		RETURN id, collect(` + nodeMap("x") + `) AS nodes`
	return s.nodeLists(ctx, "allies", cypher, ids)
}

func (s *Store) nodeLists(ctx context.Context, what, cypher string, ids []string) (map[string][]domain.Node, error) {
	recs, err := s.read(ctx, cypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make(map[string][]domain.Node, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		id, _ := m["id"].(string)
		for _, v := range asList(m["nodes"]) {
			out[id] = append(out[id], node(v))
		}
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
	}
	limit := ""
	if q.First > 0 {
		limit = "[..$first]"
	}
	cypher := `
		UNWIND $ids AS id
		MATCH (n:Entity {id: id})` + arrow(q.Dir, rel) + `(m:Entity)
		WHERE ` + direction(q.Dir) + `
		WITH id, r ORDER BY r.confidence DESC, r.sourceCount DESC, r.key
		WITH id, collect(r)` + limit + ` AS rs
		UNWIND rs AS r
		WITH id, r, startNode(r) AS a, endNode(r) AS b
		RETURN id, type(r) AS type, properties(r) AS r, ` + nodeMap("a") + ` AS from, ` + nodeMap("b") + ` AS to`
	recs, err := s.read(ctx, cypher, map[string]any{"ids": ids, "first": q.First})
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	out := make(map[string][]domain.Fact, len(ids))
	for _, r := range recs {
		m := r.AsMap()
		id, _ := m["id"].(string)
		t, _ := m["type"].(string)
		out[id] = append(out[id], fact(domain.RelationType(t), m["r"], m["from"], m["to"]))
	}
	return out, nil
}

// Evidence returns, for each relation key, up to first pieces of evidence,
// the most recently published first.
func (s *Store) Evidence(ctx context.Context, keys []string, first int) (map[string][]domain.Evidence, error) {
	recs, err := s.read(ctx, `
		UNWIND $keys AS key
		MATCH (a:Article)-[:STATES]->(v:Evidence {relKey: key})
		WITH key, v, a ORDER BY v.publishedAt IS NULL, v.publishedAt DESC, v.confidence DESC, v.id
		WITH key, collect({v: v, a: a})[..$first] AS rows
		UNWIND rows AS row
		WITH key, row.v AS v, row.a AS a
		RETURN key, v {.id, .sentence, .confidence} AS v, a {.id, .title, .url, .source, .lang, .publishedAt} AS a`,
		map[string]any{"keys": keys, "first": first})
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	out := make(map[string][]domain.Evidence, len(keys))
	for _, r := range recs {
		m := r.AsMap()
		key, _ := m["key"].(string)
		v, _ := m["v"].(map[string]any)
		a, _ := m["a"].(map[string]any)
		out[key] = append(out[key], domain.Evidence{
			ID:         asString(v["id"]),
			RelKey:     key,
			Sentence:   asString(v["sentence"]),
			Confidence: asFloat(v["confidence"]),
			Article: domain.Article{
				ID: asString(a["id"]), Title: asString(a["title"]), URL: asString(a["url"]),
				Source: asString(a["source"]), Lang: asString(a["lang"]), PublishedAt: timeValue(a["publishedAt"]),
			},
		})
	}
	return out, nil
}

// nodeMap projects an entity node for node().
func nodeMap(v string) string {
	return v + ` {.id, .name, .nameHi, .aliases, .mentionCount, .confidence, .kind, .date, labels: labels(` + v + `)}`
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

// direction is the condition that r, matched from n, goes the way d says.
func direction(d Direction) string {
	var sym []string
	for _, t := range domain.RelationTypes {
		if t.Symmetric() {
			sym = append(sym, "'"+identifier(string(t))+"'")
		}
	}
	either := "type(r) IN [" + strings.Join(sym, ", ") + "]"
	switch d {
	case Out:
		return "(startNode(r) = n OR " + either + ")"
	case In:
		return "(endNode(r) = n OR " + either + ")"
	}
	return "true"
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
