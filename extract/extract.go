// Package extract reads an article and finds the people, parties, coalitions,
// places, bodies and events it names and the relations it states between
// them. It is pure: text in, domain.Extraction out, no I/O, no clock, no
// randomness, deterministic order.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/lexicon"
	"golang.org/x/text/unicode/norm"
)

// DefaultMaxBytes is the largest article extracted unless Options say
// otherwise: far above any news article, small enough to bound time and
// memory.
const DefaultMaxBytes = 2 << 20

// Extractor extracts articles against one lexicon. It is safe for
// concurrent use.
type Extractor struct {
	lex      *lexicon.Lexicon
	g        *grammar
	names    *trie
	MaxBytes int
	// Explain makes every entity, relation and event carry the rule that
	// produced it (domain.Rule).
	Explain bool
	// shortNames holds each lexicon person's first names and surnames.
	shortNames map[*lexicon.Entry][]string
	// givenNames and surnames are the first and last words of the lexicon
	// people's full names (keys), words that make a name with the word
	// next to them: "पूर्णेश मोदी" is not Narendra Modi, "ऋषिकेश पटेल"
	// not Rishikesh.
	givenNames, surnames map[string]bool
	// nameKeys holds the words of each lexicon person's names, and
	// surnameKeys the last words of their full names.
	nameKeys, surnameKeys map[*lexicon.Entry]map[string]bool
}

// New indexes the lexicon's names for matching.
func New(lex *lexicon.Lexicon) *Extractor {
	x := &Extractor{lex: lex, g: newGrammar(lex.Grammar), names: &trie{}, MaxBytes: DefaultMaxBytes, shortNames: map[*lexicon.Entry][]string{},
		givenNames: map[string]bool{}, surnames: map[string]bool{}, nameKeys: map[*lexicon.Entry]map[string]bool{}, surnameKeys: map[*lexicon.Entry]map[string]bool{}}
	for _, e := range lex.Entries {
		if e.Type == "Person" {
			x.shortNames[e] = x.g.shortNames(e.Names()...)
		}
		for _, n := range e.Names() {
			keys := tokenKeys(n)
			if e.Type == "Person" {
				x.addNameParts(e, n, keys)
			}
			if len(keys) == 0 || e.Type == "Person" && len(keys) > 1 && x.g.hasTitle(wordKeys(n)) {
				continue // "CM Hemant Soren", "बसपा प्रमुख मायावती": the rules read the title, the name is there anyway
			}
			upper, _ := latinCase(strings.Join(strings.Fields(n), ""))
			upper = upper && utf8.RuneCountInString(n) <= 8
			x.names.insert(keys, alias{entry: e, upper: upper, ambiguous: e.IsAmbiguous(n)})
		}
	}
	return x
}

// ArticleID is the id of an article that has none: a hash of its
// normalised text.
func ArticleID(text string) string {
	sum := sha256.Sum256([]byte(norm.NFC.String(strings.TrimSpace(text))))
	return hex.EncodeToString(sum[:8])
}

