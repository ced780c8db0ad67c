package store

import (
	"context"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

// BenchmarkRenderPartyStatement is the Go side's cost of a statement: the
// plan compiled and its templates rendered for { party(name: "SP") {
// name nameHi leaders { name } allies { name } stances(first: 20) { type
// target { name } evidence(first: 3) { sentence article { title } } } } },
// stopped before it is sent (no Neo4j).
func BenchmarkRenderPartyStatement(b *testing.B) {
	leaf := domain.Plan{Fields: []string{"name"}}
	current := true
	stances := domain.FactQuery{Types: []domain.RelationType{domain.Opposes, domain.Praised, domain.AlliedWith}, Dir: domain.Out, Current: &current}
	plan := domain.Plan{Fields: []string{"name", "nameHi"}, Lists: []domain.List{
		{Key: "leaders", Kind: domain.Neighbours, Hop: domain.LeadersOf, Each: leaf},
		{Key: "allies", Kind: domain.Allies, Each: leaf},
		{Key: "stances", Kind: domain.Facts, Facts: stances, Page: domain.Page{First: 20}, Each: domain.Plan{
			Fields: []string{"type"}, Lists: []domain.List{
				{Key: "target", Kind: domain.OtherEnd, Each: leaf},
				{Key: "evidence", Kind: domain.EvidenceOf, Page: domain.Page{First: 3}, Each: domain.Plan{Fields: []string{"sentence", "article.title"}}},
			}}},
	}}
	s := &Store{}
	sent := 0
	s.observe = func(context.Context, string, map[string]any) func() {
		sent++
		panic(stopped{})
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		func() {
			defer func() {
				if r := recover(); r != nil && r != (stopped{}) {
					b.Fatal(r)
				}
			}()
			_, _ = s.FindEntity(ctx, domain.Party, "", "SP", plan)
		}()
	}
	if sent == 0 {
		b.Fatal("no statement was rendered")
	}
}
