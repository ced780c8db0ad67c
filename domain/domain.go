// Package domain holds the words of netagraph — articles, entities, relations,
// events and their evidence — shared by extraction, the Neo4j store, the loader
// and the GraphQL API. It imports only the standard library.
package domain

import (
	"encoding/json"
	"strings"
	"time"
)

// EntityType is one of the ontology's entity types.
type EntityType string

// The entity types of ../shared/docs/ontology.md.
const (
	Person       EntityType = "Person"
	Party        EntityType = "Party"
	Coalition    EntityType = "Coalition"
	Place        EntityType = "Place"
	Organization EntityType = "Organization"
	EventEntity  EntityType = "Event"
)

// EntityTypes lists every entity type; labels in Cypher come only from here.
var EntityTypes = []EntityType{Person, Party, Coalition, Place, Organization, EventEntity}

// Valid reports whether t is an ontology entity type.
func (t EntityType) Valid() bool {
	for _, x := range EntityTypes {
		if t == x {
			return true
		}
	}
	return false
}

// IDPrefix is how the ids of entities of type t begin ("person:" for
// Person): the extractor and the lexicon give every entity an id of its
// type's prefix (the lexicon refuses an entry whose id names another
// type), so a reader learns the type from the id without reading the
// node's labels.
func (t EntityType) IDPrefix() string {
	switch t {
	case Organization:
		return "org:"
	case EventEntity:
		return "event:"
	}
	return strings.ToLower(string(t)) + ":"
}

// TypeOfID is the type an entity id's prefix names, and false for an id
// with no such prefix.
func TypeOfID(id string) (EntityType, bool) {
	i := strings.IndexByte(id, ':')
	if i < 0 {
		return "", false
	}
	t, ok := typeOfPrefix[id[:i+1]]
	return t, ok
}

// typeOfPrefix is the entity type of each IDPrefix: TypeOfID runs for
// every node a read decodes.
var typeOfPrefix = func() map[string]EntityType {
	m := make(map[string]EntityType, len(EntityTypes))
	for _, t := range EntityTypes {
		m[t.IDPrefix()] = t
	}
	return m
}()

// RelationType is one of the ontology's relation types.
type RelationType string

// The relation types of the ontology.
const (
	Leads           RelationType = "LEADS"
	MemberOf        RelationType = "MEMBER_OF"
	HoldsOffice     RelationType = "HOLDS_OFFICE"
	AlliedWith      RelationType = "ALLIED_WITH"
	Opposes         RelationType = "OPPOSES"
	EquidistantFrom RelationType = "EQUIDISTANT_FROM"
	Met             RelationType = "MET"
	Praised         RelationType = "PRAISED"
	Criticized      RelationType = "CRITICIZED"
	Joined          RelationType = "JOINED"
	Left            RelationType = "LEFT"
	Defeated        RelationType = "DEFEATED"
	ParticipatedIn  RelationType = "PARTICIPATED_IN"
	HeldIn          RelationType = "HELD_IN"
	LocatedIn       RelationType = "LOCATED_IN"
)

// RelationTypes lists every relation type; relationship types in Cypher come
// only from here.
var RelationTypes = []RelationType{
	Leads, MemberOf, HoldsOffice, AlliedWith, Opposes, EquidistantFrom, Met,
	Praised, Criticized, Joined, Left, Defeated, ParticipatedIn, HeldIn, LocatedIn,
}

// Valid reports whether t is an ontology relation type.
func (t RelationType) Valid() bool {
	for _, x := range RelationTypes {
		if t == x {
			return true
		}
	}
	return false
}

// Symmetric reports whether the relation reads the same both ways.
func (t RelationType) Symmetric() bool { return t == AlliedWith || t == Met }

// EventKind is one of the ontology's event kinds.
type EventKind string

