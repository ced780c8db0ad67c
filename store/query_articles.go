package store

import (
	"context"
	"fmt"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Articles are listed the most recently published first (undated ones
// last), then by id: an article's date and id do not change, so a cursor
// stays valid while others are loaded.

// undated sorts undated articles after every dated one.
var undated = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

const articleOrder = `coalesce(a.publishedAt, $undated) DESC, a.id`

// articleAfter is the keyset condition: a sorts after the cursor's article.
const articleAfter = `($afterAt IS NULL OR coalesce(a.publishedAt, $undated) < $afterAt
	OR (coalesce(a.publishedAt, $undated) = $afterAt AND a.id > $afterID))`

func articleCursor(a Article) string {
	at := undated
	if a.PublishedAt != nil {
		at = a.PublishedAt.UTC()
	}
	return encodeCursor("article", at.Format(time.RFC3339Nano), a.ID)
}

// articlePage adds the parameters of a page of articles after cursor.
func articlePage(first int, after string, params map[string]any) error {
	params["first"] = first
	params["undated"] = undated
	params["afterAt"], params["afterID"] = nil, nil
	if after == "" {
		return nil
	}
	var at, id string
	if err := decodeCursor("article", after, &at, &id); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "after: %q is not a cursor of this list", after)
	}
	params["afterAt"], params["afterID"] = t, id
	return nil
}

func articleConnection(m map[string]any, first int) Connection[Article] {
	c := Connection[Article]{Total: int(asInt(m["total"]))}
	for _, v := range asList(m["rows"]) {
		c.Items = append(c.Items, storedArticle(v))
	}
	if len(c.Items) > first {
		c.Items, c.HasNext = c.Items[:first], true
	}
	for _, a := range c.Items {
		c.Cursors = append(c.Cursors, articleCursor(a))
	}
	return c
}

func storedArticle(v any) Article {
	m, _ := v.(map[string]any)
	return Article{Article: article(v), LoadedAt: timeValue(m["loadedAt"])}
}

// Articles returns a page of the articles matching f, and their number
// when count is true.
func (s *Store) Articles(ctx context.Context, f ArticleFilter, first int, after string, count bool) (Connection[Article], error) {
	params := map[string]any{
		"since": timeOrNull(f.Since), "until": timeOrNull(f.Until), "lang": orNull(f.Lang), "source": orNull(f.Source),
	}
	if err := articlePage(first, after, params); err != nil {
		return Connection[Article]{}, err
	}
	cond := `($since IS NULL OR a.publishedAt >= $since) AND ($until IS NULL OR a.publishedAt < $until)
		AND ($lang IS NULL OR a.lang = $lang) AND ($source IS NULL OR a.source = $source)`
	var cypher, scope string
	match := `MATCH (a:Article) WHERE `
	if f.Entity != "" {
		r := ref{"entity", f.Entity}
		if err := r.params(params); err != nil {
			return Connection[Article]{}, err
		}
		cypher, scope = r.resolve("e", ""), "e"
		match = `MATCH (a:Article)-[:MENTIONS]->(e) WHERE `
	}
	total := "-1 AS total"
	if count {
		cypher += `
		CALL (` + scope + `) { ` + match + cond + ` RETURN count(a) AS total }`
		total = "total"
	}
	cypher += `
		CALL (` + scope + `) {
			` + match + cond + ` AND ` + articleAfter + `
			WITH a ORDER BY ` + articleOrder + ` LIMIT $first + 1
			RETURN collect(` + articleMap("a") + `) AS rows
		}
		RETURN ` + total + `, rows`
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return Connection[Article]{}, fmt.Errorf("articles: %w", err)
	}
	if len(recs) == 0 {
		return Connection[Article]{}, notFound(f.Entity)
	}
	return articleConnection(recs[0].AsMap(), first), nil
}

// EntityArticles returns, for each entity id, a page of the articles that
// mention it, and their number when count is true.
func (s *Store) EntityArticles(ctx context.Context, ids []string, first int, after string, count bool) (map[string]Connection[Article], error) {
	params := map[string]any{"ids": ids}
	if err := articlePage(first, after, params); err != nil {
		return nil, err
	}
	total := "-1 AS total"
	if count {
		total = "COUNT { (:Article)-[:MENTIONS]->(e) } AS total"
	}
	recs, err := s.query(ctx, `
		UNWIND $ids AS id
		MATCH (e:Entity {id: id})
		CALL (e) {
			MATCH (a:Article)-[:MENTIONS]->(e) WHERE `+articleAfter+`
			WITH a ORDER BY `+articleOrder+` LIMIT $first + 1
			RETURN collect(`+articleMap("a")+`) AS rows
		}
		RETURN id, `+total+`, rows`, params)
	if err != nil {
		return nil, fmt.Errorf("articles of entities: %w", err)
	}
	out := make(map[string]Connection[Article], len(recs))
	for _, r := range recs {
		m := r.AsMap()
		out[asString(m["id"])] = articleConnection(m, first)
	}
	return out, nil
}

