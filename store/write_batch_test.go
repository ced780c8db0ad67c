package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// Folding a batch's rows changes how the graph is written, not what it
// says: one by one, in batches, or in another order, the same articles make
// the same graph, and a consistent one.
func TestBatchesWriteWhatOneByOneWrites(t *testing.T) {
	ctx := context.Background()
	arts, xs := benchCorpus()
	arts, xs = arts[:80], xs[:80]

	st := storetest.Open(t)
	for i := range arts {
		if _, err := st.WriteArticle(ctx, arts[i], xs[i]); err != nil {
			t.Fatal(err)
		}
	}
	want := storetest.GraphContent(t)
	if v := storetest.Violations(t); len(v) > 0 {
		t.Errorf("one by one: %v", v)
	}
	if want.Labels["Article"] != 80 || want.Labels["Evidence"] == 0 || want.Types["MENTIONS"] == 0 {
		t.Fatalf("one by one wrote %+v", want)
	}

	for _, tc := range []struct {
		name    string
		size    int
		reverse bool
	}{{"batches of 7", 7, false}, {"one batch, reversed", 80, true}} {
		storetest.Open(t)
		a, x := slices.Clone(arts), slices.Clone(xs)
		if tc.reverse {
			slices.Reverse(a)
			slices.Reverse(x)
		}
		for i := 0; i < len(a); i += tc.size {
			j := min(i+tc.size, len(a))
			res, err := st.WriteArticles(ctx, a[i:j], x[i:j])
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				if r.Status != domain.New {
					t.Errorf("%s: %+v", tc.name, r)
				}
			}
		}
		if got := storetest.GraphContent(t); got.Digest != want.Digest {
			t.Errorf("%s: the graph differs from one written one by one:\n got %+v\nwant %+v", tc.name, got, want)
		}
		if v := storetest.Violations(t); len(v) > 0 {
			t.Errorf("%s: %v", tc.name, v)
		}
	}
}

// In a batch, an article the ontology check refuses fails alone; the same
// article twice is written once.
func TestWriteArticlesBatchOutcomes(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	a, xa := article("a", nil, opposes("SP opposes BJP"))
	b, xb := article("b", nil, alliance("SP and TMC ally", 0.8))
	bad, xbad := article("bad", nil, opposes("x"))
	xbad.Relations[0].Type = "KNOWS"
	other := a
	other.Title = "Another text under a's id"
	xother := xa
	xother.Article.Title = other.Title

	res, err := st.WriteArticles(ctx, []domain.Article{a, bad, b, a, other}, []domain.Extraction{xa, xbad, xb, xa, xother})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(res))
	for i, r := range res {
		got[i] = string(r.Status)
	}
	if strings.Join(got, ",") != "new,failed,new,unchanged,failed" {
		t.Errorf("statuses %v", got)
	}
	if !strings.HasPrefix(res[1].Error, "bad.txt: ") || !strings.Contains(res[4].Error, "given twice in one batch") {
		t.Errorf("errors %q, %q", res[1].Error, res[4].Error)
	}
	if n := storetest.Exec(t, `MATCH (a:Article) RETURN count(a) AS n`, nil)[0]["n"]; n != int64(2) {
		t.Errorf("%v articles, want a and b", n)
	}

	// A batch that changes one article and adds another: the change
	// replaces what a said, b is untouched, c is new.
	c, xc := article("c", nil, opposes("SP opposes BJP again"))
	xa2 := xa
	xa2.Relations = []domain.Relation{alliance("SP allies with TMC after all", 0.9)}
	res, err = st.WriteArticles(ctx, []domain.Article{a, b, c}, []domain.Extraction{xa2, xb, xc})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != domain.Updated || res[1].Status != domain.Unchanged || res[2].Status != domain.New {
		t.Errorf("results %+v", res)
	}
	if f := fact(t, st, "party:sp", domain.AlliedWith); f == nil || f.SourceCount != 2 || f.Confidence != 0.9 {
		t.Errorf("alliance = %+v, want a's and b's", f)
	}
	if f := fact(t, st, "party:sp", domain.Opposes); f == nil || f.SourceCount != 1 {
		t.Errorf("opposition = %+v, want c's alone", f)
	}
	if v := storetest.Violations(t); len(v) > 0 {
		t.Error(v)
	}
	before := storetest.Count(t)
	res, err = st.WriteArticles(ctx, []domain.Article{a, b, c}, []domain.Extraction{xa2, xb, xc})
	if err != nil || res[0].Status != domain.Unchanged || res[1].Status != domain.Unchanged || res[2].Status != domain.Unchanged {
		t.Errorf("again: %+v, %v", res, err)
	}
	if after := storetest.Count(t); after != before {
		t.Errorf("writing the same batch again changed the graph")
	}
}

// Evidence dates and relation dates are the articles' publication dates.
func TestWriteArticlesDates(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	day := func(d int) *time.Time { t := time.Date(2024, 2, d, 0, 0, 0, 0, time.UTC); return &t }
	var arts []domain.Article
	var xs []domain.Extraction
	for i, d := range []int{9, 3, 27} {
		a, x := article(string(rune('a'+i)), day(d), alliance("ally", 0.5+float64(i)/10))
		arts, xs = append(arts, a), append(xs, x)
	}
	if _, err := st.WriteArticles(ctx, arts, xs); err != nil {
		t.Fatal(err)
	}
	f := fact(t, st, "party:sp", domain.AlliedWith)
	if f == nil || f.SourceCount != 3 || !f.FirstSeen.Equal(*day(3)) || !f.LastSeen.Equal(*day(27)) || f.Confidence != 0.7 {
		t.Errorf("alliance = %+v, want 3 sources seen 3 to 27 February, confidence 0.7", f)
	}
}

// Neo4j unreachable is an error that may pass; others are not.
func TestIsTemporary(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := store.Open(ctx, "bolt://127.0.0.1:1", "neo4j", "x")
	if err == nil || !store.IsTemporary(err) {
		t.Errorf("nothing listening: %v, temporary %v", err, store.IsTemporary(err))
	}
	if store.IsTemporary(errors.New("syntax error")) || store.IsTemporary(context.Canceled) {
		t.Error("ordinary errors are temporary")
	}
}
