package lexicon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedGrammar(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	g := l.Grammar
	tr := g.Trigger("praised-hi-sarahna")
	if tr == nil || tr.Relation != "PRAISED" || tr.Patient != "before" || !containsString(tr.Words, "सराहना") || !containsString(tr.Markers, "की") {
		t.Errorf("praised-hi-sarahna = %+v", tr)
	}
	if tr != nil && !strings.HasPrefix(tr.Source, "lexicon/data/grammar/triggers.yaml:") {
		t.Errorf("praised-hi-sarahna source %q, want lexicon/data/grammar/triggers.yaml:<line>", tr.Source)
	}
	if g.Offices["उपमुख्यमंत्री"] != "Deputy Chief Minister" {
		t.Errorf("Offices[उपमुख्यमंत्री] = %q", g.Offices["उपमुख्यमंत्री"])
	}
	if !containsString(g.Sets["coordinators"], "और") {
		t.Errorf("coordinators = %v", g.Sets["coordinators"])
	}
}

// A bad grammar file fails the load with an error naming the file, the line
// and what is wrong.
func TestGrammarErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown set", "sets:\n  coordinators: [tatha]\n  cordinators: [और]\n", `bad.yaml:3: unknown word set "cordinators"`},
		{"empty set", "sets:\n  coordinators: []\n", `bad.yaml:2: word set "coordinators" has no words`},
		{"unknown key", "set:\n  coordinators: [और]\n", `bad.yaml:1: unknown key "set"`},
		{"not a mapping", "- id: x\n", `bad.yaml:1: a grammar file is a mapping`},
		{"bad office", "offices:\n  सीएम: Chief Ministr\n", `bad.yaml:2: office "Chief Ministr" for "सीएम"`},
		{"bad event kind", "events:\n  RALY: [रैली]\n", `bad.yaml:2: unknown event kind "RALY"`},
		{"unknown trigger field", "triggers:\n  - id: a\n    relation: PRAISED\n    word: [x]\n", `bad.yaml:4: trigger has unknown field "word"`},
		{"no id", "triggers:\n  - relation: PRAISED\n    words: [x]\n", `bad.yaml:2: trigger has no id`},
		{"bad relation", "triggers:\n  - id: a\n    relation: PRAISE\n    words: [x]\n    patient: after\n    confidence: 0.5\n", `bad.yaml:2: trigger a has relation "PRAISE"`},
		{"no words", "triggers:\n  - id: a\n    relation: PRAISED\n    patient: after\n    confidence: 0.5\n", `bad.yaml:2: trigger a has no words`},
		{"bad patient", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [x]\n    patient: behind\n    confidence: 0.5\n", `trigger a has patient "behind"`},
		{"markers after", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [x]\n    patient: after\n    markers: [की]\n    confidence: 0.5\n", `trigger a: markers and gap are for patient: before`},
		{"gap", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [x]\n    patient: before\n    gap: 12\n    confidence: 0.5\n", `trigger a has gap 12`},
		{"no confidence", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [x]\n    patient: after\n", `trigger a has confidence 0`},
		{"confidence above 1", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [x]\n    patient: after\n    confidence: 8\n", `trigger a has confidence 8`},
		{"redefined", "triggers:\n  - id: praised-en\n    words: [x]\n    confidence: 0.5\n", `trigger praised-en: id already defined at lexicon/data/grammar/triggers.yaml:`},
		{"bad yaml", "triggers: [\n", `bad.yaml:`},
		{"unknown confidence", "confidences:\n  aliance: 0.5\n", `bad.yaml:2: unknown rule "aliance"`},
		{"confidence out of range", "confidences:\n  alliance: 1.5\n", `bad.yaml:2: confidence 1.5 for alliance`},
		{"trigger of two words", "triggers:\n  - id: a\n    relation: PRAISED\n    words: [hand in]\n    patient: after\n    confidence: 0.5\n", `trigger a: "hand in" is not one word`},
		{"event word of two tokens", "events:\n  ELECTION: [by-poll]\n", `bad.yaml:2: event kind ELECTION: "by-poll" is not one word`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "grammar"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "grammar", "bad.yaml"), []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(dir)
			if err == nil {
				t.Fatalf("loaded %q without error", tc.data)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), filepath.Join(dir, "grammar", "bad.yaml")) {
				t.Errorf("error %q, want the file's path and %q", err, tc.want)
			}
		})
	}
}
