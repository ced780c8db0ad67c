// Package store keeps the netagraph knowledge graph in Neo4j. It is the only
// package that imports the Neo4j driver: the rest of netagraph speaks in
// domain types and the read models below.
package store

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/netagraph/netagraph/domain"
)

//go:embed schema.cypher
var schema string

// DefaultQueryTimeout bounds each read transaction unless Store.QueryTimeout
// says otherwise.
const DefaultQueryTimeout = 5 * time.Second

// DefaultPlanTimeout bounds the first run of each read statement unless
// Store.PlanTimeout says otherwise: a minute, as a cold or busy Neo4j
// takes seconds to plan a statement of the API (the neighbourhood's, with
// some thirty index seeks a level: 7.5 s on a busy machine, 1 ms once
// planned).
const DefaultPlanTimeout = time.Minute

// retryTime bounds the driver's own retries of a transaction that failed for
// a reason that may pass (the driver's default is 30 s). Longer outages are
// the caller's to wait out: the loader retries with backoff for --wait and
// says so meanwhile, and a GraphQL request should fail rather than hang.
const retryTime = 5 * time.Second

// Store is the graph in Neo4j. It holds one driver (one connection pool) and
// is safe for concurrent use; a process opens one.
type Store struct {
	driver neo4j.DriverWithContext

	// QueryTimeout bounds each read transaction on the server; 0 means none.
	QueryTimeout time.Duration
	// PlanTimeout bounds, in place of a shorter QueryTimeout, the first
	// run of each read statement (by its text): Neo4j plans a statement
	// the first time it sees it, and caches the plan for the next runs.
	// "First" counts from the start and from each time the store finds
	// Neo4j unavailable (a restarted Neo4j has no plans). The remembered
	// statements are bounded (maxSeen).
	PlanTimeout time.Duration
	// now is the clock for Article.loadedAt.
	now func() time.Time

	health   health
	seen     seenStatements
	failFast bool

	// observe, when set (by tests, or by Observe), is told each read
	// statement and called back when it is done.
	observe func(ctx context.Context, cypher string, params map[string]any) (done func())
}

// Observe sets a function told of each read statement, with the context it
// was sent on, which returns the function to call when the statement is
// done: the server's metrics and request log count and time statements
// this way. Set it before the store is used.
func (s *Store) Observe(f func(ctx context.Context) (done func())) {
	s.observe = func(ctx context.Context, _ string, _ map[string]any) func() { return f(ctx) }
}

// Options say how long the store waits for Neo4j. The zero value suits a
// loader, which waits out outages itself; an API server wants APIOptions.
type Options struct {
	// RetryTime bounds the driver's own retries of a transaction that
	// failed for a reason that may pass (default 5 s).
	RetryTime time.Duration
	// ConnectTimeout bounds opening a connection (the driver's default is
	// five seconds); AcquireTimeout bounds getting one, from the pool when
	// every one is busy or by opening it (the driver's default is a
	// minute).
	ConnectTimeout, AcquireTimeout time.Duration
	// FailFast turns the driver's retries off (its backoff sleeps a
	// second or two before the first retry); a read that finds Neo4j
	// unavailable is tried once more at once instead, which gets past a
	// pooled connection Neo4j has dropped.
	FailFast bool
}

// APIOptions are the Options of `netagraph serve`: with Neo4j down, a
// request fails with EUNAVAILABLE at once when connections are refused,
// and within two connect timeouts (1.5 s) when they go unanswered,
// rather than after the driver's retries. Under load a request waits up
// to 2 s for a pooled connection before it is EUNAVAILABLE.
var APIOptions = Options{FailFast: true, ConnectTimeout: 750 * time.Millisecond, AcquireTimeout: 2 * time.Second}

// Open connects to Neo4j at uri and checks that it answers.
func Open(ctx context.Context, uri, user, password string) (*Store, error) {
	return OpenWith(ctx, uri, user, password, Options{})
}

