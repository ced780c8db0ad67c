package lexicon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedLexicon(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if bad := l.Check(); len(bad) > 0 {
		t.Errorf("%d dangling references, first: %s", len(bad), strings.Join(bad[:min(len(bad), 10)], "; "))
	}
	count := map[string]int{}
	kinds := map[string]int{}
	for _, e := range l.Entries {
		count[e.Type]++
		if e.Type == "Place" {
			kinds[e.Kind]++
		}
	}
	for typ, least := range map[string]int{"Person": 400, "Party": 60, "Coalition": 7, "Organization": 10} {
		if count[typ] < least {
			t.Errorf("%d %s entries, want at least %d", count[typ], typ, least)
		}
	}
	if kinds["state"] != 28 || kinds["ut"] != 8 {
		t.Errorf("%d states and %d union territories, want 28 and 8", kinds["state"], kinds["ut"])
	}
	if n := kinds["city"] + kinds["district"] + kinds["constituency"]; n < 150 {
		t.Errorf("%d cities, districts and constituencies, want at least 150", n)
	}
	// facts that resolve titles
	if got := l.Leaders("party:sp"); !containsString(got, "person:akhilesh-yadav") {
		t.Errorf("Leaders(party:sp) = %v", got)
	}
}

func TestExtraDirectory(t *testing.T) {
	dir := t.TempDir()
	data := `
- id: person:test-netagraph-leader
  type: Person
  name: Ramkumar Testwala
  nameHi: रामकुमार टेस्टवाला
  party: party:sp
- id: party:sp
  aliases: [समाजवादी दल]
`
	if err := os.WriteFile(filepath.Join(dir, "extra.yaml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Get("person:test-netagraph-leader") == nil {
		t.Error("entry from the extra directory not loaded")
	}
	if sp := l.Get("party:sp"); sp == nil || !containsString(sp.Aliases, "समाजवादी दल") || sp.Name != "Samajwadi Party" {
		t.Errorf("party:sp not extended: %+v", sp)
	}
}

func TestBadFiles(t *testing.T) {
	for name, data := range map[string]string{
		"no id":    "- type: Party\n  name: X\n",
		"bad type": "- id: x:y\n  type: Politician\n  name: X\n",
		"not yaml": "- id: [\n",
		// Readers take the type from the id's prefix (domain.TypeOfID).
		"id of another type": "- id: person:x\n  type: Party\n  name: X\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), "bad.yaml") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing directory loaded without error")
	}
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