// Extract finds the entities, relations and events of one article.
func (x *Extractor) Extract(a domain.Article) (domain.Extraction, error) {
	text := a.Text()
	if !utf8.ValidString(text) {
		off := 0
		for off < len(text) {
			r, n := utf8.DecodeRuneInString(text[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return domain.Extraction{}, domain.Errorf(domain.EINVALID, "article %s is not valid UTF-8 (byte offset %d)", a.ID, off)
	}
	if strings.TrimSpace(a.Body) == "" && strings.TrimSpace(a.Standfirst) == "" {
		return domain.Extraction{}, domain.Errorf(domain.EINVALID, "article %s has an empty body", a.ID)
	}
	if x.MaxBytes > 0 && len(text) > x.MaxBytes {
		return domain.Extraction{}, domain.Errorf(domain.EINVALID, "article %s is %d bytes, above the limit of %d", a.ID, len(text), x.MaxBytes)
	}
	id := a.ID
	if id == "" {
		id = ArticleID(text)
	}
	r := newRun(x, text, a)
	r.articleID = id
	r.findEntities()
	r.rule = domain.Rule{Name: "title-reference"} // "सपा प्रमुख ने कहा": the titles resolved
	r.resolveReferences()
	r.findRelations()
	r.findEvents()
	out := domain.Extraction{
		Article:   domain.ArticleMeta{ID: id, Title: a.Title, Lang: detectLang(a, r.doc)},
		Entities:  r.entities(),
		Events:    r.events,
		Relations: r.relations(),
	}
	if a.PublishedAt != nil {
		s := a.PublishedAt.Format("2006-01-02")
		out.Article.PublishedAt = &s
	}
	if out.Events == nil {
		out.Events = []domain.Event{}
	}
	return out, nil
}

func detectLang(a domain.Article, d *document) string {
	if a.Lang != "" {
		return a.Lang
	}
	deva, latin := 0, 0
	for _, r := range d.text {
		switch {
		case r >= 0x0900 && r <= 0x097F:
			deva++
		case r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z':
			latin++
		}
	}
	if deva > latin {
		return "hi"
	}
	return "en"
}

// ent is an entity as one article knows it.
type ent struct {
	id     string
	typ    domain.EntityType
	entry  *lexicon.Entry // nil for people the lexicon does not know
	name   string
	nameHi string
	names  []string // as written in this article
	// variants are other spellings of an unknown person's romanised name.
	variants []string
	spans    []domain.Span
	conf     float64
	first    int // token index of the first mention
	// intro is the title that introduced a person the lexicon does not
	// know ("प्रवक्ता", "Governor"), as written.
	intro string
}

// mention is a stretch of tokens that stands for an entity: its name, a short
// name, a title ("सपा प्रमुख") or a pronoun.
type mention struct {
	e          *ent
	start, end int
	ref        bool // a pronoun or title, not a name
}

// run is the state of one extraction.
type run struct {
	x       *Extractor
	g       *grammar
	doc     *document
	article domain.Article
	ents    map[string]*ent
	cover   []*mention // per token, the mention covering it
	phrase  []*lexicon.Entry
	rels    []domain.Relation
	relSent []int // the sentence of each relation
	relSeen map[string]int
	events  []domain.Event
	dates   *dateContext
	// rule is the rule reading the text now: the relations it adds carry
	// it when the extractor explains itself.
	rule domain.Rule
	// told holds the kinds of event the sentences read so far have told.
	told map[domain.EventKind]bool
	// itemCache holds each sentence's items once references are resolved.
	itemCache [][]item
	// articleID names the article in the ids of events only it knows.
	articleID string
	// home is the state the article is about, once asked.
	home *homeOnce
}

// homeOnce holds the article's state once found (nil inside when none).
type homeOnce struct{ e *ent }

func newRun(x *Extractor, text string, a domain.Article) *run {
	d := newDocument(text)
	return &run{
		x: x, g: x.g, doc: d, article: a,
		ents:    map[string]*ent{},
		cover:   make([]*mention, len(d.toks)),
		phrase:  make([]*lexicon.Entry, len(d.toks)),
		relSeen: map[string]int{},
	}
}

// rule says what found an entity: the lexicon entry a name matched, or the
// title that introduced a person the lexicon does not know.
func (e *ent) rule() *domain.Rule {
	word := ""
	if len(e.names) > 0 {
		word = e.names[0]
	}
	if e.entry != nil {
		return &domain.Rule{Name: "lexicon", Entry: e.entry.ID, Word: word, Source: e.entry.Source}
	}
	return &domain.Rule{Name: "unknown-person", Entry: e.intro, Word: word}
}

// entityFor returns the article's entity for a lexicon entry, creating it.
func (r *run) entityFor(e *lexicon.Entry) *ent {
	if x := r.ents[e.ID]; x != nil {
		return x
	}
	x := &ent{id: e.ID, typ: domain.EntityType(e.Type), entry: e, name: e.Name, nameHi: e.NameHi, conf: 1, first: -1}
	r.ents[e.ID] = x
	return x
}

// addMention records that tokens [s, e) name x.
func (r *run) addMention(x *ent, s, e int, ref bool) *mention {
	m := &mention{e: x, start: s, end: e, ref: ref}
	for i := s; i < e; i++ {
		r.cover[i] = m
	}
	if !ref {
		t0, t1 := r.doc.toks[s], r.doc.toks[e-1]
		x.spans = append(x.spans, domain.Span{Start: t0.start, End: t1.end})
		x.names = appendUnique(x.names, string(r.doc.text[t0.start:t1.end]))
		if x.first < 0 || s < x.first {
			x.first = s
		}
	}
	return m
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// typePriority orders the entries one alias may name, most likely first.
var typePriority = map[string]int{"Party": 0, "Person": 1, "Coalition": 2, "Organization": 3, "Place": 4}

// findEntities matches lexicon names longest-first, then finds people the
// lexicon does not know, then short names of people already named.
func (r *run) findEntities() {
	toks := r.doc.toks
	type pending struct {
		m      match
		strong bool
	}
	var found []pending
	strong := map[string]bool{}
	for i := 0; i < len(toks); {
		m, ok := r.x.names.longest(toks, i)
		if !ok {
			i++
			continue
		}
		if p := phraseOf(m); p != nil {
			for j := m.start; j < m.end; j++ {
				r.phrase[j] = p
			}
			i = m.end
			continue
		}
		clear := true
		for _, a := range m.cands {
			if a.ambiguous && !a.upper {
				clear = false
			}
		}
		if clear && len(distinctEntries(m.cands)) == 1 {
			strong[m.cands[0].entry.ID] = true
		}
		found = append(found, pending{m: m, strong: clear})
		i = m.end
	}
	for _, p := range found {
		if r.cover[p.m.start] != nil {
			continue // taken by a name read with the match before ("ऋषिकेश पटेल")
		}
		var best *lexicon.Entry
		for _, a := range p.m.cands {
			if !p.strong && !strong[a.entry.ID] {
				continue // an ordinary word unless the article names the entity plainly
			}
			if !p.strong && !r.nameContext(p.m.end) {
				continue
			}
			switch {
			case best == nil:
				best = a.entry
			case strong[a.entry.ID] && !strong[best.ID]:
				best = a.entry
			case strong[a.entry.ID] == strong[best.ID] && typePriority[a.entry.Type] < typePriority[best.Type]:
				best = a.entry
			}
		}
		if best == nil {
			continue
		}
		if best.Type == "Person" {
			if r.initialMisread(p.m) {
				continue // "भाजपा के लक्ष्मण": the genitive, not the initial of "के. लक्ष्मण"
			}
			if end, ok := r.venueAfter(p.m.end); ok {
				r.markPhrase(p.m.start, end, venuePhrase) // "कांशीराम स्मृति उपवन": the venue, not the person
				continue
			}
			if s, ok := r.givenNameBefore(p.m.start, best); ok && p.m.end-p.m.start == 1 {
				r.addUnknown(s, p.m.end) // "पूर्णेश मोदी", "Purnesh Modi": someone else of that surname
				continue
			}
		}
		if best.Type == "Place" {
			if e, ok := r.surnameAfterPlace(p.m, best); ok {
				r.addUnknown(p.m.start, e) // "ऋषिकेश पटेल": a person, not the town
				continue
			}
		}
		if best.Type == "Place" && r.schemeName(p.m) {
			r.markPhrase(p.m.start, p.m.end, schemePhrase) // "आयुष्मान भारत योजना"
			continue
		}
		r.addMention(r.entityFor(best), p.m.start, p.m.end, false)
	}
	r.findUnknownPeople()
	r.findShortNames()
	r.findListedPeople()
	r.findShortNames()
}

func phraseOf(m match) *lexicon.Entry {
	for _, a := range m.cands {
		if a.entry.Type == "Phrase" {
			return a.entry
		}
	}
	return nil
}

func distinctEntries(as []alias) []*lexicon.Entry {
	var out []*lexicon.Entry
	for _, a := range as {
		dup := false
		for _, e := range out {
			dup = dup || e == a.entry
		}
		if !dup {
			out = append(out, a.entry)
		}
	}
	return out
}

// nameContext reports whether the word after an ambiguous alias marks it as
// a name: a Hindi case marker ("आप ने", "आप की") or the end of a clause.
func (r *run) nameContext(next int) bool {
	if next >= len(r.doc.toks) || r.doc.toks[next].sent != r.doc.toks[next-1].sent {
		return true
	}
	return r.is(postpositions, r.doc.toks[next].word) || r.is(nameWords, r.doc.toks[next].word)
}

// findShortNames resolves a first name or surname alone ("अखिलेश",
// "Kharge") to the one person of the article whose full name has it.
func (r *run) findShortNames() {
	short := map[string][]*ent{}
	for _, id := range r.sortedIDs() {
		e := r.ents[id]
		if e.typ != domain.Person {
			continue
		}
		keys := r.x.shortNames[e.entry]
		if e.entry == nil {
			keys = r.g.shortNames(e.name, e.nameHi)
		}
		for _, n := range e.names {
			keys = appendAll(keys, r.g.shortNames(n))
		}
		for _, k := range keys {
			short[k] = append(short[k], e)
		}
	}
	full := map[*ent]int{} // mentions in full (more than one word)
	for _, id := range r.sortedIDs() {
		for _, sp := range r.ents[id].spans {
			for _, c := range r.doc.text[sp.Start:sp.End] {
				if c == ' ' {
					full[r.ents[id]]++
					break
				}
			}
		}
	}
	for i, t := range r.doc.toks {
		if r.cover[i] != nil || r.phrase[i] != nil {
			continue
		}
		if c := short[t.key]; len(c) > 0 && (t.title || !isLatin(t.orig)) {
			if _, venue := r.venueAfter(i + 1); venue {
				continue // "गांधी मैदान"
			}
			if s, given := r.givenNameBefore(i, nil); given {
				r.addUnknown(s, i+1) // "Rajendra Kharge" is not the Kharge named before
				continue
			}
			if p := mostNamed(c, full); p != nil {
				r.addMention(p, i, i+1, false)
			}
		}
	}
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x0900 && r <= 0x097F {
			return false
		}
	}
	return true
}

func (r *run) sortedIDs() []string {
	ids := make([]string, 0, len(r.ents))
	for id := range r.ents {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// entities lists the entities the article names, in order of first mention.
func (r *run) entities() []domain.Entity {
	var list []*ent
	for _, e := range r.ents {
		if len(e.spans) > 0 {
			list = append(list, e)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].first != list[j].first {
			return list[i].first < list[j].first
		}
		return list[i].id < list[j].id
	})
	out := make([]domain.Entity, 0, len(list))
	for _, e := range list {
		aliases := []string{}
		if e.entry != nil {
			for _, a := range e.entry.Aliases {
				if a != e.name && a != e.nameHi {
					aliases = appendUnique(aliases, a)
				}
			}
		}
		for _, n := range append(e.names, e.variants...) {
			if n != e.name && n != e.nameHi {
				aliases = appendUnique(aliases, n)
			}
		}
		out = append(out, domain.Entity{
			ID: e.id, Type: e.typ, Name: e.name, NameHi: e.nameHi, Aliases: aliases,
			Mentions: len(e.spans), Spans: e.spans, Confidence: e.conf,
		})
		if r.x.Explain {
			out[len(out)-1].Rule = e.rule()
		}
	}
	return out
}

// addRelation records a relation once per (type, from, to).
func (r *run) addRelation(t domain.RelationType, from, to *ent, conf float64, sent int, props map[string]any) {
	if from == nil || to == nil || from == to || !relationFits(t, from.typ, to.typ) {
		return
	}
	if len(from.spans) == 0 || len(to.spans) == 0 {
		return // only entities the article names
	}
	f, g := from.id, to.id
	if t.Symmetric() && g < f {
		f, g = g, f
	}
	key := string(t) + "|" + f + "|" + g
	if i, ok := r.relSeen[key]; ok {
		if conf > r.rels[i].Confidence {
			r.rels[i].Confidence = conf
		}
		return
	}
	if props == nil {
		props = map[string]any{}
	}
	r.relSeen[key] = len(r.rels)
	r.relSent = append(r.relSent, sent)
	r.rels = append(r.rels, domain.Relation{Type: t, From: f, To: g, Confidence: conf * min(from.conf, to.conf, 1), Evidence: r.doc.sents[sent].text, Properties: props})
	if r.x.Explain {
		rule := r.rule
		r.rels[len(r.rels)-1].Rule = &rule
	}
}

func (r *run) relations() []domain.Relation {
	r.rule = domain.Rule{Name: "leader-for-party"}
	r.liftAlliances()
	if r.rels == nil {
		return []domain.Relation{}
	}
	return r.rels
}

// liftAlliances reads an alliance between a party and another party's
// leader ("सपा तृणमूल कांग्रेस अध्यक्ष ममता बनर्जी के साथ खड़ी रहेगी") as
// also an alliance between the two parties: the leader stands for the party.
func (r *run) liftAlliances() {
	leads := map[string]string{} // person → the party the article says they lead
	for _, rel := range r.rels {
		if rel.Type == domain.Leads && r.ents[rel.To] != nil && r.ents[rel.To].typ == domain.Party {
			leads[rel.From] = rel.To
		}
	}
	for i, rel := range append([]domain.Relation(nil), r.rels...) {
		if rel.Type != domain.AlliedWith {
			continue
		}
		a, b := r.ents[rel.From], r.ents[rel.To]
		if a.typ == domain.Person {
			a, b = b, a
		}
		if a.typ != domain.Party || b.typ != domain.Person {
			continue
		}
		party := r.ents[leads[b.id]]
		if party == nil {
			party = r.partyOf(b)
		}
		if party != nil && party != a {
			r.addRelation(domain.AlliedWith, a, party, rel.Confidence*0.9, r.relSent[i], nil)
		}
	}
}

// relationFits checks a relation against the ontology's domain and range.
func relationFits(t domain.RelationType, from, to domain.EntityType) bool {
	in := func(x domain.EntityType, ts ...domain.EntityType) bool {
		for _, y := range ts {
			if x == y {
				return true
			}
		}
		return false
	}
	P, Pa, C, Pl := domain.Person, domain.Party, domain.Coalition, domain.Place
	switch t {
	case domain.Leads, domain.Joined, domain.Left:
		return (from == P && in(to, Pa, C)) || (from == Pa && to == C)
	case domain.MemberOf:
		return (from == P && in(to, Pa, C)) || (from == Pa && to == C)
	case domain.HoldsOffice:
		return from == P && to == Pl
	case domain.AlliedWith, domain.Opposes, domain.Praised, domain.Criticized, domain.Defeated:
		return in(from, P, Pa, C) && in(to, P, Pa, C)
	case domain.EquidistantFrom:
		return in(from, P, Pa) && in(to, Pa, C)
	case domain.Met:
		return from == P && to == P
	}
	return false
}

func (r *run) String() string { return fmt.Sprintf("run(%d tokens)", len(r.doc.toks)) }

// hasTitle reports whether an alias carries a title or office.
func (g *grammar) hasTitle(keys []string) bool {
	for _, k := range keys {
		if g.has(titleWords, k) || g.has(leaderTitles, k) || g.has(memberTitles, k) || g.officeWord(k) {
			return true
		}
	}
	return false
}

// shortNames are the first names and surnames by which a person with these
// names may be called alone: not titles, not "Kumar" or "Singh".
func (g *grammar) shortNames(names ...string) []string {
	var out []string
	for _, n := range names {
		keys, words := tokenKeys(n), wordKeys(n)
		if len(keys) < 2 || len(words) != len(keys) || g.hasTitle(words) {
			continue
		}
		for _, i := range []int{0, len(keys) - 1} {
			k, w := keys[i], words[i]
			if len([]rune(k)) < 3 || g.has(notNames, w) || g.has(stopwords, w) || g.has(titleWords, w) || g.officeWord(w) {
				continue
			}
			out = appendUnique(out, k)
		}
	}
	return out
}

// mostNamed picks, of the people a short name may stand for, the one the
// article names in full at least twice and twice as often as any other
// ("सिंधिया" after "ज्योतिरादित्य सिंधिया" twice and "माधवराव सिंधिया"
// once); nil when it cannot tell ("पवार" between Sharad and Ajit).
func mostNamed(c []*ent, full map[*ent]int) *ent {
	if len(c) == 1 {
		return c[0]
	}
	var best *ent
	n, second := 0, 0
	for _, e := range c {
		switch k := full[e]; {
		case k > n:
			best, second, n = e, n, k
		case k > second:
			second = k
		}
	}
	if n >= 2 && n >= 2*second {
		return best
	}
	return nil
}
