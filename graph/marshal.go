package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSlice marshals the items of a list in order, in the calling
// goroutine: generated.go calls it where gqlgen calls
// graphql.MarshalSliceConcurrently, which starts a goroutine for every item
// (internal/seqlists rewrites the call after `go generate`). Everything an
// item's fields show was read by its top-level field's statement, so items
// have nothing to wait for concurrently. Like gqlgen's, it gives each item
// its index in the field context and turns a panic in an item into that
// item's error (workerLimit has nothing to limit here).
func marshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	_ = workerLimit
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}
