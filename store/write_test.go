package store

import (
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

func sample() (domain.Article, domain.Extraction) {
	a := domain.Article{ID: "a1", Title: "Headline", Body: "Body.", Origin: "a1.txt"}
	x := domain.Extraction{
		Article: domain.ArticleMeta{ID: "a1", Title: "Headline", Lang: "hi"},
		Entities: []domain.Entity{
			{ID: "party:sp", Type: domain.Party, Name: "Samajwadi Party", NameHi: "समाजवादी पार्टी", Aliases: []string{"SP", "सपा", "SP"}, Mentions: 3, Confidence: 1},
			{ID: "party:aitc", Type: domain.Party, Name: "Trinamool Congress", Aliases: []string{"TMC"}, Mentions: 1, Confidence: 1},
			{ID: "person:akhilesh-yadav", Type: domain.Person, Name: "Akhilesh Yadav", Mentions: 2, Confidence: 1},
			{ID: "place:kolkata", Type: domain.Place, Name: "Kolkata", Mentions: 1, Confidence: 1},
		},
		Events: []domain.Event{
			{ID: "event:m1", Kind: domain.Meeting, Date: "2023-03-17", Place: "place:kolkata", Participants: []string{"person:akhilesh-yadav"}, Confidence: 0.8, Evidence: "met"},
		},
		Relations: []domain.Relation{
			{Type: domain.AlliedWith, From: "party:sp", To: "party:aitc", Confidence: 0.7, Evidence: "weak"},
			{Type: domain.AlliedWith, From: "party:aitc", To: "party:sp", Confidence: 0.9, Evidence: "strong"},
			{Type: domain.Leads, From: "person:akhilesh-yadav", To: "party:sp", Confidence: 1, Evidence: "सपा अध्यक्ष"},
			{Type: domain.HoldsOffice, From: "person:akhilesh-yadav", To: "place:kolkata", Confidence: 1, Evidence: "x", Properties: map[string]any{"office": "MP", "current": true}},
		},
	}
	return a, x
}

func TestPrepare(t *testing.T) {
	a, x := sample()
	p, err := prepare(a, x)
	if err != nil {
		t.Fatal(err)
	}
	if p.id != "a1" || p.nEntities != 5 {
		t.Errorf("id %q, %d entities; want a1, 5 (4 entities and an event)", p.id, p.nEntities)
	}
	allied := p.relations[domain.AlliedWith]
	if len(allied) != 1 {
		t.Fatalf("ALLIED_WITH rows = %v, want one: a symmetric relation stated twice is one", allied)
	}
	if r := allied[0]; r["from"] != "party:aitc" || r["to"] != "party:sp" || r["sentence"] != "strong" {
		t.Errorf("ALLIED_WITH row = %v, want ends in id order and the most confident sentence", r)
	}
	if got := p.relations[domain.HoldsOffice][0]["key"]; got != "HOLDS_OFFICE|person:akhilesh-yadav|place:kolkata|office=MP" {
		t.Errorf("HOLDS_OFFICE key = %v, want the office in it", got)
	}
	if len(p.relations[domain.ParticipatedIn]) != 1 || len(p.relations[domain.HeldIn]) != 1 {
		t.Errorf("event relations = %v / %v, want one PARTICIPATED_IN and one HELD_IN",
			p.relations[domain.ParticipatedIn], p.relations[domain.HeldIn])
	}
	ev := p.entities[domain.EventEntity][0]
	if ev["name"] != "Meeting in Kolkata, 2023-03-17" || ev["kind"] != "MEETING" {
		t.Errorf("event row = %v", ev)
	}
	sp := p.entities[domain.Party][0]
	if keys := sp["keys"].([]string); strings.Join(keys, ",") != "samajwadiparty,समाजवादिपार्टि,sp,सपा" {
		t.Errorf("SP keys = %v", keys)
	}
	if p.nRels != 5 {
		t.Errorf("%d relations, want 5", p.nRels)
	}

	// The hash follows the content, not where it was read from.
	b, y := sample()
	b.Origin = "elsewhere.txt"
	q, _ := prepare(b, y)
	if q.hash != p.hash {
		t.Error("hash depends on the article's origin")
	}
	y.Relations = y.Relations[1:]
	q, _ = prepare(b, y)
	if q.hash == p.hash {
		t.Error("hash ignores the extraction")
	}
}

func TestPrepareRejects(t *testing.T) {
	for name, spoil := range map[string]func(*domain.Article, *domain.Extraction){
		"no id":            func(a *domain.Article, x *domain.Extraction) { a.ID, x.Article.ID = "", "" },
		"other article":    func(a *domain.Article, x *domain.Extraction) { x.Article.ID = "a2" },
		"entity type":      func(a *domain.Article, x *domain.Extraction) { x.Entities[0].Type = "Party) DETACH DELETE n //" },
		"duplicate entity": func(a *domain.Article, x *domain.Extraction) { x.Entities[1].ID = "party:sp" },
		"relation type":    func(a *domain.Article, x *domain.Extraction) { x.Relations[0].Type = "KNOWS" },
		"unknown end":      func(a *domain.Article, x *domain.Extraction) { x.Relations[0].To = "party:nobody" },
		"confidence":       func(a *domain.Article, x *domain.Extraction) { x.Relations[0].Confidence = 1.5 },
		"reserved property": func(a *domain.Article, x *domain.Extraction) {
			x.Relations[0].Properties = map[string]any{"sourceCount": 9}
		},
		"property value": func(a *domain.Article, x *domain.Extraction) {
			x.Relations[0].Properties = map[string]any{"m": map[string]any{}}
		},
		"event kind":        func(a *domain.Article, x *domain.Extraction) { x.Events[0].Kind = "PARTY" },
		"event participant": func(a *domain.Article, x *domain.Extraction) { x.Events[0].Participants = []string{"person:x"} },
	} {
		a, x := sample()
		spoil(&a, &x)
		_, err := prepare(a, x)
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
			continue
		}
		if name != "no id" && !strings.HasPrefix(err.Error(), "a1.txt: ") {
			t.Errorf("%s: %q does not name the article's file", name, err)
		}
	}
}
