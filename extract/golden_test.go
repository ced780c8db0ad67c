package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
