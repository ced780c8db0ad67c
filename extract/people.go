package extract

import (
	"strings"
	"unicode"

	"github.com/netagraph/netagraph/domain"
)

// unknownConfidence is the confidence of a person found only from the way the
// text names them, not from the lexicon.
const unknownConfidence = 0.6

// verbEndings end Hindi verb forms that follow a title but are no name
// ("नेता सुझाव देंगे").
var verbEndings = []string{"ेंगे", "ेंगि", "ेगा", "ेगि", "ंगे", "ाएंगे", "िया", "ाया"}

// findUnknownPeople finds people the lexicon does not know from a title
// before their name ("प्रवक्ता राम कुमार", "Governor Ramesh Bais").
func (r *run) findUnknownPeople() {
	toks := r.doc.toks
	for i := 0; i < len(toks)-1; i++ {
		if !r.is(titleWords, toks[i].word) || r.cover[i] != nil && r.cover[i].e.typ == domain.Person {
			continue
		}
		latin := isLatin(toks[i].orig)
		j := i + 1
		for j < len(toks) && j-i <= 3 && toks[j].sent == toks[i].sent && r.nameLike(j, latin) {
			j++
		}
		n := j - (i + 1)
		if n < 2 || j < len(toks) && toks[j].sent == toks[i].sent && r.cover[j] != nil && r.cover[j].e.typ == domain.Person {
			continue
		}
		if j < len(toks) && toks[j].sent == toks[i].sent && latin && toks[j].title && !toks[j].punct && !r.is(stopwords, toks[j].word) {
			continue // a longer capitalised run: not sure where the name ends
		}
		r.addUnknown(i+1, j)
		i = j - 1
	}
}

// findListedPeople finds people the lexicon does not know where the text
// lists them with a party or with other people: "भाजपा के कंवरपाल गुर्जर,
// मूलचंद शर्मा और जेपी दलाल", "Atul Bora and Keshab Mahanta of the Asom
// Gana Parishad". Such a name must end where names end: at a comma, a
// conjunction, a case marker or the end of the clause.
func (r *run) findListedPeople() {
	toks := r.doc.toks
	for i := 0; i < len(toks)-1; i++ {
		m := r.cover[i]
		var start int
		switch {
		case m != nil && m.e.typ == domain.Party && !m.ref && i == m.end-1 && r.is(genitive, toks[i+1].word) && toks[i+1].sent == toks[i].sent:
			start = i + 2 // "भाजपा के X"
		case m != nil && m.e.typ == domain.Person && i == m.end-1 && toks[i+1].sent == toks[i].sent:
			start = i + 1 // "X, Y", "X और Y"
			if r.is(coordinators, toks[start].word) {
				start++
			} else if !r.commaAt(start) {
				continue // "खड़गे 'रिमोट कंट्रोल' से": a quote is no list
			}
		default:
			continue
		}
		afterParty := m.e.typ == domain.Party
		for start < len(toks) {
			end, ok := r.listedName(start, toks[i].sent)
			if !ok {
				break
			}
			if afterParty {
				// "भाजपा के X" alone may be "भाजपा के राष्ट्रीय अधिवेशन": only a
				// list ("भाजपा के A, B और C") or an agent ("भाजपा के X ने") is people
				afterParty = false
				if next, ok := r.listNext(end, toks[i].sent); !ok && !(end < len(toks) && r.is(caseOfName, toks[end].word) && end-start == 2 && !isLatin(toks[start].orig)) {
					break
				} else if ok {
					if _, ok := r.listedName(next, toks[i].sent); !ok && !(r.cover[next] != nil && r.cover[next].e.typ == domain.Person) {
						break
					}
				}
			}
			r.addUnknown(start, end)
			// the list goes on: ", Z", "और Z"
			start = end
			if start < len(toks) && r.is(coordinators, toks[start].word) {
				start++
			} else if !r.commaAt(start) {
				break
			}
		}
	}
	// English: "K. Rajan of the Communist Party of India", "A, B and C of the CPI(M)"
	for i := 0; i+3 < len(toks); i++ {
		if r.cover[i] != nil || !toks[i].title || i > 0 && toks[i-1].title && !toks[i].punct && r.cover[i-1] == nil {
			continue
		}
		var runs [][2]int
		j := i
		for {
			if c := r.cover[j]; c != nil && c.e.typ == domain.Person && j == c.start {
				j = c.end // a name the lexicon knows, inside the list
			} else {
				k := j
				for k < len(toks) && k-j < 4 && toks[k].sent == toks[i].sent && r.nameWord(k, true) && (k == j || !toks[k].punct || latinInitial(toks[k-1])) {
					k++
				}
				if k-j < 2 {
					break
				}
				runs = append(runs, [2]int{j, k})
				j = k
			}
			if j < len(toks) && toks[j].sent == toks[i].sent && (r.is(coordinators, toks[j].word) || toks[j].punct && !toks[j].stop && toks[j].title) {
				if r.is(coordinators, toks[j].word) {
					j++
				}
				continue
			}
			break
		}
		if len(runs) == 0 || j+2 >= len(toks) || toks[j].word != "of" || toks[j+1].word != "the" {
			continue
		}
		if c := r.cover[j+2]; c != nil && c.e.typ == domain.Party {
			for _, run := range runs {
				r.addUnknown(run[0], run[1])
			}
			i = j
		}
	}
}

