package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// Store implements the API's port: each read is one statement, its
// plan's nested lists included.
var _ domain.Reader = (*Store)(nil)

// FindEntity finds an entity of type t (any type when t is "") by id, or by
// any of its names or aliases in either script (compared as NameKey does),
// with plan's lists. Given both, the entity must match both. It returns nil
// when there is none; where a name fits several, the most mentioned.
func (s *Store) FindEntity(ctx context.Context, t domain.EntityType, id, name string, plan domain.Plan) (*domain.Node, error) {
	label := "Entity"
	// An id of t's prefix is an entity of type t (domain.TypeOfID): no label
	// to check, a database hit saved.
	if typed, ok := domain.TypeOfID(id); t != "" && !(ok && typed == t && name == "") {
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
	c := newCompiler()
	c.params["id"], c.params["key"] = id, keyQuery(key)
	calls, entries, lists, err := c.subqueries("e", "", plan)
	if err != nil {
		return nil, err
	}
	// Keys hold no Lucene syntax: NameKey drops punctuation and symbols.
	statement := cypher("entity", struct {
		ByName              bool
		Labels, Calls, Node string
	}{name != "", label, calls, nodeMap("e", plan, entries)})
	recs, err := s.query(ctx, statement, c.params)
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", t, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	n := nodeWith(recs[0].AsMap()["e"], lists)
	return &n, nil
}

// keyQuery is the Lucene query for one exact key of entity_keys.
func keyQuery(key string) string { return `"` + key + `"` }

// Expand reads plan's lists for each of the items of the given ids (entity
// ids, relation keys or article ids, as root says).
func (s *Store) Expand(ctx context.Context, root domain.Root, ids []string, plan domain.Plan) (map[string]domain.Lists, error) {
	c := newCompiler()
	c.params["ids"] = ids
	var label string
	switch root {
	case domain.EntityRoot:
		label = "Entity"
	case domain.RelationRoot:
	case domain.ArticleRoot:
		label = "Article"
	default:
		return nil, fmt.Errorf("store: expand from root %d", root)
	}
	calls, entries, lists, err := c.subqueries("x", "", plan)
	if err != nil {
		return nil, err
	}
	statement := cypher("expand", struct {
		Relation              bool
		Label, Calls, Entries string
	}{root == domain.RelationRoot, label, calls, entries})
	recs, err := s.query(ctx, statement, c.params)
	if err != nil {
		return nil, fmt.Errorf("expand: %w", err)
	}
	out := make(map[string]domain.Lists, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		l, _ := m["lists"].(map[string]any)
		out[asString(m["id"])] = decodeLists(l, lists)
	}
	return out, nil
}

// Relation returns the relation whose id (key) is given, with plan's
// lists, or nil.
func (s *Store) Relation(ctx context.Context, key string, plan domain.Plan) (*domain.Fact, error) {
	c := newCompiler()
	c.params["key"] = key
	calls, entries, lists, err := c.subqueries("x", "", plan)
	if err != nil {
		return nil, err
	}
	statement := cypher("relation", struct{ Calls, Fact string }{calls, factMap("x", plan, entries)})
	recs, err := s.query(ctx, statement, c.params)
	if err != nil {
		return nil, fmt.Errorf("relation by id: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	f := factWith(recs[0].AsMap()["f"], lists)
	return &f, nil
}

// Projections: each names the properties the API reads (the templates of
// cypher/projections.cypher), the fields plan wants among them, and the
// entries of the item's nested lists. A map projection needs a variable.

// projection is what a projection template is given: the item's variable
// v, the fields plan wants, and the entries of its lists.
type projection struct {
	V, Entries string
	Fields     []string
}

// nodeMap projects an entity node for nodeWith(): its id and type, and
// the fields plan wants.
func nodeMap(v string, plan domain.Plan, entries string) string {
	return cypher("nodeMap", projection{V: v, Entries: entries,
		Fields: wanted(plan, "", "name", "nameHi", "aliases", "mentionCount", "confidence", "kind", "date")})
}

// wanted is those of fields that plan wants, each read from prefix's
// properties.
func wanted(plan domain.Plan, prefix string, fields ...string) []string {
	var out []string
	for _, f := range fields {
		if plan.Wants(prefix + f) {
			out = append(out, f)
		}
	}
	return out
}

// factMap projects a relationship for factWith(): its key and type, the
// fields plan wants, and with "ends" its ends' ids (the ends themselves
// are the lists FromEnd, ToEnd and OtherEnd).
func factMap(r string, plan domain.Plan, entries string) string {
	return cypher("factMap", struct {
		projection
		Ends bool
	}{projection{V: r, Entries: entries,
		Fields: wanted(plan, "", "confidence", "sourceCount", "firstSeen", "lastSeen", "office", "current")},
		plan.Wants("ends")})
}

// evidenceMap projects a piece of evidence v and its article a for
// evidenceWith().
func evidenceMap(v, a string, plan domain.Plan, entries string) string {
	return cypher("evidenceMap", struct {
		projection
		A             string
		ArticleFields []string
	}{projection{V: v, Entries: entries, Fields: wanted(plan, "", "relKey", "sentence", "confidence")},
		a, wanted(plan, "article.", "title", "url", "source", "lang", "publishedAt", "loadedAt")})
}

// articleMap projects an article for storedArticle(): its id and date
// (its cursor's sort key), and the fields plan wants.
func articleMap(a string, plan domain.Plan, entries string) string {
	return cypher("articleMap", projection{V: a, Entries: entries,
		Fields: wanted(plan, "", "title", "url", "source", "lang", "loadedAt")})
}

func nodeWith(v any, lists []compiled) domain.Node {
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
		Lists:        decodeLists(m, lists),
	}
	for _, a := range asList(m["aliases"]) {
		n.Aliases = append(n.Aliases, asString(a))
	}
	n.Type, _ = domain.TypeOfID(n.ID)
	for _, l := range asList(m["labels"]) {
		if t := domain.EntityType(asString(l)); t.Valid() {
			n.Type = t
		}
	}
	return n
}

func node(v any) domain.Node { return nodeWith(v, nil) }

func factWith(v any, lists []compiled) domain.Fact {
	m, _ := v.(map[string]any)
	f := domain.Fact{
		Key:         asString(m["key"]),
		Type:        domain.RelationType(asString(m["type"])),
		From:        domain.Node{ID: asString(m["from"])},
		To:          domain.Node{ID: asString(m["to"])},
		Confidence:  asFloat(m["confidence"]),
		SourceCount: int(asInt(m["sourceCount"])),
		FirstSeen:   timeValue(m["firstSeen"]),
		LastSeen:    timeValue(m["lastSeen"]),
		Lists:       decodeLists(m, lists),
	}
	for _, k := range []string{"office", "current"} {
		if v := m[k]; v != nil {
			if f.Properties == nil {
				f.Properties = map[string]any{}
			}
			f.Properties[k] = v
		}
	}
	return f
}

func evidenceWith(v any, lists []compiled) domain.Evidence {
	m, _ := v.(map[string]any)
	return domain.Evidence{
		ID:         asString(m["id"]),
		RelKey:     asString(m["relKey"]),
		Sentence:   asString(m["sentence"]),
		Confidence: asFloat(m["confidence"]),
		Article:    article(m["article"]),
		Lists:      decodeLists(m, lists),
	}
}

func article(v any) domain.Article {
	a, _ := v.(map[string]any)
	return domain.Article{
		ID: asString(a["id"]), Title: asString(a["title"]), URL: asString(a["url"]),
		Source: asString(a["source"]), Lang: asString(a["lang"]), PublishedAt: timeValue(a["publishedAt"]),
	}
}

func storedArticle(v any, lists []compiled) domain.StoredArticle {
	m, _ := v.(map[string]any)
	return domain.StoredArticle{Article: article(v), LoadedAt: timeValue(m["loadedAt"]), Lists: decodeLists(m, lists)}
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

// query runs one read-only statement, telling the store's observer (set
// by tests and Observe) about it.
func (s *Store) query(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if s.observe != nil {
		defer s.observe(ctx, cypher, params)()
	}
	return s.read(ctx, cypher, params)
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
