package extract

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/lexicon"
)

// Every word set the rules name is defined in the grammar files, and every
// set the files define is one the rules read.
func TestGrammarDefinesEverySet(t *testing.T) {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, name := range setNames {
		if declared[name] {
			t.Errorf("word set %s declared twice", name)
		}
		declared[name] = true
		if len(lex.Grammar.Sets[name]) == 0 {
			t.Errorf("word set %s has no words in lexicon/data/grammar", name)
		}
	}
	for name := range lex.Grammar.Sets {
		if !declared[name] {
			t.Errorf("lexicon/data/grammar defines word set %s, which no rule reads", name)
		}
	}
	for _, name := range confidenceNames {
		if c := lex.Grammar.Confidences[name]; c <= 0 || c > 1 {
			t.Errorf("confidence %s is %v in lexicon/data/grammar", name, c)
		}
	}
	for name := range lex.Grammar.Confidences {
		if !slices.Contains(confidenceNames, name) {
			t.Errorf("lexicon/data/grammar defines confidence %s, which no rule reads", name)
		}
	}
	if len(lex.Grammar.Triggers) == 0 || len(lex.Grammar.Offices) == 0 || len(lex.Grammar.Events) == 0 {
		t.Errorf("grammar has %d triggers, %d offices, %d event kinds", len(lex.Grammar.Triggers), len(lex.Grammar.Offices), len(lex.Grammar.Events))
	}
}

// A trigger verb added in a directory of its own, with no recompiling,
// states a relation the built-in grammar does not read; a word added to a
// built-in trigger does too, and so do words added to a word set and to an
// event kind.
func TestGrammarExtraTrigger(t *testing.T) {
	const body = "लखनऊ में सपा प्रमुख अखिलेश यादव ने तृणमूल प्रमुख ममता बनर्जी की वाहवाही की। " +
		"अगले दिन भाजपा नेता राजनाथ सिंह ने अखिलेश यादव को कोसा। " +
		"शाम को राजनाथ सिंह ने पत्रकारों से गुफ्तगू की। रात में पटना में जदयू का जलसा हुआ।"
	extractWith := func(dirs ...string) domain.Extraction {
		t.Helper()
		lex, err := lexicon.Load(dirs...)
		if err != nil {
			t.Fatal(err)
		}
		out, err := New(lex).Extract(domain.Article{ID: "t", Title: "परीक्षण", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	const akhilesh, mamata, rajnath = "person:akhilesh-yadav", "person:mamata-banerjee", "person:rajnath-singh"
	before := extractWith()
	if hasRelation(before, domain.Praised, akhilesh, mamata) || hasRelation(before, domain.Criticized, rajnath, akhilesh) {
		t.Fatalf("the built-in grammar already reads वाहवाही or कोसा: %v", before.Relations)
	}
	if hasEventKind(before, domain.PressConference) || hasEventKind(before, domain.Rally) {
		t.Fatalf("the built-in grammar already reads गुफ्तगू or जलसा: %v", before.Events)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "grammar"), 0o755); err != nil {
		t.Fatal(err)
	}
	grammar := `
triggers:
  - id: praised-vaahvaahi
    relation: PRAISED
    words: [वाहवाही]
    patient: before
    markers: [की]
    gap: 1
    confidence: 0.7
  - id: criticized-hi-nishana
    words: [कोसा]
sets:
  talkWords: [गुफ्तगू]
events:
  RALLY: [जलसा]
`
	if err := os.WriteFile(filepath.Join(dir, "grammar", "extra.yaml"), []byte(grammar), 0o644); err != nil {
		t.Fatal(err)
	}
	after := extractWith(dir)
	if !hasRelation(after, domain.Praised, akhilesh, mamata) {
		t.Errorf("no PRAISED %s → %s with the new trigger: %v", akhilesh, mamata, after.Relations)
	}
	if !hasRelation(after, domain.Criticized, rajnath, akhilesh) {
		t.Errorf("no CRITICIZED %s → %s with कोसा added to criticized-hi-nishana: %v", rajnath, akhilesh, after.Relations)
	}
	if !hasEventKind(after, domain.PressConference) {
		t.Errorf("no PRESS_CONFERENCE with गुफ्तगू added to talkWords: %v", after.Events)
	}
	if !hasEventKind(after, domain.Rally) {
		t.Errorf("no RALLY with जलसा added to its words: %v", after.Events)
	}
	for _, r := range after.Relations {
		if r.Type == domain.Praised && r.Confidence != 0.7 {
			t.Errorf("PRAISED has confidence %v, want the trigger's 0.7", r.Confidence)
		}
	}
}

func hasEventKind(x domain.Extraction, k domain.EventKind) bool {
	for _, e := range x.Events {
		if e.Kind == k {
			return true
		}
	}
	return false
}
