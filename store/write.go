package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// WriteArticle writes an article and what extraction found in it, all in one
// transaction: the article, its entities and events with their MENTIONS, and
// each relation with one Evidence node. An article already in the graph with
// the same content is left alone (Unchanged); one with different content is
// retracted and written again (Updated), so facts only it supported go.
func (s *Store) WriteArticle(ctx context.Context, a domain.Article, x domain.Extraction) (domain.WriteResult, error) {
	p, err := prepare(a, x)
	if err != nil {
		return domain.WriteResult{}, err
	}
	res, err := s.writeBatch(ctx, []*prepared{p})
	if err != nil {
		return domain.WriteResult{}, fmt.Errorf("write article %s: %w", p.id, classify(err))
	}
	return res[0], nil
}

// WriteArticles writes a batch of articles and their extractions (xs[i] is
// arts[i]'s) in one transaction, as WriteArticle writes one: the batch is
// committed whole or not at all, so each article's facts are committed with
// it. An article the ontology check refuses gets status Failed and a message
// naming its origin, and is left out; the others are written. An error means
// nothing was written; it is Temporary (see IsTemporary) when Neo4j was
// unreachable or busy, and writing the same batch again may then succeed.
func (s *Store) WriteArticles(ctx context.Context, arts []domain.Article, xs []domain.Extraction) ([]domain.IngestResult, error) {
	if len(arts) != len(xs) {
		return nil, fmt.Errorf("write articles: %d articles and %d extractions", len(arts), len(xs))
	}
	out := make([]domain.IngestResult, len(arts))
	batch := make([]*prepared, 0, len(arts))
	at := make([]int, 0, len(arts)) // batch[j] is arts[at[j]]
	ids := make(map[string]string, len(arts))
	for i, a := range arts {
		out[i] = domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.Failed}
		p, err := prepare(a, xs[i])
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				return nil, err
			}
			out[i].Error = domain.ErrorMessage(err)
			continue
		}
		out[i].ArticleID = p.id
		if hash, ok := ids[p.id]; ok {
			// One transaction cannot tell which version of an article is
			// the one to keep; the loader never sends two in a batch.
			if hash == p.hash {
				out[i].Status = domain.Unchanged
			} else {
				out[i].Error = fmt.Sprintf("%s: article %s is given twice in one batch, with different text", origin(a), p.id)
			}
			continue
		}
		ids[p.id] = p.hash
		batch = append(batch, p)
		at = append(at, i)
	}
	if len(batch) == 0 {
		return out, nil
	}
	res, err := s.writeBatch(ctx, batch)
	if err != nil {
		return nil, fmt.Errorf("write %d articles: %w", len(batch), classify(err))
	}
	for j, r := range res {
		o := &out[at[j]]
		o.Status, o.Entities, o.Relations = r.Status, r.Entities, r.Relations
	}
	return out, nil
}

// RetractArticles removes articles and every fact that only they supported:
// their evidence, relationships left with none, and entities no other
// article mentions. It returns how many of ids were in the graph.
func (s *Store) RetractArticles(ctx context.Context, ids []string) (int, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	n, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (int, error) {
		recs, err := s.txRun(ctx, tx, cypher("countArticles", nil), map[string]any{"ids": ids})
		if err != nil {
			return 0, err
		}
		n, _, _ := neo4j.GetRecordValue[int64](recs[0], "n")
		return int(n), s.retract(ctx, tx, ids)
	})
	if err != nil {
		return 0, fmt.Errorf("retract: %w", classify(err))
	}
	return n, nil
}

// prepared is an article and its extraction turned into statement rows. It is
// read-only once built, so a retried transaction can use it again.
type prepared struct {
	id        string
	hash      string
	article   map[string]any
	entities  map[domain.EntityType][]map[string]any
	relations map[domain.RelationType][]map[string]any
	nEntities int
	nRels     int
}

// conflictRetries bounds how often a batch is written again after a
// concurrent writer created one of its new articles first.
const conflictRetries = 5

// writeBatch writes a batch in one transaction. Two writers of the same new
// article (two `netagraph load` processes, or ingestArticles calls) both
// find it absent and both create it; the uniqueness constraint refuses the
// second commit. That one is a conflict, not a failure: it is written again
// from the start, and then finds the article (Unchanged, or Updated when
// its text differs).
func (s *Store) writeBatch(ctx context.Context, batch []*prepared) ([]domain.WriteResult, error) {
	for attempt := 0; ; attempt++ {
		res, err := s.writeBatchOnce(ctx, batch)
		if err == nil || attempt == conflictRetries || domain.ErrorCode(classify(err)) != domain.ECONFLICT {
			return res, err
		}
		// Let the other writer's transaction finish committing.
		t := time.NewTimer(time.Duration(10*(attempt+1)) * time.Millisecond)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, err
		}
	}
}

