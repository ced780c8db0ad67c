package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// Reads of the API's top-level queries over small hand-made graphs whose
// articles carry dates.

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

var parties = []domain.Entity{
	{ID: "party:sp", Type: domain.Party, Name: "Samajwadi Party", Aliases: []string{"SP"}, Mentions: 1, Confidence: 1},
	{ID: "party:aitc", Type: domain.Party, Name: "All India Trinamool Congress", Aliases: []string{"TMC"}, Mentions: 1, Confidence: 1},
	{ID: "party:bjp", Type: domain.Party, Name: "Bharatiya Janata Party", Aliases: []string{"BJP"}, Mentions: 1, Confidence: 1},
	{ID: "party:inc", Type: domain.Party, Name: "Indian National Congress", Aliases: []string{"Congress"}, Mentions: 1, Confidence: 1},
	{ID: "party:jdu", Type: domain.Party, Name: "Janata Dal (United)", Aliases: []string{"JDU"}, Mentions: 1, Confidence: 1},
	{ID: "coalition:india", Type: domain.Coalition, Name: "INDIA", Mentions: 1, Confidence: 1},
	{ID: "person:akhilesh-yadav", Type: domain.Person, Name: "Akhilesh Yadav", Mentions: 1, Confidence: 1},
}

// dated writes an article published on date stating rels among parties.
func dated(t *testing.T, st *store.Store, id, date string, rels ...domain.Relation) {
	t.Helper()
	var pub *time.Time
	if date != "" {
		pub = day(date)
	}
	a := domain.Article{ID: id, Title: "Article " + id, Body: "text", PublishedAt: pub, Origin: id}
	x := domain.Extraction{Article: domain.ArticleMeta{ID: id, Title: a.Title, Lang: "en"}, Entities: parties, Relations: rels}
	if _, err := st.WriteArticle(context.Background(), a, x); err != nil {
		t.Fatal(err)
	}
}

func rel(typ domain.RelationType, from, to string) domain.Relation {
	return domain.Relation{Type: typ, From: from, To: to, Confidence: 0.9, Evidence: string(typ) + " " + from + " " + to}
}

func keys(fs []domain.Fact) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key
	}
	return out
}

