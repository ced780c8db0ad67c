// Command seqlists rewrites gqlgen's generated executor (graph/generated.go,
// after `go tool gqlgen generate`) to marshal the items of a list one after
// the other, by the function marshalSlice of package graph, where gqlgen
// starts a goroutine for every item of every list
// (graphql.MarshalSliceConcurrently). netagraph's resolvers below a
// top-level field find their values in what its one statement read, so
// nothing is gained by running items concurrently, and the goroutines were
// the largest share of the API's own CPU (docs/api.md, bench-api).
//
// Usage: go run ../internal/seqlists generated.go
package main

import (
	"bytes"
	"fmt"
	"os"
)

const (
	concurrent = "graphql.MarshalSliceConcurrently("
	sequential = "marshalSlice("
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: seqlists FILE.go")
		os.Exit(2)
	}
	path := os.Args[1]
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seqlists:", err)
		os.Exit(1)
	}
	n := bytes.Count(src, []byte(concurrent))
	if n == 0 && !bytes.Contains(src, []byte(sequential)) {
		fmt.Fprintf(os.Stderr, "seqlists: %s calls neither %s nor %s: has gqlgen's list marshalling changed?\n", path, concurrent, sequential)
		os.Exit(1)
	}
	out := bytes.ReplaceAll(src, []byte(concurrent), []byte(sequential))
	if err := os.WriteFile(path, out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "seqlists:", err)
		os.Exit(1)
	}
}
