package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
	"golang.org/x/text/unicode/norm"
)

// fold maps a rune to its matching form, or -1 to drop it: the fold names
// are compared in everywhere (domain.FoldRune), so a name the extractor
// matches is one the store finds.
func fold(r rune) rune { return domain.FoldRune(r) }

// lightFold is fold for the words of the grammar: it keeps vowel length,
// which tells की (of) from कि (that).
func lightFold(r rune) rune {
	switch r {
	case 0x0940, 0x0942, 0x0908, 0x090A:
		return r
	}
	return fold(r)
}

// foldString folds a whole string (already NFC).
func foldString(s string) string {
	return foldWith(s, fold)
}

// foldBoth returns foldString(s) and wordString(s) in one pass.
func foldBoth(s string) (key, word string) {
	same, sameWord := true, true
	for _, r := range s {
		f := fold(r)
		same = same && f == r
		sameWord = sameWord && lightFold(r) == r
	}
	if same {
		return s, s
	}
	var k, w strings.Builder
	k.Grow(len(s))
	if !sameWord {
		w.Grow(len(s))
	}
	for _, r := range s {
		if f := fold(r); f >= 0 {
			k.WriteRune(f)
		}
		if !sameWord {
			if f := lightFold(r); f >= 0 {
				w.WriteRune(f)
			}
		}
	}
	if sameWord {
		return k.String(), s
	}
	return k.String(), w.String()
}

// wordString folds a grammar word (already NFC).
func wordString(s string) string { return foldWith(s, lightFold) }

