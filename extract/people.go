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
		if j < len(toks) && toks[j].sent == toks[i].sent && latin && toks[j].title && !r.is(stopwords, toks[j].word) {
			continue // a longer capitalised run: not sure where the name ends
		}
		r.addUnknown(i+1, j)
		i = j - 1
	}
}

// nameLike reports whether token j can be part of a name.
func (r *run) nameLike(j int, latin bool) bool {
	t := r.doc.toks[j]
	if t.punct && j > 0 && !r.is(titleWords, r.doc.toks[j-1].word) {
		return false
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
		if strings.HasSuffix(t.key, e) {
			return false
		}
	}
	return true
}

// addUnknown makes tokens [s, e) a person the lexicon does not know, merged
// with others of the same normalised name.
func (r *run) addUnknown(s, e int) {
	var keys, words []string
	for _, t := range r.doc.toks[s:e] {
		keys = append(keys, t.key)
		words = append(words, t.orig)
	}
	id := "person:" + slug(strings.Join(keys, "-"))
	x := r.ents[id]
	if x == nil {
		name := strings.Join(words, " ")
		x = &ent{id: id, typ: domain.Person, name: name, conf: unknownConfidence, first: -1}
		if !isLatin(name) {
			x.name, x.nameHi = romanize(name), name
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
