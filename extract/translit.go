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
func romanize(s string) string { return romanizeWith(s, spelling{}) }

// spelling chooses between the ways the press writes one sound.
type spelling struct {
	long   bool // ी and ू as ee and oo: Kuldeep, Poonam
	longU  bool // ू alone as oo: Poonam Devi
	w      bool // व as w everywhere: Musawat
	v      bool // व as v everywhere: Vishvendra
	finalY bool // a final i as y: Munusamy
	x      bool // क्ष inside a word as x: Laxman, Laxmi
}

// romanizeVariants are the other common spellings of a Devanagari name, for
// the aliases of a person the lexicon does not know: "कुलदीप कुमार" is
// Kuldip Kumar and Kuldeep Kumar.
func romanizeVariants(s string) []string {
	base := romanize(s)
	var out []string
	for _, sp := range []spelling{{long: true}, {longU: true}, {w: true}, {v: true}, {finalY: true}, {long: true, w: true}, {long: true, v: true}, {w: true, finalY: true}, {x: true}} {
		if v := romanizeWith(s, sp); v != base {
			out = appendUnique(out, v)
		}
	}
	return out
}

// latinInitials are the Devanagari names of Latin letters, as initials are
// written: के. पी. मुनुसामी is K. P. Munusamy.
var latinInitials = map[string]string{
	"ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H", "आई": "I", "जे": "J", "के": "K", "एल": "L", "एम": "M",
	"एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R", "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W", "वाई": "Y", "जेड": "Z",
}

func romanizeWith(s string, sp spelling) string {
	words := strings.Fields(s)
	for i, w := range words {
		if l, ok := latinInitials[strings.TrimSuffix(w, ".")]; ok && i < len(words)-1 {
			words[i] = l + "."
			continue
		}
		words[i] = romanizeWord(w, sp)
		if sp.x {
			words[i] = strings.ReplaceAll(words[i], "ksh", "x") // not a word's first letters: Kshitij
		}
	}
	return strings.Join(words, " ")
}

// unit is a consonant cluster (or none, for a vowel that stands alone) and
// the vowel said after it: "" after a halant, "a" for the inherent vowel.
type unit struct {
	cons     string
	conjunct bool // more than one consonant
	vowel    string
	inherent bool
	nasal    string // anusvara after the vowel
}

func romanizeWord(w string, sp spelling) string {
	rs := []rune(w)
	var us []unit
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		c, isCons := consonants[r]
		switch {
		case isCons:
			if i+1 < len(rs) && rs[i+1] == '\u093C' { // nukta
				if n, ok := nuktaForms[r]; ok {
					c = n
				}
				i++
			}
			if r == 'व' && !sp.v && (sp.w || i > 0 && rs[i-1] == '\u094D' || i > 0 && i+1 < len(rs) && rs[i+1] == 'ा') {
				c = "w" // the press writes w within a word: Vishwanath, Pawar, Kejriwal
			}
			if n := len(us); n > 0 && us[n-1].vowel == "" && !us[n-1].inherent && us[n-1].cons != "" && us[n-1].nasal == "" {
				us[n-1].cons += c // after a halant: one cluster
				us[n-1].conjunct = true
			} else {
				us = append(us, unit{cons: c})
			}
			u := &us[len(us)-1]
			switch next := rune(0); {
			case i+1 < len(rs) && rs[i+1] == '\u094D':
				i++
				_ = next
			case i+1 < len(rs) && matras[rs[i+1]] != "":
				u.vowel = matras[rs[i+1]]
				if sp.long && rs[i+1] == 'ी' {
					u.vowel = "ee"
				} else if (sp.long || sp.longU) && rs[i+1] == 'ू' {
					u.vowel = "oo"
				}
				i++
			default:
				u.vowel, u.inherent = "a", true
			}
		case vowels[r] != "":
			us = append(us, unit{vowel: vowels[r]})
		case r == 'ं' || r == 'ँ':
			if n := len(us); n > 0 {
				us[n-1].nasal = "n"
				if i+1 < len(rs) && strings.ContainsRune("पफबभम", rs[i+1]) {
					us[n-1].nasal = "m"
				} else if i+1 < len(rs) && rs[i+1] == 'ह' {
					us[n-1].nasal = "ng" // सिंह is Singh
				}
			}
		case r == 'ः':
			if n := len(us); n > 0 {
				us[n-1].nasal = "h"
			}
		case r >= '०' && r <= '९':
			us = append(us, unit{cons: string('0' + r - '०')})
		case r < 0x0900 || r > 0x097F:
			us = append(us, unit{cons: string(r)})
		}
	}
	dropSchwas(us)
	var b strings.Builder
	for _, u := range us {
		b.WriteString(u.cons)
		b.WriteString(u.vowel)
		b.WriteString(u.nasal)
	}
	out := []rune(b.String())
	if sp.finalY && len(out) > 2 && out[len(out)-1] == 'i' {
		out[len(out)-1] = 'y'
	}
	if len(out) > 0 {
		out[0] = unicode.ToUpper(out[0])
	}
	return string(out)
}

// dropSchwas removes the inherent vowels Hindi does not say: at the end of
// a word (not after a conjunct: राजेंद्र), and between a vowel and a
// consonant that has one (रामनिवास is Ramniwas, कमलनाथ is Kamalnath),
// deciding from the right.
func dropSchwas(us []unit) {
	n := len(us)
	if n > 1 {
		if u := &us[n-1]; u.inherent && !u.conjunct && u.nasal == "" {
			u.vowel = ""
		}
	}
	for i := n - 2; i >= 1; i-- {
		u, prev, next := &us[i], us[i-1], us[i+1]
		if u.inherent && !u.conjunct && u.nasal == "" && u.vowel == "a" &&
			prev.vowel != "" && next.cons != "" && !next.conjunct && next.vowel != "" {
			u.vowel = ""
		}
	}
}
