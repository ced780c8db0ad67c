package extract

import (
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/lexicon"
	"golang.org/x/text/unicode/norm"
)

// The extractor matches a name by the same fold the store looks it up by
// (domain.NameKey): the keys of a name's words, joined, are its NameKey, for
// every name and alias in the lexicon and for spellings that differ only in
// what the fold forgets.
func TestTokenKeysAreNameKeys(t *testing.T) {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"नितीश कुमार", "नीतीश कुमार", "मल्लिकार्जुन खड़गे", "ममता बैनर्जी", "S. P. Singh Baghel"}
	for _, e := range lex.Entries {
		names = append(names, e.Names()...)
	}
	bad := 0
	for _, n := range names {
		if a, b := strings.Join(tokenKeys(n), ""), domain.NameKey(norm.NFC.String(n)); a != b {
			if bad++; bad <= 10 {
				t.Errorf("%q: the extractor's key %q, the store's %q", n, a, b)
			}
		}
	}
	if strings.Join(tokenKeys("नितीश"), "") != strings.Join(tokenKeys("नीतीश"), "") {
		t.Errorf("the extractor tells नितीश from नीतीश")
	}
}
