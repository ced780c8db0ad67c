package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
	"golang.org/x/text/unicode/norm"
)

// ref is an argument naming an entity: its id or any of its names.
type ref struct {
	param string // the Cypher parameter holding the reference
	text  string
}

// refParams adds the parameters of resolve() for r: the reference as an id
// and the Lucene query of its name key.
func (r ref) params(m map[string]any) error {
	key := NameKey(r.text)
	if key == "" {
		return domain.Errorf(domain.EINVALID, "%q names no entity: give an id or a name", r.text)
	}
	m[r.param] = r.text
	m[r.param+"Key"] = keyQuery(key)
	return nil
}

// resolve is Cypher binding v to the entity r names, of the labels given
// (any entity when ""), carrying keep along: an exact id first, else the
// most mentioned entity with the name. It matches no row when there is none.
func (r ref) resolve(v, labels string, keep ...string) string {
	if labels == "" {
		labels = "Entity"
	}
	return cypher("resolve", struct{ Param, Labels, Keep, As string }{
		r.param, labels, strings.Join(append(keep, ""), ", "), v,
	})
}

func notFound(refs ...string) error {
	return domain.Errorf(domain.ENOTFOUND, "no entity is named %s", strings.Join(quoteAll(refs), " or "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// Search finds entities whose names or aliases match text, best first: an
// exact name or alias (as NameKey compares them; more when the case matches
// too, so "INDIA" is the coalition and "India" the country), then the
// entity_search index's matches of every word (as a word, a prefix, or a
// spelling within an edit or two), ranked by Lucene's score and then by
// mentions.
func (s *Store) Search(ctx context.Context, text string, types []domain.EntityType, p domain.Page, plan domain.Plan) ([]domain.Node, error) {
	lucene := searchQuery(text)
	if lucene == "" {
		return nil, domain.Errorf(domain.EINVALID, "search text %q has no letters or digits", text)
	}
	labels := ""
	if len(types) > 0 {
		var err error
		if labels, err = labelExpr(types...); err != nil {
			return nil, err
		}
	}
	c := newCompiler()
	params := pageParams(p, c.params)
	params["exact"], params["text"] = keyQuery(NameKey(text)), strings.TrimSpace(norm.NFC.String(text))
	params["lucene"], params["candidates"] = lucene, searchCandidates
	calls, entries, lists, err := c.subqueries("e", "", plan)
	if err != nil {
		return nil, err
	}
	recs, err := s.query(ctx, cypher("search", struct{ Labels, Calls, Node string }{labels, calls, nodeMap("e", plan, entries)}), params)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return nodesWith(recs[0].AsMap()["nodes"], lists), nil
}

func nodesWith(v any, lists []compiled) []domain.Node {
	var out []domain.Node
	for _, x := range asList(v) {
		out = append(out, nodeWith(x, lists))
	}
	return out
}

// searchCandidates bounds the index matches a search ranks.
const searchCandidates = 300

// maxSearchWords bounds the words of a search.
const maxSearchWords = 8

// searchQuery is the Lucene query for text: every word must match, as
// itself (boosted), as a prefix, or within an edit distance that grows with
// its length. Words are cut at anything but letters, marks and digits, so
// no Lucene syntax reaches the query; they are folded as extraction folds
// names (the index's hindi analyzer does the same to what it holds).
func searchQuery(text string) string {
	var clauses []string
	for _, w := range searchWords(text) {
		n := utf8.RuneCountInString(w)
		c := w + "^4"
		if n >= 2 {
			c += " OR " + w + "*^2"
		}
		switch {
		case n >= 7:
			c += " OR " + w + "~2"
		case n >= 4:
			c += " OR " + w + "~1"
		}
		clauses = append(clauses, "+("+c+")")
		if len(clauses) == maxSearchWords {
			break
		}
	}
	return strings.Join(clauses, " ")
}

func searchWords(text string) []string {
	text = norm.NFC.String(text)
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
	})
	for i, w := range words {
		words[i] = strings.Map(searchFold, w)
	}
	return words
}

// searchFold folds a rune of a search word: lower case, and Devanagari
// variants (nukta, chandrabindu, long and short i and u) as extraction
// folds them when it matches names.
func searchFold(r rune) rune {
	switch r {
	case 0x093C: // nukta
		return -1
	case 0x0901: // chandrabindu
		return 0x0902
	case 0x0940: // ी
		return 0x093F
	case 0x0942: // ू
		return 0x0941
	case 0x0908: // ई
		return 0x0907
	case 0x090A: // ऊ
		return 0x0909
	}
	if r >= 0x0966 && r <= 0x096F { // Devanagari digits
		return '0' + r - 0x0966
	}
	return unicode.ToLower(r)
}

// Timeline returns the events the entity ref names took part in (or, for a
// place, those held in it or in a place within it) between from and to
// (YYYY-MM-DD, inclusive; "" for open), in date order. An event dated by
// year or month only covers all of it. The entity's id comes back too.
func (s *Store) Timeline(ctx context.Context, entity, from, to string, p domain.Page, plan domain.Plan) (string, []domain.Node, error) {
	r := ref{"entity", entity}
	c := newCompiler()
	params := pageParams(p, c.params)
	params["from"], params["to"] = orNull(from), orNull(to)
	if err := r.params(params); err != nil {
		return "", nil, err
	}
	calls, entries, lists, err := c.subqueries("ev", "", plan)
	if err != nil {
		return "", nil, err
	}
	statement := cypher("timeline", struct{ Resolve, Calls, Node string }{r.resolve("n", ""), calls, nodeMap("ev", plan, entries)})
	recs, err := s.query(ctx, statement, params)
	if err != nil {
		return "", nil, fmt.Errorf("timeline: %w", err)
	}
	if len(recs) == 0 {
		return "", nil, notFound(entity)
	}
	m := recs[0].AsMap()
	return asString(m["id"]), nodesWith(m["nodes"], lists), nil
}
