package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

// planRecorder is the handler tests' graph, recording the plans its
// entity lookups are given.
type planRecorder struct {
	*fakeGraph
	mu    sync.Mutex
	plans []string
}

func (r *planRecorder) FindEntity(ctx context.Context, t domain.EntityType, id, name string, plan domain.Plan) (*domain.Node, error) {
	r.mu.Lock()
	r.plans = append(r.plans, fmt.Sprintf("%s %s: %#v", t, name, plan))
	r.mu.Unlock()
	return r.fakeGraph.FindEntity(ctx, t, id, name, plan)
}

// TestPlansKept: a root field's plan found kept is the plan made afresh
// for the same operation and variables, and operations that differ in
// nothing but their variables get their own.
func TestPlansKept(t *testing.T) {
	const stances = `query($n: Int, $t: [RelationType!], $with: Boolean!) {
		a: party(name: "Party A") { name leaders { name } allies @include(if: $with) { name }
			stances(types: $t) { type target { name } evidence(first: $n) { sentence article { title } } } }
		b: party(name: "Party B") { ...p } }
		fragment p on Party { leaders(first: $n) { name } }`
	requests := []map[string]any{
		{"n": 1, "t": []string{"OPPOSES"}, "with": true},
		{"n": 2, "t": []string{"OPPOSES"}, "with": true},
		{"n": 2, "t": []string{"PRAISED", "OPPOSES"}, "with": true},
		{"n": 2, "t": []string{"PRAISED", "OPPOSES"}, "with": false},
		{"n": 1, "t": []string{"OPPOSES"}, "with": true},
	}
	plansOf := func(keep bool, vars map[string]any) []string {
		t.Helper()
		defer func(was bool) { keepPlans = was }(keepPlans)
		keepPlans = keep
		rec := &planRecorder{fakeGraph: newFake()}
		body, _ := json.Marshal(map[string]any{"query": stances, "variables": vars})
		if _, out := postBody(t, newHandler(rec), string(body)); out["errors"] != nil {
			t.Fatalf("%v: %v", vars, out["errors"])
		}
		slices.Sort(rec.plans) // root fields resolve concurrently
		if len(rec.plans) != 2 {
			t.Fatalf("%v: %d entity lookups, want 2", vars, len(rec.plans))
		}
		return rec.plans
	}
	knownPlans.Purge()
	seen := map[string]bool{}
	for i, vars := range requests {
		fresh := plansOf(false, vars)
		for try := range 2 { // made, then found kept
			if kept := plansOf(true, vars); !reflect.DeepEqual(kept, fresh) {
				t.Errorf("request %d, try %d: kept plans\n%s\nwant\n%s", i+1, try+1, kept, fresh)
			}
		}
		seen[fresh[0]+fresh[1]] = true
	}
	if len(seen) != 4 {
		t.Errorf("%d different plans among the requests' 4 different variables", len(seen))
	}
	// Two root fields for each of the 4 different variables' values.
	if n := knownPlans.Len(); n != 8 {
		t.Errorf("%d plans kept, want 8", n)
	}
}