func (s *Store) writeBatchOnce(ctx context.Context, batch []*prepared) ([]domain.WriteResult, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	now := s.now().UTC()
	return neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) ([]domain.WriteResult, error) {
		ids := make([]string, len(batch))
		for i, p := range batch {
			ids[i] = p.id
		}
		recs, err := s.txRun(ctx, tx, cypher("storedArticles", nil), map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		stored := map[string]string{}
		for _, r := range recs {
			id, _, _ := neo4j.GetRecordValue[string](r, "id")
			hash, _, _ := neo4j.GetRecordValue[string](r, "hash")
			stored[id] = hash
		}

		results := make([]domain.WriteResult, len(batch))
		var changed []string
		var todo []*prepared
		for i, p := range batch {
			results[i] = domain.WriteResult{ArticleID: p.id, Status: domain.New}
			if hash, ok := stored[p.id]; ok {
				if hash == p.hash {
					results[i].Status = domain.Unchanged
					continue
				}
				results[i].Status = domain.Updated
				changed = append(changed, p.id)
			}
			results[i].Entities, results[i].Relations = p.nEntities, p.nRels
			todo = append(todo, p)
		}
		if len(changed) > 0 {
			if err := s.retract(ctx, tx, changed); err != nil {
				return nil, err
			}
		}
		if len(todo) == 0 {
			return results, nil
		}
		return results, s.create(ctx, tx, todo, now)
	})
}

// create writes articles that are not in the graph: one statement for the
// batch's articles and their evidence, then one for the entities of each
// ontology type the batch holds and one for its relations of each type.
// Each statement is small, so Neo4j plans it in milliseconds; one statement
// for every type took seconds to plan, again for each combination of
// absent types a batch brought.
func (s *Store) create(ctx context.Context, tx neo4j.ManagedTransaction, todo []*prepared, now time.Time) error {
	articles := make([]map[string]any, len(todo))
	for i, p := range todo {
		var evidence []map[string]any
		for _, t := range domain.RelationTypes {
			for _, r := range p.relations[t] {
				key, id, confidence := r["key"].(string), r["evidence"].(string), r["confidence"].(float64)
				var published *time.Time
				if at, ok := r["publishedAt"].(time.Time); ok {
					published = &at
				}
				evidence = append(evidence, map[string]any{
					"id": id, "key": key, "type": string(t), "from": r["from"], "to": r["to"],
					"sentence": r["sentence"], "confidence": confidence, "props": r["propsJSON"],
					"rank": evidenceRank(key, published, confidence, id),
				})
			}
		}
		articles[i] = map[string]any{"props": p.article, "evidence": evidence}
	}
	if _, err := s.txRun(ctx, tx, createArticles, map[string]any{"articles": articles, "now": now}); err != nil {
		return err
	}
	for _, t := range domain.EntityTypes {
		var rows []map[string]any
		for _, p := range todo {
			rows = append(rows, p.entities[t]...)
		}
		if len(rows) > 0 {
			if _, err := s.txRun(ctx, tx, entityCypher[t], map[string]any{"rows": foldEntities(rows)}); err != nil {
				return err
			}
		}
	}
	for _, t := range domain.RelationTypes {
		var rows []map[string]any
		for _, p := range todo {
			rows = append(rows, p.relations[t]...)
		}
		if len(rows) > 0 {
			if _, err := s.txRun(ctx, tx, relationCypher[t], map[string]any{"rows": withRanks(foldRelations(rows))}); err != nil {
				return err
			}
		}
	}
	return nil
}

// retract removes articles' contributions inside tx. Relationship aggregates
// are added to as articles arrive; taking one away recomputes them from the
// evidence that remains.
func (s *Store) retract(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) error {
	params := map[string]any{"ids": ids}
	recs, err := s.txRun(ctx, tx, cypher("retractMentions", nil), params)
	if err != nil {
		return err
	}
	entities := recordStrings(recs, "id")

	recs, err = s.txRun(ctx, tx, cypher("retractEvidence", nil), params)
	if err != nil {
		return err
	}
	rels := make([]any, 0, len(recs))
	keys := make([]string, 0, len(recs))
	for _, r := range recs {
		v, _, _ := neo4j.GetRecordValue[map[string]any](r, "rel")
		rels = append(rels, v)
		keys = append(keys, asString(v["key"]))
	}
	if len(rels) > 0 {
		if err := s.recompute(ctx, tx, rels, keys); err != nil {
			return err
		}
	}

	if _, err := s.txRun(ctx, tx, cypher("deleteArticles", nil), params); err != nil {
		return err
	}
	_, err = s.txRun(ctx, tx, cypher("deleteUnmentioned", nil), map[string]any{"ids": entities})
	return err
}

