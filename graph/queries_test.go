package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/store/storetest"
)

// The read queries against the dev corpus, loaded once: the subtests only
// read.
func TestDevCorpus(t *testing.T) {
	st := load(t, devCorpus(t)...)
	h := serve(st)

	t.Run("search", func(t *testing.T) {
		for _, tc := range []struct{ text, want string }{
			{"ममता", "person:mamata-banerjee"},
			{"mamata", "person:mamata-banerjee"},
			{"Mamata Banerjee", "person:mamata-banerjee"},
			{"mamta", "person:mamata-banerjee"},         // spelling
			{"mamta banerji", "person:mamata-banerjee"}, // spelling, two words
			{"ममता बैनर्जी", "person:mamata-banerjee"},
			{"TMC", "party:aitc"},
			{"तृणमूल", "party:aitc"},
			{"trinamool", "party:aitc"},
			{"akhil", "person:akhilesh-yadav"}, // prefix
			{"अखिले", "person:akhilesh-yadav"}, // prefix, Devanagari
			{"नितिश", "person:nitish-kumar"},   // short i for long
			{"नीतीश कुमार", "person:nitish-kumar"},
			{"खडगे", "person:mallikarjun-kharge"}, // no nukta
			{"SP", "party:sp"},
			{"सपा", "party:sp"},
			{"samajwadi party", "party:sp"},
			{"BJP", "party:bjp"},
			{"INDIA", "coalition:india"},
			{"कोलकाता", "place:kolkata"},
		} {
			var resp struct{ Search []struct{ ID, Name string } }
			query(t, h, `query ($text: String!) { search(text: $text, first: 5) { id name } }`, &resp, client.Var("text", tc.text))
			if len(resp.Search) == 0 || resp.Search[0].ID != tc.want {
				t.Errorf("search %q = %v, want %s first", tc.text, resp.Search, tc.want)
			}
		}
		var resp struct{ Search []struct{ Type string } }
		query(t, h, `{ search(text: "congress", types: [Person, Coalition]) { type } }`, &resp)
		for _, e := range resp.Search {
			if e.Type != "Person" && e.Type != "Coalition" {
				t.Errorf("search with types [Person, Coalition] gave a %s", e.Type)
			}
		}
		var all, second struct{ Search []struct{ ID string } }
		query(t, h, `{ search(text: "congress", first: 4) { id } }`, &all)
		if len(all.Search) < 4 {
			t.Fatalf("congress: %v", all.Search)
		}
		query(t, h, `query ($after: ID) { search(text: "congress", first: 2, after: $after) { id } }`, &second,
			client.Var("after", all.Search[1].ID))
		if len(second.Search) != 2 || second.Search[0] != all.Search[2] || second.Search[1] != all.Search[3] {
			t.Errorf("second page %v of %v", second.Search, all.Search)
		}
	})

	t.Run("relations", func(t *testing.T) {
		type page struct {
			Relations struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Cursor string
					Node   struct {
						ID, Type   string
						From, To   struct{ ID string }
						Confidence float64
					}
				}
			}
		}
		const q = `query ($after: String, $first: Int) {
			relations(filter: {types: [ALLIED_WITH, OPPOSES, LEADS]}, first: $first, after: $after) {
				totalCount pageInfo { hasNextPage endCursor }
				edges { cursor node { id type from { id } to { id } confidence } }
			}
		}`
		var all page
		query(t, h, q, &all, client.Var("first", 100))
		total := all.Relations.TotalCount
		if total < 10 || len(all.Relations.Edges) != total || all.Relations.PageInfo.HasNextPage {
			t.Fatalf("one page of 100: total %d, %d edges", total, len(all.Relations.Edges))
		}
		var ids []string
		var after *string
		for pages := 0; ; pages++ {
			var p page
			query(t, h, q, &p, client.Var("first", 3), client.Var("after", after))
			if p.Relations.TotalCount != total {
				t.Errorf("page %d: totalCount %d, want %d", pages, p.Relations.TotalCount, total)
			}
			for _, e := range p.Relations.Edges {
				ids = append(ids, e.Node.ID)
				if !slices.Contains([]string{"ALLIED_WITH", "OPPOSES", "LEADS"}, e.Node.Type) {
					t.Errorf("type %s", e.Node.Type)
				}
			}
			if !p.Relations.PageInfo.HasNextPage {
				break
			}
			after = p.Relations.PageInfo.EndCursor
			if pages > total {
				t.Fatal("paging does not end")
			}
		}
		var want []string
		for _, e := range all.Relations.Edges {
			want = append(want, e.Node.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("pages of 3 gave %d relations, one page %d:\n%v\n%v", len(ids), len(want), ids, want)
		}

		// From an entity by name; a symmetric relation from either end.
		var sp page
		query(t, h, `{ relations(filter: {from: "सपा", to: "Congress", types: [ALLIED_WITH]}) {
			totalCount edges { node { id type from { id } to { id } } } } }`, &sp)
		if sp.Relations.TotalCount != 1 || sp.Relations.Edges[0].Node.Type != "ALLIED_WITH" {
			t.Errorf("SP allied with Congress: %+v", sp.Relations)
		}
		var conf page
		query(t, h, `{ relations(filter: {minConfidence: 0.95}, first: 100) { totalCount edges { node { confidence } } } }`, &conf)
		for _, e := range conf.Relations.Edges {
			if e.Node.Confidence < 0.95 {
				t.Errorf("minConfidence 0.95 gave %v", e.Node.Confidence)
			}
		}
		if code := queryError(t, h, `{ relations(filter: {from: "Nobody Here"}) { totalCount } }`); code != graph.CodeNotFound {
			t.Errorf("unknown from: %s", code)
		}
	})

	t.Run("alliances and stances", func(t *testing.T) {
		var resp struct {
			Alliances []struct {
				Ally       struct{ ID string }
				Direct     bool
				Coalitions []struct{ ID string }
				Relations  []struct {
					Type     string
					Evidence []struct{ Sentence string }
				}
			}
			Stances []struct {
				Type   string
				Target struct{ ID string }
			}
		}
		query(t, h, `{
			alliances(party: "SP") { ally { id } direct coalitions { id } relations { type evidence { sentence } } }
			stances(party: "सपा") { type target { id } }
		}`, &resp)
		i := slices.IndexFunc(resp.Alliances, func(a struct {
			Ally       struct{ ID string }
			Direct     bool
			Coalitions []struct{ ID string }
			Relations  []struct {
				Type     string
				Evidence []struct{ Sentence string }
			}
		}) bool {
			return a.Ally.ID == "party:aitc"
		})
		if i < 0 || !resp.Alliances[i].Direct || len(resp.Alliances[i].Relations) == 0 || len(resp.Alliances[i].Relations[0].Evidence) == 0 {
			t.Errorf("SP's alliance with TMC, with evidence: %+v", resp.Alliances)
		}
		for _, target := range []string{"party:inc", "party:bjp"} {
			if !slices.ContainsFunc(resp.Stances, func(s struct {
				Type   string
				Target struct{ ID string }
			}) bool {
				return s.Type == "EQUIDISTANT_FROM" && s.Target.ID == target
			}) {
				t.Errorf("stances %+v: no EQUIDISTANT_FROM %s", resp.Stances, target)
			}
		}
		// Through a coalition: INDIA's members are allies of each other.
		var india struct {
			Alliances []struct {
				Ally       struct{ ID string }
				Coalitions []struct{ ID string }
			}
		}
		query(t, h, `{ alliances(party: "Congress", first: 100) { ally { id } coalitions { id } } }`, &india)
		if !slices.ContainsFunc(india.Alliances, func(a struct {
			Ally       struct{ ID string }
			Coalitions []struct{ ID string }
		}) bool {
			return slices.Contains(a.Coalitions, struct{ ID string }{"coalition:india"})
		}) {
			t.Errorf("Congress has no ally through INDIA: %+v", india.Alliances)
		}
		if code := queryError(t, h, `{ alliances(party: "Akhilesh Yadav") { direct } }`); code != graph.CodeNotFound {
			t.Errorf("alliances of a person: %s, want NOT_FOUND (a party is asked for)", code)
		}
	})

	t.Run("path", func(t *testing.T) {
		var resp struct {
			Path []struct {
				ID     string
				Length int
				Nodes  []struct{ ID string }
				Hops   []struct {
					Type     string
					From, To struct{ ID string }
					Evidence []struct{ Sentence string }
				}
			}
		}
		query(t, h, `{ path(from: "Akhilesh Yadav", to: "Mamata Banerjee", maxHops: 4) {
			id length nodes { id } hops { type from { id } to { id } evidence { sentence } } } }`, &resp)
		if len(resp.Path) == 0 {
			t.Fatal("no path from Akhilesh to Mamata")
		}
		for _, p := range resp.Path {
			if p.Length != len(p.Hops) || len(p.Nodes) != p.Length+1 || p.Nodes[0].ID != "person:akhilesh-yadav" ||
				p.Nodes[p.Length].ID != "person:mamata-banerjee" || p.Length != resp.Path[0].Length {
				t.Errorf("path %+v", p)
			}
			for i, hop := range p.Hops {
				if hop.From.ID != p.Nodes[i].ID || hop.To.ID != p.Nodes[i+1].ID || len(hop.Evidence) == 0 {
					t.Errorf("hop %d of %s: %+v", i, p.ID, hop)
				}
			}
		}
		var far struct{ Path []struct{ Length int } }
		query(t, h, `{ path(from: "Mayawati", to: "Ajit Pawar", maxHops: 6, first: 3) { length } }`, &far)
		if len(far.Path) == 0 || far.Path[0].Length < 2 {
			t.Errorf("Mayawati to Ajit Pawar: %+v", far.Path)
		}
		var none struct{ Path []struct{ Length int } }
		query(t, h, `{ path(from: "SP", to: "सपा") { length } }`, &none)
		if len(none.Path) != 0 {
			t.Errorf("a path from SP to itself: %v", none.Path)
		}
	})

	t.Run("neighborhood and graph", func(t *testing.T) {
		type g struct {
			Nodes []struct {
				ID, Label, Type string
				Weight          float64
				Depth           *int
			}
			Edges []struct {
				ID, Source, Target, Type string
				Weight                   float64
			}
		}
		var resp struct{ Neighborhood, Graph g }
		query(t, h, `{
			neighborhood(id: "party:sp", depth: 2, limit: 30) { nodes { id label type weight depth } edges { id source target type weight } }
			graph(filter: {types: [ALLIED_WITH], entityTypes: [Party, Coalition], limit: 20}) { nodes { id label type weight } edges { id source target type weight } }
		}`, &resp)
		n := resp.Neighborhood
		if len(n.Nodes) != 30 || n.Nodes[0].ID != "party:sp" || *n.Nodes[0].Depth != 0 || len(n.Edges) == 0 {
			t.Fatalf("neighborhood: %d nodes (first %+v), %d edges", len(n.Nodes), n.Nodes[0], len(n.Edges))
		}
		seen := map[string]bool{}
		depth2 := false
		for i, x := range n.Nodes {
			if seen[x.ID] {
				t.Errorf("node %s twice", x.ID)
			}
			seen[x.ID] = true
			if i > 0 && *x.Depth < *n.Nodes[i-1].Depth {
				t.Errorf("nodes not nearest first: %+v after %+v", x, n.Nodes[i-1])
			}
			depth2 = depth2 || *x.Depth == 2
		}
		if !depth2 {
			t.Errorf("depth 2, limit 30: nothing two hops away")
		}
		for _, e := range n.Edges {
			if !seen[e.Source] || !seen[e.Target] || e.Weight < 1 {
				t.Errorf("edge %+v is not between two nodes", e)
			}
		}
		var few struct {
			Neighborhood struct {
				Edges []struct{ Weight, Confidence float64 }
			}
		}
		query(t, h, `{ neighborhood(id: "SP", depth: 2, limit: 30, edgeLimit: 5) { edges { weight confidence } } }`, &few)
		if len(few.Neighborhood.Edges) != 5 || len(n.Edges) < 5 {
			t.Errorf("edgeLimit 5: %d edges (of %d)", len(few.Neighborhood.Edges), len(n.Edges))
		}
		for i := 1; i < len(few.Neighborhood.Edges); i++ {
			a, b := few.Neighborhood.Edges[i-1], few.Neighborhood.Edges[i]
			if b.Confidence > a.Confidence || b.Confidence == a.Confidence && b.Weight > a.Weight {
				t.Errorf("edges not the strongest first (most confident, then best sourced): %+v", few.Neighborhood.Edges)
			}
		}
		gr := resp.Graph
		if len(gr.Edges) == 0 || len(gr.Edges) > 20 {
			t.Fatalf("graph: %d edges", len(gr.Edges))
		}
		ends := map[string]bool{}
		for _, x := range gr.Nodes {
			ends[x.ID] = true
			if x.Type != "Party" && x.Type != "Coalition" {
				t.Errorf("graph node %+v", x)
			}
		}
		for _, e := range gr.Edges {
			if e.Type != "ALLIED_WITH" || !ends[e.Source] || !ends[e.Target] {
				t.Errorf("graph edge %+v", e)
			}
		}
		var around struct{ Graph g }
		query(t, h, `{ graph(filter: {entities: ["Mamata Banerjee"], limit: 5}) { nodes { id } edges { source target } } }`, &around)
		for _, e := range around.Graph.Edges {
			if e.Source != "person:mamata-banerjee" && e.Target != "person:mamata-banerjee" {
				t.Errorf("edge %+v does not touch Mamata", e)
			}
		}
	})

	t.Run("timeline", func(t *testing.T) {
		var resp struct {
			Timeline []struct {
				ID, Kind string
				Date     *string
				Place    *struct{ ID string }
			}
		}
		query(t, h, `{ timeline(id: "Akhilesh Yadav", first: 100) { id kind date place { id } } }`, &resp)
		if len(resp.Timeline) < 2 {
			t.Fatalf("Akhilesh's timeline: %+v", resp.Timeline)
		}
		for i := 1; i < len(resp.Timeline); i++ {
			a, b := resp.Timeline[i-1].Date, resp.Timeline[i].Date
			if a == nil && b != nil || a != nil && b != nil && *a > *b && len(*a) == len(*b) {
				t.Errorf("not in date order: %v then %v", deref(a), deref(b))
			}
		}
		var in2023 struct{ Timeline []struct{ Date *string } }
		query(t, h, `{ timeline(id: "Akhilesh Yadav", from: "2023-01-01", to: "2023-12-31") { date } }`, &in2023)
		for _, e := range in2023.Timeline {
			if e.Date == nil || !strings.HasPrefix(*e.Date, "2023") {
				t.Errorf("2023 timeline has %v", deref(e.Date))
			}
		}
		if len(in2023.Timeline) == 0 {
			t.Errorf("no events of Akhilesh in 2023")
		}
	})

	t.Run("articles", func(t *testing.T) {
		var resp struct {
			Articles struct {
				TotalCount int
				Nodes      []struct {
					ID, Title string
					Entities  []struct{ ID string }
					Facts     []struct {
						Sentence string
						Relation struct {
							Type     string
							From, To struct{ ID string }
						}
					}
				}
			}
		}
		query(t, h, `{ articles(filter: {entity: "Mamata Banerjee"}, first: 2) {
			totalCount nodes { id title entities(first: 5) { id } facts(first: 3) { sentence relation { type from { id } to { id } } } } } }`, &resp)
		a := resp.Articles
		if a.TotalCount < 2 || len(a.Nodes) != 2 {
			t.Fatalf("articles about Mamata: %+v", a)
		}
		for _, n := range a.Nodes {
			if !slices.Contains(n.Entities, struct{ ID string }{"person:mamata-banerjee"}) && len(n.Entities) < 5 {
				t.Errorf("article %s does not mention Mamata: %v", n.ID, n.Entities)
			}
			if len(n.Facts) == 0 || n.Facts[0].Sentence == "" || n.Facts[0].Relation.Type == "" {
				t.Errorf("article %s facts %+v", n.ID, n.Facts)
			}
		}
		var one struct {
			Article *struct {
				Title string
				Lang  *string
			}
		}
		query(t, h, `query ($id: ID!) { article(id: $id) { title lang } }`, &one, client.Var("id", a.Nodes[0].ID))
		if one.Article == nil || one.Article.Title != a.Nodes[0].Title {
			t.Errorf("article(%s) = %+v", a.Nodes[0].ID, one.Article)
		}
		var all struct {
			Articles struct {
				TotalCount int
				PageInfo   struct{ EndCursor *string }
				Nodes      []struct{ ID string }
			}
		}
		query(t, h, `{ articles(first: 100) { totalCount nodes { id } } }`, &all)
		var paged []string
		var after *string
		for len(paged) < all.Articles.TotalCount {
			var p struct {
				Articles struct {
					PageInfo struct{ EndCursor *string }
					Nodes    []struct{ ID string }
				}
			}
			query(t, h, `query ($after: String) { articles(first: 3, after: $after) { pageInfo { endCursor } nodes { id } } }`, &p,
				client.Var("after", after))
			if len(p.Articles.Nodes) == 0 {
				break
			}
			for _, n := range p.Articles.Nodes {
				paged = append(paged, n.ID)
			}
			after = p.Articles.PageInfo.EndCursor
		}
		if fmt.Sprint(paged) != fmt.Sprint(ids(all.Articles.Nodes)) {
			t.Errorf("pages of 3: %v, one page: %v", paged, ids(all.Articles.Nodes))
		}
	})

	t.Run("entities", func(t *testing.T) {
		var resp struct {
			Person struct {
				Offices []struct {
					Title   *string
					Place   *struct{ ID string }
					Current *bool
				}
				Parties  []struct{ ID string }
				Met      []struct{ ID string }
				Events   []struct{ Kind string }
				Articles struct{ TotalCount int }
			}
			Coalition struct {
				Members []struct{ ID, Type string }
			}
			Party struct {
				Members    []struct{ ID string }
				Opponents  []struct{ ID string }
				Coalitions []struct{ ID string }
				Events     []struct{ ID string }
			}
			Place struct {
				Events []struct{ ID string }
			}
			Entity struct {
				Typename string `json:"__typename"`
				Name     string
			}
			Stats struct {
				Articles, Entities, Relations, Evidence int
				EntitiesByType                          []struct {
					Type  string
					Count int
				}
			}
		}
		query(t, h, `{
			person(name: "ममता बनर्जी") { offices { title place { id } current } parties { id } met { id } events { kind } articles { totalCount } }
			coalition(name: "INDIA") { members(first: 100) { id type } }
			party(name: "BJP") { members { id } opponents { id } coalitions { id } events { id } }
			place(name: "Kolkata") { events { id } }
			entity(id: "party:sp") { __typename name }
			stats { articles entities relations evidence entitiesByType { type count } }
		}`, &resp)
		p := resp.Person
		if len(p.Offices) == 0 || p.Offices[0].Title == nil || p.Offices[0].Place == nil || p.Offices[0].Place.ID != "place:west-bengal" {
			t.Errorf("Mamata's offices: %+v", p.Offices)
		}
		if !slices.Contains(p.Parties, struct{ ID string }{"party:aitc"}) || len(p.Met) == 0 || len(p.Events) == 0 || p.Articles.TotalCount < 2 {
			t.Errorf("Mamata: %+v", p)
		}
		if len(resp.Coalition.Members) < 2 {
			t.Errorf("INDIA's members: %+v", resp.Coalition.Members)
		}
		if len(resp.Party.Opponents) == 0 || len(resp.Place.Events) == 0 {
			t.Errorf("BJP %+v, Kolkata %+v", resp.Party, resp.Place)
		}
		if resp.Entity.Typename != "Party" || resp.Entity.Name != "Samajwadi Party" {
			t.Errorf("entity(party:sp) = %+v", resp.Entity)
		}
		s := resp.Stats
		sum := 0
		for _, c := range s.EntitiesByType {
			sum += c.Count
		}
		if s.Articles != len(devCorpus(t)) || s.Entities != sum || s.Relations == 0 || s.Evidence < s.Relations/2 {
			t.Errorf("stats %+v", s)
		}
	})

	// However long and deep the lists, a request issues one statement per
	// top-level field: each reads its selection's nested lists too.
	t.Run("statements", func(t *testing.T) {
		counted := &countingReader{Reader: st}
		unlimited := graph.New(graph.Options{Graph: counted, Log: quiet(), ComplexityLimit: 1 << 30})
		count := func(q string) int64 {
			t.Helper()
			before := counted.n.Load()
			var resp map[string]any
			query(t, unlimited, q, &resp)
			return counted.n.Load() - before
		}
		// party, leaders, parties, met, allies, relations, its evidence,
		// stances, their evidence, their relation: 1, whatever the sizes.
		for range 3 {
			n := count(`{
			  party(name: "SP") {
			    leaders { parties { name } met { name } }
			    allies { name }
			    relations(first: 100) { from { name } to { name } evidence { sentence } }
			    stances { evidence { sentence } relation { id } }
			  }
			}`)
			if n != 1 {
				t.Errorf("nested query issued %d statements, want 1", n)
			}
		}
		// Lists within lists and fields under single-object fields of
		// items: party, leaders, parties, met, met's relations, their
		// evidence, relations, to's relations, their evidence, evidence,
		// stances, their evidence: 12 fields over hundreds of items, and
		// two more top-level fields: 3 statements.
		n := count(`{
		  party(name: "SP") {
		    leaders { parties { name } met { name relations { type evidence { sentence } } } }
		    relations(first: 50) { from { name } to { name relations { type evidence { sentence } } } evidence { sentence } }
		    stances { evidence { sentence } }
		  }
		  relations(first: 100) {
		    nodes { from { name ... on Party { leaders { name } allies { name } } } evidence { sentence article { title } relation { id } } }
		  }
		  articles(first: 100) { nodes { entities { name ... on Person { parties { name } } } facts { relation { type } } } }
		}`)
		if n != 3 {
			t.Errorf("deep and wide query issued %d statements, want 3 (one per top-level field), not one per item or nested field", n)
		}
	})

	// A nested list's pages, each after the last id of the one before, add
	// up to the whole list in its order (a keyset on the sort key of the
	// item after names); an after that is not in the list gives nothing.
	t.Run("nested pages", func(t *testing.T) {
		for _, field := range []string{"relations", "stances", "opponents", "events", "leaders", "allies"} {
			sel := "id"
			if field == "stances" {
				sel = "relation { id }"
			}
			read := func(first int, after string) []string {
				t.Helper()
				var resp struct{ Party map[string][]map[string]any }
				query(t, h, `query ($first: Int, $after: ID) { party(name: "BJP") { `+field+`(first: $first, after: $after) { `+sel+` } } }`,
					&resp, client.Var("first", first), client.Var("after", after))
				var out []string
				for _, x := range resp.Party[field] {
					id, _ := x["id"].(string)
					if r, ok := x["relation"].(map[string]any); ok {
						id, _ = r["id"].(string)
					}
					out = append(out, id)
				}
				return out
			}
			all := read(100, "")
			if len(all) < 3 && field != "leaders" && field != "events" {
				t.Fatalf("BJP's %s: %v, too few to page", field, all)
			}
			var paged []string
			after := ""
			for range 100 {
				p := read(2, after)
				paged = append(paged, p...)
				if len(p) < 2 {
					break
				}
				after = p[len(p)-1]
			}
			if !slices.Equal(paged, all) {
				t.Errorf("BJP's %s: pages of 2 give %v, the whole list %v", field, paged, all)
			}
			if len(all) > 0 {
				if rest := read(100, all[0]); !slices.Equal(rest, all[1:]) {
					t.Errorf("BJP's %s after %s: %v, want %v", field, all[0], rest, all[1:])
				}
			}
			if got := read(5, "no-such-item"); len(got) != 0 {
				t.Errorf("BJP's %s after an id not in the list: %v, want none", field, got)
			}
		}
	})

	// A list nested in a list of the same kind reads from its own items:
	// everyone Mamata met has met someone (her, at least).
	t.Run("lists within lists", func(t *testing.T) {
		var resp struct {
			Person struct {
				Met []struct {
					ID        string
					Relations []struct{ Type string }
					Met       []struct{ ID string }
				}
			}
		}
		query(t, h, `{ person(name: "Mamata Banerjee") { met { id relations(types: [MET]) { type } met { id } } } }`, &resp)
		if len(resp.Person.Met) == 0 {
			t.Fatal("Mamata met no one")
		}
		for _, p := range resp.Person.Met {
			if len(p.Relations) == 0 || len(p.Met) == 0 {
				t.Errorf("%s, whom Mamata met, has MET relations %v and met %v", p.ID, p.Relations, p.Met)
			}
		}
	})

	// Every example the IDE opens with and every query docs/api.md shows
	// is valid and answers from the dev corpus.
	// The dev corpus is not what the examples were written for (its dates
	// are not the samples'): each example must answer something, not every
	// field (TestSamplesAnswerTheExamples asks that of samples/).
	t.Run("examples", func(t *testing.T) { answers(t, h, append(ideExamples(t), docExamples(t, false)...), false) })

	t.Run("injection", func(t *testing.T) { injection(t, st) })

	if c := storetest.Count(t); c.Nodes == 0 {
		t.Error("the graph is empty after the reads")
	}
}

