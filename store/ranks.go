package store

import (
	"math"
	"strconv"
	"time"
)

// The ranks of store/cypher/ranks.cypher, computed in Go for what the
// writer knows before it writes: a new relationship's ranks, a recomputed
// one's, and each new piece of evidence's. Neo4j then stores a parameter
// instead of evaluating the expressions for every row. These must give
// exactly what the templates give (relationRank, strength, evidenceRank),
// which rank what an earlier version wrote and what a load adds to:
// TestWrittenRanksAreTheirDefinition compares the two on a loaded graph.

// relationRank is the rank of relation key with the given confidence and
// sources in the lists of its end endID: relationRank in ranks.cypher.
func relationRank(endID string, confidence float64, sources int64, key string) string {
	return endID + "|" + strength(confidence, sources) + "|" + key
}

// strength is the strength template: confidence and sources inverted, at
// fixed width. Cypher's round rounds half up, as math.Round does for the
// non-negative numbers a confidence in [0, 1] gives.
func strength(confidence float64, sources int64) string {
	return right("0000000000"+strconv.FormatInt(int64(math.Round((1.0-confidence)*1000000000.0)), 10), 10) +
		right("000000000000"+strconv.FormatInt(999999999999-sources, 10), 12)
}

// evidenceRank is the rank of evidence id of relation key in the
// relation's list: evidenceRank in ranks.cypher.
func evidenceRank(key string, published *time.Time, confidence float64, id string) string {
	date := "99999999999999"
	if published != nil {
		date = right("00000000000000"+strconv.FormatInt(99999999999999-published.UnixMilli(), 10), 14)
	}
	return key + "\t" + date +
		right("0000000000"+strconv.FormatInt(int64(math.Round((1.0-confidence)*1000000000.0)), 10), 10) + "|" + id
}

// toKey is a symmetric relationship's toKey: its end's id and its key.
func toKey(to, key string) string { return to + "|" + key }

// right is Cypher's right(s, n): the last n bytes of s (ASCII here).
func right(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