// OpenWith connects to Neo4j with the given Options and checks that it
// answers.
func OpenWith(ctx context.Context, uri, user, password string, o Options) (*Store, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""), func(c *config.Config) {
		c.MaxTransactionRetryTime = retryTime
		if o.RetryTime > 0 {
			c.MaxTransactionRetryTime = o.RetryTime
		}
		if o.FailFast {
			c.MaxTransactionRetryTime = 0
		}
		if o.ConnectTimeout > 0 {
			c.SocketConnectTimeout = o.ConnectTimeout
		}
		if o.AcquireTimeout > 0 {
			c.ConnectionAcquisitionTimeout = o.AcquireTimeout
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", uri, err)
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, fmt.Errorf("neo4j %s: %w", uri, err)
	}
	return &Store{driver: d, QueryTimeout: DefaultQueryTimeout, PlanTimeout: DefaultPlanTimeout, now: time.Now, failFast: o.FailFast}, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping reports whether Neo4j answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.driver.VerifyConnectivity(ctx) }

// EnsureSchema creates the constraints and indexes of schema.cypher, leaving
// those that exist, and ranks what an earlier version wrote without ranks
// (ensureRanks).
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, stmt := range append(append(schemaStatements(schema), relationKeyIndexes()...), relationRankIndexes()...) {
		if _, err := s.run(ctx, stmt, nil, true); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return s.ensureRanks(ctx)
}

// ensureRanks gives the relationships and evidence written before ranks
// (store/cypher/ranks.cypher) theirs, once their indexes are online. On a
// graph that has them all it counts each index: no relationship is read.
func (s *Store) ensureRanks(ctx context.Context) error {
	if _, err := s.run(ctx, "CALL db.awaitIndexes(600)", nil, true); err != nil {
		return fmt.Errorf("schema: waiting for the indexes: %w", err)
	}
	type job struct{ count, rank string }
	jobs := []job{{cypher("unrankedEvidence", nil), cypher("rankEvidence", nil)}}
	for _, t := range domain.RelationTypes {
		d := map[string]any{"Type": identifier(string(t)), "Symmetric": t.Symmetric()}
		jobs = append(jobs, job{cypher("unranked", d), cypher("rankRelations", d)})
	}
	for _, j := range jobs {
		recs, err := s.run(ctx, j.count, nil, true)
		if err != nil {
			return fmt.Errorf("schema: counting what has no rank: %w", err)
		}
		if len(recs) == 0 || asInt(recs[0].Values[0]) <= 0 {
			continue
		}
		if err := s.autoCommit(ctx, j.rank); err != nil {
			return fmt.Errorf("schema: ranking what an earlier version wrote: %w", err)
		}
	}
	return nil
}

// autoCommit runs a statement that commits its own transactions (CALL … IN
// TRANSACTIONS), which a managed transaction cannot run.
func (s *Store) autoCommit(ctx context.Context, cypher string) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	res, err := session.Run(ctx, cypher, nil)
	if err != nil {
		return mapError(err, 0)
	}
	_, err = res.Consume(ctx)
	return mapError(err, 0)
}

// relationKeyIndexes are the range indexes on the key of each relation
// type's relationships (an index on relationships has one type). A
// relation's key starts with its type and its start node's id
// (relationKey), so the relations from an entity, in key order, are a
// range of each type's index: a page of them reads the page, not the
// entity's every relationship (Relations).
func relationKeyIndexes() []string {
	out := make([]string, len(domain.RelationTypes))
	for i, t := range domain.RelationTypes {
		name := identifier(string(t))
		out[i] = cypher("relationKeyIndex", struct{ Name, Type string }{strings.ToLower(name), name})
	}
	return out
}

