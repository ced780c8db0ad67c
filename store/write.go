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
		recs, err := s.txRun(ctx, tx, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS n`, map[string]any{"ids": ids})
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
	now := s.Now().UTC()
	return neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) ([]domain.WriteResult, error) {
		ids := make([]string, len(batch))
		for i, p := range batch {
			ids[i] = p.id
		}
		recs, err := s.txRun(ctx, tx, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.hash AS hash`, map[string]any{"ids": ids})
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
				evidence = append(evidence, map[string]any{
					"id": r["evidence"], "key": r["key"], "type": string(t), "from": r["from"], "to": r["to"],
					"sentence": r["sentence"], "confidence": r["confidence"], "props": r["propsJSON"],
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
			if _, err := s.txRun(ctx, tx, relationCypher[t], map[string]any{"rows": foldRelations(rows)}); err != nil {
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
	recs, err := s.txRun(ctx, tx, `
		MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE a.id IN $ids
		SET e.mentionCount = e.mentionCount - m.count
		DELETE m
		RETURN DISTINCT e.id AS id`, params)
	if err != nil {
		return err
	}
	entities := recordStrings(recs, "id")

	recs, err = s.txRun(ctx, tx, `
		MATCH (a:Article)-[:STATES]->(v:Evidence) WHERE a.id IN $ids
		WITH v, {key: v.relKey, from: v.from, to: v.to} AS rel
		DETACH DELETE v
		RETURN DISTINCT rel`, params)
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

	if _, err := s.txRun(ctx, tx, `MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a`, params); err != nil {
		return err
	}
	// Every entity a relation touches is mentioned by each article stating
	// it, so an entity no article mentions has no evidenced relationship left.
	_, err = s.txRun(ctx, tx, `
		UNWIND $ids AS id
		MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
		DETACH DELETE e`, map[string]any{"ids": entities})
	return err
}

// recompute sets the aggregates of relationships from their remaining
// evidence and deletes those with none.
func (s *Store) recompute(ctx context.Context, tx neo4j.ManagedTransaction, rels []any, keys []string) error {
	recs, err := s.txRun(ctx, tx, `
		MATCH (v:Evidence) WHERE v.relKey IN $keys
		RETURN v.relKey AS key, v.confidence AS confidence, v.publishedAt AS publishedAt, v.properties AS properties
		ORDER BY v.id`, map[string]any{"keys": keys})
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
		keep = append(keep, map[string]any{
			"key": m["key"], "from": m["from"], "to": m["to"], "props": props,
			"sourceCount": a.n, "confidence": a.conf, "firstSeen": timeParam(a.first), "lastSeen": timeParam(a.last),
		})
	}
	if len(drop) > 0 {
		if _, err := s.txRun(ctx, tx, `
			UNWIND $rows AS row
			MATCH (:Entity {id: row.from})-[r {key: row.key}]->(:Entity {id: row.to})
			DELETE r`, map[string]any{"rows": drop}); err != nil {
			return err
		}
	}
	if len(keep) > 0 {
		if _, err := s.txRun(ctx, tx, `
			UNWIND $rows AS row
			MATCH (:Entity {id: row.from})-[r {key: row.key}]->(:Entity {id: row.to})
			SET r += row.props, r.sourceCount = row.sourceCount, r.confidence = row.confidence,
				r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen
			`+cypher("setRanks", ranksOf("r", false)), map[string]any{"rows": keep}); err != nil {
			return err
		}
	}
	return nil
}

// The statements of create, one per ontology type, reading $rows. Labels
// and relationship types come from domain's fixed lists, never from input.
// replan=skip: a plan made when the graph was small stays good as it grows.
var (
	entityCypher   = map[domain.EntityType]string{}
	relationCypher = map[domain.RelationType]string{}
	createArticles string
)

func init() {
	for _, t := range domain.EntityTypes {
		entityCypher[t] = "CYPHER replan=skip\nUNWIND $rows AS row" + fmt.Sprintf(mergeEntityCypher, identifier(string(t)))
	}
	for _, t := range domain.RelationTypes {
		relationCypher[t] = "CYPHER replan=skip\nUNWIND $rows AS row" + fmt.Sprintf(mergeRelationCypher, identifier(string(t))) +
			"\n" + cypher("setRanks", ranksOf("r", t.Symmetric()))
	}
	createArticles = fmt.Sprintf(createArticlesCypher, cypher("evidenceRank", evidenceRankOf("v.key", "a.publishedAt", "v.confidence", "v.id")))
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

// The articles of a batch, each with the evidence of every relation it
// states: one node for each (relation, article), linked to its relation by
// relKey (and its ends), so it is written with its article and no lookup.
const createArticlesCypher = `CYPHER replan=skip
UNWIND $articles AS row
CREATE (a:Article)
SET a = row.props, a.loadedAt = $now
WITH a, row
UNWIND row.evidence AS v
CREATE (a)-[:STATES]->(:Evidence {id: v.id, relKey: v.key, type: v.type, from: v.from, to: v.to,
	sentence: v.sentence, confidence: v.confidence, articleId: a.id, publishedAt: a.publishedAt,
	properties: v.props, rank: %s})`

// A name, once given, stays: later articles add aliases and keys. A row is
// one entity of a batch (see foldEntities); properties that rarely change
// are written only when they do.
const mergeEntityCypher = `
MERGE (e:Entity {id: row.id})
ON CREATE SET e:%s, e.name = row.name, e.nameHi = row.nameHi, e.aliases = row.aliases, e.keys = row.keys,
	e.mentionCount = row.mentions, e.confidence = row.confidence, e.kind = row.kind, e.date = row.date
ON MATCH SET e.mentionCount = e.mentionCount + row.mentions,
	e.confidence = CASE WHEN row.confidence > e.confidence THEN row.confidence ELSE e.confidence END
WITH e, row, [x IN row.aliases WHERE NOT x IN e.aliases] AS aliases, [x IN row.keys WHERE NOT x IN e.keys] AS keys
FOREACH (_ IN CASE WHEN size(aliases) > 0 THEN [1] ELSE [] END | SET e.aliases = e.aliases + aliases)
FOREACH (_ IN CASE WHEN size(keys) > 0 THEN [1] ELSE [] END | SET e.keys = e.keys + keys)
FOREACH (_ IN CASE WHEN e.nameHi IS NULL AND row.nameHi IS NOT NULL THEN [1] ELSE [] END | SET e.nameHi = row.nameHi)
FOREACH (_ IN CASE WHEN row.kind IS NOT NULL AND row.kind <> coalesce(e.kind, '') THEN [1] ELSE [] END | SET e.kind = row.kind)
FOREACH (_ IN CASE WHEN row.date IS NOT NULL AND row.date <> coalesce(e.date, '') THEN [1] ELSE [] END | SET e.date = row.date)
WITH e, row
UNWIND row.mentionedBy AS m
MATCH (a:Article {id: m.article})
CREATE (a)-[:MENTIONS {count: m.count}]->(e)`

// Aggregates grow with each batch; the properties are those of the most
// recent dated article. A row is one relation of a batch (see
// foldRelations); its evidence is written with the articles.
const mergeRelationCypher = `
MATCH (x:Entity {id: row.from})
MATCH (y:Entity {id: row.to})
MERGE (x)-[r:%[1]s {key: row.key}]->(y)
ON CREATE SET r += row.props, r.sourceCount = row.n, r.confidence = row.confidence,
	r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen
ON MATCH SET r += CASE WHEN r.lastSeen IS NULL OR row.propsAt >= r.lastSeen THEN row.props ELSE {} END,
	r.sourceCount = r.sourceCount + row.n,
	r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
	r.firstSeen = CASE WHEN r.firstSeen IS NULL OR row.firstSeen < r.firstSeen THEN row.firstSeen ELSE r.firstSeen END,
	r.lastSeen = CASE WHEN r.lastSeen IS NULL OR row.lastSeen > r.lastSeen THEN row.lastSeen ELSE r.lastSeen END`

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