func ids(ns []struct{ ID string }) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// empty reports whether a response's data holds no value but empty lists
// and nulls.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, y := range x {
			if !empty(y) {
				return false
			}
		}
		return true
	case []any:
		for _, y := range x {
			if !empty(y) {
				return false
			}
		}
		return true
	}
	return false
}

// `make run` loads samples/, the articles this project wrote; the IDE opens
// with its examples and docs/api.md shows its own. Each must answer from
// samples/ alone, every top-level field of it, so an analyst's first click
// finds something.
func TestSamplesAnswerTheExamples(t *testing.T) {
	h := serve(load(t, filepath.Join("..", "samples")))
	answers(t, h, append(ideExamples(t), docExamples(t, false)...), true)
}

// answers checks that each example is valid and answers something: with
// everyField, each of its top-level fields (not null, not an empty list,
// not an object of nothing but nulls and empty lists).
func answers(t *testing.T, h http.Handler, examples []example, everyField bool) {
	t.Helper()
	for _, ex := range examples {
		var resp map[string]any
		if err := client.New(h).Post(ex.query, &resp); err != nil {
			t.Errorf("%s: %v\n%s", ex.name, err, ex.query)
			continue
		}
		if empty(resp) {
			t.Errorf("%s: answered nothing: %v", ex.name, resp)
			continue
		}
		if !everyField {
			continue
		}
		for field, v := range resp {
			if empty(v) {
				t.Errorf("%s: %s answered nothing: %v", ex.name, field, v)
			}
		}
	}
}