// relationRankIndexes are the range indexes on the ranks of each relation
// type's relationships (store/cypher/ranks.cypher): an entity's relations
// of a type, in list order, are a range of one; and, for a symmetric type,
// on toKey: those stored towards an entity, in key order.
func relationRankIndexes() []string {
	var out []string
	for _, t := range domain.RelationTypes {
		name := identifier(string(t))
		d := map[string]string{"Type": name, "Name": strings.ToLower(name)}
		out = append(out, cypher("rankFromIndex", d), cypher("rankToIndex", d))
		if t.Symmetric() {
			out = append(out, cypher("toKeyIndex", d))
		}
	}
	return out
}

// schemaStatements splits a Cypher file into statements, dropping // comments.
func schemaStatements(src string) []string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "//") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	var out []string
	for _, stmt := range strings.Split(b.String(), ";") {
		if stmt = strings.TrimSpace(stmt); stmt != "" {
			out = append(out, stmt)
		}
	}
	return out
}

// read runs one read-only statement in its own managed transaction, routed
// to a reader: on a cluster (NEO4J_URI=neo4j://…) any follower or read
// replica may answer it, while writes go to the leader.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, cypher, params, false)
}

// run runs one statement: a write with no transaction timeout; a read
// with the context's (WithQueryTimeout), else QueryTimeout, or on the
// statement's first run with parameters of their shape (seenStatements)
// PlanTimeout if that is longer (the time Neo4j takes to plan it is no
// sign of a read that runs too long; once planned, QueryTimeout bounds
// running it).
func (s *Store) run(ctx context.Context, cypher string, params map[string]any, write bool) ([]*neo4j.Record, error) {
	if write {
		return s.runFor(ctx, cypher, params, true, 0)
	}
	timeout := s.QueryTimeout
	first := !s.seen.add(cypher, params)
	if d, ok := ctx.Value(queryTimeoutKey{}).(time.Duration); ok {
		timeout = d
	} else if first && timeout > 0 {
		timeout = max(timeout, s.PlanTimeout)
	}
	return s.runFor(ctx, cypher, params, false, timeout)
}

type queryTimeoutKey struct{}

// WithQueryTimeout gives the reads sent on ctx the transaction timeout d
// in place of Store.QueryTimeout: `netagraph serve`'s warm-up runs the
// documented queries this way, so that on a cold Neo4j they finish (and
// fill the page cache) rather than fail at the clients' timeout.
func WithQueryTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, queryTimeoutKey{}, d)
}

// readGrace is how long past its transaction timeout a read waits for
// Neo4j's answer before it gives up itself (ETIMEOUT): Neo4j ends a
// transaction past its timeout at its next check (every 2 s by default),
// and a Neo4j that hangs never answers at all.
const readGrace = 3 * time.Second

// runFor runs one statement with a transaction timeout (0: none).
func (s *Store) runFor(ctx context.Context, cypher string, params map[string]any, write bool, timeout time.Duration) ([]*neo4j.Record, error) {
	if timeout > 0 && !write {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout+readGrace)
		defer cancel()
	}
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithReadersRouting()}
	if write {
		opts = []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithWritersRouting()}
	}
	if timeout > 0 {
		opts = append(opts, neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(timeout)))
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer, opts...)
	if err != nil && s.failFast && !write && retryable(err) && ctx.Err() == nil {
		// A connection Neo4j dropped: it may have restarted, with no plans.
		s.seen.forget()
		res, err = neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer, opts...)
	}
	if err != nil {
		if !write && timeout > 0 && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			// The driver reports the read it gave up on at readGrace
			// as a lost connection: it is the read's timeout.
			err = fmt.Errorf("no answer from neo4j within %s: %w (%w)", timeout+readGrace, context.DeadlineExceeded, err)
		}
		err = s.health.observe(mapError(err, timeout))
		if domain.ErrorCode(err) == domain.EUNAVAILABLE {
			// Neo4j is down or restarting: when it answers again it
			// has no plans, and each statement's next run plans anew.
			s.seen.forget()
		}
		return nil, err
	}
	s.health.observe(nil)
	return res.Records, nil
}

// txRun runs one statement inside a managed write transaction and collects its
// records there, as a retried work function must.
func (s *Store) txRun(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}
