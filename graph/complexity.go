package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/maphash"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// complexityLimit is gqlgen's extension.FixedComplexityLimit — the same
// name, statistics, message and code — with the complexity it calculates
// kept per operation. An operation's complexity depends only on its
// document, its name and its variables' values (the complexity functions,
// complexityOf, see only arguments), so the same request need not walk
// its selection again: the walk was a sixth of gqlgen's per-request work
// for the party query (docs/api.md, "The API's own CPU per request").
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
	known *lru.Cache[opKey, int]
}

// maxKnownComplexities bounds the operations whose complexity is kept,
// least recently used first out; a key is 16 bytes, whatever the query's
// length.
const maxKnownComplexities = 4096

// opKey is a 128-bit hash (two maphash seeds) of an operation's
// query text, name and variables: two of the cache's 4,096 operations
// share one with odds of about 2⁻¹⁰⁴, and the seeds are the process's own,
// so a client cannot aim at a collision.
type opKey struct{ h1, h2 uint64 }

var complexitySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = &complexityLimit{}

func newComplexityLimit(limit int) *complexityLimit {
	known, err := lru.New[opKey, int](maxKnownComplexities)
	if err != nil {
		panic(err) // the size is fixed and positive
	}
	return &complexityLimit{limit: limit, known: known}
}

// ExtensionName is gqlgen's, so that extension.GetComplexityStats finds
// the statistics.
func (c *complexityLimit) ExtensionName() string { return "ComplexityLimit" }

func (c *complexityLimit) Validate(schema graphql.ExecutableSchema) error {
	c.es = schema
	return nil
}

func (c *complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	key, keyed := keyOf(oc)
	n, ok := 0, false
	if keyed {
		n, ok = c.known.Get(key)
	}
	if !ok {
		n = complexity.Calculate(ctx, c.es, op, oc.Variables)
		if keyed {
			c.known.Add(key, n)
		}
	}
	oc.Stats.SetExtension("ComplexityLimit", &extension.ComplexityStats{Complexity: n, ComplexityLimit: c.limit})
	if n > c.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", n, c.limit)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	return nil
}

// keyOf is the operation's key (operationKey), hashed once per request:
// the first extension to ask keeps it in the operation's stats, where the
// others (and the root fields' plans, which only read it) find it.
func keyOf(oc *graphql.OperationContext) (opKey, bool) {
	if k, ok := oc.Stats.GetExtension(opKeyStat).(opKey); ok {
		return k, true
	}
	op := oc.Operation
	if op == nil {
		op = oc.Doc.Operations.ForName(oc.OperationName)
	}
	if op == nil {
		return opKey{}, false
	}
	k, ok := operationKey(oc, len(op.VariableDefinitions) > 0)
	if ok {
		oc.Stats.SetExtension(opKeyStat, k)
	}
	return k, ok
}

// opKeyStat is the name keyOf keeps the key under in the operation's
// stats (which no response shows).
const opKeyStat = "netagraph.operationKey"

// operationKey hashes the operation's query text and name, with
// variables its variables' values (as JSON: maps in key order); false
// when the variables do not encode.
func operationKey(oc *graphql.OperationContext, variables bool) (opKey, bool) {
	var vars []byte
	if variables {
		var err error
		if vars, err = json.Marshal(oc.Variables); err != nil {
			return opKey{}, false
		}
	}
	var a, b maphash.Hash
	a.SetSeed(complexitySeeds[0])
	b.SetSeed(complexitySeeds[1])
	for _, h := range []*maphash.Hash{&a, &b} {
		// Each part with its length before it, so that no two
		// operations write the same bytes.
		for _, part := range []string{oc.RawQuery, oc.OperationName, string(vars)} {
			var n [binary.MaxVarintLen64]byte
			h.Write(n[:binary.PutUvarint(n[:], uint64(len(part)))])
			h.WriteString(part)
		}
	}
	return opKey{a.Sum64(), b.Sum64()}, true
}
