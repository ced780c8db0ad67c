// Command seqlists generates the GraphQL executor (graph/generated.go) as
// `gqlgen generate` does, with the fields of every object but the root
// ones resolved one after the other, in the goroutine marshalling the
// object, and the items of every list likewise:
//
//   - a plugin turns gqlgen's per-object concurrency off
//     (codegen.Object.DisableConcurrency, which gqlgen itself sets for
//     Mutation), so an object with two resolver fields (a Relation's from
//     and to, a Stance's target and evidence) no longer starts a goroutine
//     for the second;
//   - the generated calls of graphql.MarshalSliceConcurrently, which starts
//     a goroutine for every item of every list, become calls of package
//     graph's marshalSlice (gqlgen's templates call it unconditionally);
//   - every object's group of deferred fields, which stays empty when no
//     field is resolved concurrently, is no longer made (a path, a field
//     set and a map for every object marshalled).
//
// netagraph's resolvers below a top-level field find their values in what
// its one statement read, so nothing is gained by running them
// concurrently, and the goroutines were the largest share of the API's own
// CPU (docs/api.md, Speed). Top-level fields still run concurrently.
//
// It also writes graph/fastexec_gen.go, the tables of the read queries'
// executor, with a second plugin (fastTables, fast.go).
//
// Usage (graph/generate.go): go run ../internal/seqlists
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

const (
	concurrent = "graphql.MarshalSliceConcurrently("
	sequential = "marshalSlice("
	// Every object's group of deferred fields: its fields being resolved
	// in order, none is ever deferred (gqlgen defers only what it
	// resolves concurrently), so the group stays empty, and making it
	// cost a path, a field set and a map for every object marshalled.
	newGroup   = "deferred := graphql.NewDeferredGroup(ctx)"
	emptyGroup = "var deferred graphql.DeferredGroup // nothing is deferred: fields resolve in order (internal/seqlists)"
	usedGroup  = "&deferred"
)

func main() {
	if err := generate(); err != nil {
		fmt.Fprintln(os.Stderr, "seqlists:", err)
		os.Exit(1)
	}
}

func generate() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{}), api.AddPlugin(fastTables{})); err != nil {
		return err
	}
	path := cfg.Exec.Filename
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Contains(src, []byte(concurrent)) {
		return fmt.Errorf("%s calls no %s: has gqlgen's list marshalling changed?", path, concurrent)
	}
	if bytes.Contains(src, []byte(usedGroup)) {
		return fmt.Errorf("%s schedules a field in a deferred group: has gqlgen's concurrency changed?", path)
	}
	src = bytes.ReplaceAll(src, []byte(concurrent), []byte(sequential))
	src = bytes.ReplaceAll(src, []byte(newGroup), []byte(emptyGroup))
	return os.WriteFile(path, src, 0o644)
}

// sequentialFields is the gqlgen plugin that resolves the fields of every
// non-root object in order.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequentialfields" }

// GenerateCode runs after gqlgen has built the data its templates render
// and before it renders them.
func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !o.Root {
			o.DisableConcurrency = true
		}
	}
	return nil
}
