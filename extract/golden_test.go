package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden extracts the project's own articles in testdata/ and compares
// the JSON with testdata/NAME.golden.json. After a deliberate change, run
// `go test ./extract -run TestGolden -update` and review the diff.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata articles")
	}
	x := testExtractor(t)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			out, err := x.Extract(articleFromFile(t, p))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(p, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s; run with -update and review the diff", p, golden)
			}
		})
	}
}

// TestConcurrent extracts the same articles from many goroutines: one
// Extractor serves a loader's workers, and its output must not depend on
// them (run with -race).
func TestConcurrent(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	x := testExtractor(t)
	want := map[string][]byte{}
	arts := map[string]domain.Article{}
	for _, p := range paths {
		arts[p] = articleFromFile(t, p)
		out, err := x.Extract(arts[p])
		if err != nil {
			t.Fatal(err)
		}
		want[p], _ = json.Marshal(out)
	}
	errs := make(chan error, 8*len(paths))
	for g := 0; g < 8; g++ {
		go func() {
			for _, p := range paths {
				out, err := x.Extract(arts[p])
				if err == nil {
					if got, _ := json.Marshal(out); !bytes.Equal(got, want[p]) {
						err = fmt.Errorf("%s: extraction differs between runs", p)
					}
				}
				errs <- err
			}
		}()
	}
	for range 8 * len(paths) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
