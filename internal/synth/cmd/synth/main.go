// Command synth writes a synthetic corpus (package synth) as JSON lines:
//
//	go run ./internal/synth/cmd/synth -n 10000 -seed 1 -o corpus.jsonl.gz
//
// A name ending in .gz is gzipped; without -o it writes to standard output.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
)

func main() {
	n := flag.Int("n", 10000, "number of articles")
	seed := flag.Uint64("seed", 1, "seed: the same seed gives the same corpus")
	out := flag.String("o", "", "output `FILE` (.gz to gzip); standard output if none")
	flag.Parse()
	if err := run(*n, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, out string) error {
	lex, err := lexicon.Load()
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
		if strings.HasSuffix(out, ".gz") {
			zw := gzip.NewWriter(f)
			defer zw.Close()
			w = zw
		}
	}
	return synth.New(lex, seed).Write(w, n)
}