// A cursor stays valid while articles are loaded: a page after it holds
// what sorts after it, old and new, and nothing before it again.
func TestRelationsKeysetStableWhileLoading(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "a", "2024-01-01",
		rel(domain.AlliedWith, "party:sp", "party:aitc"), rel(domain.Opposes, "party:sp", "party:bjp"),
		rel(domain.Opposes, "party:aitc", "party:bjp"), rel(domain.Leads, "person:akhilesh-yadav", "party:sp"))

	first, err := st.Relations(ctx, domain.RelationFilter{}, 2, "", true, domain.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != 4 || len(first.Items) != 2 || !first.HasNext {
		t.Fatalf("first page: %+v", first)
	}
	// New relations sort before and after the cursor.
	dated(t, st, "b", "2024-02-01", rel(domain.AlliedWith, "party:bjp", "party:jdu"), rel(domain.Opposes, "party:inc", "party:bjp"))

	var rest []string
	after := first.Cursors[1]
	for {
		p, err := st.Relations(ctx, domain.RelationFilter{}, 2, after, true, domain.Plan{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 6 {
			t.Errorf("total after loading: %d, want 6", p.Total)
		}
		rest = append(rest, keys(p.Items)...)
		if !p.HasNext {
			break
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	all, err := st.Relations(ctx, domain.RelationFilter{}, 100, "", false, domain.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != -1 {
		t.Errorf("total not asked for: %d", all.Total)
	}
	seen := keys(first.Items)
	for _, k := range rest {
		if slices.Contains(seen, k) {
			t.Errorf("%s twice", k)
		}
		seen = append(seen, k)
	}
	for _, k := range keys(all.Items) {
		if !slices.Contains(seen, k) && k > first.Items[1].Key {
			t.Errorf("%s, after the cursor, was skipped", k)
		}
	}
	if _, err := st.Relations(ctx, domain.RelationFilter{}, 2, "garbage", false, domain.Plan{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestDatedReads(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "2023", "2023-03-17", rel(domain.AlliedWith, "party:sp", "party:aitc"),
		rel(domain.MemberOf, "party:jdu", "coalition:india"), rel(domain.MemberOf, "party:inc", "coalition:india"))
	dated(t, st, "2024a", "2024-01-28", rel(domain.Left, "party:jdu", "coalition:india"), rel(domain.AlliedWith, "party:jdu", "party:bjp"))
	dated(t, st, "2024b", "2024-06-01", rel(domain.Opposes, "party:sp", "party:bjp"), rel(domain.AlliedWith, "party:sp", "party:aitc"))
	dated(t, st, "undated", "", rel(domain.Opposes, "party:inc", "party:bjp"))

	count := func(f domain.RelationFilter) int {
		t.Helper()
		c, err := st.Relations(ctx, f, 100, "", true, domain.Plan{})
		if err != nil {
			t.Fatal(err)
		}
		return c.Total
	}
	for _, tc := range []struct {
		name string
		f    domain.RelationFilter
		want int
	}{
		{"all", domain.RelationFilter{}, 7},
		{"since 2024", domain.RelationFilter{Since: day("2024-01-01")}, 4},
		{"until 2023", domain.RelationFilter{Until: day("2024-01-01")}, 3},
		// SP-TMC is stated in 2023 and June 2024, not in between.
		{"spring 2024", domain.RelationFilter{Since: day("2024-02-01"), Until: day("2024-05-01")}, 0},
		{"2024", domain.RelationFilter{Since: day("2024-01-01"), Until: day("2025-01-01")}, 4},
		{"SP from either end", domain.RelationFilter{From: "SP", Types: []domain.RelationType{domain.AlliedWith}}, 1},
		{"TMC from either end", domain.RelationFilter{From: "TMC", Types: []domain.RelationType{domain.AlliedWith}}, 1},
		{"to BJP", domain.RelationFilter{To: "BJP"}, 3},
		{"two sources", domain.RelationFilter{MinSources: 2}, 1},
	} {
		if got := count(tc.f); got != tc.want {
			t.Errorf("%s: %d relations, want %d", tc.name, got, tc.want)
		}
	}

	allies := func(party string, asOf *time.Time) []string {
		t.Helper()
		_, as, err := st.Alliances(ctx, party, asOf, domain.Page{}, domain.AlliancePlan{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range as {
			out = append(out, a.Ally.ID)
		}
		slices.Sort(out)
		return out
	}
	// JDU is in INDIA with Congress until it leaves, then allied with BJP.
	if got := allies("JDU", day("2023-12-31")); !slices.Equal(got, []string{"party:inc"}) {
		t.Errorf("JDU's allies at the end of 2023: %v", got)
	}
	if got := allies("JDU", nil); !slices.Equal(got, []string{"party:bjp"}) {
		t.Errorf("JDU's allies now: %v", got)
	}
	if got := allies("Congress", day("2023-01-01")); len(got) != 0 {
		t.Errorf("Congress's allies before anything was said: %v", got)
	}
	if _, _, err := st.Alliances(ctx, "Akhilesh Yadav", nil, domain.Page{}, domain.AlliancePlan{}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("alliances of a person: %v, want ENOTFOUND", err)
	}

	arts, err := st.Articles(ctx, domain.ArticleFilter{Since: day("2024-01-01")}, 10, "", true, domain.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if arts.Total != 2 || arts.Items[0].ID != "2024b" || arts.Items[1].ID != "2024a" {
		t.Errorf("articles of 2024: %+v", arts)
	}
	everything, err := st.Articles(ctx, domain.ArticleFilter{}, 10, "", false, domain.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(everything.Items); n != 4 || everything.Items[n-1].ID != "undated" {
		t.Errorf("all articles, undated last: %+v", everything.Items)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 4 || stats.FirstPublished == nil || !stats.FirstPublished.Equal(*day("2023-03-17")) ||
		stats.RelationsByType[domain.AlliedWith] != 2 || stats.EntitiesByType[domain.Party] != 5 {
		t.Errorf("stats %+v", stats)
	}
}

func TestNeighbourhoodAndPathLimits(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "a", "2024-01-01",
		rel(domain.AlliedWith, "party:sp", "party:aitc"), rel(domain.Opposes, "party:aitc", "party:bjp"),
		rel(domain.Opposes, "party:bjp", "party:inc"), rel(domain.Leads, "person:akhilesh-yadav", "party:sp"))

	g, err := st.Neighbourhood(ctx, "SP", 2, nil, 3, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 3 || g.Nodes[0].ID != "party:sp" {
		t.Errorf("limit 3: %+v", g.Nodes)
	}
	g, err = st.Neighbourhood(ctx, "SP", 1, []domain.RelationType{domain.AlliedWith}, 50, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 2 || len(g.Edges) != 1 || g.Edges[0].Type != domain.AlliedWith {
		t.Errorf("SP's alliances only: %+v", g)
	}
	paths, err := st.Paths(ctx, "Akhilesh Yadav", "Congress", 6, nil, domain.Page{First: 5}, domain.PathPlan{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || len(paths[0].Facts) != 4 {
		t.Errorf("Akhilesh to Congress: %+v", paths)
	}
	if paths, err := st.Paths(ctx, "Akhilesh Yadav", "Congress", 3, nil, domain.Page{First: 5}, domain.PathPlan{}); err != nil || len(paths) != 0 {
		t.Errorf("within 3 hops: %v, %v", paths, err)
	}
	for _, hops := range []int{0, 7} {
		if _, err := st.Paths(ctx, "SP", "BJP", hops, nil, domain.Page{}, domain.PathPlan{}); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("maxHops %d: %v", hops, err)
		}
	}
	if _, err := st.Neighbourhood(ctx, "SP", 4, nil, 10, 100); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("depth 4: %v", err)
	}
	if _, err := st.Neighbourhood(ctx, "Nobody", 1, nil, 10, 100); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown centre: %v", err)
	}
}

// The relations from an entity, page by page, are those stored from it and
// the symmetric ones stored towards it, in key order, each once: read from
// the key indexes and from the entity's relationships (keyedFrom), which
// holds only while every key starts with its type and its start's id.
func TestRelationsFromAnEntityInKeyOrder(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dated(t, st, "a", "2024-01-01",
		rel(domain.AlliedWith, "party:bjp", "party:aitc"), rel(domain.AlliedWith, "party:bjp", "party:jdu"),
		rel(domain.Met, "person:akhilesh-yadav", "party:bjp"), rel(domain.Opposes, "party:bjp", "party:inc"),
		rel(domain.Opposes, "party:bjp", "party:sp"), rel(domain.Opposes, "party:sp", "party:bjp"),
		rel(domain.Joined, "party:bjp", "coalition:india"), rel(domain.Leads, "person:akhilesh-yadav", "party:sp"))

	bad := storetest.Exec(t, `MATCH (a)-[r]->() WHERE r.key IS NOT NULL AND NOT r.key STARTS WITH type(r) + '|' + a.id + '|'
		RETURN r.key AS key`, nil)
	if len(bad) > 0 {
		t.Fatalf("keys that do not start with their type and start: %v", bad)
	}
	var want []string
	for _, row := range storetest.Exec(t, `MATCH (a:Entity {id: 'party:bjp'})-[r]-()
		WHERE r.key IS NOT NULL AND (startNode(r) = a OR type(r) IN ['ALLIED_WITH', 'MET'])
		RETURN DISTINCT r.key AS key ORDER BY key`, nil) {
		want = append(want, row["key"].(string))
	}
	if len(want) != 6 {
		t.Fatalf("the graph holds %d relations from BJP, want 6: %v", len(want), want)
	}
	var got []string
	after := ""
	for range len(want) {
		p, err := st.Relations(ctx, domain.RelationFilter{From: "party:bjp"}, 2, after, true, domain.Plan{})
		if err != nil {
			t.Fatalf("the page after %q: %v", after, err)
		}
		if p.Total != len(want) {
			t.Errorf("totalCount %d, want %d", p.Total, len(want))
		}
		got = append(got, keys(p.Items)...)
		if !p.HasNext {
			break
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages of BJP's relations:\n got %v\nwant %v", got, want)
	}
}
