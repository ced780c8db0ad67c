package extract

import (
	"strings"
	"unicode"
)

// Romanising Devanagari names, for people the lexicon does not know: the
// press spells "अविनाश पांडे" as Avinash Pande, so that is the English name
// such a person gets. Hunterian-style, with the inherent vowel dropped at the
// end of a word.

var consonants = map[rune]string{
	'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh", 'ञ': "n",
	'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d", 'ध': "dh", 'न': "n",
	'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r", 'ल': "l", 'व': "v", 'श': "sh",
	'ष': "sh", 'स': "s", 'ह': "h", 'ळ': "l",
}

// nuktaForms are the consonants a nukta changes.
var nuktaForms = map[rune]string{'क': "q", 'ख': "kh", 'ग': "gh", 'ज': "z", 'ड': "r", 'ढ': "rh", 'फ': "f"}

var vowels = map[rune]string{
	'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e", 'ऐ': "ai", 'ओ': "o", 'औ': "au", 'ऑ': "o",
}

var matras = map[rune]string{
	'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'े': "e", 'ै': "ai", 'ो': "o", 'ौ': "au", 'ॉ': "o",
}

// romanize spells a Devanagari name in Latin letters, each word capitalised.
func romanize(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = romanizeWord(w)
	}
	return strings.Join(words, " ")
}

func romanizeWord(w string) string {
	rs := []rune(w)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if c, ok := consonants[r]; ok {
			if r == 'व' && i > 0 && rs[i-1] == '\u094D' {
				c = "w" // in a conjunct: विश्वनाथ is Vishwanath
			}
			if i+1 < len(rs) && rs[i+1] == '\u093C' { // nukta
				if n, ok := nuktaForms[r]; ok {
					c = n
				}
				i++
			}
			b.WriteString(c)
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch {
			case next == '\u094D': // halant: no vowel
				i++
			case matras[next] != "":
				b.WriteString(matras[next])
				i++
			case next == 0:
				// the inherent vowel is not said at the end of a word, unless
				// after a conjunct ("राजेंद्र")
				if i >= 2 && rs[i-1] == '\u094D' || len(rs) <= 2 {
					b.WriteString("a")
				}
			default:
				b.WriteString("a")
			}
			continue
		}
		switch {
		case vowels[r] != "":
			b.WriteString(vowels[r])
		case r == 'ं' || r == 'ँ':
			if i+1 < len(rs) && strings.ContainsRune("पफबभम", rs[i+1]) {
				b.WriteString("m")
			} else {
				b.WriteString("n")
			}
		case r == 'ः':
			b.WriteString("h")
		case r >= '०' && r <= '९':
			b.WriteRune('0' + r - '०')
		case r < 0x0900 || r > 0x097F:
			b.WriteRune(r)
		}
	}
	out := []rune(b.String())
	if len(out) > 0 {
		out[0] = unicode.ToUpper(out[0])
	}
	return string(out)
}
