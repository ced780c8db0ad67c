// Package storetest gives integration tests a real, empty Neo4j: the one
// `make test` starts (scripts/neo4j) or NEO4J_URI names. Neo4j Community has
// one user database, so each test wipes it; that is allowed only when
// NETAGRAPH_TEST_NEO4J=1 says the database is a test one, and packages that
// use it run one at a time (go test -p 1). A test that cannot reach Neo4j
// fails: it never skips.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/store"
)

// Config is the Neo4j the tests use, from the environment.
func Config() (uri, user, password string) {
	return env("NEO4J_URI", "bolt://127.0.0.1:7687"), env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD", "netagraph-dev")
}

// Open returns a store on an empty test database with the schema in place,
// closed when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if os.Getenv("NETAGRAPH_TEST_NEO4J") != "1" {
		t.Fatal("refusing to wipe Neo4j: integration tests delete everything in the database; " +
			"run them with `make test`, or set NETAGRAPH_TEST_NEO4J=1 if NEO4J_URI is a test database")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri, user, password := Config()
	st, err := store.Open(ctx, uri, user, password)
	if err != nil {
		t.Fatalf("Neo4j is needed for this test (start it with `scripts/neo4j start` or `make test`): %v", err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	told := time.Now()
	if err := Wipe(context.Background(), wipeBatch, wipeBatchTimeout, func(deleted int64, took time.Duration) {
		if time.Since(told) >= 10*time.Second {
			t.Logf("wiping the test database: %d nodes and relationships deleted in %s (`scripts/neo4j reset` empties it in seconds)", deleted, took.Round(time.Second))
			told = time.Now()
		}
	}); err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := st.EnsureSchema(sctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// What Open's wipe deletes per transaction, and how long it gives each.
const (
	wipeBatch        = 10_000
	wipeBatchTimeout = time.Minute
)

// Wipe empties the test database in transactions of at most batch
// relationships, then of batch nodes, each with its own timeout, so that
// a big graph a bench left behind (hundreds of thousands of evidence
// nodes, hubs of thousands of relationships) is deleted however long it
// takes in all, with progress told after each batch; before, one
// statement under a 30 s deadline timed out, and every test failed with a
// bare driver error. A batch that fails says so, and that `scripts/neo4j
// reset` empties the database in seconds.
func Wipe(ctx context.Context, batch int, batchTimeout time.Duration, progress func(deleted int64, took time.Duration)) error {
	uri, user, password := Config()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	start := time.Now()
	var deleted int64
	for _, stmt := range []string{
		`MATCH ()-[r]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS n`,
		`MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`,
	} {
		for {
			bctx, cancel := context.WithTimeout(ctx, batchTimeout)
			res, err := neo4j.ExecuteQuery(bctx, d, stmt, map[string]any{"batch": batch}, neo4j.EagerResultTransformer)
			cancel()
			if err != nil {
				return fmt.Errorf("wiping the test database (%d nodes and relationships deleted in %s, then a batch of %d failed): %w; "+
					"a bench's big graph is quicker gone with `scripts/neo4j reset` (with the test instance's NETAGRAPH_CACHE and ports, as `make test` sets them)",
					deleted, time.Since(start).Round(time.Second), batch, err)
			}
			n, _ := res.Records[0].Get("n")
			deleted += n.(int64)
			if progress != nil {
				progress(deleted, time.Since(start))
			}
			if n.(int64) < int64(batch) {
				break
			}
		}
	}
	return nil
}

// Exec runs one statement against the test database, in its own driver,
// and returns the records as maps.
func Exec(t testing.TB, cypher string, params map[string]any) []map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri, user, password := Config()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	// CALL { } IN TRANSACTIONS needs an implicit (auto-commit) transaction.
	s := d.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	res, err := s.Run(ctx, cypher, params)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		out[i] = r.AsMap()
	}
	return out
}

// Counts is everything in the database, counted: nodes, relationships and
// their properties, and a digest of all property values.
type Counts struct {
	Nodes, Relationships, NodeProperties, RelationshipProperties int64
	Digest                                                       string
}

// Count counts the database. Two equal Counts mean nothing was added,
// removed or changed in between.
func Count(t testing.TB) Counts {
	t.Helper()
	var c Counts
	h := sha256.New()
	for _, r := range Exec(t, `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels`, nil) {
		c.Nodes++
		c.NodeProperties += int64(len(r["props"].(map[string]any)))
		fmt.Fprintln(h, r["labels"], r["props"]) // fmt prints maps in key order
	}
	for _, r := range Exec(t, `
		MATCH (a)-[r]->(b)
		RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props
		ORDER BY a, b, type, r.key, r.count`, nil) {
		c.Relationships++
		c.RelationshipProperties += int64(len(r["props"].(map[string]any)))
		fmt.Fprintln(h, r["a"], r["type"], r["b"], r["props"])
	}
	c.Digest = hex.EncodeToString(h.Sum(nil))
	return c
}

// Corpus is the path of a file of the shared dev corpus, beside the repo.
func Corpus(t testing.TB, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "corpus", "dev", name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("dev corpus article (../shared beside the repo): %v", err)
	}
	return path
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
