package extract

import (
	"github.com/netagraph/netagraph/lexicon"
)

// alias is one way of writing an entry, as the trie stores it.
type alias struct {
	entry *lexicon.Entry
	// upper is set for an all-capitals Latin alias (SP, INDIA): it matches
	// only text written in capitals, so "India" stays the country.
	upper bool
	// ambiguous is set for an alias that is also an ordinary word (आप).
	ambiguous bool
}

// trie indexes aliases by their word keys, for longest-first matching on
// word boundaries.
type trie struct {
	next    map[string]*trie
	aliases []alias
}

func (t *trie) insert(keys []string, a alias) {
	n := t
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[k]
		if c == nil {
			c = &trie{}
			n.next[k] = c
		}
		n = c
	}
	for _, old := range n.aliases {
		if old.entry == a.entry {
			if !a.ambiguous {
				old.ambiguous = false
			}
			return
		}
	}
	n.aliases = append(n.aliases, a)
}

// match is a lexicon match over tokens [start, end).
type match struct {
	start, end int
	cands      []alias
}

// longest returns the longest match starting at token i whose aliases fit
// the text's case, or ok=false.
func (t *trie) longest(toks []token, i int) (m match, ok bool) {
	n := t
	for j := i; j < len(toks) && toks[j].sent == toks[i].sent; j++ {
		n = n.next[toks[j].key]
		if n == nil {
			break
		}
		var fit []alias
		for _, a := range n.aliases {
			if a.upper && !allUpper(toks[i:j+1]) {
				continue
			}
			fit = append(fit, a)
		}
		if len(fit) > 0 {
			m, ok = match{start: i, end: j + 1, cands: fit}, true
		}
	}
	return m, ok
}

func allUpper(toks []token) bool {
	for _, t := range toks {
		if !t.upper && !isDigits(t.key) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
