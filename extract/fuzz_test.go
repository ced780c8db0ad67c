package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
)

// FuzzExtract proves that no input — invalid UTF-8, long runs of one
// character, mixed scripts — panics or hangs extraction.
func FuzzExtract(f *testing.F) {
	x := testExtractor(f)
	for _, s := range []string{
		"सपा प्रमुख अखिलेश यादव ने ममता बनर्जी से मुलाकात की।",
		"Congress president Mallikarjun Kharge met Mamata Banerjee on Sunday (July 2).",
		"शुक्रवार (१७ मार्च) को कोलकाता में बैठक",
		"\xff\xfe सपा",
		strings.Repeat("क", 1000),
		strings.Repeat("सपा और ", 300),
		"उन्होंने हम हमारी पार्टी he she",
		"(((,,,।।।...",
		"\u0915\u093c \u0921\u093c \u091c\u093c\u200d \u200c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := domain.Article{Title: "t", Body: s}
		out, err := x.Extract(a)
		if err != nil {
			if utf8.ValidString(s) && strings.TrimSpace(s) != "" {
				t.Fatalf("valid input refused: %v", err)
			}
			return
		}
		for _, r := range out.Relations {
			if r.From == "" || r.To == "" || !r.Type.Valid() {
				t.Fatalf("bad relation %+v", r)
			}
		}
	})
}
