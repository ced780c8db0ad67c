package store_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store/storetest"
)

// TestBenchPlanCache measures what Neo4j caches a plan by (docs/operations.md,
// "A plan per parameter shape"; store's paramShape follows it): the
// statement of a relations page from an entity (17 index ranges, seconds
// to plan) is run with parameters A, A again, then B, B again, after
// CALL db.clearQueryCaches(). A run that plans takes hundreds of
// milliseconds or more; one that finds its plan, milliseconds: B as fast
// as A's second run shares A's plan. It wipes the test database and runs
// only with NETAGRAPH_BENCH_PLANS=1:
//
//	NETAGRAPH_BENCH_PLANS=1 go test -count=1 -run '^TestBenchPlanCache$' -v ./store/
//
// (with the test Neo4j's environment, as `make test` sets it).
func TestBenchPlanCache(t *testing.T) {
	if os.Getenv("NETAGRAPH_BENCH_PLANS") != "1" {
		t.Skip("runs with NETAGRAPH_BENCH_PLANS=1")
	}
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "a", "2024-01-01", rel(domain.AlliedWith, "party:bjp", "party:aitc"), rel(domain.Opposes, "party:bjp", "party:inc"))
	statement, params := tracedStatement(t, ctx, st, func(ctx context.Context) error {
		_, err := st.Relations(ctx, domain.RelationFilter{From: "party:bjp"}, 2, "", true, domain.Plan{})
		return err
	})
	uri, user, password := storetest.Config()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	run := func(extra map[string]any) time.Duration {
		p := maps.Clone(params)
		maps.Copy(p, extra)
		start := time.Now()
		if _, err := neo4j.ExecuteQuery(ctx, driver, statement, p, neo4j.EagerResultTransformer); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	type ps = map[string]any
	cursor := "ALLIED_WITH|party:bjp|party:aitc"
	pairs := []struct {
		what string
		a, b ps
	}{
		{"no cursor (null), then a cursor of 32", ps{"after": nil}, ps{"after": cursor}},
		{"a cursor of 32, then one of 35", ps{"after": cursor}, ps{"after": "MET|party:bjp|person:akhilesh-yadav"}},
		{"8 ASCII letters, then 8 Devanagari (24 bytes)", ps{"after": "MMMMMMMM"}, ps{"after": "भभभभभभभभ"}},
		{"10 characters, then 11", ps{"after": strings.Repeat("M", 10)}, ps{"after": strings.Repeat("M", 11)}},
		{"100 characters, then 101", ps{"after": strings.Repeat("M", 100)}, ps{"after": strings.Repeat("M", 101)}},
		{"an id of 9, then of 21", ps{"from": "party:bjp"}, ps{"from": "person:akhilesh-yadav"}},
		{"an unused parameter: absent, then null", ps{}, ps{"x": nil}},
		{"an integer, then a float", ps{"x": 1}, ps{"x": 1.5}},
		{"a map {a: null}, then {a: 32 characters, b: 2}", ps{"x": ps{"a": nil}}, ps{"x": ps{"a": cursor, "b": 2}}},
		{"a list of 2, then of 10", ps{"x": make([]any, 2)}, ps{"x": make([]any, 10)}},
		{"a list of 10, then of 11", ps{"x": make([]any, 10)}, ps{"x": make([]any, 11)}},
	}
	fmt.Printf("%-50s %9s %9s %9s %9s\n", "A, then B", "A", "A again", "B", "B again")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }
	for round := 1; round <= 2; round++ {
		fmt.Printf("round %d, %s UTC, load %s\n", round, time.Now().UTC().Format("15:04:05"), loadAverage())
		for _, p := range pairs {
			if _, err := neo4j.ExecuteQuery(ctx, driver, "CALL db.clearQueryCaches()", nil, neo4j.EagerResultTransformer); err != nil {
				t.Fatal(err)
			}
			a, a2, b, b2 := run(p.a), run(p.a), run(p.b), run(p.b)
			fmt.Printf("%-50s %9s %9s %9s %9s\n", p.what, ms(a), ms(a2), ms(b), ms(b2))
		}
	}
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}