func foldWith(s string, fold func(rune) rune) string {
	same := true
	for _, r := range s {
		if fold(r) != r {
			same = false
			break
		}
	}
	if same {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := fold(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

func isWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	case r >= 0x0900 && r <= 0x097F: // Devanagari: all but the dandas and the abbreviation sign
		return r != 0x0964 && r != 0x0965 && r != 0x0970
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == 0x200C || r == 0x200D
}

// token is one word of the text.
type token struct {
	key   string // folded form, for matching names
	word  string // lightly folded form, for the words of the grammar
	orig  string // as written (NFC)
	start int    // rune offset in the NFC text
	end   int
	// upper is true for a Latin word written all in capitals (SP, INDIA).
	upper bool
	// title is true for a Latin word starting with a capital.
	title bool
	// punct is true when punctuation stands between this word and the one
	// before it (a comma ends a name); stop when that punctuation ends a
	// clause (; : — |).
	punct, stop bool
	sent        int
}

// maxSentenceTokens cuts a run-on "sentence" (a list, a table, garbage) so
// that the rules, which look back within a sentence, stay linear in the
// article's length.
const maxSentenceTokens = 200

// sentence is a span of tokens with its text.
type sentence struct {
	text       string
	start, end int // token indexes, end exclusive
	para       int
}

// document is an article's text cut into tokens and sentences.
type document struct {
	text  []rune
	toks  []token
	sents []sentence
}

// newDocument normalises text to NFC and cuts it into tokens and sentences.
// Offsets are in runes of the NFC text.
func newDocument(text string) *document {
	text = norm.NFC.String(text)
	d := &document{text: []rune(text)}
	d.toks = make([]token, 0, len(d.text)/5+1)
	d.sents = make([]sentence, 0, len(d.text)/80+1)
	rs := d.text
	// byteAt[i] is the byte offset of rune i, so that words are cut from
	// the string without copying
	byteAt := make([]int32, len(rs)+1)
	{
		i := 0
		for b := range text {
			byteAt[i] = int32(b)
			i++
		}
		byteAt[len(rs)] = int32(len(text))
	}
	para := 0
	sentStartTok, sentStartRune := 0, 0
	endSentence := func(at int) {
		if len(d.toks) > sentStartTok {
			s := strings.TrimSpace(text[byteAt[sentStartRune]:byteAt[at]])
			d.sents = append(d.sents, sentence{text: s, start: sentStartTok, end: len(d.toks), para: para})
			for i := sentStartTok; i < len(d.toks); i++ {
				d.toks[i].sent = len(d.sents) - 1
			}
		}
		sentStartTok, sentStartRune = len(d.toks), at
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if isWordRune(r) {
			j := i
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
			orig := text[byteAt[i]:byteAt[j]]
			key, word := foldBoth(orig)
			if key == "" {
				i = j
				continue
			}
			upper, title := latinCase(orig)
			punct, stop := false, false
			if n := len(d.toks); n > 0 {
				for _, c := range rs[d.toks[n-1].end:i] {
					punct = punct || !unicode.IsSpace(c)
					stop = stop || c == ';' || c == ':' || c == '—' || c == '|'
				}
			}
			d.toks = append(d.toks, token{key: key, word: word, orig: orig, start: i, end: j, upper: upper, title: title, punct: punct, stop: stop})
			i = j
			if len(d.toks)-sentStartTok >= maxSentenceTokens {
				endSentence(i) // bounds the work per sentence, whatever the input
			}
			continue
		}
		switch r {
		case '\n':
			endSentence(i + 1)
			para++
		case '।', '?', '!', '॥':
			endSentence(i + 1)
		case '.':
			if d.isSentenceDot(i) {
				endSentence(i + 1)
			}
		}
		i++
	}
	endSentence(len(rs))
	return d
}

// isSentenceDot tells a full stop from the dot of an initial (J. P. Nadda),
// an abbreviation (Dr.) or a number (2.5).
func (d *document) isSentenceDot(i int) bool {
	rs := d.text
	if i+1 < len(rs) && unicode.IsDigit(rs[i+1]) {
		return false
	}
	if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '"' && rs[i+1] != '\'' && rs[i+1] != '”' {
		return false // U.P., e.g.
	}
	if n := len(d.toks); n > 0 && d.toks[n-1].end == i {
		w := d.toks[n-1].orig
		if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
			return false // an initial
		}
		if abbreviations[strings.ToLower(w)] {
			return false
		}
		if devanagariInitials[w] && i+2 < len(rs) && rs[i+2] >= 0x0900 && rs[i+2] <= 0x097F {
			return false // "एडप्पाडी के. पलानीस्वामी", "डी. जयकुमार"
		}
	}
	return true
}

// devanagariInitials are the Latin letters' names written in Devanagari, as
// initials are: के. पी. मुनुसामी.
var devanagariInitials = map[string]bool{
	"ए": true, "ओ": true, "ई": true, "बी": true, "सी": true, "डी": true, "एफ": true, "एच": true, "जे": true, "के": true, "एल": true, "एम": true,
	"एन": true, "पी": true, "क्यू": true, "आर": true, "एस": true, "टी": true, "यू": true, "वी": true, "डब्ल्यू": true, "वाई": true, "जेड": true,
}

var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "shri": true, "smt": true, "st": true,
	"jr": true, "sr": true, "vs": true, "no": true, "prof": true, "gen": true, "col": true,
	"lt": true, "hon": true, "rs": true, "govt": true, "dept": true, "sh": true,
	"डॉ": true, "श्री": true, "सं": true, "रु": true,
}

func latinCase(s string) (upper, title bool) {
	letters, uppers := 0, 0
	first := true
	for _, r := range s {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false, false
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
				if first {
					title = true
				}
			}
			first = false
		}
	}
	return letters > 0 && letters == uppers, title
}

// tokenKeys cuts an alias into folded word keys, the way the text is cut.
func tokenKeys(s string) []string { return cutWith(s, foldString) }

// wordKeys cuts grammar words the way token.word is made.
func wordKeys(s string) []string { return cutWith(s, wordString) }

func cutWith(s string, foldString func(string) string) []string {
	s = norm.NFC.String(s)
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		if k := foldString(string(rs[i:j])); k != "" {
			out = append(out, k)
		}
		i = j
	}
	return out
}
