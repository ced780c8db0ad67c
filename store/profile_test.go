package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// tracedStatement runs read with a context that traces what the store
// sends, and returns the last statement with its parameters.
func tracedStatement(t *testing.T, ctx context.Context, st *store.Store, read func(context.Context) error) (string, map[string]any) {
	t.Helper()
	var statement string
	var params map[string]any
	traced := store.WithTrace(ctx, st, func(cypher string, p map[string]any) func() {
		statement, params = cypher, p
		return func() {}
	})
	if err := read(traced); err != nil {
		t.Fatal(err)
	}
	if statement == "" {
		t.Fatal("no statement traced")
	}
	return statement, params
}

// profiled runs statement with params under PROFILE and returns its
// plan's operators, depth first. PROFILE, not EXPLAIN: the driver's
// Plan.Children gives the last child for every child (v5.28.4);
// ProfiledPlan's are right.
func profiled(t *testing.T, ctx context.Context, statement string, params map[string]any) []neo4j.ProfiledPlan {
	t.Helper()
	uri, user, password := storetest.Config()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, "PROFILE "+statement, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	var ops []neo4j.ProfiledPlan
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		ops = append(ops, p)
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Profile())
	return ops
}

// operator is a plan operator's name without its runtime's suffix
// ("NodeIndexSeek@neo4j" → "NodeIndexSeek").
func operator(p neo4j.ProfiledPlan) string {
	return strings.SplitN(p.Operator(), "@", 2)[0]
}
