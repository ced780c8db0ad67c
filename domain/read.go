package domain

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// The read side's words: what a reader of the graph asks for (pages,
// filters, hops, plans) and what it gets back (connections, paths,
// subgraphs, stats). Dates are instants: a filter's Since is the first
// instant it keeps, Until the first it does not.

// Limits of the graph reads, checked before any statement is built: the
// numbers among them are the only values written into Cypher.
const (
	MaxPathHops      = 6
	MaxDepth         = 3
	MaxNeighbourhood = 500
	MaxGraphEdgesOf  = 2000 // a neighbourhood's edges
	MaxGraphEdges    = 1000
	// MaxCounted is how far a filtered count counts (Connection.TotalCapped).
	MaxCounted = 1000
)

// Direction says which way a relationship is read from an entity.
// Symmetric relations are stored once and read both ways whatever the
// direction.
type Direction int

// The directions of Hop and FactQuery.
const (
	Out Direction = iota
	In
	Both
)

// Page is a window on an ordered list: up to First items (0: all) after
// the one whose id is After ("": from the start). The list is read from
// After's place in its order (a keyset), so a page costs its length, not
// the list's; an After that is not in the list gives an empty page rather
// than the start again.
type Page struct {
	First int
	After string
}

// Hop is one step from an entity along relationships of some types to
// entities of some types (any type when Labels is empty). The hops the API
// serves are the values below; there is no hop by name.
type Hop struct {
	Types  []RelationType
	Dir    Direction
	Labels []EntityType
	// Ended leaves out an entity the start has LEFT since (a LEFT from the
	// relationship's start to its end, not restated after it).
	Ended bool
	// ByDate orders events by date, the latest first, instead of the most
	// mentioned first.
	ByDate bool
}

// The hops of the API's nested entity lists.
var (
	LeadersOf        = Hop{Types: []RelationType{Leads}, Dir: In, Labels: []EntityType{Person}}
	MembersOf        = Hop{Types: []RelationType{MemberOf}, Dir: In, Labels: []EntityType{Person}, Ended: true}
	OpponentsOf      = Hop{Types: []RelationType{Opposes}, Dir: Both}
	CoalitionsOf     = Hop{Types: []RelationType{MemberOf, Joined, Leads}, Dir: Out, Labels: []EntityType{Coalition}, Ended: true}
	EventsOf         = Hop{Types: []RelationType{ParticipatedIn}, Dir: Out, Labels: []EntityType{EventEntity}, ByDate: true}
	PartiesOf        = Hop{Types: []RelationType{Leads, MemberOf}, Dir: Out, Labels: []EntityType{Party}, Ended: true}
	MetBy            = Hop{Types: []RelationType{Met}, Dir: Both, Labels: []EntityType{Person}}
	ParticipantsOf   = Hop{Types: []RelationType{ParticipatedIn}, Dir: In}
	PlaceOf          = Hop{Types: []RelationType{HeldIn}, Dir: Out, Labels: []EntityType{Place}}
	EventsIn         = Hop{Types: []RelationType{HeldIn}, Dir: In, Labels: []EntityType{EventEntity}, ByDate: true}
	CoalitionMembers = Hop{Types: []RelationType{MemberOf, Joined, Leads}, Dir: In, Labels: []EntityType{Party, Person}, Ended: true}
	LeaderOf         = Hop{Types: []RelationType{Leads}, Dir: In, Labels: []EntityType{Party, Person}}
)

// StanceTypes are the relations that make a party's stances.
var StanceTypes = []RelationType{EquidistantFrom, Opposes, AlliedWith, Praised, Criticized}

// FactQuery selects relations of an entity.
type FactQuery struct {
	Types []RelationType // all types when empty
	Dir   Direction
	// Current, when set, keeps relations whose current property is that
	// (a relation without one counts as current).
	Current *bool
}

// RelationFilter selects relations. Every condition given must hold.
type RelationFilter struct {
	// From and To name an entity: its id or any of its names. A symmetric
	// relation matches from either end.
	From, To string
	Types    []RelationType // all when empty
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
	// TotalCapped says Total is MaxCounted, reached before the end: a
	// count the database does not keep (a relations filter on dates,
	// confidence or sources) reads the matches one by one, and stops
	// there, so that counting costs at most MaxCounted matches whatever
	// an entity's degree. The items go on past it (HasNext).
	TotalCapped bool
}

// StoredArticle is an article as the graph holds it.
type StoredArticle struct {
	Article
	LoadedAt *time.Time
	// Lists are the nested lists a plan read for it.
	Lists Lists
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	Entity       string // an id or any name of an entity the article mentions
	Since, Until *time.Time
	Lang, Source string
}

// Alliance is an ally of a party and the relations it rests on.
type Alliance struct {
	Ally Node
	// Direct is true when an ALLIED_WITH states it.
	Direct bool
	// Coalitions both belong to.
	Coalitions []Node
	Facts      []Fact
}

// Path is a chain of relations: Facts[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	ID    string
	Nodes []Node
	Facts []Fact
}

// Subgraph is nodes and the relations among them, for network views.
type Subgraph struct {
	Nodes []GraphNode
	Edges []Edge
}

// GraphNode is an entity of a subgraph.
type GraphNode struct {
	Node
	Depth *int // hops from the centre of a neighbourhood
}

// Edge is a relation of a subgraph, between two of its nodes.
type Edge struct {
	Key         string
	Type        RelationType
	From, To    string
	SourceCount int
	Confidence  float64
}

// GraphFilter selects the relations of a subgraph.
type GraphFilter struct {
	Entities      []string // ids or names; relations touching any of them
	Types         []RelationType
	EntityTypes   []EntityType
	Since, Until  *time.Time
	MinConfidence *float64
	MinSources    int
	Limit         int
}

// Stats is what the graph holds.
type Stats struct {
	Articles, Entities, Relations, Evidence int
	EntitiesByType                          map[EntityType]int
	RelationsByType                         map[RelationType]int
	FirstPublished, LastPublished           *time.Time
}

// A cursor is opaque to clients: the sort key of the item it follows,
// encoded. A cursor that does not decode is the client's error.

// EncodeCursor encodes the sort key of an item of a list of the given kind:
// the JSON array of kind and key, base64url without padding. A page of 20
// relations makes 20 cursors, so a key of plain strings (ids, relation
// keys: printable ASCII that JSON writes as is) is written without
// encoding/json, in the same bytes.
func EncodeCursor(kind string, key ...any) string {
	var buf [128]byte
	b := append(buf[:0], '[')
	b, plain := appendPlainString(b, kind)
	for _, k := range key {
		if !plain {
			break
		}
		s, ok := k.(string)
		if !ok {
			plain = false
			break
		}
		b = append(b, ',')
		b, plain = appendPlainString(b, s)
	}
	if !plain {
		b, _ = json.Marshal(append([]any{kind}, key...))
	} else {
		b = append(b, ']')
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// appendPlainString appends s as a JSON string when encoding/json would
// write it byte for byte (printable ASCII but for the quote, the backslash
// and the HTML characters it escapes), and reports whether it did.
func appendPlainString(b []byte, s string) ([]byte, bool) {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return b, false
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), true
}

// DecodeCursor decodes a cursor of a list of the given kind into key.
func DecodeCursor(kind, cursor string, key ...any) error {
	bad := Errorf(EINVALID, "after: %q is not a cursor of this list", cursor)
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