// recompute sets the aggregates of relationships from their remaining
// evidence and deletes those with none.
func (s *Store) recompute(ctx context.Context, tx neo4j.ManagedTransaction, rels []any, keys []string) error {
	recs, err := s.txRun(ctx, tx, cypher("remainingEvidence", nil), map[string]any{"keys": keys})
	if err != nil {
		return err
	}
	type agg struct {
		n                   int
		conf                float64
		first, last, propAt *time.Time
		props               string
	}
	aggs := map[string]*agg{}
	for _, r := range recs {
		key, _, _ := neo4j.GetRecordValue[string](r, "key")
		a := aggs[key]
		if a == nil {
			a = &agg{}
			aggs[key] = a
		}
		a.n++
		conf, _, _ := neo4j.GetRecordValue[float64](r, "confidence")
		a.conf = max(a.conf, conf)
		props, _, _ := neo4j.GetRecordValue[string](r, "properties")
		at := timeValue(r.AsMap()["publishedAt"])
		if at != nil {
			if a.first == nil || at.Before(*a.first) {
				a.first = at
			}
			if a.last == nil || !at.Before(*a.last) {
				a.last = at
			}
		}
		// The most recent dated evidence says what the properties are now.
		if a.n == 1 || (at != nil && (a.propAt == nil || !at.Before(*a.propAt))) {
			a.props, a.propAt = props, at
		}
	}
	var keep, drop []any
	for _, rel := range rels {
		m := rel.(map[string]any)
		a := aggs[asString(m["key"])]
		if a == nil {
			drop = append(drop, m)
			continue
		}
		props := map[string]any{}
		if a.props != "" {
			if err := json.Unmarshal([]byte(a.props), &props); err != nil {
				return fmt.Errorf("evidence properties of %s: %w", m["key"], err)
			}
		}
		key, sources := asString(m["key"]), int64(a.n)
		keep = append(keep, map[string]any{
			"key": key, "from": m["from"], "to": m["to"], "props": props,
			"sourceCount": sources, "confidence": a.conf, "firstSeen": timeParam(a.first), "lastSeen": timeParam(a.last),
			"rankFrom": relationRank(asString(m["from"]), a.conf, sources, key),
			"rankTo":   relationRank(asString(m["to"]), a.conf, sources, key),
		})
	}
	if len(drop) > 0 {
		if _, err := s.txRun(ctx, tx, cypher("deleteRelations", nil), map[string]any{"rows": drop}); err != nil {
			return err
		}
	}
	if len(keep) > 0 {
		if _, err := s.txRun(ctx, tx, cypher("recomputeRelations", nil), map[string]any{"rows": keep}); err != nil {
			return err
		}
	}
	return nil
}

// The statements of create, one per ontology type (write.cypher), reading
// $rows. Labels and relationship types come from domain's fixed lists,
// never from input.
var (
	entityCypher   = map[domain.EntityType]string{}
	relationCypher = map[domain.RelationType]string{}
	createArticles = cypher("createArticles", nil)
)

func init() {
	for _, t := range domain.EntityTypes {
		entityCypher[t] = cypher("mergeEntity", map[string]any{"Label": identifier(string(t))})
	}
	// What an existing relationship's strength becomes with a row: its
	// confidence the higher, its sources added (see mergeRelation).
	merged := strengthOf("CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END", "(r.sourceCount + row.n)")
	for _, t := range domain.RelationTypes {
		relationCypher[t] = cypher("mergeRelation", map[string]any{"Type": identifier(string(t)), "Symmetric": t.Symmetric(), "Merged": merged})
	}
}

// withRanks gives the folded relation rows of a batch the ranks their
// relationships get if they are new (see mergeRelation).
func withRanks(rows []map[string]any) []map[string]any {
	for _, r := range rows {
		key, from, to := r["key"].(string), r["from"].(string), r["to"].(string)
		confidence, n := r["confidence"].(float64), r["n"].(int64)
		r["rankFrom"] = relationRank(from, confidence, n, key)
		r["rankTo"] = relationRank(to, confidence, n, key)
		r["toKey"] = toKey(to, key)
	}
	return rows
}

