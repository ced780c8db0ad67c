package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// The article the project was created from.
const sliceArticle = "000_4ed8cda6a75da183.txt"

func realLoader(t *testing.T, st *store.Store) *loader.Loader {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &loader.Loader{Extractor: extract.New(lex), Store: st}
}

func find(t *testing.T, st *store.Store, typ domain.EntityType, name string) domain.Node {
	t.Helper()
	n, err := st.FindEntity(context.Background(), typ, "", name, domain.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if n == nil {
		t.Fatalf("no %s named %q", typ, name)
	}
	return *n
}

func TestSliceArticle(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	res, err := realLoader(t, st).Load(ctx, storetest.Corpus(t, sliceArticle))
	if err != nil {
		t.Fatal(err)
	}
	articleID := res[0].ArticleID

	// One node for each entity, found by its English name.
	for _, e := range []struct {
		typ  domain.EntityType
		name string
	}{
		{domain.Party, "Samajwadi Party"}, {domain.Party, "Trinamool Congress"}, {domain.Party, "Congress"},
		{domain.Party, "BJP"}, {domain.Person, "Akhilesh Yadav"}, {domain.Person, "Mamata Banerjee"},
		{domain.Place, "Kolkata"}, {domain.Place, "West Bengal"}, {domain.Place, "Uttar Pradesh"},
	} {
		rows := storetest.Exec(t, `MATCH (n:Entity) WHERE $type IN labels(n) AND $key IN n.keys RETURN n.id AS id`,
			map[string]any{"type": string(e.typ), "key": store.NameKey(e.name)})
		if len(rows) != 1 {
			t.Errorf("%s %q: %d nodes %v, want 1", e.typ, e.name, len(rows), rows)
		}
	}

	sp := find(t, st, domain.Party, "Samajwadi Party")
	akhilesh := find(t, st, domain.Person, "Akhilesh Yadav")
	mamata := find(t, st, domain.Person, "Mamata Banerjee")
	tmc := find(t, st, domain.Party, "Trinamool Congress")
	inc := find(t, st, domain.Party, "Congress")
	bjp := find(t, st, domain.Party, "BJP")
	for _, want := range []struct {
		from domain.Node
		typ  domain.RelationType
		to   domain.Node
	}{
		{akhilesh, domain.Leads, sp},
		{akhilesh, domain.Met, mamata},
		{sp, domain.AlliedWith, tmc},
		{sp, domain.EquidistantFrom, inc},
		{sp, domain.EquidistantFrom, bjp},
	} {
		facts, err := st.Facts(ctx, []string{want.from.ID}, domain.FactQuery{Types: []domain.RelationType{want.typ}, Dir: domain.Out}, domain.Page{})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(facts[want.from.ID], func(f domain.Fact) bool { return f.Other(want.from.ID).ID == want.to.ID })
		if i < 0 {
			t.Errorf("no %s %s %s; %s has %v", want.from.Name, want.typ, want.to.Name, want.from.Name, facts[want.from.ID])
			continue
		}
		f := facts[want.from.ID][i]
		evs, err := st.Evidence(ctx, []string{f.Key}, domain.Page{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs[f.Key]) != 1 || evs[f.Key][0].Article.ID != articleID || evs[f.Key][0].Sentence == "" || f.SourceCount != 1 {
			t.Errorf("%s: evidence %+v, sources %d; want one sentence from article %s", f.Key, evs[f.Key], f.SourceCount, articleID)
		}
	}
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	ld := realLoader(t, st)
	path := storetest.Corpus(t, sliceArticle)
	if _, err := ld.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	before := storetest.Count(t)
	if before.Nodes == 0 || before.Relationships == 0 {
		t.Fatalf("first load wrote %+v", before)
	}
	res, err := ld.Load(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != domain.Unchanged {
		t.Errorf("second load: %s, want unchanged", res[0].Status)
	}
	if after := storetest.Count(t); after != before {
		t.Errorf("second load changed the graph:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	ld := realLoader(t, st)
	dir := t.TempDir()
	empty := write(t, dir, "empty.txt", "\n \n")
	latin1 := write(t, dir, "latin1.txt", "Headline\nसपा caf\xe9 body\n")
	// the good article alone: what a batch with bad input beside it may write
	if _, err := ld.Load(ctx, storetest.Corpus(t, sliceArticle)); err != nil {
		t.Fatal(err)
	}
	good := storetest.Count(t)
	for _, path := range []string{filepath.Join(dir, "missing.txt"), empty, latin1} {
		_, err := ld.Load(ctx, path)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v, want an error naming the file", path, err)
		}
		if after := storetest.Count(t); after != good {
			t.Errorf("%s: bad input changed the graph: %+v, was %+v", path, after, good)
		}
		// beside a good article: the good one loads (unchanged here), the bad one writes nothing
		_, err = ld.Load(ctx, storetest.Corpus(t, sliceArticle), path)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s beside a good article: err = %v, want an error naming the file", path, err)
		}
		if after := storetest.Count(t); after != good {
			t.Errorf("%s beside a good article: the graph is %+v, want %+v", path, after, good)
		}
	}
}

// Two articles state one alliance; changing and retracting them keeps
// exactly the sources that remain.
func TestUpdateAndRetract(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	day := func(d int) *time.Time { t := time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC); return &t }
	a, xa := article("a", day(5), alliance("SP and TMC ally", 0.8), opposes("SP opposes BJP"))
	b, xb := article("b", day(9), alliance("TMC backs SP", 0.6),
		domain.Relation{Type: domain.Leads, From: "person:mamata-banerjee", To: "party:aitc", Confidence: 1, Evidence: "TMC chief"})
	xb.Entities = append(xb.Entities, domain.Entity{ID: "person:mamata-banerjee", Type: domain.Person, Name: "Mamata Banerjee", Mentions: 1, Confidence: 1})
	for _, w := range []struct {
		a domain.Article
		x domain.Extraction
	}{{a, xa}, {b, xb}} {
		if res, err := st.WriteArticle(ctx, w.a, w.x); err != nil || res.Status != domain.New {
			t.Fatalf("write %s: %+v, %v", w.a.ID, res, err)
		}
	}
	ally := fact(t, st, "party:sp", domain.AlliedWith)
	if ally == nil || ally.SourceCount != 2 || ally.Confidence != 0.8 || !ally.FirstSeen.Equal(*day(5)) || !ally.LastSeen.Equal(*day(9)) {
		t.Fatalf("alliance = %+v, want 2 sources, confidence 0.8, seen 5 to 9 January", ally)
	}
	if sp := find(t, st, domain.Party, "सपा"); sp.MentionCount != 4 {
		t.Errorf("SP mentions = %d, want 2 + 2", sp.MentionCount)
	}

	// Article a changes: it no longer states the alliance.
	xa.Relations = xa.Relations[1:]
	if res, err := st.WriteArticle(ctx, a, xa); err != nil || res.Status != domain.Updated {
		t.Fatalf("rewrite a: %+v, %v", res, err)
	}
	ally = fact(t, st, "party:sp", domain.AlliedWith)
	if ally == nil || ally.SourceCount != 1 || ally.Confidence != 0.6 || !ally.FirstSeen.Equal(*day(9)) {
		t.Fatalf("alliance after a changed = %+v, want only b's source", ally)
	}
	if f := fact(t, st, "party:sp", domain.Opposes); f == nil || f.SourceCount != 1 {
		t.Errorf("a's other fact = %+v, want kept", f)
	}

	// Retracting b takes the alliance and Mamata, whom only b mentions.
	if n, err := st.RetractArticles(ctx, []string{"b", "nope"}); err != nil || n != 1 {
		t.Fatalf("retract = %d, %v", n, err)
	}
	if f := fact(t, st, "party:sp", domain.AlliedWith); f != nil {
		t.Errorf("alliance survived its last source: %+v", f)
	}
	if rows := storetest.Exec(t, `MATCH (v:Evidence) RETURN v.articleId AS a`, nil); len(rows) != 1 || rows[0]["a"] != "a" {
		t.Errorf("evidence left: %v, want a's one", rows)
	}
	if n, _ := st.FindEntity(ctx, domain.Person, "person:mamata-banerjee", "", domain.Plan{}); n != nil {
		t.Errorf("Mamata, whom only b mentioned, is still there: %+v", n)
	}
	if n, _ := st.FindEntity(ctx, domain.Party, "party:aitc", "", domain.Plan{}); n == nil || n.MentionCount != 1 {
		t.Errorf("TMC, which a mentions once, = %+v", n)
	}
	if _, err := st.RetractArticles(ctx, []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if c := storetest.Count(t); c.Nodes != 0 || c.Relationships != 0 {
		t.Errorf("retracting every article left %+v", c)
	}
}

func TestReads(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	a, x := article("a", nil, opposes("SP opposes BJP"))
	x.Entities = append(x.Entities,
		domain.Entity{ID: "person:akhilesh-yadav", Type: domain.Person, Name: "Akhilesh Yadav", NameHi: "अखिलेश यादव", Mentions: 1, Confidence: 1},
		domain.Entity{ID: "person:mamata-banerjee", Type: domain.Person, Name: "Mamata Banerjee", Aliases: []string{"ममता दीदी"}, Mentions: 1, Confidence: 1},
		domain.Entity{ID: "coalition:nda", Type: domain.Coalition, Name: "NDA", Mentions: 1, Confidence: 1},
	)
	x.Relations = append(x.Relations,
		domain.Relation{Type: domain.Leads, From: "person:akhilesh-yadav", To: "party:sp", Confidence: 1, Evidence: "सपा प्रमुख"},
		domain.Relation{Type: domain.Leads, From: "person:mamata-banerjee", To: "party:aitc", Confidence: 1, Evidence: "TMC chief"},
		domain.Relation{Type: domain.AlliedWith, From: "person:mamata-banerjee", To: "person:akhilesh-yadav", Confidence: 0.9, Evidence: "हम ममता दीदी के साथ हैं"},
		domain.Relation{Type: domain.AlliedWith, From: "party:bjp", To: "coalition:nda", Confidence: 1, Evidence: "BJP-led NDA"},
	)
	if _, err := st.WriteArticle(ctx, a, x); err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"SP", "sp", "S.P.", "सपा", "Samajwadi Party", "समाजवादी पार्टी", "samajwadi  party"} {
		if n := find(t, st, domain.Party, name); n.ID != "party:sp" {
			t.Errorf("party %q = %s", name, n.ID)
		}
	}
	if n, err := st.FindEntity(ctx, domain.Person, "", "SP", domain.Plan{}); err != nil || n != nil {
		t.Errorf("person SP = %v, %v; want none", n, err)
	}
	if n, err := st.FindEntity(ctx, "", "party:sp", "", domain.Plan{}); err != nil || n == nil || n.Type != domain.Party {
		t.Errorf("entity party:sp = %+v, %v", n, err)
	}
	if _, err := st.FindEntity(ctx, domain.Party, "", "--", domain.Plan{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("name with no letters: %v, want EINVALID", err)
	}

	// Mamata's alliance with SP's leader is an alliance of SP with her party.
	allies, err := st.Allies(ctx, []string{"party:sp", "party:aitc", "party:bjp"}, domain.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(allies["party:sp"]); got != "party:aitc" {
		t.Errorf("SP allies = %s, want party:aitc", got)
	}
	if got := ids(allies["party:aitc"]); got != "party:sp" {
		t.Errorf("TMC allies = %s, want party:sp", got)
	}
	if got := ids(allies["party:bjp"]); got != "coalition:nda" {
		t.Errorf("BJP allies = %s, want coalition:nda", got)
	}
	leaders, err := st.Neighbours(ctx, []string{"party:sp", "party:aitc"}, domain.Hop{Types: []domain.RelationType{domain.Leads}, Dir: domain.In}, domain.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if ids(leaders["party:sp"]) != "person:akhilesh-yadav" || ids(leaders["party:aitc"]) != "person:mamata-banerjee" {
		t.Errorf("leaders = %v", leaders)
	}
	met, err := st.Neighbours(ctx, []string{"person:akhilesh-yadav"}, domain.Hop{Types: []domain.RelationType{domain.AlliedWith}, Dir: domain.Out}, domain.Page{})
	if err != nil || ids(met["person:akhilesh-yadav"]) != "person:mamata-banerjee" {
		t.Errorf("a symmetric relation read from its second end: %v, %v", met, err)
	}
}

// Names that look like Cypher are only ever values.
func TestInjection(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	a, x := article("a", nil, opposes("SP opposes BJP"))
	if _, err := st.WriteArticle(ctx, a, x); err != nil {
		t.Fatal(err)
	}
	before := storetest.Count(t)
	for _, s := range []string{`"}) DETACH DELETE n //`, `' OR 1=1 //`, "party:sp` DETACH DELETE n //", `\u0027`} {
		if _, err := st.FindEntity(ctx, domain.Party, s, s, domain.Plan{}); err != nil && domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%q: %v", s, err)
		}
		if _, err := st.Facts(ctx, []string{s}, domain.FactQuery{Types: []domain.RelationType{domain.RelationType(s)}}, domain.Page{}); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("relation type %q: %v, want EINVALID", s, err)
		}
		if _, err := st.RetractArticles(ctx, []string{s}); err != nil {
			t.Errorf("retract %q: %v", s, err)
		}
	}
	if after := storetest.Count(t); after != before {
		t.Errorf("graph changed: %+v, was %+v", after, before)
	}
}

func article(id string, published *time.Time, rels ...domain.Relation) (domain.Article, domain.Extraction) {
	a := domain.Article{ID: id, Title: "Article " + id, Body: "text", PublishedAt: published, Origin: id + ".txt"}
	x := domain.Extraction{
		Article: domain.ArticleMeta{ID: id, Title: a.Title, Lang: "en"},
		Entities: []domain.Entity{
			{ID: "party:sp", Type: domain.Party, Name: "Samajwadi Party", NameHi: "समाजवादी पार्टी", Aliases: []string{"SP", "सपा"}, Mentions: 2, Confidence: 1},
			{ID: "party:aitc", Type: domain.Party, Name: "All India Trinamool Congress", Aliases: []string{"TMC"}, Mentions: 1, Confidence: 1},
			{ID: "party:bjp", Type: domain.Party, Name: "Bharatiya Janata Party", Aliases: []string{"BJP"}, Mentions: 1, Confidence: 1},
		},
		Relations: rels,
	}
	return a, x
}

func alliance(sentence string, conf float64) domain.Relation {
	return domain.Relation{Type: domain.AlliedWith, From: "party:sp", To: "party:aitc", Confidence: conf, Evidence: sentence}
}

func opposes(sentence string) domain.Relation {
	return domain.Relation{Type: domain.Opposes, From: "party:sp", To: "party:bjp", Confidence: 0.7, Evidence: sentence}
}

func fact(t *testing.T, st *store.Store, id string, typ domain.RelationType) *domain.Fact {
	t.Helper()
	facts, err := st.Facts(context.Background(), []string{id}, domain.FactQuery{Types: []domain.RelationType{typ}, Dir: domain.Both}, domain.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(facts[id]) == 0 {
		return nil
	}
	return &facts[id][0]
}

func ids(ns []domain.Node) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return strings.Join(out, ",")
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