// countingReader counts the calls a request makes of the store: each is
// one statement (domain.Reader's contract).
type countingReader struct {
	domain.Reader
	n atomic.Int64
}

func (c *countingReader) FindEntity(ctx context.Context, t domain.EntityType, id, name string, plan domain.Plan) (*domain.Node, error) {
	c.n.Add(1)
	return c.Reader.FindEntity(ctx, t, id, name, plan)
}

func (c *countingReader) Relation(ctx context.Context, key string, plan domain.Plan) (*domain.Fact, error) {
	c.n.Add(1)
	return c.Reader.Relation(ctx, key, plan)
}

func (c *countingReader) Expand(ctx context.Context, root domain.Root, ids []string, plan domain.Plan) (map[string]domain.Lists, error) {
	c.n.Add(1)
	return c.Reader.Expand(ctx, root, ids, plan)
}

func (c *countingReader) Search(ctx context.Context, text string, types []domain.EntityType, p domain.Page, plan domain.Plan) ([]domain.Node, error) {
	c.n.Add(1)
	return c.Reader.Search(ctx, text, types, p, plan)
}

func (c *countingReader) Relations(ctx context.Context, f domain.RelationFilter, first int, after string, count bool, plan domain.Plan) (domain.Connection[domain.Fact], error) {
	c.n.Add(1)
	return c.Reader.Relations(ctx, f, first, after, count, plan)
}

