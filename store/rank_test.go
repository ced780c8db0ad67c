package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// Nested lists are read from rank indexes kept by the writer: their order
// must follow the relations' confidence and sources as loads and
// retractions change them, and a page after a cursor must continue it.

// conf is a relation of BJP's with the given confidence.
func conf(typ domain.RelationType, from, to string, c float64) domain.Relation {
	r := rel(typ, from, to)
	r.Confidence = c
	return r
}

// bjpFacts reads BJP's relations (all types, either way) through a nested
// list, first at a time, following the cursors to the end.
func bjpFacts(t *testing.T, st *store.Store, types []domain.RelationType, first int) []domain.Fact {
	t.Helper()
	var out []domain.Fact
	after := ""
	for range 50 {
		l := domain.List{Key: "rels", Kind: domain.Facts, Facts: domain.FactQuery{Types: types, Dir: domain.Both},
			Page: domain.Page{First: first, After: after},
			Each: domain.Plan{Lists: []domain.List{{Key: "ev", Kind: domain.EvidenceOf, Page: domain.Page{First: 2}}}}}
		got, err := st.Expand(context.Background(), domain.EntityRoot, []string{"party:bjp"}, domain.Plan{Lists: []domain.List{l}})
		if err != nil {
			t.Fatal(err)
		}
		page := got["party:bjp"].Find("rels")
		if page == nil {
			t.Fatalf("no list read: %+v", got)
		}
		out = append(out, page.Facts...)
		if len(page.Facts) < first {
			return out
		}
		after = page.Facts[len(page.Facts)-1].Key
	}
	t.Fatal("the pages do not end")
	return nil
}

// byStrength is the order of an entity's relations, computed here from
// what the store says each relation is.
func byStrength(fs []domain.Fact) []string {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b domain.Fact) int {
		return cmp.Or(cmp.Compare(b.Confidence, a.Confidence), cmp.Compare(b.SourceCount, a.SourceCount), cmp.Compare(a.Key, b.Key))
	})
	return keys(fs)
}

// stanceTypes are the types of BJP's relations in the test.
var stanceTypes = []domain.RelationType{domain.AlliedWith, domain.Opposes, domain.Met, domain.Joined}

func TestNestedFactsFollowLoadsAndRetractions(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	// ALLIED_WITH and MET with aitc and akhilesh are stored towards BJP
	// (the smaller id first); OPPOSES from SP is incoming.
	dated(t, st, "a", "2024-01-01",
		conf(domain.AlliedWith, "party:aitc", "party:bjp", 0.5), conf(domain.Opposes, "party:bjp", "party:inc", 0.7),
		conf(domain.Opposes, "party:sp", "party:bjp", 0.9), conf(domain.Met, "person:akhilesh-yadav", "party:bjp", 0.7),
		conf(domain.Joined, "party:bjp", "coalition:india", 0.6), conf(domain.AlliedWith, "party:bjp", "party:jdu", 0.7))
	dated(t, st, "b", "2024-01-02", conf(domain.Opposes, "party:bjp", "party:inc", 0.6))
	dated(t, st, "c", "2024-01-03", conf(domain.Opposes, "party:bjp", "party:inc", 0.7))

	check := func(when string, n int) []domain.Fact {
		t.Helper()
		// Its relations either way: those from it and those to it (a
		// symmetric one is both).
		var all []domain.Fact
		for _, f := range []domain.RelationFilter{{From: "party:bjp"}, {To: "party:bjp"}} {
			page, err := st.Relations(ctx, f, 100, "", false, domain.Plan{})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range page.Items {
				if !slices.ContainsFunc(all, func(y domain.Fact) bool { return y.Key == x.Key }) {
					all = append(all, x)
				}
			}
		}
		want := byStrength(all)
		if len(want) != n {
			t.Fatalf("%s: BJP has %d relations, want %d: %v", when, len(want), n, want)
		}
		// Four types either way are read from the rank indexes; every
		// type from BJP's relationships (see maxRankBranches).
		for _, types := range [][]domain.RelationType{stanceTypes, nil} {
			for _, first := range []int{1, 2, 4} {
				got := bjpFacts(t, st, types, first)
				if !slices.Equal(keys(got), want) {
					t.Errorf("%s, types %v, pages of %d:\n got %v\nwant %v", when, types, first, keys(got), want)
				}
			}
		}
		return all
	}
	check("loaded", 6)

	// A load raises the last one's confidence above every other's.
	dated(t, st, "d", "2024-01-04", conf(domain.AlliedWith, "party:aitc", "party:bjp", 0.95))
	check("after a load raised a confidence", 6)
	if facts := bjpFacts(t, st, stanceTypes, 1); facts[0].Key != "ALLIED_WITH|party:aitc|party:bjp" {
		t.Errorf("after its confidence rose to 0.95 the alliance with TMC is not first: %v", keys(facts))
	}

	// Retracting d puts it back; retracting c takes a source of INC's.
	if _, err := st.RetractArticles(ctx, []string{"d", "c"}); err != nil {
		t.Fatal(err)
	}
	check("after retractions", 6)
	if v := storetest.Violations(t); len(v) > 0 {
		t.Errorf("graph invariants: %v", v)
	}

	// An after that is not in the list leaves the page empty.
	l := domain.List{Key: "rels", Kind: domain.Facts, Facts: domain.FactQuery{Types: []domain.RelationType{domain.Opposes}, Dir: domain.Out},
		Page: domain.Page{First: 5, After: "OPPOSES|party:sp|party:bjp"}}
	got, err := st.Expand(ctx, domain.EntityRoot, []string{"party:bjp"}, domain.Plan{Lists: []domain.List{l}})
	if err != nil {
		t.Fatal(err)
	}
	if r := got["party:bjp"].Find("rels"); r == nil || len(r.Facts) != 0 {
		t.Errorf("after an incoming relation in the outgoing list: %+v, want an empty page", r)
	}
}

