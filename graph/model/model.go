// Package model holds the Go types bound to schema.graphqls: thin views of
// the store's read models.
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

// NewEntity returns the GraphQL view of n, of n's type.
func NewEntity(n domain.Node) Entity {
	f := Fields{
		ID: n.ID, Name: n.Name, NameHi: optional(n.NameHi), Aliases: n.Aliases,
		Type: n.Type, MentionCount: n.MentionCount, node: n,
	}
	if f.Aliases == nil {
		f.Aliases = []string{}
	}
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

// Entities maps NewEntity over ns.
func Entities(ns []domain.Node) []Entity {
	out := make([]Entity, len(ns))
	for i, n := range ns {
		out[i] = NewEntity(n)
	}
	return out
}

// Relation is a fact between two entities.
type Relation struct{ fact domain.Fact }

// NewRelation returns the GraphQL view of f.
func NewRelation(f domain.Fact) *Relation { return &Relation{f} }

// Fact returns the relation as the store holds it.
func (r *Relation) Fact() domain.Fact { return r.fact }

// The fields of Relation.
func (r *Relation) ID() string                { return r.fact.Key }
func (r *Relation) Type() domain.RelationType { return r.fact.Type }
func (r *Relation) From() Entity              { return NewEntity(r.fact.From) }
func (r *Relation) To() Entity                { return NewEntity(r.fact.To) }
func (r *Relation) Confidence() float64       { return r.fact.Confidence }
func (r *Relation) SourceCount() int          { return r.fact.SourceCount }
func (r *Relation) FirstSeen() *time.Time     { return r.fact.FirstSeen }
func (r *Relation) LastSeen() *time.Time      { return r.fact.LastSeen }

// Office is HOLDS_OFFICE's office.
func (r *Relation) Office() *string {
	s, ok := r.fact.Properties["office"].(string)
	if !ok {
		return nil
	}
	return &s
}

// Current is false for a former office holder.
func (r *Relation) Current() *bool {
	b, ok := r.fact.Properties["current"].(bool)
	if !ok {
		return nil
	}
	return &b
}

// Stance is a fact read from its subject's side.
type Stance struct {
	subject string
	fact    domain.Fact
}

// NewStance returns f as the stance of subject.
func NewStance(subject string, f domain.Fact) *Stance { return &Stance{subject, f} }

// Fact returns the stance's relation as the store holds it.
func (s *Stance) Fact() domain.Fact { return s.fact }

// The fields of Stance.
func (s *Stance) Type() domain.RelationType { return s.fact.Type }
func (s *Stance) Target() Entity            { return NewEntity(s.fact.Other(s.subject)) }
func (s *Stance) Confidence() float64       { return s.fact.Confidence }
func (s *Stance) SourceCount() int          { return s.fact.SourceCount }
func (s *Stance) FirstSeen() *time.Time     { return s.fact.FirstSeen }
func (s *Stance) LastSeen() *time.Time      { return s.fact.LastSeen }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
