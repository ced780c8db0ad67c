package domain

import (
	"strings"
	"unicode"
)

// FoldRune maps a rune to the form names are compared in, or -1 to drop it.
// A name must match however a journalist typed it: nukta or not
// (खड़गे/खडगे), chandrabindu or anusvara (गाँधी/गांधी), long or short i
// and u (नीतीश/नितीश), joiners, Devanagari or ASCII digits, upper or lower
// case. The extractor matches names by it and the store looks them up by
// it (NameKey), so a name the extractor matched is one the API finds.
func FoldRune(r rune) rune {
	switch {
	case r == 0x200C || r == 0x200D || r == 0x00AD || r == 0xFEFF: // ZWNJ, ZWJ, soft hyphen, BOM
		return -1
	case r == 0x093C: // nukta
		return -1
	case r >= 0x0958 && r <= 0x095F: // क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ written as one letter: the letter without nukta
		return nuktaFree[r-0x0958]
	case r == 0x0901: // chandrabindu
		return 0x0902
	case r == 0x0940: // ी
		return 0x093F
	case r == 0x0942: // ू
		return 0x0941
	case r == 0x0949: // ॉ
		return 0x093E
	case r == 0x0908: // ई
		return 0x0907
	case r == 0x090A: // ऊ
		return 0x0909
	case r == 0x0911: // ऑ
		return 0x0906
	case r == 0x0929: // ऩ
		return 0x0928
	case r == 0x0931: // ऱ
		return 0x0930
	case r == 0x0934: // ऴ
		return 0x0933
	case r >= 0x0966 && r <= 0x096F:
		return '0' + r - 0x0966
	case r == '’' || r == '‘':
		return '\''
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0x0900 && r <= 0x097F:
		return r // Devanagari has no case: spare unicode.ToLower's search
	}
	return unicode.ToLower(r)
}

var nuktaFree = [8]rune{0x0915, 0x0916, 0x0917, 0x091C, 0x0921, 0x0922, 0x092B, 0x092F}

// NameKey is the form a name is looked up by: each rune folded by FoldRune,
// punctuation, separators, symbols and controls dropped — "SP", "S.P." and "sp" are
// one key, and so are "नीतीश कुमार" and "नितीश  कुमार". s should be in
// Unicode NFC, as every text the extractor and the API read is made.
func NameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.P, unicode.Z, unicode.S, unicode.Cc) {
			return -1
		}
		return FoldRune(r)
	}, s)
}
