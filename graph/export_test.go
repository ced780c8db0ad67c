package graph

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// NewCounted is New with every operation run by gqlgen when gqlgenOnly,
// counting in gqlgenFields the fields gqlgen resolves below the root
// fields (none when the fast executor marshals the whole answer).
func NewCounted(o Options, gqlgenOnly bool, gqlgenFields *atomic.Int64) http.Handler {
	return handlerWith(o, seams{gqlgenOnly: gqlgenOnly, aroundFields: func(ctx context.Context, next graphql.Resolver) (any, error) {
		if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Object != "Query" {
			gqlgenFields.Add(1)
		}
		return next(ctx)
	}})
}

// QuoteForTest, FloatForTest and TimeForTest are what the fast executor
// writes for a String, a Float and a Time.
func QuoteForTest(s string) string {
	var w writer
	w.str(s)
	return w.buf.String()
}

func FloatForTest(f float64) string {
	var w writer
	w.float(f)
	return w.buf.String()
}

func TimeForTest(t *time.Time) string {
	var w writer
	w.time(t)
	return w.buf.String()
}
