package extract

import (
	"sync"
	"testing"

	"github.com/netagraph/netagraph/lexicon"
)

var (
	sharedOnce sync.Once
	sharedX    *Extractor
	sharedErr  error
)

// testExtractor returns an extractor over the embedded lexicon, loaded once.
func testExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	sharedOnce.Do(func() {
		lex, err := lexicon.Load()
		if err != nil {
			sharedErr = err
			return
		}
		sharedX = New(lex)
	})
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedX
}
