package extract

import (
	"github.com/netagraph/netagraph/lexicon"
)

// Phrases found by pattern, not by the lexicon: they keep the names inside
// them from becoming mentions, as the lexicon's phrases do.
var (
	venuePhrase  = &lexicon.Entry{ID: "phrase:venue", Type: "Phrase", Name: "a venue named after a person"}
	schemePhrase = &lexicon.Entry{ID: "phrase:scheme", Type: "Phrase", Name: "a scheme named after the country"}
)

// markPhrase makes tokens [s, e) a phrase.
func (r *run) markPhrase(s, e int, p *lexicon.Entry) {
	for j := s; j < e; j++ {
		r.phrase[j] = p
	}
}

// venueAfter reports whether the words from token i complete the name of a
// venue named after the person just before: "मैदान", "स्मृति उपवन",
// "International Stadium". It returns the token after the venue word. "X
// मैदान में उतरे" (entered the fray) and "X नगर निगम" are no venue.
func (r *run) venueAfter(i int) (int, bool) {
	toks := r.doc.toks
	if i <= 0 || i >= len(toks) || toks[i].sent != toks[i-1].sent {
		return i, false
	}
	j := i
	for j < len(toks) && j-i < 2 && toks[j].sent == toks[i].sent && !toks[j].punct && r.is(venueGlue, toks[j].word) {
		j++
	}
	if j >= len(toks) || toks[j].sent != toks[i].sent || toks[j].punct || !r.is(venueWords, toks[j].word) || r.cover[j] != nil {
		return i, false
	}
	if isLatin(toks[j].orig) != isLatin(toks[i-1].orig) || isLatin(toks[j].orig) && !toks[j].title {
		return i, false // "Modi park": a Latin venue is written as a name
	}
	for k := j + 1; k <= j+2 && k < len(toks) && toks[k].sent == toks[j].sent; k++ {
		if r.is(notVenueAfter, toks[k].word) || toks[k].key == toks[j].key {
			return i, false // "मैदान में उतरे", "नगर निगम", "बाग-बाग"
		}
	}
	return j + 1, true
}

// initialMisread reports whether a name match begins with a Devanagari
// initial written without its dot that is also a case marker: "के लक्ष्मण"
// in "भाजपा के लक्ष्मण बाग" is the genitive and a name, not "के. लक्ष्मण".
func (r *run) initialMisread(m match) bool {
	toks := r.doc.toks
	t := toks[m.start]
	if m.end-m.start != 2 || !devanagariInitials[t.orig] || !r.is(postpositions, t.word) || r.initial(m.start) {
		return false // "के सी वेणुगोपाल": more initials make a name
	}
	p := m.start - 1
	return p >= 0 && toks[p].sent == t.sent && !toks[m.start].punct && !r.is(titleWords, toks[p].word)
}

// schemeName reports whether a match of the country is part of a scheme's
// name: "आयुष्मान भारत योजना", "Digital India mission", "Startup India" —
// India with a scheme word after it, or after a Latin word written as a
// name that the lexicon does not know.
func (r *run) schemeName(m match) bool {
	india := false
	for _, a := range m.cands {
		india = india || a.entry.ID == "place:india"
	}
	if !india {
		return false
	}
	toks := r.doc.toks
	if m.end < len(toks) && toks[m.end].sent == toks[m.start].sent && !toks[m.end].punct && r.is(schemeWords, toks[m.end].word) {
		return true
	}
	if p := m.start - 1; p >= 0 && toks[p].sent == toks[m.start].sent && !toks[m.start].punct && isLatin(toks[p].orig) && isLatin(toks[m.start].orig) &&
		toks[p].title && !toks[p].upper && r.cover[p] == nil && !r.is(stopwords, toks[p].word) && !r.is(prepositions, toks[p].word) && !r.is(titleWords, toks[p].word) && p > r.doc.sents[toks[p].sent].start {
		return true // "Digital India", "Startup India"; not "In India", "Visit India" at a sentence's start
	}
	return false
}
