package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store/storetest"
)

// A party's allies, read from the rank indexes (store/cypher/plan.cypher),
// are those of a full read of every ALLIED_WITH of the party and its
// leaders, a person standing for their parties, in the documented order
// (the most mentioned first, then by id), page after page. The alliances
// are stored from either end (in id order), of the party and of its
// leaders, with parties, a coalition, persons in one party or two or
// none, an ally whose id has no type prefix (its labels say it is a
// person), and a leader of the party itself (not its ally).
func TestAlliesAreTheFullReadInOrder(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	const hub = "party:m-hub"
	var ents []domain.Entity
	var rels []domain.Relation
	entity := func(id string, typ domain.EntityType, mentions int) {
		ents = append(ents, domain.Entity{ID: id, Type: typ, Name: "Name of " + id, Mentions: mentions, Confidence: 1})
	}
	rel := func(typ domain.RelationType, from, to string) {
		rels = append(rels, domain.Relation{Type: typ, From: from, To: to, Confidence: 0.9, Evidence: fmt.Sprintf("%s %s %s", from, typ, to)})
	}
	entity(hub, domain.Party, 50)
	entity("person:leader-1", domain.Person, 40)
	entity("person:leader-2", domain.Person, 3)
	rel(domain.Leads, "person:leader-1", hub)
	rel(domain.Leads, "person:leader-2", hub)
	// Parties whose ids sort before the hub's and after it (stored from
	// and towards it), mentioned 1 to 9 times, two of them equally.
	for i := range 12 {
		p := fmt.Sprintf("party:%c-%02d", "az"[i%2], i)
		entity(p, domain.Party, 1+(i*5)%9)
		if i%3 == 0 {
			rel(domain.AlliedWith, "person:leader-1", p)
		} else {
			rel(domain.AlliedWith, hub, p)
		}
	}
	entity("coalition:front", domain.Coalition, 7)
	rel(domain.AlliedWith, hub, "coalition:front")
	// Persons: in one party, in two, in none; a leader allied with the
	// other (the hub's own); and an id with no type prefix.
	entity("person:one", domain.Person, 30)
	rel(domain.MemberOf, "person:one", "party:a-00")
	entity("person:two", domain.Person, 20)
	rel(domain.MemberOf, "person:two", "party:q-two")
	rel(domain.Leads, "person:two", "party:b-two")
	entity("party:q-two", domain.Party, 4)
	entity("party:b-two", domain.Party, 4)
	entity("person:none", domain.Person, 25)
	entity("unprefixed-person", domain.Person, 35)
	rel(domain.MemberOf, "unprefixed-person", "party:r-un")
	entity("party:r-un", domain.Party, 2)
	rel(domain.AlliedWith, hub, "person:one")
	rel(domain.AlliedWith, "person:leader-2", "person:two")
	rel(domain.AlliedWith, "person:none", "person:leader-1")
	rel(domain.AlliedWith, "person:leader-1", "person:leader-2")
	rel(domain.AlliedWith, hub, "unprefixed-person")
	a, x := article("allies", nil, rels...)
	x.Entities = append(x.Entities, ents...)
	if _, err := st.WriteArticle(ctx, a, x); err != nil {
		t.Fatal(err)
	}

	// The full read: every alliance of the hub and its leaders, matched
	// by expanding the nodes, in the documented order.
	var want []string
	for _, r := range storetest.Exec(t, `
		MATCH (p {id: $id})
		OPTIONAL MATCH (leader:Person)-[:LEADS]->(p)
		WITH p, [p] + collect(leader) AS selves
		UNWIND selves AS self
		MATCH (self)-[:ALLIED_WITH]-(ally)
		OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
		WITH p, selves, coalesce(party, ally) AS m
		WHERE m <> p AND NOT m IN selves
		WITH DISTINCT m
		RETURN m.id AS id ORDER BY m.mentionCount DESC, m.id`, map[string]any{"id": hub}) {
		want = append(want, r["id"].(string))
	}
	if len(want) < 15 {
		t.Fatalf("the full read finds %d allies: %v", len(want), want)
	}

	var got []string
	after := ""
	for page := 0; page < 10; page++ {
		allies, err := st.Allies(ctx, []string{hub}, domain.Page{First: 4, After: after})
		if err != nil {
			t.Fatal(err)
		}
		if len(allies[hub]) == 0 {
			break
		}
		for _, n := range allies[hub] {
			got = append(got, n.ID)
		}
		after = got[len(got)-1]
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("allies page by page:\n%v\nwant (the full read):\n%v", got, want)
	}
}