func (c *countingReader) Alliances(ctx context.Context, party string, asOf *time.Time, p domain.Page, plan domain.AlliancePlan) (domain.Node, []domain.Alliance, error) {
	c.n.Add(1)
	return c.Reader.Alliances(ctx, party, asOf, p, plan)
}

func (c *countingReader) Paths(ctx context.Context, from, to string, maxHops int, types []domain.RelationType, p domain.Page, plan domain.PathPlan) ([]domain.Path, error) {
	c.n.Add(1)
	return c.Reader.Paths(ctx, from, to, maxHops, types, p, plan)
}

func (c *countingReader) Neighbourhood(ctx context.Context, centre string, depth int, types []domain.RelationType, limit, edgeLimit int) (domain.Subgraph, error) {
	c.n.Add(1)
	return c.Reader.Neighbourhood(ctx, centre, depth, types, limit, edgeLimit)
}

func (c *countingReader) Graph(ctx context.Context, f domain.GraphFilter) (domain.Subgraph, error) {
	c.n.Add(1)
	return c.Reader.Graph(ctx, f)
}

func (c *countingReader) Timeline(ctx context.Context, entity, from, to string, p domain.Page, plan domain.Plan) (string, []domain.Node, error) {
	c.n.Add(1)
	return c.Reader.Timeline(ctx, entity, from, to, p, plan)
}

func (c *countingReader) Articles(ctx context.Context, f domain.ArticleFilter, first int, after string, count bool, plan domain.Plan) (domain.Connection[domain.StoredArticle], error) {
	c.n.Add(1)
	return c.Reader.Articles(ctx, f, first, after, count, plan)
}

func (c *countingReader) Article(ctx context.Context, id string, plan domain.Plan) (*domain.StoredArticle, error) {
	c.n.Add(1)
	return c.Reader.Article(ctx, id, plan)
}

func (c *countingReader) Stats(ctx context.Context) (domain.Stats, error) {
	c.n.Add(1)
	return c.Reader.Stats(ctx)
}
