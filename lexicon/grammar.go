package lexicon

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/netagraph/netagraph/domain"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Grammar is the data the extractor's rules read: the words that state a
// relation (triggers) with where their roles stand, the named word sets the
// rules test for, the words of offices and the words that name events. It
// is loaded from the grammar/*.yaml files beside the lexicon (FORMAT.md,
// "Grammar files") and extended by the same directories.
type Grammar struct {
	// Sets maps a set's name to its words, in the order first written.
	Sets map[string][]string
	// Offices maps the words of an office ("मुख्यमंत्री", "deputy cm") to
	// the office's canonical name ("Chief Minister").
	Offices map[string]string
	// Events maps an event kind to the words that name it.
	Events map[domain.EventKind][]string
	// Triggers, in the order loaded.
	Triggers []*Trigger
	// Confidences maps a rule's name to the confidence of what it states
	// (the rules without a trigger of their own: alliance words, events).
	Confidences map[string]float64
}

// Trigger is a word that states a relation and where its roles stand.
type Trigger struct {
	ID       string              `yaml:"id"`
	Relation domain.RelationType `yaml:"relation"`
	Words    []string            `yaml:"words"`
	// Patient is "before" (Hindi: the patient stands before the word,
	// followed by one of Markers) or "after" (English: "praised Modi").
	Patient string   `yaml:"patient"`
	Markers []string `yaml:"markers"`
	// Gap is how many words may stand between the marker (or the patient,
	// without markers) and the trigger.
	Gap int `yaml:"gap"`
	// Prev, when set, must be among the two words before the trigger; Next
	// among the three after it.
	Prev       []string `yaml:"prev"`
	Next       []string `yaml:"next"`
	Confidence float64  `yaml:"confidence"`
	// Source is where the trigger was defined: "file:line".
	Source string `yaml:"-"`
}

// grammarFile is one grammar file as written.
type grammarFile struct {
	Sets        map[string][]string   `yaml:"sets"`
	Offices     map[string]string     `yaml:"offices"`
	Events      map[string][]string   `yaml:"events"`
	Triggers    []yaml.Node           `yaml:"triggers"`
	Confidences map[string]float64    `yaml:"confidences"`
	lines       map[string]*yaml.Node // "sets.<name>" → the name's node, for errors
}

var (
	triggerFields = map[string]bool{"id": true, "relation": true, "words": true, "patient": true, "markers": true, "gap": true, "prev": true, "next": true, "confidence": true}
	grammarFields = map[string]bool{"sets": true, "offices": true, "events": true, "triggers": true, "confidences": true}
	// offices a person may hold (FORMAT.md, `offices`).
	officeNames = map[string]bool{"Prime Minister": true, "Chief Minister": true, "Deputy Chief Minister": true, "Governor": true,
		"Lieutenant Governor": true, "Union Minister": true, "Minister": true, "Leader of Opposition": true, "President": true,
		"Vice President": true, "Speaker": true, "MP": true, "MLA": true}
)

func newGrammar() *Grammar {
	return &Grammar{Sets: map[string][]string{}, Offices: map[string]string{}, Events: map[domain.EventKind][]string{}, Confidences: map[string]float64{}}
}

