package store_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store/storetest"
)

// benchCorpus is a synthetic corpus extracted once: NETAGRAPH_BENCH_ARTICLES
// articles (default 1000) of seed 1.
var benchCorpus = sync.OnceValues(func() ([]domain.Article, []domain.Extraction) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("NETAGRAPH_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	return synthCorpus(1, n)
})

// synthCorpus is n articles of the synthetic corpus of seed, extracted.
func synthCorpus(seed uint64, n int) ([]domain.Article, []domain.Extraction) {
	lex, err := lexicon.Load()
	if err != nil {
		panic(err)
	}
	g, x := synth.New(lex, seed), extract.New(lex)
	arts := make([]domain.Article, n)
	xs := make([]domain.Extraction, n)
	for i := range n {
		s := g.Article(i)
		a := domain.Article{ID: s.ID, URL: s.URL, Title: s.Title, Body: s.Body, Lang: s.Lang, Source: s.Source, Origin: fmt.Sprint(i)}
		if s.PublishedAt != "" {
			t, err := loader.ParseDate(s.PublishedAt)
			if err != nil {
				panic(err)
			}
			a.PublishedAt = &t
		}
		if a.ID == "" {
			a.ID = extract.ArticleID(a.Text())
		}
		if xs[i], err = x.Extract(a); err != nil {
			panic(err)
		}
		arts[i] = a
	}
	return arts, xs
}

// BenchmarkWriteArticles writes the synthetic corpus into an empty graph in
// batches of several sizes, through the store alone (extraction done
// before): the write path's cost, and the batch size that suits it.
//
//	make test-neo4j-env; go test -run '^$' -bench WriteArticles -benchtime 1x ./store/
func BenchmarkWriteArticles(b *testing.B) {
	arts, xs := benchCorpus()
	for _, size := range []int{10, 50, 100, 200, 500} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			st := storetest.Open(b)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				storetest.Open(b)
				b.StartTimer()
				c0 := neo4jCPU()
				defer func() { b.ReportMetric((neo4jCPU()-c0)/float64(len(arts))*1000, "neo4j-cpu-ms/article") }()
				for j := 0; j < len(arts); j += size {
					k := min(j+size, len(arts))
					if _, err := st.WriteArticles(context.Background(), arts[j:k], xs[j:k]); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// neo4jCPU is the CPU seconds the Neo4j process NETAGRAPH_BENCH_NEO4J_PID
// has used, or 0.
func neo4jCPU() float64 {
	b, err := os.ReadFile("/proc/" + os.Getenv("NETAGRAPH_BENCH_NEO4J_PID") + "/stat")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	u, _ := strconv.ParseFloat(f[11], 64)
	s, _ := strconv.ParseFloat(f[12], 64)
	return (u + s) / 100
}
