package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Articles are listed the most recently published first (undated ones
// last), then by id: an article's date and id do not change, so a cursor
// stays valid while others are loaded.

// undated sorts undated articles after every dated one.
var undated = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

const articleOrder = `coalesce(a.publishedAt, $undated) DESC, a.id`

// articleAfter is the keyset condition: a sorts after the cursor's article
// (the parameters prefix+afterAt and prefix+afterID).
func articleAfter(prefix string) string {
	at, id := "$"+prefix+"afterAt", "$"+prefix+"afterID"
	return `(` + at + ` IS NULL OR coalesce(a.publishedAt, $undated) < ` + at + `
	OR (coalesce(a.publishedAt, $undated) = ` + at + ` AND a.id > ` + id + `))`
}

func articleCursor(a domain.StoredArticle) string {
	at := undated
	if a.PublishedAt != nil {
		at = a.PublishedAt.UTC()
	}
	return encodeCursor("article", at.Format(time.RFC3339Nano), a.ID)
}

// articlePage adds the parameters of a page of articles after cursor, their
// names prefixed.
func articlePage(first int, after string, params map[string]any, prefix string) error {
	params[prefix+"first"] = first
	params["undated"] = undated
	params[prefix+"afterAt"], params[prefix+"afterID"] = nil, nil
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
	params[prefix+"afterAt"], params[prefix+"afterID"] = t, id
	return nil
}

// Articles returns a page of the articles matching f, with plan's lists,
// and their number when count is true.
func (s *Store) Articles(ctx context.Context, f domain.ArticleFilter, first int, after string, count bool, plan domain.Plan) (domain.Connection[domain.StoredArticle], error) {
	var out domain.Connection[domain.StoredArticle]
	c := newCompiler()
	params := c.params
	params["since"], params["until"] = timeOrNull(f.Since), timeOrNull(f.Until)
	params["lang"], params["source"] = orNull(f.Lang), orNull(f.Source)
	if err := articlePage(first, after, params, ""); err != nil {
		return out, err
	}
	// Only the conditions given: with none, Neo4j counts articles from its
	// count store (or, for an entity's, its degree) instead of reading each.
	var conds []string
	for _, c := range []struct {
		given bool
		cond  string
	}{
		{f.Since != nil, "a.publishedAt >= $since"}, {f.Until != nil, "a.publishedAt < $until"},
		{f.Lang != "", "a.lang = $lang"}, {f.Source != "", "a.source = $source"},
	} {
		if c.given {
			conds = append(conds, c.cond)
		}
	}
	cond := "true"
	if len(conds) > 0 {
		cond = strings.Join(conds, " AND ")
	}
	var cypher, scope string
	match := `MATCH (a:Article) WHERE `
	if f.Entity != "" {
		r := ref{"entity", f.Entity}
		if err := r.params(params); err != nil {
			return out, err
		}
		cypher, scope = r.resolve("e", ""), "e"
		match = `MATCH (a:Article)-[:MENTIONS]->(e) WHERE `
	}
	total := "-1 AS total"
	if count {
		if len(conds) == 0 {
			match = strings.TrimSuffix(match, " WHERE ")
			cypher += `
CALL (` + scope + `) { ` + match + ` RETURN count(a) AS total }`
			match += " WHERE "
		} else {
			cypher += `
CALL (` + scope + `) { ` + match + cond + ` RETURN count(a) AS total }`
		}
		total = "total"
	}
	calls, entries, lists, err := c.subqueries("a", "", plan)
	if err != nil {
		return out, err
	}
	cypher += `
CALL (` + scope + `) {
	` + match + cond + ` AND ` + articleAfter("") + `
	WITH a ORDER BY ` + articleOrder + ` LIMIT $first + 1` + calls + `
	RETURN collect(` + articleMap("a", plan, entries) + `) AS rows
}
RETURN ` + total + `, rows`
	recs, err := s.query(ctx, cypher, params)
	if err != nil {
		return out, fmt.Errorf("articles: %w", err)
	}
	if len(recs) == 0 {
		return out, notFound(f.Entity)
	}
	m := recs[0].AsMap()
	out.Total = int(asInt(m["total"]))
	for _, v := range asList(m["rows"]) {
		out.Items = append(out.Items, storedArticle(v, lists))
	}
	endPage(&out, first, articleCursor)
	return out, nil
}

// Article returns the article with the given id, with plan's lists, or nil.
func (s *Store) Article(ctx context.Context, id string, plan domain.Plan) (*domain.StoredArticle, error) {
	c := newCompiler()
	c.params["id"] = id
	calls, entries, lists, err := c.subqueries("a", "", plan)
	if err != nil {
		return nil, err
	}
	recs, err := s.query(ctx, `MATCH (a:Article {id: $id})`+calls+`
RETURN `+articleMap("a", plan, entries)+` AS a`, c.params)
	if err != nil {
		return nil, fmt.Errorf("article: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	a := storedArticle(recs[0].AsMap()["a"], lists)
	return &a, nil
}

func listOrNull(ss []string) any {
	if len(ss) == 0 {
		return nil
	}
	return ss
}

// Stats counts what the graph holds. Counts by label and by relationship
// type come from Neo4j's count store.
func (s *Store) Stats(ctx context.Context) (domain.Stats, error) {
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
		return domain.Stats{}, fmt.Errorf("stats: %w", err)
	}
	m := recs[0].AsMap()
	st := domain.Stats{
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
