package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/store/storetest"
)

// hubOpposing writes an article dated date in which party:hub opposes n
// parties, the first strong of them with confidence 0.95 and the others
// 0.6.
func hubOpposing(t *testing.T, st *store.Store, id, date string, n, strong int) {
	t.Helper()
	ents := []domain.Entity{{ID: "party:hub", Type: domain.Party, Name: "Hub", Mentions: 1, Confidence: 1}}
	var rels []domain.Relation
	for i := range n {
		p := fmt.Sprintf("party:p%04d", i)
		ents = append(ents, domain.Entity{ID: p, Type: domain.Party, Name: "P " + p, Mentions: 1, Confidence: 1})
		c := 0.6
		if i < strong {
			c = 0.95
		}
		rels = append(rels, domain.Relation{Type: domain.Opposes, From: "party:hub", To: p, Confidence: c, Evidence: "hub opposes " + p})
	}
	a := domain.Article{ID: id, Title: "Article " + id, Body: "text", PublishedAt: day(date), Origin: id}
	x := domain.Extraction{Article: domain.ArticleMeta{ID: id, Title: a.Title, Lang: "en"}, Entities: ents, Relations: rels}
	if _, err := st.WriteArticle(context.Background(), a, x); err != nil {
		t.Fatal(err)
	}
}

// A filtered totalCount (dates, confidence, sources: no store keeps
// counts of the relationships' own properties) counts the matches up to
// domain.MaxCounted and stops: past it, totalCount is MaxCounted and
// capped, and reading the count read no more than MaxCounted + 1 of the
// hub's relationships (by PROFILE: the rows of the operators that read
// relationships), whatever its degree. Below it, and unfiltered (from the
// degree store), the count is exact; the pages go on past the cap.
func TestFilteredTotalCountStopsAtItsBound(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	n := domain.MaxCounted + 150
	hubOpposing(t, st, "a", "2023-05-01", n, 40)

	since := day("2020-01-01")
	high := 0.9
	for _, c := range []struct {
		what   string
		f      domain.RelationFilter
		total  int
		capped bool
	}{
		{"unfiltered", domain.RelationFilter{From: "party:hub"}, n, false},
		{"since 2020 (every one)", domain.RelationFilter{From: "party:hub", Since: since}, domain.MaxCounted, true},
		{"to the hub, since 2020 (none)", domain.RelationFilter{To: "party:hub", Since: since}, 0, false},
		{"confidence at least 0.9 (40)", domain.RelationFilter{From: "party:hub", MinConfidence: &high}, 40, false},
		{"since 2020, no end named", domain.RelationFilter{Since: since}, domain.MaxCounted, true},
	} {
		p, err := st.Relations(ctx, c.f, 20, "", true, domain.Plan{})
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if p.Total != c.total || p.TotalCapped != c.capped {
			t.Errorf("%s: totalCount %d, capped %v; want %d, %v", c.what, p.Total, p.TotalCapped, c.total, c.capped)
		}
		if c.total > 20 && (!p.HasNext || len(p.Items) != 20) {
			t.Errorf("%s: a page of %d, hasNext %v; want 20 and more", c.what, len(p.Items), p.HasNext)
		}
	}

	// The count reads at most MaxCounted + 1 relationships; the page 21
	// of each type's index range (one type holds any).
	statement, params := tracedStatement(t, ctx, st, func(ctx context.Context) error {
		_, err := st.Relations(ctx, domain.RelationFilter{From: "party:hub", Since: since}, 20, "", true, domain.Plan{})
		return err
	})
	read := int64(0)
	var ops []string
	for _, p := range profiled(t, ctx, statement, params) {
		if op := operator(p); strings.Contains(op, "Relationship") || strings.HasPrefix(op, "Expand") {
			read += p.Records()
			ops = append(ops, fmt.Sprintf("%s: %d", op, p.Records()))
		}
	}
	if limit := int64(domain.MaxCounted + 1 + 21); read > limit || read == 0 {
		t.Errorf("the statement read %d relationships (%v), want at most %d of the hub's %d", read, ops, limit, n)
	}
}
