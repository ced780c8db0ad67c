package store

import (
	"slices"

	"github.com/netagraph/netagraph/domain"
	"golang.org/x/text/unicode/norm"
)

// NameKey is the form names are looked up by: Unicode NFC, then
// domain.NameKey — the fold the extractor matches names by, with
// punctuation, separators and symbols dropped. So "SP", "S.P." and "sp" are
// one key, and so are "नीतीश कुमार" and "नितीश  कुमार".
func NameKey(s string) string {
	return domain.NameKey(norm.NFC.String(s))
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
