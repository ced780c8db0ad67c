package store

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// The read models of the API's top-level queries. Dates are instants: a
// filter's Since is the first instant it keeps, Until the first it does not.

// RelationFilter selects relations. Every condition given must hold.
type RelationFilter struct {
	// From and To name an entity: its id or any of its names. A symmetric
	// relation matches from either end.
	From, To string
	Types    []domain.RelationType // all when empty
	// Since keeps relations stated by an article published at or after it;
	// Until those stated by one published before it; both, by one in between.
	Since, Until  *time.Time
	MinConfidence *float64
	MinSources    int
}

// Connection is a page of a list in a stable (keyset) order.
type Connection[T any] struct {
	Items []T
	// Cursors[i] is the cursor of Items[i]: pass it as After for the items
	// after it.
	Cursors []string
	HasNext bool
	// Total is how many items match, or -1 when it was not asked for.
	Total int
}

// Article is an article as the graph holds it.
type Article struct {
	domain.Article
	LoadedAt *time.Time
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	Entity       string // an id or any name of an entity the article mentions
	Since, Until *time.Time
	Lang, Source string
}

// Alliance is an ally of a party and the relations it rests on.
type Alliance struct {
	Ally domain.Node
	// Direct is true when an ALLIED_WITH states it.
	Direct bool
	// Coalitions both belong to.
	Coalitions []domain.Node
	Facts      []domain.Fact
}

// Path is a chain of relations: Facts[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	ID    string
	Nodes []domain.Node
	Facts []domain.Fact
}

// Subgraph is nodes and the relations among them, for network views.
type Subgraph struct {
	Nodes []GraphNode
	Edges []Edge
}

// GraphNode is an entity of a subgraph.
type GraphNode struct {
	domain.Node
	Depth *int // hops from the centre of a neighbourhood
}

// Edge is a relation of a subgraph, between two of its nodes.
type Edge struct {
	Key         string
	Type        domain.RelationType
	From, To    string
	SourceCount int
	Confidence  float64
}

// GraphFilter selects the relations of a subgraph.
type GraphFilter struct {
	Entities      []string // ids or names; relations touching any of them
	Types         []domain.RelationType
	EntityTypes   []domain.EntityType
	Since, Until  *time.Time
	MinConfidence *float64
	MinSources    int
	Limit         int
}

// Stats is what the graph holds.
type Stats struct {
	Articles, Entities, Relations, Evidence int
	EntitiesByType                          map[domain.EntityType]int
	RelationsByType                         map[domain.RelationType]int
	FirstPublished, LastPublished           *time.Time
}

// A cursor is opaque to clients: the sort key of the item it follows,
// encoded. A cursor that does not decode is the client's error.

func encodeCursor(kind string, key ...any) string {
	b, _ := json.Marshal(append([]any{kind}, key...))
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(kind, cursor string, key ...any) error {
	bad := domain.Errorf(domain.EINVALID, "after: %q is not a cursor of this list", cursor)
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	if err != nil {
		return bad
	}
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil || len(raw) != len(key)+1 {
		return bad
	}
	var k string
	if json.Unmarshal(raw[0], &k) != nil || k != kind {
		return bad
	}
	for i, p := range key {
		if json.Unmarshal(raw[i+1], p) != nil {
			return bad
		}
	}
	return nil
}

// orNull maps "" to a null parameter.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeParam is a time as a parameter, nil for none.
func timeOrNull(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}
