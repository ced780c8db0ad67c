//go:build floor

package loader_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/internal/loadgen"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// BenchmarkLoad is `make bench-load`: the synthetic corpus
// (NETAGRAPH_BENCH_ARTICLES articles, default 10,000, of seed
// NETAGRAPH_BENCH_SEED, default 1) loaded end to end by `netagraph load` (the
// built binary, as data teams run it: reading, extraction on every core,
// batched writes with provenance) into an empty graph, against the floor:
// the same articles' rows, extracted beforehand, written into an empty graph
// with the plainest batched Cypher (store.WriteFloor: one UNWIND … MERGE
// statement per kind of row a batch, no provenance). Between the two, the
// same rows written by the store alone (extraction done beforehand) tell the
// write path's cost apart from extraction's, and the floor creating plain
// evidence nodes too tells the provenance model's cost apart from the
// store's bookkeeping. Each measurement starts from an empty database on a
// Neo4j warmed up with a smaller load written the same way, so none pays
// for Neo4j's JIT or for what a big delete leaves behind.
//
//	make bench-load
func BenchmarkLoad(b *testing.B) {
	n := loadgen.EnvInt("NETAGRAPH_BENCH_ARTICLES", 10000)
	seed := loadgen.EnvInt("NETAGRAPH_BENCH_SEED", 1)
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	writeCorpus(b, lex, uint64(seed), n, path)
	arts, err := loader.Read(path)
	if err != nil {
		b.Fatal(err)
	}
	xs := extractAll(b, lex, arts)

	warm := min(n, 1000)
	warmPath := filepath.Join(dir, "warm.jsonl")
	writeCorpus(b, lex, uint64(seed)+1, warm, warmPath)
	warmArts, err := loader.Read(warmPath)
	if err != nil {
		b.Fatal(err)
	}
	warmXs := extractAll(b, lex, warmArts)

	// Each measurement starts from an empty database (scripts/neo4j reset:
	// a big graph deleted with Cypher leaves work behind that slows the
	// next load) on a warm Neo4j: the warm-up corpus written the same way,
	// then deleted.
	st := storetest.Open(b)
	fresh := func(write func(arts []domain.Article, xs []domain.Extraction)) {
		neo4jScript(b, "reset")
		st = storetest.Open(b)
		write(warmArts, warmXs)
		storetest.Open(b)
	}
	floorWrite := func(arts []domain.Article, xs []domain.Extraction) { writeFloor(b, st, arts, xs, false) }
	evidenceWrite := func(arts []domain.Article, xs []domain.Extraction) { writeFloor(b, st, arts, xs, true) }
	storeWrite := func(arts []domain.Article, xs []domain.Extraction) { writeStore(b, st, arts, xs) }
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fresh(floorWrite)
		floor := timed(func() { floorWrite(arts, xs) })

		fresh(evidenceWrite)
		evidenceFloor := timed(func() { evidenceWrite(arts, xs) })

		fresh(storeWrite)
		storeOnly := timed(func() { storeWrite(arts, xs) })

		fresh(func([]domain.Article, []domain.Extraction) { benchLoad(b, warmPath) })
		var sum summary
		b.StartTimer()
		end := timed(func() { sum = benchLoad(b, path) })
		b.StopTimer()
		if sum.New != n || sum.Failed != 0 {
			b.Fatalf("the load wrote %d new articles of %d, %d failed", sum.New, n, sum.Failed)
		}

		rate := float64(n) / end.Seconds()
		floorRate := float64(n) / floor.Seconds()
		b.ReportMetric(rate, "articles/s")
		b.ReportMetric(float64(sum.Relations)/end.Seconds(), "relations/s")
		b.ReportMetric(floorRate, "floor-articles/s")
		b.ReportMetric(rate/floorRate, "of-floor")
		b.Logf("%d articles, %d entities and %d relations written (each relation with its evidence), batches of %d, %d CPUs",
			n, sum.Entities, sum.Relations, loader.DefaultBatchSize, runtime.NumCPU())
		b.Logf("%-44s %9s %12s %13s %9s", "", "seconds", "articles/s", "relations/s", "of floor")
		row := func(what string, d time.Duration, rels int) {
			b.Logf("%-44s %9.1f %12.0f %13.0f %9.2f", what, d.Seconds(), float64(n)/d.Seconds(), float64(rels)/d.Seconds(), floor.Seconds()/d.Seconds())
		}
		row("netagraph load (end to end)", end, sum.Relations)
		row("store.WriteArticles (extracted beforehand)", storeOnly, sum.Relations)
		row("floor: UNWIND … MERGE (extracted beforehand)", floor, sum.Relations)
		row("floor writing evidence nodes too", evidenceFloor, sum.Relations)
	}
}

func timed(f func()) time.Duration {
	t0 := time.Now()
	f()
	return time.Since(t0)
}

// benchLoad runs `netagraph load --json PATH` and returns its summary.
func benchLoad(b *testing.B, path string) summary {
	var stdout, stderr bytes.Buffer
	cmd := loadCmd(b, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("netagraph load: %v\n%s", err, stderr.String())
	}
	var s summary
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		b.Fatalf("summary %q: %v", stdout.String(), err)
	}
	return s
}

func writeCorpus(b *testing.B, lex *lexicon.Lexicon, seed uint64, n int, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := synth.New(lex, seed).Write(f, n); err != nil {
		b.Fatal(err)
	}
}

// extractAll extracts arts on every core, as the loader does.
func extractAll(b *testing.B, lex *lexicon.Lexicon, arts []domain.Article) []domain.Extraction {
	x := extract.New(lex)
	xs := make([]domain.Extraction, len(arts))
	var wg sync.WaitGroup
	var failed error
	var mu sync.Mutex
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				var err error
				if xs[i], err = x.Extract(arts[i]); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
	return xs
}

func writeFloor(b *testing.B, st *store.Store, arts []domain.Article, xs []domain.Extraction, evidence bool) {
	for j := 0; j < len(arts); j += loader.DefaultBatchSize {
		k := min(j+loader.DefaultBatchSize, len(arts))
		if err := st.WriteFloor(context.Background(), arts[j:k], xs[j:k], evidence); err != nil {
			b.Fatal(err)
		}
	}
}

func writeStore(b *testing.B, st *store.Store, arts []domain.Article, xs []domain.Extraction) {
	for j := 0; j < len(arts); j += loader.DefaultBatchSize {
		k := min(j+loader.DefaultBatchSize, len(arts))
		if _, err := st.WriteArticles(context.Background(), arts[j:k], xs[j:k]); err != nil {
			b.Fatal(err)
		}
	}
}
