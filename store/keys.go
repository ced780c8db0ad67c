package store

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NameKey is the form names are looked up by: Unicode NFC, case folded, with
// punctuation, separators and symbols dropped. It is the comparison the
// scorer (../shared/tools/score) uses, so "SP", "S.P." and "sp" are one key,
// and so are "समाजवादी पार्टी" and "समाजवादी  पार्टी".
func NameKey(s string) string {
	s = cases.Fold().String(norm.NFC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.P, unicode.Z, unicode.S) {
			return -1
		}
		return r
	}, s)
}

// nameKeys returns the distinct non-empty keys of names, in order.
func nameKeys(names ...string) []string {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		k := NameKey(n)
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