// identifier guards the one place a name is put into Cypher text.
func identifier(s string) string {
	if !isIdentifier(s) {
		panic(fmt.Sprintf("store: %q is not a Cypher identifier", s))
	}
	return s
}

// isIdentifier reports whether s matches [A-Za-z_][A-Za-z0-9_]* (without a
// regexp: a read's statement checks every type it names).
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// keyProperties are the relation properties that tell two relations of the
// same type and ends apart: Chief Minister and MP of one state are two
// offices, and each election's defeat is its own.
var keyProperties = map[domain.RelationType][]string{
	domain.HoldsOffice: {"office"},
	domain.Defeated:    {"event"},
}

// reserved are the relationship properties the store keeps itself.
var reserved = []string{"key", "sourceCount", "confidence", "firstSeen", "lastSeen"}

var propRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// prepare checks an extraction against the ontology and turns it into rows.
func prepare(a domain.Article, x domain.Extraction) (*prepared, error) {
	id := a.ID
	if id == "" {
		id = x.Article.ID
	}
	if id == "" {
		return nil, domain.Errorf(domain.EINVALID, "%s: article has no id", origin(a))
	}
	if x.Article.ID != "" && x.Article.ID != id {
		return nil, domain.Errorf(domain.EINVALID, "%s: extraction is of article %s, not %s", origin(a), x.Article.ID, id)
	}
	bad := func(format string, args ...any) error {
		return domain.Errorf(domain.EINVALID, "%s: %s", origin(a), fmt.Sprintf(format, args...))
	}
	published := a.PublishedAt
	if published == nil && x.Article.PublishedAt != nil {
		t, err := time.Parse(time.DateOnly, *x.Article.PublishedAt)
		if err != nil {
			return nil, bad("publishedAt %q is not a date", *x.Article.PublishedAt)
		}
		published = &t
	}
	pub := timeParam(published)
	p := &prepared{
		id:        id,
		entities:  map[domain.EntityType][]map[string]any{},
		relations: map[domain.RelationType][]map[string]any{},
	}
	p.article = map[string]any{
		"id": id, "title": first(a.Title, x.Article.Title), "url": nullable(a.URL), "source": nullable(a.Source),
		"lang": nullable(first(a.Lang, x.Article.Lang)), "publishedAt": pub,
	}

	// Entities, then events as entities of type Event.
	names := map[string]string{}
	types := map[string]domain.EntityType{}
	seen := map[string]map[string]any{}
	for _, e := range x.Entities {
		if e.ID == "" || !e.Type.Valid() {
			return nil, bad("entity %q has type %q, not one of the ontology's", e.ID, e.Type)
		}
		if seen[e.ID] != nil {
			return nil, bad("entity %s is listed twice", e.ID)
		}
		name := first(e.Name, e.NameHi, e.ID)
		names[e.ID], types[e.ID] = name, e.Type
		aliases := nonEmpty(e.Aliases)
		row := map[string]any{
			"id": e.ID, "article": id, "name": name, "nameHi": nullable(e.NameHi), "aliases": aliases,
			"keys": nameKeys(append([]string{e.Name, e.NameHi}, aliases...)...), "mentions": int64(e.Mentions),
			"confidence": e.Confidence, "kind": nil, "date": nil,
		}
		seen[e.ID] = row
		p.entities[e.Type] = append(p.entities[e.Type], row)
	}
	var rels []domain.Relation
	for _, ev := range x.Events {
		if ev.ID == "" || !slices.Contains(domain.EventKinds, ev.Kind) {
			return nil, bad("event %q has kind %q, not one of the ontology's", ev.ID, ev.Kind)
		}
		row := seen[ev.ID]
		if row == nil {
			name := eventName(ev, names)
			row = map[string]any{
				"id": ev.ID, "article": id, "name": name, "nameHi": nil, "aliases": []string{},
				"keys": nameKeys(name), "mentions": int64(1), "confidence": ev.Confidence,
			}
			seen[ev.ID] = row
			p.entities[domain.EventEntity] = append(p.entities[domain.EventEntity], row)
		} else if types[ev.ID] != domain.EventEntity {
			return nil, bad("event %s is listed as a %s", ev.ID, types[ev.ID])
		}
		row["kind"], row["date"] = string(ev.Kind), nullable(ev.Date)
		for _, who := range ev.Participants {
			rels = append(rels, domain.Relation{Type: domain.ParticipatedIn, From: who, To: ev.ID, Confidence: ev.Confidence, Evidence: ev.Evidence})
		}
		if ev.Place != "" {
			rels = append(rels, domain.Relation{Type: domain.HeldIn, From: ev.ID, To: ev.Place, Confidence: ev.Confidence, Evidence: ev.Evidence})
		}
	}
	for _, rows := range p.entities {
		p.nEntities += len(rows)
	}

	// Relations, one per key: an article stating a relation twice is one
	// source, with its most confident sentence.
	best := map[string]domain.Relation{}
	var order []string
	for _, r := range append(slices.Clip(x.Relations), rels...) {
		if !r.Type.Valid() {
			return nil, bad("relation type %q is not one of the ontology's", r.Type)
		}
		for _, end := range []string{r.From, r.To} {
			if seen[end] == nil {
				return nil, bad("%s relation refers to %q, which the extraction does not list", r.Type, end)
			}
		}
		if math.IsNaN(r.Confidence) || r.Confidence < 0 || r.Confidence > 1 {
			return nil, bad("%s relation %s -> %s has confidence %v, not in [0, 1]", r.Type, r.From, r.To, r.Confidence)
		}
		if err := checkProperties(r.Properties); err != nil {
			return nil, bad("%s relation %s -> %s: %v", r.Type, r.From, r.To, err)
		}
		if r.Type.Symmetric() && r.To < r.From {
			r.From, r.To = r.To, r.From
		}
		key := relationKey(r)
		if old, ok := best[key]; !ok {
			order = append(order, key)
			best[key] = r
		} else if r.Confidence > old.Confidence {
			best[key] = r
		}
	}
	for _, key := range order {
		r := best[key]
		props := r.Properties
		if props == nil {
			props = map[string]any{}
		}
		propsJSON, err := json.Marshal(props)
		if err != nil {
			return nil, bad("%s relation properties: %v", r.Type, err)
		}
		p.relations[r.Type] = append(p.relations[r.Type], map[string]any{
			"key": key, "from": r.From, "to": r.To, "article": id, "evidence": evidenceID(key, id),
			"sentence": r.Evidence, "confidence": r.Confidence, "publishedAt": pub,
			"props": props, "propsJSON": string(propsJSON),
		})
	}
	p.nRels = len(order)

	// The hash covers the article and what extraction found in it, so
	// reloading after the extractor improves rewrites the article.
	sum := sha256.New()
	if err := json.NewEncoder(sum).Encode(struct {
		A domain.Article
		X domain.Extraction
	}{a, x}); err != nil {
		return nil, bad("hash: %v", err)
	}
	p.hash = hex.EncodeToString(sum.Sum(nil))
	p.article["hash"] = p.hash
	return p, nil
}

