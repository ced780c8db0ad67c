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

// articleOrder is the order of articles a, and articleAfter(prefix) the
// keyset condition that a sorts after the cursor's article (the parameters
// prefix+"afterAt" and prefix+"afterID"): the templates of
// cypher/articles.cypher, for the plan's nested lists.
var articleOrder = cypher("articleOrder", nil)

func articleAfter(prefix string) string { return cypher("articleAfter", prefix) }

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

// articlesQuery is what the template articles is given: the filter's
// conditions given, the entity's resolution ("" for all articles), whether
// to count, and the plan's subqueries and projection.
type articlesQuery struct {
	Since, Until, Lang, Source bool
	Resolve                    string
	Count                      bool
	Calls, Node                string
}

// Filtered reports whether any condition is given.
func (q articlesQuery) Filtered() bool { return q.Since || q.Until || q.Lang || q.Source }

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
	q := articlesQuery{Since: f.Since != nil, Until: f.Until != nil, Lang: f.Lang != "", Source: f.Source != "", Count: count}
	if f.Entity != "" {
		r := ref{"entity", f.Entity}
		if err := r.params(params); err != nil {
			return out, err
		}
		q.Resolve = r.resolve("e", "")
	}
	calls, entries, lists, err := c.subqueries("a", "", plan)
	if err != nil {
		return out, err
	}
	q.Calls, q.Node = calls, articleMap("a", plan, entries)
	recs, err := s.query(ctx, cypher("articles", q), params)
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
	statement := cypher("article", struct{ Calls, Node string }{calls, articleMap("a", plan, entries)})
	recs, err := s.query(ctx, statement, c.params)
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
	var labels, types []string
	for _, t := range domain.EntityTypes {
		labels = append(labels, identifier(string(t)))
	}
	for _, t := range domain.RelationTypes {
		types = append(types, identifier(string(t)))
	}
	recs, err := s.query(ctx, cypher("stats", struct{ Labels, Types []string }{labels, types}), nil)
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
