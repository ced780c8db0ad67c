package domain

import "time"

// Node is an entity as the graph holds it: one node for a real-world thing,
// whatever the number of articles that name it.
type Node struct {
	ID      string
	Type    EntityType
	Name    string
	NameHi  string
	Aliases []string
	// MentionCount adds up the mentions of every article loaded.
	MentionCount int
	Confidence   float64
	// Kind and Date are set for events.
	Kind EventKind
	Date string
	// Lists are the nested lists a read's plan read for it.
	Lists Lists
}

// Fact is one relationship of the graph with what its evidence adds up to.
// A symmetric relation's From and To are in id order.
type Fact struct {
	// Key identifies the relation: its type, ends and key properties.
	Key         string
	Type        RelationType
	From, To    Node
	Confidence  float64 // the highest confidence of any of its evidence
	SourceCount int     // the articles that state it
	// FirstSeen and LastSeen are the earliest and latest publication dates
	// of those articles, nil when none is dated.
	FirstSeen, LastSeen *time.Time
	// Properties are the relation's own, such as HOLDS_OFFICE's office and
	// current, as the most recent article states them.
	Properties map[string]any
	// Lists are the nested lists a read's plan read for it.
	Lists Lists
}

// Other returns the end of f that is not id.
func (f Fact) Other(id string) Node {
	if f.From.ID == id {
		return f.To
	}
	return f.From
}

// Evidence is one article's statement of a relation.
type Evidence struct {
	ID         string
	RelKey     string
	Sentence   string
	Confidence float64
	Article    Article // id, title, url, source, lang, publishedAt
	// Lists are the nested lists a read's plan read for it.
	Lists Lists
}

// WriteStatus says what a write did to an article.
type WriteStatus string

// The statuses of WriteResult.
const (
	New       WriteStatus = "new"       // the article was not in the graph
	Unchanged WriteStatus = "unchanged" // the same content was; nothing was written
	Updated   WriteStatus = "updated"   // a different version was, and was replaced
)

// WriteResult reports one article's write.
type WriteResult struct {
	ArticleID string
	Status    WriteStatus
	Entities  int // entities and events written
	Relations int // relations written, with one piece of evidence each
}

// Failed is the status of an article that could not be loaded.
const Failed WriteStatus = "failed"

// IngestResult reports what loading one article did: the same for
// `netagraph load` and the ingestArticles mutation.
type IngestResult struct {
	ArticleID string
	// Origin says where the article came from: file and line, or its
	// place in a mutation's input.
	Origin string
	Status WriteStatus
	Error  string // why it failed, safe to show
	// Warning is something to know about an article that was written: its
	// id was given earlier in the same input (the later one is kept).
	Warning   string
	Entities  int
	Relations int
}
