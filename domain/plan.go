package domain

import (
	"context"
	"time"
)

// A Plan says which nested lists to read with the items of a read: for a
// party, its leaders and, for each, their parties; for a relation, its
// evidence. The reader answers an item and every list of its plan, at any
// depth, with one statement, so a request costs one statement per
// top-level field however many lists its selection nests.
//
// Fields are the item's own fields the selection reads, by their GraphQL
// names ("name", "sourceCount", "article.title" for an evidence's article);
// the reader may leave the others out. Nil means every field.
type Plan struct {
	Fields []string
	Lists  []List
}

// Wants reports whether the plan's item is to have the field f.
func (p Plan) Wants(f string) bool {
	if p.Fields == nil {
		return true
	}
	for _, x := range p.Fields {
		if x == f {
			return true
		}
	}
	return false
}

// Merge returns the plan reading what p and q read.
func (p Plan) Merge(q Plan) Plan {
	out := Plan{Lists: append(append([]List(nil), p.Lists...), q.Lists...)}
	if p.Fields != nil && q.Fields != nil {
		out.Fields = append([]string{}, p.Fields...)
		for _, f := range q.Fields {
			if !p.Wants(f) {
				out.Fields = append(out.Fields, f)
			}
		}
	}
	return out
}

// ListKind is what a nested list reads, and so which items it holds and
// what it may be nested in.
type ListKind int

// The kinds of nested list, by what they hang from.
const (
	// Of an entity.
	Neighbours ListKind = iota + 1 // Nodes: the entities one Hop away
	Allies                         // Nodes: a party's allies (see Reader.Alliances)
	Within                         // Nodes: the places a place lies within, the nearest first
	Facts                          // Facts: its relations (FactQuery)
	Articles                       // Articles: the articles that mention it, a connection

	// Of a relation.
	EvidenceOf // Evidence: the statements of it, the most recent first
	FromEnd    // Nodes: its start, with the list's plan
	ToEnd      // Nodes: its end
	OtherEnd   // Nodes: the end that is not the entity the relation was read from

	// Of a piece of evidence.
	RelationOf // Facts: the relation it states
	ArticleOf  // Articles: the article that states it

	// Of an article.
	Mentioned // Nodes: the entities it mentions, the most mentioned in it first
	Stated    // Evidence: what it states, the most confident first
)

// List is one nested list of a plan.
type List struct {
	// Key names the list among its item's Lists.
	Key  string
	Kind ListKind
	// On, when set, reads the list only for entities of that type.
	On EntityType

	Hop           Hop            // Neighbours
	Facts         FactQuery      // Facts
	EntityTypes   []EntityType   // Mentioned: all when empty
	RelationTypes []RelationType // Stated: all when empty
	Page          Page           // After is a cursor for Articles, an id otherwise
	Count         bool           // Articles: count them too
	// Each is the plan of each item of the list.
	Each Plan
}

// Lists are the nested lists a plan read for one item, by key.
type Lists map[string]*Result

// Result is one nested list: the field of its kind is set.
type Result struct {
	Nodes    []Node
	Facts    []Fact
	Evidence []Evidence
	Articles []StoredArticle
	// For Articles, a connection.
	Cursors []string
	HasNext bool
	Total   int
}

// Find returns the list of key, or nil when the plan had none.
func (l Lists) Find(key string) *Result {
	if l == nil {
		return nil
	}
	return l[key]
}

// Root is the kind of item Reader.Expand starts from.
type Root int

// The roots of Expand.
const (
	EntityRoot   Root = iota + 1 // ids are entity ids
	RelationRoot                 // ids are relation keys
	ArticleRoot                  // ids are article ids
)

// AlliancePlan is what to read with each alliance.
type AlliancePlan struct {
	Ally, Coalitions Plan // of each entity
	Facts            Plan // of each relation
}

// PathPlan is what to read with each path.
type PathPlan struct {
	Nodes Plan // of each entity along it
	Facts Plan // of each hop's relation
}

// Reader reads the graph: the port the API is written against. Each
// method sends one statement, whatever its plan.
type Reader interface {
	// FindEntity finds an entity of type t (any type when t is "") by id,
	// or by any of its names; nil when there is none.
	FindEntity(ctx context.Context, t EntityType, id, name string, plan Plan) (*Node, error)
	// Relation returns the relation of the given id (key), nil when there
	// is none.
	Relation(ctx context.Context, key string, plan Plan) (*Fact, error)
	// Expand reads plan's lists for the items with the given ids, by id.
	Expand(ctx context.Context, root Root, ids []string, plan Plan) (map[string]Lists, error)

	Search(ctx context.Context, text string, types []EntityType, p Page, plan Plan) ([]Node, error)
	Relations(ctx context.Context, f RelationFilter, first int, after string, count bool, plan Plan) (Connection[Fact], error)
	Alliances(ctx context.Context, party string, asOf *time.Time, p Page, plan AlliancePlan) (Node, []Alliance, error)
	Paths(ctx context.Context, from, to string, maxHops int, types []RelationType, p Page, plan PathPlan) ([]Path, error)
	Neighbourhood(ctx context.Context, centre string, depth int, types []RelationType, limit, edgeLimit int) (Subgraph, error)
	Graph(ctx context.Context, f GraphFilter) (Subgraph, error)
	Timeline(ctx context.Context, entity, from, to string, p Page, plan Plan) (string, []Node, error)
	Articles(ctx context.Context, f ArticleFilter, first int, after string, count bool, plan Plan) (Connection[StoredArticle], error)
	Article(ctx context.Context, id string, plan Plan) (*StoredArticle, error)
	Stats(ctx context.Context) (Stats, error)
}
