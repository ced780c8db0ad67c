// Package model holds the Go types bound to schema.graphqls: thin views of
// the domain's and the store's read models. Types gqlgen generates (inputs,
// connections, graph nodes and edges) are in models_gen.go.
package model

import (
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Entity is the GraphQL Entity interface: one of the types below.
type Entity interface {
	// Node is the entity as the store holds it.
	Node() domain.Node
}

// Fields are the fields every Entity has; the concrete types embed them.
type Fields struct {
	ID           string
	Name         string
	NameHi       *string
	Aliases      []string
	Type         domain.EntityType
	MentionCount int
	node         domain.Node
}

// Node returns the entity as the store holds it.
func (f Fields) Node() domain.Node { return f.node }

// Lists are the nested lists read with the entity.
func (f Fields) Lists() domain.Lists { return f.node.Lists }

// The concrete entity types.
type (
	Person       struct{ Fields }
	Party        struct{ Fields }
	Coalition    struct{ Fields }
	Place        struct{ Fields }
	Organization struct{ Fields }
	Event        struct {
		Fields
		Kind domain.EventKind
		Date *string
	}
)

// EntityFields are the fields of the GraphQL view of *n; NameHi points
// into n, so that a view the fast executor keeps on its stack needs no
// allocation.
func EntityFields(n *domain.Node) Fields { return fields(n, stringIn(&n.NameHi)) }

// EventOf is the GraphQL view of *n, an event; like EntityFields, it points
// into n.
func EventOf(n *domain.Node) Event {
	return Event{Fields: EntityFields(n), Kind: n.Kind, Date: stringIn(&n.Date)}
}

func fields(n *domain.Node, nameHi *string) Fields {
	f := Fields{
		ID: n.ID, Name: n.Name, NameHi: nameHi, Aliases: n.Aliases,
		Type: n.Type, MentionCount: n.MentionCount, node: *n,
	}
	if f.Aliases == nil {
		f.Aliases = []string{}
	}
	return f
}

// stringIn is s, nil when it is empty.
func stringIn(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

// NewEntity returns the GraphQL view of n, of n's type.
func NewEntity(n domain.Node) Entity {
	f := fields(&n, optional(n.NameHi))
	switch n.Type {
	case domain.Person:
		return &Person{f}
	case domain.Party:
		return &Party{f}
	case domain.Coalition:
		return &Coalition{f}
	case domain.Place:
		return &Place{f}
	case domain.EventEntity:
		return &Event{Fields: f, Kind: n.Kind, Date: optional(n.Date)}
	default:
		return &Organization{f}
	}
}

// Entities maps NewEntity over ns, keeping those that are a T.
func Entities[T Entity](ns []domain.Node) []T {
	out := make([]T, 0, len(ns))
	for _, n := range ns {
		if v, ok := NewEntity(n).(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// Relation is a fact between two entities.
type Relation struct{ fact domain.Fact }

// NewRelation returns the GraphQL view of f.
func NewRelation(f domain.Fact) *Relation { return &Relation{f} }

// RelationOf is NewRelation as a value.
func RelationOf(f domain.Fact) Relation { return Relation{f} }

// Relations maps NewRelation over fs.
func Relations(fs []domain.Fact) []*Relation {
	out := make([]*Relation, len(fs))
	for i, f := range fs {
		out[i] = NewRelation(f)
	}
	return out
}

// Fact returns the relation as the store holds it.
func (r *Relation) Fact() domain.Fact { return r.fact }

// Lists are the nested lists read with the relation.
func (r *Relation) Lists() domain.Lists { return r.fact.Lists }

// The fields of Relation.
func (r *Relation) ID() string                { return r.fact.Key }
func (r *Relation) Type() domain.RelationType { return r.fact.Type }
func (r *Relation) From() Entity              { return NewEntity(r.fact.From) }
func (r *Relation) To() Entity                { return NewEntity(r.fact.To) }
func (r *Relation) Confidence() float64       { return r.fact.Confidence }
func (r *Relation) SourceCount() int          { return r.fact.SourceCount }
func (r *Relation) FirstSeen() *time.Time     { return r.fact.FirstSeen }
func (r *Relation) LastSeen() *time.Time      { return r.fact.LastSeen }
func (r *Relation) Office() *string           { return stringProperty(r.fact, "office") }
func (r *Relation) Current() *bool            { return boolProperty(r.fact, "current") }

// Stance is a fact read from its subject's side.
type Stance struct {
	subject string
	fact    domain.Fact
}

// NewStance returns f as the stance of subject.
func NewStance(subject string, f domain.Fact) *Stance { return &Stance{subject, f} }

// StanceOf is NewStance as a value.
func StanceOf(subject string, f domain.Fact) Stance { return Stance{subject, f} }

// Lists are the nested lists read with the stance's relation.
func (s *Stance) Lists() domain.Lists { return s.fact.Lists }

// Fact returns the stance's relation as the store holds it.
func (s *Stance) Fact() domain.Fact { return s.fact }

// Subject is the id of the entity the stance is read from.
func (s *Stance) Subject() string { return s.subject }

// The fields of Stance.
func (s *Stance) Type() domain.RelationType { return s.fact.Type }
func (s *Stance) Target() Entity            { return NewEntity(s.fact.Other(s.subject)) }
func (s *Stance) Confidence() float64       { return s.fact.Confidence }
func (s *Stance) SourceCount() int          { return s.fact.SourceCount }
func (s *Stance) FirstSeen() *time.Time     { return s.fact.FirstSeen }
func (s *Stance) LastSeen() *time.Time      { return s.fact.LastSeen }
func (s *Stance) Relation() *Relation       { return NewRelation(s.fact) }

// Office is a HOLDS_OFFICE fact read as the office.
type Office struct{ fact domain.Fact }

// NewOffice returns f, a HOLDS_OFFICE fact, as an office.
func NewOffice(f domain.Fact) *Office { return &Office{f} }

// OfficeOf is NewOffice as a value.
func OfficeOf(f domain.Fact) Office { return Office{f} }

// Lists are the nested lists read with the office's relation.
func (o *Office) Lists() domain.Lists { return o.fact.Lists }

// Fact returns the office's relation as the store holds it.
func (o *Office) Fact() domain.Fact { return o.fact }

// The fields of Office.
func (o *Office) Title() *string        { return stringProperty(o.fact, "office") }
func (o *Office) Current() *bool        { return boolProperty(o.fact, "current") }
func (o *Office) FirstSeen() *time.Time { return o.fact.FirstSeen }
func (o *Office) LastSeen() *time.Time  { return o.fact.LastSeen }
func (o *Office) Relation() *Relation   { return NewRelation(o.fact) }

// Place is the place the office is of, when the relation ends at one.
func (o *Office) Place() *Place {
	p, _ := NewEntity(o.fact.To).(*Place)
	return p
}

// Evidence is one article's statement of a relation.
type Evidence struct {
	ID         string
	Sentence   string
	Confidence float64
	Article    *Article
	// RelKey is the id of the relation it states.
	RelKey string
	// Lists are the nested lists read with it.
	Lists domain.Lists
}

// NewEvidence returns the GraphQL view of e.
func NewEvidence(e domain.Evidence) *Evidence {
	v := EvidenceOf(e)
	return &v
}

// EvidenceOf is NewEvidence as a value.
func EvidenceOf(e domain.Evidence) Evidence {
	return Evidence{ID: e.ID, Sentence: e.Sentence, Confidence: e.Confidence, Article: NewArticle(e.Article, nil), RelKey: e.RelKey,
		Lists: e.Lists}
}

// EvidenceList maps NewEvidence over evs.
func EvidenceList(evs []domain.Evidence) []*Evidence {
	out := make([]*Evidence, len(evs))
	for i, e := range evs {
		out[i] = NewEvidence(e)
	}
	return out
}

// Article is a news article.
type Article struct {
	ID          string
	Title       string
	URL         *string
	Source      *string
	Lang        *string
	PublishedAt *time.Time
	LoadedAt    *time.Time
	// Lists are the nested lists read with it.
	Lists domain.Lists
}

// NewArticle returns the GraphQL view of a, loaded at loadedAt.
func NewArticle(a domain.Article, loadedAt *time.Time) *Article {
	return &Article{
		ID: a.ID, Title: a.Title, URL: optional(a.URL), Source: optional(a.Source), Lang: optional(a.Lang),
		PublishedAt: a.PublishedAt, LoadedAt: loadedAt,
	}
}

// NewStoredArticle returns the GraphQL view of a stored article.
func NewStoredArticle(a domain.StoredArticle) *Article {
	out := NewArticle(a.Article, a.LoadedAt)
	out.Lists = a.Lists
	return out
}

// Alliance is an ally of a party and what the alliance rests on.
type Alliance struct {
	Ally       Entity
	Direct     bool
	Coalitions []*Coalition
	Relations  []*Relation
	FirstSeen  *time.Time
	LastSeen   *time.Time
}

// Path is a chain of relations between two entities.
type Path struct {
	ID     string
	Length int
	Nodes  []Entity
	Hops   []*Hop
}

// Hop is one step of a path.
type Hop struct {
	Type     domain.RelationType
	From     Entity
	To       Entity
	Reversed bool
	Relation *Relation
}

func stringProperty(f domain.Fact, name string) *string {
	s, ok := f.Properties[name].(string)
	if !ok {
		return nil
	}
	return &s
}

func boolProperty(f domain.Fact, name string) *bool {
	b, ok := f.Properties[name].(bool)
	if !ok {
		return nil
	}
	return &b
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