// Article returns the article with the given id, or nil.
func (s *Store) Article(ctx context.Context, id string) (*Article, error) {
	recs, err := s.query(ctx, `MATCH (a:Article {id: $id}) RETURN `+articleMap("a")+` AS a`, map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("article: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	a := storedArticle(recs[0].AsMap()["a"])
	return &a, nil
}

// ArticleEntities returns, for each article id, a page of the entities of
// the given types (all when none) it mentions, the most mentioned in it
// first.
func (s *Store) ArticleEntities(ctx context.Context, ids []string, types []domain.EntityType, p Page) (map[string][]domain.Node, error) {
	labels := "Entity"
	if len(types) > 0 {
		var err error
		if labels, err = labelExpr(types...); err != nil {
			return nil, err
		}
	}
	return s.nodeLists(ctx, "entities of articles", `
		UNWIND $ids AS id
		MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity) WHERE e:`+labels+`
		WITH id, e ORDER BY m.count DESC, e.mentionCount DESC, e.id
		WITH id, collect(`+nodeMap("e")+`) AS xs
		RETURN id, `+paged("xs", "id")+` AS nodes`, p.params(map[string]any{"ids": ids}))
}

// ArticleFacts returns, for each article id, a page of what it states: its
// evidence for relations of the given types (all when none), the most
// confident first.
func (s *Store) ArticleFacts(ctx context.Context, ids []string, types []domain.RelationType, p Page) (map[string][]domain.Evidence, error) {
	var names []string
	for _, t := range types {
		if !t.Valid() {
			return nil, domain.Errorf(domain.EINVALID, "%q is not a relation type", t)
		}
		names = append(names, string(t))
	}
	recs, err := s.query(ctx, `
		UNWIND $ids AS id
		MATCH (a:Article {id: id})-[:STATES]->(v:Evidence)
		WHERE $types IS NULL OR v.type IN $types
		WITH id, a, v ORDER BY v.confidence DESC, v.relKey, v.id
		WITH id, collect(`+evidenceMap("v", "a")+`) AS xs
		RETURN id, `+paged("xs", "id")+` AS evidence`,
		p.params(map[string]any{"ids": ids, "types": listOrNull(names)}))
	if err != nil {
		return nil, fmt.Errorf("facts of articles: %w", err)
	}
	out := make(map[string][]domain.Evidence, len(recs))
	for _, r := range recs {
		m := r.AsMap()
		id := asString(m["id"])
		for _, v := range asList(m["evidence"]) {
			out[id] = append(out[id], evidence(v))
		}
	}
	return out, nil
}

func listOrNull(ss []string) any {
	if len(ss) == 0 {
		return nil
	}
	return ss
}

// Stats counts what the graph holds. Counts by label and by relationship
// type come from Neo4j's count store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	cypher := `
		CALL () { MATCH (a:Article) RETURN count(a) AS articles }
		CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
		CALL () { MATCH (v:Evidence) RETURN count(v) AS evidence }
		CALL () { MATCH (a:Article) RETURN min(a.publishedAt) AS firstPublished, max(a.publishedAt) AS lastPublished }`
	ret := "articles, entities, evidence, firstPublished, lastPublished"
	for _, t := range domain.EntityTypes {
		l := identifier(string(t))
		cypher += `
		CALL () { MATCH (n:` + l + `) RETURN count(n) AS e_` + l + ` }`
		ret += ", e_" + l
	}
	for _, t := range domain.RelationTypes {
		r := identifier(string(t))
		cypher += `
		CALL () { MATCH ()-[r:` + r + `]->() RETURN count(r) AS r_` + r + ` }`
		ret += ", r_" + r
	}
	recs, err := s.query(ctx, cypher+"\n\t\tRETURN "+ret, nil)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	m := recs[0].AsMap()
	st := Stats{
		Articles: int(asInt(m["articles"])), Entities: int(asInt(m["entities"])), Evidence: int(asInt(m["evidence"])),
		FirstPublished: timeValue(m["firstPublished"]), LastPublished: timeValue(m["lastPublished"]),
		EntitiesByType: map[domain.EntityType]int{}, RelationsByType: map[domain.RelationType]int{},
	}
	for _, t := range domain.EntityTypes {
		st.EntitiesByType[t] = int(asInt(m["e_"+string(t)]))
	}
	for _, t := range domain.RelationTypes {
		n := int(asInt(m["r_"+string(t)]))
		st.RelationsByType[t] = n
		st.Relations += n
	}
	return st, nil
}
