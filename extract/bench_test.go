package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/lexicon"
)

// articleFromFile reads a .txt article: headline, standfirst, body.
func articleFromFile(tb testing.TB, path string) domain.Article {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	parts := strings.SplitN(string(b), "\n", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return domain.Article{ID: filepath.Base(path), Title: parts[0], Standfirst: parts[1], Body: parts[2]}
}

// benchArticles is a realistic mix: the project's own test articles, and
// the shared dev corpus when it is beside the repository.
func benchArticles(b *testing.B, pattern string) []domain.Article {
	var paths []string
	for _, dir := range []string{"testdata", "../../shared/corpus/dev"} {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		b.Fatal("no articles to benchmark")
	}
	var out []domain.Article
	for _, p := range paths {
		out = append(out, articleFromFile(b, p))
	}
	return out
}

func benchmarkExtract(b *testing.B, arts []domain.Article) {
	x := testExtractor(b)
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text()))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtract measures extraction over every article, Hindi and English.
func BenchmarkExtract(b *testing.B) { benchmarkExtract(b, benchArticles(b, "*.txt")) }

// BenchmarkExtractHindi measures extraction of Hindi articles only: the goal
// is 5 MB/s per core.
func BenchmarkExtractHindi(b *testing.B) {
	var hi []domain.Article
	for _, a := range benchArticles(b, "*.txt") {
		if detectLang(a, newDocument(a.Text())) == "hi" {
			hi = append(hi, a)
		}
	}
	benchmarkExtract(b, hi)
}

// BenchmarkLexiconLoad measures loading and indexing the embedded lexicon:
// the goal is under 200 ms.
func BenchmarkLexiconLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		lex, err := lexicon.Load()
		if err != nil {
			b.Fatal(err)
		}
		New(lex)
	}
}
