package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/lexicon"
)

func testLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// The same seed gives the same corpus; another seed another; article i does
// not depend on the corpus size.
func TestDeterministic(t *testing.T) {
	lex := testLexicon(t)
	var a, b, c bytes.Buffer
	if err := New(lex, 7).Write(&a, 50); err != nil {
		t.Fatal(err)
	}
	if err := New(lex, 7).Write(&b, 60); err != nil {
		t.Fatal(err)
	}
	if err := New(lex, 8).Write(&c, 50); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), a.Bytes()) {
		t.Error("seed 7: the first 50 articles differ between a corpus of 50 and one of 60")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("seeds 7 and 8 give the same corpus")
	}
	if n := strings.Count(a.String(), "\n"); n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
}

// The articles are ones the extractor reads: most entities, relations and
// events the templates state are found, in both languages.
func TestExtractable(t *testing.T) {
	lex := testLexicon(t)
	g := New(lex, 1)
	x := extract.New(lex)
	var ents, rels, evs int
	langs := map[string]int{}
	for i := range 200 {
		s := g.Article(i)
		langs[s.Lang]++
		if s.Title == "" || s.Body == "" {
			t.Fatalf("article %d is empty: %+v", i, s)
		}
		a := domain.Article{ID: s.ID, Title: s.Title, Body: s.Body, Lang: s.Lang}
		if s.PublishedAt != "" {
			d, err := time.Parse(time.DateOnly, s.PublishedAt[:10])
			if err != nil {
				t.Fatal(err)
			}
			a.PublishedAt = &d
		}
		out, err := x.Extract(a)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		ents += len(out.Entities)
		rels += len(out.Relations)
		evs += len(out.Events)
	}
	t.Logf("200 articles: %v; per article %.1f entities, %.1f relations, %.1f events",
		langs, float64(ents)/200, float64(rels)/200, float64(evs)/200)
	if langs["hi"] < 100 || langs["en"] < 40 {
		t.Errorf("languages %v, want about two thirds Hindi", langs)
	}
	if ents < 200*5 || rels < 200*4 || evs < 200 {
		t.Errorf("%d entities, %d relations, %d events in 200 articles: the extractor does not read the templates", ents, rels, evs)
	}
}

func TestJSONLines(t *testing.T) {
	var b bytes.Buffer
	if err := New(testLexicon(t), 1).Write(&b, 5); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if a["title"] == "" || a["body"] == "" {
			t.Errorf("article without title or body: %s", line)
		}
	}
}
