package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// The driver's errors are mapped to domain codes here, once, for every
// statement the store sends: the GraphQL presenter and the loader act on
// the codes and never see the driver.
//
//   - the server ended a read at its transaction timeout → ETIMEOUT;
//   - Neo4j unreachable, restarting, out of connections or transiently
//     failing, once the driver's own retries ran out → EUNAVAILABLE;
//   - a concurrent writer created the same article first, or deadlocked
//     with this one → ECONFLICT (writeBatch tries again, and then sees the
//     article);
//   - anything else is left as it is: a bug, INTERNAL to a client.
//
// The cause stays wrapped, for logs.

// conflictCode is the error Neo4j gives a transaction that would break a
// uniqueness constraint another transaction has just satisfied.
const conflictCode = "Neo.ClientError.Schema.ConstraintValidationFailed"

// deadlockCode is the error of a transaction Neo4j chose to end because it
// and another waited for each other's locks (two loads of articles that
// mention the same entities). The driver retries it, except where the API
// turned its retries off; writeBatch retries it as a conflict.
const deadlockCode = "Neo.TransientError.Transaction.DeadlockDetected"

// mapError gives err its domain code; timeout is the read's limit, for the
// message.
func mapError(err error, timeout time.Duration) error {
	if err == nil {
		return nil
	}
	var derr *domain.Error
	if errors.As(err, &derr) || errors.Is(err, context.Canceled) {
		return err
	}
	var neo *neo4j.Neo4jError
	switch {
	case errors.As(err, &neo) && strings.HasPrefix(neo.Code, "Neo.ClientError.Transaction.TransactionTimedOut"),
		errors.Is(err, context.DeadlineExceeded):
		if timeout > 0 {
			return domain.Wrap(err, domain.ETIMEOUT, "the query took longer than its limit of %s: ask for fewer items or fewer hops", timeout)
		}
		return domain.Wrap(err, domain.ETIMEOUT, "the query took longer than its limit")
	case errors.As(err, &neo) && neo.Code == conflictCode:
		return domain.Wrap(err, domain.ECONFLICT, "a concurrent write created the same node first")
	case errors.As(err, &neo) && neo.Code == deadlockCode:
		return domain.Wrap(err, domain.ECONFLICT, "a concurrent write held the same nodes")
	case retryable(err):
		return domain.Wrap(err, domain.EUNAVAILABLE, "the graph database is unavailable (unreachable, restarting or overloaded); try again shortly")
	}
	return err
}

// IsTemporary reports whether err says Neo4j was unreachable, restarting or
// busy, so that the same call may succeed later: an error the store mapped
// to EUNAVAILABLE, or a driver error of that kind (such as store.Open's
// when nothing answers).
func IsTemporary(err error) bool {
	return domain.ErrorCode(err) == domain.EUNAVAILABLE || retryable(err)
}

func retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) || neo4j.IsRetryable(err) {
		return true
	}
	// The driver gave up retrying: temporary if what it last saw was.
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return retryable(limit.Errors[len(limit.Errors)-1])
	}
	var neo *neo4j.Neo4jError
	if errors.As(err, &neo) {
		return neo.IsRetriable()
	}
	// The pool's own errors (no connection within the acquisition timeout,
	// no server to connect to) are of an internal package of the driver.
	// A Bolt handshake cut short (a restarting or overloaded Neo4j closes
	// the connection) reads as a version mismatch.
	msg := err.Error()
	return strings.Contains(msg, "Timeout while waiting for connection") ||
		strings.Contains(msg, "could not find any servers") || strings.Contains(msg, "No idle connections") ||
		strings.Contains(msg, "Bolt versions")
}

// classify maps a write's error; writes have no timeout of their own.
func classify(err error) error { return mapError(err, 0) }