// relationKey identifies a relation across articles.
func relationKey(r domain.Relation) string {
	k := string(r.Type) + "|" + r.From + "|" + r.To
	for _, name := range keyProperties[r.Type] {
		if v, ok := r.Properties[name]; ok {
			k += fmt.Sprintf("|%s=%v", name, v)
		}
	}
	return k
}

func evidenceID(relKey, articleID string) string {
	sum := sha256.Sum256([]byte(relKey + "\x00" + articleID))
	return hex.EncodeToString(sum[:8])
}

// checkProperties accepts the values Neo4j can store as properties.
func checkProperties(props map[string]any) error {
	for k, v := range props {
		if !propRE.MatchString(k) || slices.Contains(reserved, k) {
			return fmt.Errorf("property name %q is not allowed", k)
		}
		switch v := v.(type) {
		case string, bool, float64, int, int64:
		case []string:
		case []any:
			for _, x := range v {
				if _, ok := x.(string); !ok {
					return fmt.Errorf("property %s: lists must hold strings", k)
				}
			}
		default:
			return fmt.Errorf("property %s has a %T value", k, v)
		}
	}
	return nil
}

// eventName names an event that extraction gave no name: "Meeting in
// Kolkata, 2023-03-17".
func eventName(ev domain.Event, names map[string]string) string {
	kind := strings.ReplaceAll(strings.ToLower(string(ev.Kind)), "_", " ")
	n := strings.ToUpper(kind[:1]) + kind[1:]
	if place := names[ev.Place]; place != "" {
		n += " in " + place
	}
	if ev.Date != "" {
		n += ", " + ev.Date
	}
	return n
}

func origin(a domain.Article) string {
	return first(a.Origin, a.ID, "article")
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// nullable maps "" to a missing property.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonEmpty(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func timeParam(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func timeValue(v any) *time.Time {
	if t, ok := v.(time.Time); ok {
		return &t
	}
	return nil
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func recordStrings(recs []*neo4j.Record, key string) []string {
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		if s, _, _ := neo4j.GetRecordValue[string](r, key); s != "" {
			out = append(out, s)
		}
	}
	return out
}