// Trigger returns the trigger with the given id, or nil.
func (g *Grammar) Trigger(id string) *Trigger {
	for _, t := range g.Triggers {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// addFile merges one grammar file. builtin files may define word sets;
// other files may only add words to the sets the built-in grammar defines
// (the extractor reads no other), so a misspelt set name is an error.
func (g *Grammar) addFile(name string, b []byte, builtin bool) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: a grammar file is a mapping with sets, offices, events, triggers and confidences", name, root.Line)
	}
	var f grammarFile
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !grammarFields[k.Value] {
			return fmt.Errorf("%s:%d: unknown key %q; want sets, offices, events, triggers or confidences", name, k.Line, k.Value)
		}
		var err error
		switch k.Value {
		case "sets":
			err = v.Decode(&f.Sets)
		case "offices":
			err = v.Decode(&f.Offices)
		case "events":
			err = v.Decode(&f.Events)
		case "triggers":
			err = v.Decode(&f.Triggers)
		case "confidences":
			err = v.Decode(&f.Confidences)
		}
		if err != nil {
			return fmt.Errorf("%s: %s: %w", name, k.Value, err)
		}
		if v.Kind == yaml.MappingNode {
			// a line per name, for the errors below
			if f.lines == nil {
				f.lines = map[string]*yaml.Node{}
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				f.lines[k.Value+"."+v.Content[j].Value] = v.Content[j]
			}
		}
	}
	at := func(key string) string {
		if n := f.lines[key]; n != nil {
			return fmt.Sprintf("%s:%d", name, n.Line)
		}
		return name
	}
	for _, set := range sortedKeys(f.Sets) {
		words := f.Sets[set]
		if _, known := g.Sets[set]; !known && !builtin {
			return fmt.Errorf("%s: unknown word set %q (an extra grammar file may only add words to the sets FORMAT.md lists)", at("sets."+set), set)
		}
		if len(words) == 0 {
			return fmt.Errorf("%s: word set %q has no words", at("sets."+set), set)
		}
		for _, w := range words {
			if strings.TrimSpace(w) == "" {
				return fmt.Errorf("%s: word set %q has an empty word", at("sets."+set), set)
			}
			g.Sets[set] = appendNew(g.Sets[set], norm.NFC.String(strings.TrimSpace(w)))
		}
	}
	for _, words := range sortedKeys(f.Offices) {
		office := f.Offices[words]
		if !officeNames[office] {
			return fmt.Errorf("%s: office %q for %q is not one of the offices FORMAT.md lists", at("offices."+words), office, words)
		}
		if strings.TrimSpace(words) == "" {
			return fmt.Errorf("%s: an office with no words", at("offices."+words))
		}
		g.Offices[norm.NFC.String(strings.TrimSpace(words))] = office
	}
	for _, kind := range sortedKeys(f.Events) {
		k := domain.EventKind(kind)
		if !slices.Contains(domain.EventKinds, k) {
			return fmt.Errorf("%s: unknown event kind %q; want one of %v", at("events."+kind), kind, domain.EventKinds)
		}
		for _, w := range f.Events[kind] {
			if strings.TrimSpace(w) == "" {
				return fmt.Errorf("%s: event kind %s has an empty word", at("events."+kind), kind)
			}
			if !oneWord(w) {
				return fmt.Errorf("%s: event kind %s: %q is not one word (the extractor reads events at single words)", at("events."+kind), kind, w)
			}
			g.Events[k] = appendNew(g.Events[k], norm.NFC.String(strings.TrimSpace(w)))
		}
	}
	for _, rule := range sortedKeys(f.Confidences) {
		c := f.Confidences[rule]
		if _, known := g.Confidences[rule]; !known && !builtin {
			return fmt.Errorf("%s: unknown rule %q (an extra grammar file may only change the confidences FORMAT.md lists)", at("confidences."+rule), rule)
		}
		if c <= 0 || c > 1 {
			return fmt.Errorf("%s: confidence %v for %s; want a number above 0 and at most 1", at("confidences."+rule), c, rule)
		}
		g.Confidences[rule] = c
	}
	for i := range f.Triggers {
		if err := g.addTrigger(name, &f.Triggers[i]); err != nil {
			return err
		}
	}
	return nil
}

// addTrigger checks one trigger and adds it; a trigger with the id of one
// loaded before, and only words, adds its words to that trigger.
func (g *Grammar) addTrigger(file string, n *yaml.Node) error {
	where := fmt.Sprintf("%s:%d", file, n.Line)
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: a trigger is a mapping (id, relation, words, …)", where)
	}
	given := map[string]bool{}
	for j := 0; j+1 < len(n.Content); j += 2 {
		k := n.Content[j]
		if !triggerFields[k.Value] {
			return fmt.Errorf("%s:%d: trigger has unknown field %q", file, k.Line, k.Value)
		}
		given[k.Value] = true
	}
	t := &Trigger{Source: where}
	if err := n.Decode(t); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if t.ID == "" {
		return fmt.Errorf("%s: trigger has no id", where)
	}
	where = fmt.Sprintf("%s: trigger %s", where, t.ID)
	nfcAll(t.Words)
	nfcAll(t.Markers)
	nfcAll(t.Prev)
	nfcAll(t.Next)
	if len(t.Words) == 0 {
		return fmt.Errorf("%s has no words", where)
	}
	for _, w := range t.Words {
		if w == "" {
			return fmt.Errorf("%s has an empty word", where)
		}
		if !oneWord(w) {
			return fmt.Errorf("%s: %q is not one word (a trigger is one word; put the words around it in prev or next)", where, w)
		}
	}
	if old := g.Trigger(t.ID); old != nil {
		for f := range given {
			if f != "id" && f != "words" {
				return fmt.Errorf("%s: id already defined at %s; a later file may only add words to it, not %s", where, old.Source, f)
			}
		}
		old.Words = appendNew(old.Words, t.Words...)
		return nil
	}
	switch {
	case !t.Relation.Valid():
		return fmt.Errorf("%s has relation %q; want one of %v", where, t.Relation, domain.RelationTypes)
	case t.Patient != "before" && t.Patient != "after":
		return fmt.Errorf("%s has patient %q; want before (Hindi: the patient and a case marker precede the word) or after (English)", where, t.Patient)
	case t.Patient == "after" && (len(t.Markers) > 0 || given["gap"]):
		return fmt.Errorf("%s: markers and gap are for patient: before", where)
	case t.Gap < 0 || t.Gap > 8:
		return fmt.Errorf("%s has gap %d; want 0 to 8", where, t.Gap)
	case !given["confidence"] || t.Confidence <= 0 || t.Confidence > 1:
		return fmt.Errorf("%s has confidence %v; want a number above 0 and at most 1", where, t.Confidence)
	}
	g.Triggers = append(g.Triggers, t)
	return nil
}

// oneWord reports whether w is a single word as the extractor cuts text:
// letters, digits and combining marks only.
func oneWord(w string) bool {
	for _, r := range strings.TrimSpace(w) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}

func nfcAll(l []string) {
	for i := range l {
		l[i] = norm.NFC.String(strings.TrimSpace(l[i]))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
