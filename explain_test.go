package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

// An article of our own, with a praise its trigger explains.
const explainArticle = "अखिलेश ने ममता की तारीफ की\n" +
	"दोनों नेताओं की मुलाकात कोलकाता में हुई.\n" +
	"कोलकाता, 17 मार्च 2023. सपा प्रमुख अखिलेश यादव ने शुक्रवार को कोलकाता में तृणमूल प्रमुख ममता बनर्जी से मुलाकात की और उनकी नीतियों की तारीफ की.\n"

func TestExtractExplain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte(explainArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	// --json --explain: the contract's JSON with a rule on every item
	out, err := run(t, "extract", "--json", "--explain", path)
	if err != nil {
		t.Fatal(err)
	}
	var x domain.Extraction
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatal(err)
	}
	if len(x.Entities) == 0 || len(x.Relations) == 0 || len(x.Events) == 0 {
		t.Fatalf("extraction = %+v", x)
	}
	for _, e := range x.Entities {
		if e.Rule == nil || e.Rule.Name == "" || e.Rule.Word == "" {
			t.Errorf("entity %s has rule %+v", e.ID, e.Rule)
		}
	}
	for _, e := range x.Events {
		if e.Rule == nil || e.Rule.Name == "" || e.Rule.Word == "" {
			t.Errorf("event %s has rule %+v", e.ID, e.Rule)
		}
	}
	var praised *domain.Relation
	for i, r := range x.Relations {
		if r.Rule == nil || r.Rule.Name == "" {
			t.Errorf("relation %s %s→%s has rule %+v", r.Type, r.From, r.To, r.Rule)
		}
		if r.Type == domain.Praised {
			praised = &x.Relations[i]
		}
	}
	if praised == nil {
		t.Fatalf("no PRAISED among %+v", x.Relations)
	}
	if r := praised.Rule; r == nil || r.Name != "trigger" || r.Entry != "praised-hi-sarahna" || r.Word != "तारीफ" ||
		!strings.HasPrefix(r.Source, "lexicon/data/grammar/triggers.yaml:") {
		t.Errorf("PRAISED rule = %+v, want the trigger praised-hi-sarahna on तारीफ with its file and line", r)
	}

	// --explain alone: the same, for people
	out, err = run(t, "extract", "--explain", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PRAISED person:akhilesh-yadav → person:mamata-banerjee", `trigger praised-hi-sarahna on "तारीफ" (lexicon/data/grammar/triggers.yaml:`, "lexicon person:akhilesh-yadav", "MEETING 2023-03-17 place:kolkata"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain output lacks %q:\n%s", want, out)
		}
	}

	// without --explain, no rules: the contract as it was
	out, err = run(t, "extract", "--json", path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, `"rule"`) {
		t.Errorf("rules without --explain: %s", out)
	}
}
