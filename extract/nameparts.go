package extract

import (
	"unicode/utf8"

	"github.com/netagraph/netagraph/lexicon"
)

// addNameParts records, for one name n (its keys) of a lexicon person, its
// words, and for the name and Hindi name (the aliases may carry an
// honorific, "मान्यवर कांशीराम") the first and last words: not initials,
// titles or words that are never a name alone.
func (x *Extractor) addNameParts(e *lexicon.Entry, n string, keys []string) {
	own := x.nameKeys[e]
	if own == nil {
		own = map[string]bool{}
		x.nameKeys[e] = own
	}
	for _, k := range keys {
		own[k] = true
	}
	if n != e.Name && n != e.NameHi || len(keys) < 2 {
		return
	}
	if x.surnameKeys[e] == nil {
		x.surnameKeys[e] = map[string]bool{}
	}
	x.surnameKeys[e][keys[len(keys)-1]] = true
	words := wordKeys(n)
	if len(words) != len(keys) || x.g.hasTitle(words) {
		return
	}
	ok := func(i int) bool {
		return utf8.RuneCountInString(keys[i]) >= 3 && !x.g.has(notNames, words[i]) && !x.g.has(stopwords, words[i]) && !x.g.has(postpositions, words[i])
	}
	if ok(0) {
		x.givenNames[keys[0]] = true
	}
	if ok(len(keys) - 1) {
		x.surnames[keys[len(keys)-1]] = true
	}
}

// givenNameBefore reports whether the word before token i is someone's
// given name, so that the surname at i is not the lexicon person e's
// ("विधायक पूर्णेश मोदी", "MLA Purnesh Modi" are not Narendra Modi). It
// returns where that name starts. In English: a word written as a name that
// is no title, function word or honorific, and no given name the lexicon
// knows unless a title stands before ("Akhilesh Modi meeting" may be two
// people); in Hindi, where any word may stand before a name, only a name
// word right after a title. One of e's own names ("नरेंद्र") does not
// count. e may be nil: then any person's surname.
func (r *run) givenNameBefore(i int, e *lexicon.Entry) (int, bool) {
	toks := r.doc.toks
	p := i - 1
	if p < 0 || i >= len(toks) || toks[p].sent != toks[i].sent || toks[i].punct || r.cover[p] != nil || r.phrase[p] != nil {
		return i, false
	}
	if !r.surnameAt(i, e) {
		return i, false // "मुलायम कांशीराम": a name of one word is no surname
	}
	latin := isLatin(toks[i].orig)
	if latin != isLatin(toks[p].orig) || !r.nameWord(p, latin) || r.is(notNames, toks[p].word) || r.is(honorifics, toks[p].word) {
		return i, false
	}
	if e != nil && r.x.nameKeys[e][toks[p].key] {
		return i, false // "Narendra Damodardas Modi" in a spelling the lexicon lacks
	}
	titled := func(s int) bool {
		return s > 0 && toks[s-1].sent == toks[s].sent && r.is(titleWords, toks[s-1].word)
	}
	if !latin {
		return p, titled(p) // "अखिलेश मोदी पर बरसे": two people
	}
	if toks[p].upper || r.is(prepositions, toks[p].word) || r.is(subordinators, toks[p].word) || r.is(auxWords, toks[p].word) || r.is(thisWords, toks[p].word) {
		return i, false // "PM Modi", "When Modi"
	}
	s := p
	for s-1 >= 0 && p-s < 2 && toks[s-1].sent == toks[i].sent && !toks[s].punct && r.cover[s-1] == nil && r.nameWord(s-1, true) && !toks[s-1].upper && !r.is(honorifics, toks[s-1].word) &&
		!r.is(prepositions, toks[s-1].word) && !r.is(subordinators, toks[s-1].word) && !r.is(auxWords, toks[s-1].word) {
		s-- // "Ramesh Chandra Modi"
	}
	if titled(s) {
		return s, true
	}
	if s == r.doc.sents[toks[i].sent].start || r.x.givenNames[toks[p].key] {
		return i, false // a sentence's first word is capitalised anyway; "Rahul Modi": maybe two people
	}
	return s, true
}

// surnameAfterPlace reports whether a town's name is a person's first name:
// "ऋषिकेश पटेल", "अयोध्या प्रसाद" — a town (not a state or country) followed
// by a surname the lexicon knows. It returns where the name ends.
func (r *run) surnameAfterPlace(m match, place *lexicon.Entry) (int, bool) {
	toks := r.doc.toks
	switch place.Kind {
	case "state", "ut", "country", "region":
		return m.end, false // "गुजरात पटेल आंदोलन"
	}
	n := m.end
	if m.end-m.start != 1 || n >= len(toks) || toks[n].sent != toks[m.start].sent || toks[n].punct || r.phrase[n] != nil {
		return m.end, false
	}
	if isLatin(toks[n].orig) != isLatin(toks[m.start].orig) || isLatin(toks[n].orig) && !toks[n].title {
		return m.end, false
	}
	if !(r.x.surnames[toks[n].key] && !r.is(notNames, toks[n].word) || r.is(nameEnds, toks[n].word)) {
		return m.end, false // "अयोध्या राम मंदिर": राम ends no name here
	}
	if k := n + 1; k < len(toks) && toks[k].sent == toks[n].sent && r.is(venueWords, toks[k].word) {
		return m.end, false // "काशी विश्वनाथ मंदिर": a place's name
	}
	if b := m.start - 1; b >= 0 && toks[b].sent == toks[m.start].sent && r.is(prepositions, toks[b].word) {
		return m.end, false // "In Varanasi Modi said": the town, then the person
	}
	if lm, ok := r.x.names.longest(toks, n); ok && !(m.start > 0 && r.is(titleWords, toks[m.start-1].word)) {
		for _, a := range lm.cands {
			if a.entry.Type == "Person" {
				return m.end, false // "वाराणसी मोदी": a person the lexicon knows after the town, unless a title says whose name it is
			}
		}
	}
	return n + 1, true
}

// surnameAt reports whether token i alone is a surname: the last word of
// one of e's full names, or of any lexicon person's when e is nil.
func (r *run) surnameAt(i int, e *lexicon.Entry) bool {
	toks := r.doc.toks
	if i+1 < len(toks) && toks[i+1].sent == toks[i].sent && r.cover[i+1] != nil && r.cover[i+1].start == i {
		return false // the start of a longer name
	}
	if e == nil {
		return r.x.surnames[toks[i].key]
	}
	return r.x.surnameKeys[e][toks[i].key]
}