func TestNestedEvidenceInOrder(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dates := []string{"2024-03-01", "2024-01-01", "", "2024-02-01", "2024-02-01"}
	confs := []float64{0.6, 0.9, 0.95, 0.7, 0.8}
	for i, d := range dates {
		dated(t, st, string(rune('a'+i)), d, conf(domain.Opposes, "party:sp", "party:bjp", confs[i]))
	}
	read := func(first int, after string) []domain.Evidence {
		l := domain.List{Key: "ev", Kind: domain.EvidenceOf, Page: domain.Page{First: first, After: after}}
		got, err := st.Expand(ctx, domain.RelationRoot, []string{"OPPOSES|party:sp|party:bjp"}, domain.Plan{Lists: []domain.List{l}})
		if err != nil {
			t.Fatal(err)
		}
		r := got["OPPOSES|party:sp|party:bjp"].Find("ev")
		if r == nil {
			t.Fatalf("no evidence list: %+v", got)
		}
		return r.Evidence
	}
	// The most recent first, the most confident first on a day, undated
	// last: articles a, e, d, b, c.
	want := []string{"a", "e", "d", "b", "c"}
	var got []string
	after := ""
	for range 10 {
		page := read(2, after)
		for _, v := range page {
			got = append(got, v.Article.ID)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].ID
	}
	if !slices.Equal(got, want) {
		t.Errorf("evidence pages: got %v, want %v", got, want)
	}
	if page := read(2, "not-an-evidence-id"); len(page) != 0 {
		t.Errorf("after an unknown id: %+v, want none", page)
	}
}

// TestRankedListsPlanNoSortOverTheDegree: a hub's stance list with the
// evidence of each is read from the rank indexes in their order, so its
// plan (by EXPLAIN) has index range seeks, no Sort, and one Top: the merge
// of at most a page per type and end. A sort over the hub's relationships
// or a relation's evidence would cost their number, whatever the page.
func TestRankedListsPlanNoSortOverTheDegree(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "a", "2024-01-01", rel(domain.Opposes, "party:bjp", "party:inc"), rel(domain.AlliedWith, "party:aitc", "party:bjp"))
	l := domain.List{Key: "stances", Kind: domain.Facts, Page: domain.Page{First: 20},
		Facts: domain.FactQuery{Types: []domain.RelationType{domain.EquidistantFrom, domain.Opposes, domain.AlliedWith, domain.Praised, domain.Criticized}, Dir: domain.Out},
		Each:  domain.Plan{Lists: []domain.List{{Key: "ev", Kind: domain.EvidenceOf, Page: domain.Page{First: 3}}}}}
	statement, params := tracedStatement(t, ctx, st, func(ctx context.Context) error {
		_, err := st.Expand(ctx, domain.EntityRoot, []string{"party:bjp"}, domain.Plan{Lists: []domain.List{l}})
		return err
	})
	ops := map[string]int{}
	for _, p := range profiled(t, ctx, statement, params) {
		ops[operator(p)]++
	}
	seeks := 0
	for op, n := range ops {
		if strings.Contains(op, "IndexSeekByRange") {
			seeks += n
		}
	}
	// Six relationship ranges (five types, ALLIED_WITH at both ends) and
	// the evidence's.
	if seeks < 7 || ops["Sort"] > 0 || ops["PartialSort"] > 0 || ops["Top"] != 1 {
		t.Errorf("plan operators %v: want at least 7 index range seeks, no Sort, one Top\n%s", ops, statement)
	}
}