// listNext returns where the next name of a list starts after token end:
// past a comma or a conjunction.
func (r *run) listNext(end, sent int) (int, bool) {
	toks := r.doc.toks
	if end >= len(toks) || toks[end].sent != sent {
		return end, false
	}
	if r.is(coordinators, toks[end].word) {
		return end + 1, true
	}
	return end, r.commaAt(end)
}

// commaAt reports whether a comma stands right before token j.
func (r *run) commaAt(j int) bool {
	toks := r.doc.toks
	if j <= 0 || j >= len(toks) || !toks[j].punct {
		return false
	}
	for _, c := range r.doc.text[toks[j-1].end:toks[j].start] {
		if c == ',' {
			return true
		}
	}
	return false
}

// listedName reads a name of two or three words at token s, within
// sentence sent, ended the way a listed name ends.
func (r *run) listedName(s, sent int) (int, bool) {
	toks := r.doc.toks
	if s >= len(toks) || toks[s].sent != sent || r.cover[s] != nil {
		return s, false
	}
	latin := isLatin(toks[s].orig)
	j := s
	for j < len(toks) && j-s < 3 && toks[j].sent == sent && r.nameWord(j, latin) && (j == s || !toks[j].punct || latinInitial(toks[j-1])) {
		j++
	}
	if j-s < 2 {
		return s, false
	}
	if j < len(toks) && toks[j].sent == sent && !toks[j].punct && !r.is(coordinators, toks[j].word) && !r.is(postpositions, toks[j].word) && !(latin && !toks[j].title && !r.is(stopwords, toks[j].word)) {
		return s, false // "भाजपा के हाथ मजबूत करने": not where a name ends
	}
	if latin && j < len(toks) && toks[j].sent == sent && toks[j].title && !toks[j].punct {
		return s, false
	}
	return j, true
}

// nameLike reports whether token j can be part of a name.
func (r *run) nameLike(j int, latin bool) bool {
	t := r.doc.toks[j]
	if t.punct && j > 0 && !r.is(titleWords, r.doc.toks[j-1].word) && !r.initial(j-1) {
		return false
	}
	return r.nameWord(j, latin)
}

// initial reports whether token j is a Devanagari initial: "के." of "के.
// पी. मुनुसामी".
func (r *run) initial(j int) bool {
	t := r.doc.toks[j]
	return devanagariInitials[t.orig] && t.end < len(r.doc.text) && r.doc.text[t.end] == '.'
}

// nameWord reports whether token j, wherever it stands, is a word a name
// may have.
func (r *run) nameWord(j int, latin bool) bool {
	t := r.doc.toks[j]
	if r.cover[j] == nil && r.phrase[j] == nil && r.initial(j) && j+1 < len(r.doc.toks) && r.doc.toks[j+1].sent == t.sent {
		return true
	}
	if r.cover[j] != nil || r.phrase[j] != nil || r.is(stopwords, t.word) || r.is(speechVerbs, t.word) || r.is(titleWords, t.word) || r.is(postpositions, t.word) || isDigits(t.key) || r.is(coordinators, t.word) {
		return false
	}
	if latin != isLatin(t.orig) {
		return false
	}
	if latin {
		return t.title // an initial (K. Selvaperunthagai) too
	}
	if len([]rune(t.key)) < 2 {
		return false
	}
	for _, e := range verbEndings {
		if strings.HasSuffix(t.key, e) && !(e == "िया" && len([]rune(t.key)) > 4) {
			return false // "किया", "दिया"; not "चौरसिया", "भाटिया"
		}
	}
	return true
}

// addUnknown makes tokens [s, e) a person the lexicon does not know, merged
// with others of the same normalised name.
func (r *run) addUnknown(s, e int) {
	if last := r.doc.toks[e-1].word; r.is(venueWords, last) && !r.is(surnameVenues, last) {
		return // "राजेंद्र नगर", "Lal Bahadur Stadium": a venue, never a person
	}
	var keys, words []string
	for _, t := range r.doc.toks[s:e] {
		keys = append(keys, t.key)
		if latinInitial(t) {
			words = append(words, t.orig+".") // "K. Rajan"
		} else {
			words = append(words, t.orig)
		}
	}
	id := "person:" + slug(strings.Join(keys, "-"))
	x := r.ents[id]
	if x == nil {
		name := strings.Join(words, " ")
		x = &ent{id: id, typ: domain.Person, name: name, conf: unknownConfidence, first: -1}
		if s > 0 && r.doc.toks[s-1].sent == r.doc.toks[s].sent {
			x.intro = r.doc.toks[s-1].orig // the title, or the word the list follows
		}
		if !isLatin(name) {
			x.name, x.nameHi = romanize(name), name
			x.variants = romanizeVariants(name)
		}
		r.ents[id] = x
	}
	r.addMention(x, s, e, false)
}

// slug makes an id part from a name: lower case, words joined by '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// latinInitial reports whether a token is an initial: one capital letter
// ("K" of "K. Rajan").
func latinInitial(t token) bool {
	return t.upper && len(t.orig) == 1
}