// The event kinds of the ontology.
const (
	Meeting         EventKind = "MEETING"
	PartyMeeting    EventKind = "PARTY_MEETING"
	Rally           EventKind = "RALLY"
	Election        EventKind = "ELECTION"
	SwearingIn      EventKind = "SWEARING_IN"
	PressConference EventKind = "PRESS_CONFERENCE"
	Announcement    EventKind = "ANNOUNCEMENT"
)

// EventKinds lists every event kind.
var EventKinds = []EventKind{Meeting, PartyMeeting, Rally, Election, SwearingIn, PressConference, Announcement}

// Article is one news article as read from a source.
type Article struct {
	ID          string     `json:"id"`
	URL         string     `json:"url,omitempty"`
	Title       string     `json:"title"`
	Standfirst  string     `json:"standfirst,omitempty"`
	Body        string     `json:"body"`
	Source      string     `json:"source,omitempty"`
	Lang        string     `json:"lang,omitempty"`
	PublishedAt *time.Time `json:"publishedAt,omitempty"`
	// Origin names where the article was read from (file and line), for errors.
	Origin string `json:"-"`
}

// Text is the article's full text as extraction reads it: headline,
// standfirst and body, one per line.
func (a Article) Text() string {
	s := a.Title
	if a.Standfirst != "" {
		s += "\n" + a.Standfirst
	}
	if a.Body != "" {
		s += "\n" + a.Body
	}
	return s
}

// Span is a mention's position in Article.Text, in characters (runes),
// end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity is a real-world thing an article names.
type Entity struct {
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	NameHi   string     `json:"nameHi,omitempty"`
	Aliases  []string   `json:"aliases"`
	Mentions int        `json:"mentions"`
	Spans    []Span     `json:"spans,omitempty"`
	// Confidence is 1 for lexicon entities and lower for people found only
	// from the way the text names them.
	Confidence float64 `json:"confidence"`
	// Rule says what found the entity, when the extraction was asked to
	// explain itself.
	Rule *Rule `json:"rule,omitempty"`
}

// Rule says what produced an entity, relation or event of an extraction
// (`netagraph extract --explain`): the extractor's rule by name, the
// lexicon or grammar entry it read, the word as written that fired it, and
// where that entry is defined — the entry a data team changes to change the
// result. docs/rules.md lists the rules.
type Rule struct {
	Name   string `json:"name"`
	Entry  string `json:"entry,omitempty"`
	Word   string `json:"word,omitempty"`
	Source string `json:"source,omitempty"`
}

// Relation is a directed (or symmetric) fact between two entities, with the
// sentence that states it.
type Relation struct {
	Type       RelationType   `json:"type"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Confidence float64        `json:"confidence"`
	Evidence   string         `json:"evidence"`
	Properties map[string]any `json:"properties"`
	Rule       *Rule          `json:"rule,omitempty"`
}

// Event is something that happened or will happen at a time.
type Event struct {
	ID           string    `json:"id"`
	Kind         EventKind `json:"kind"`
	Date         string    `json:"date,omitempty"` // YYYY-MM-DD, or YYYY for an election year
	Place        string    `json:"place,omitempty"`
	Participants []string  `json:"participants"`
	Evidence     string    `json:"evidence,omitempty"`
	Confidence   float64   `json:"confidence"`
	Rule         *Rule     `json:"rule,omitempty"`
}

// ArticleMeta is the article header of an extraction.
type ArticleMeta struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Lang        string  `json:"lang"`
	PublishedAt *string `json:"publishedAt"`
}

// Extraction is what extraction finds in one article: the JSON contract of
// `netagraph extract --json`.
type Extraction struct {
	Article   ArticleMeta `json:"article"`
	Entities  []Entity    `json:"entities"`
	Events    []Event     `json:"events"`
	Relations []Relation  `json:"relations"`
}

// MarshalJSON writes an unknown date or place as null, as the extraction
// contract does.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		Date  *string `json:"date"`
		Place *string `json:"place"`
	}{plain(e), nullable(e.Date), nullable(e.Place)})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