// TestWrittenRanksAreTheirDefinition: the writer computes ranks in Go for
// what it knows before writing (new relationships, recomputed ones, new
// evidence) and in Cypher for what it adds to (an existing relationship's
// confidence and sources); the templates of store/cypher/ranks.cypher are
// their definition, which EnsureSchema uses to rank a graph written
// without them. After loads that create and add to relationships (in
// several batches, dated and undated, with confidences that round at the
// ninth decimal), an update and retractions, every rank is read, removed,
// given again by EnsureSchema, and must be what the writer had written.
func TestWrittenRanksAreTheirDefinition(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	arts, xs := synthCorpus(1, 240)
	for i := 0; i < len(arts); i += 40 {
		if _, err := st.WriteArticles(ctx, arts[i:i+40], xs[i:i+40]); err != nil {
			t.Fatal(err)
		}
	}
	// Confidences whose inversion at nine decimals rounds (0.35, 0.285:
	// not exact in binary), ends of the range, and one source more each.
	for i, c := range []float64{0.35, 0.285, 0, 1, 0.1234567895, 0.9999999995, 0.7} {
		date := fmt.Sprintf("2024-01-%02d", i+1)
		if i == 3 {
			date = "" // undated evidence
		}
		dated(t, st, fmt.Sprintf("r%d", i), date,
			conf(domain.AlliedWith, "party:aitc", "party:bjp", c), conf(domain.Opposes, "party:sp", "party:bjp", c),
			conf(domain.Met, "person:akhilesh-yadav", "party:inc", 1-c))
	}
	// An updated article (retracted and written again) and retractions
	// recompute what they supported.
	dated(t, st, "r6", "2024-02-01", conf(domain.AlliedWith, "party:aitc", "party:bjp", 0.95))
	if _, err := st.RetractArticles(ctx, []string{"r1", arts[3].ID, arts[100].ID}); err != nil {
		t.Fatal(err)
	}

	ranks := func() map[string]string {
		out := map[string]string{}
		for _, r := range storetest.Exec(t, `
			MATCH ()-[r]->() WHERE r.key IS NOT NULL
			RETURN r.key AS key, r.rankFrom AS rankFrom, r.rankTo AS rankTo, r.toKey AS toKey`, nil) {
			out[r["key"].(string)] = fmt.Sprintf("%v %v %v", r["rankFrom"], r["rankTo"], r["toKey"])
		}
		for _, r := range storetest.Exec(t, `MATCH (v:Evidence) RETURN v.id AS id, v.rank AS rank`, nil) {
			out["evidence "+r["id"].(string)] = fmt.Sprint(r["rank"])
		}
		return out
	}
	written := ranks()
	var added, undated int
	for _, r := range storetest.Exec(t, `
		RETURN COUNT { ()-[r]->() WHERE r.sourceCount > 1 } AS added,
			COUNT { (v:Evidence) WHERE v.publishedAt IS NULL } AS undated`, nil) {
		added, undated = int(r["added"].(int64)), int(r["undated"].(int64))
	}
	if added < 10 || undated == 0 || len(written) < 500 {
		t.Fatalf("the loads should add to relationships (%d with more than one source), write undated evidence (%d) and many ranks (%d)",
			added, undated, len(written))
	}
	storetest.Exec(t, `MATCH ()-[r]->() WHERE r.rankFrom IS NOT NULL REMOVE r.rankFrom, r.rankTo, r.toKey`, nil)
	storetest.Exec(t, `MATCH (v:Evidence) REMOVE v.rank`, nil)
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	defined := ranks()
	if len(defined) != len(written) {
		t.Fatalf("%d ranks written, %d defined", len(written), len(defined))
	}
	wrong := 0
	for k, w := range written {
		if d := defined[k]; d != w {
			if wrong++; wrong <= 10 {
				t.Errorf("%s: written %q, defined %q", k, w, d)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d ranks are not what ranks.cypher defines", wrong, len(written))
	}
}
