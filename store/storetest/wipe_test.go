package storetest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/store/storetest"
)

// Wipe empties a graph in batches, a hub's relationships included, each
// transaction deleting at most a batch and progress told after each; a
// batch that fails says to run `scripts/neo4j reset`. Before, Open deleted
// everything in one statement under a 30 s deadline, which a bench's big
// graph outlasted: every test then failed with a bare driver error.
func TestWipeInBatches(t *testing.T) {
	storetest.Open(t)
	// A hub with 2,500 relationships and 3,000 other nodes.
	storetest.Exec(t, `CREATE (h:Hub) WITH h UNWIND range(1, 2500) AS i CREATE (h)-[:R]->(:Leaf {i: i})`, nil)
	storetest.Exec(t, `UNWIND range(1, 500) AS i CREATE (:Lone {i: i})`, nil)

	// A batch that cannot finish: the error names the way out.
	err := storetest.Wipe(context.Background(), 1000, time.Nanosecond, nil)
	if err == nil || !strings.Contains(err.Error(), "scripts/neo4j reset") {
		t.Errorf("a failed wipe: %v, want it to name scripts/neo4j reset", err)
	}

	var steps []int64
	err = storetest.Wipe(context.Background(), 1000, time.Minute, func(deleted int64, _ time.Duration) {
		steps = append(steps, deleted)
	})
	if err != nil {
		t.Fatal(err)
	}
	if left := storetest.Exec(t, `MATCH (n) RETURN count(n) AS n`, nil)[0]["n"].(int64); left != 0 {
		t.Errorf("%d nodes left after the wipe", left)
	}
	// 2,500 relationships and 3,001 nodes, 1,000 at a time: at least six
	// batches, none over 1,000.
	if len(steps) < 6 || steps[len(steps)-1] != 2500+3001 {
		t.Errorf("progress %v, want at least 6 batches ending at %d", steps, 2500+3001)
	}
	prev := int64(0)
	for _, n := range steps {
		if n-prev > 1000 {
			t.Errorf("a batch deleted %d, more than 1,000 (progress %v)", n-prev, steps)
		}
		prev = n
	}
}
