package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/netagraph/netagraph/domain"
)

// writeExplained prints an extraction for people: each entity, relation and
// event with the rule that produced it (`netagraph extract --explain`).
func writeExplained(w io.Writer, x domain.Extraction) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "article %s (%s): %s\n", x.Article.ID, x.Article.Lang, x.Article.Title)
	fmt.Fprintf(b, "\nentities (%d)\n", len(x.Entities))
	for _, e := range x.Entities {
		fmt.Fprintf(b, "  %-14s %s %q ×%d\n      ← %s\n", e.Type, e.ID, e.Name, e.Mentions, ruleText(e.Rule))
	}
	fmt.Fprintf(b, "\nrelations (%d)\n", len(x.Relations))
	for _, r := range x.Relations {
		props := ""
		if len(r.Properties) > 0 {
			props = fmt.Sprintf(" %v", r.Properties)
		}
		fmt.Fprintf(b, "  %s %s → %s%s  %.2f\n      ← %s\n      « %s »\n", r.Type, r.From, r.To, props, r.Confidence, ruleText(r.Rule), r.Evidence)
	}
	fmt.Fprintf(b, "\nevents (%d)\n", len(x.Events))
	for _, e := range x.Events {
		fmt.Fprintf(b, "  %s %s %s [%s]\n      ← %s\n      « %s »\n", e.Kind, orDash(e.Date), orDash(e.Place), strings.Join(e.Participants, ", "), ruleText(e.Rule), e.Evidence)
	}
	b.WriteString("\n")
	return b.Flush()
}

// ruleText reads a rule as a line: "trigger praised-hi-sarahna on "सराहना"
// (lexicon/data/grammar/triggers.yaml:4)".
func ruleText(r *domain.Rule) string {
	if r == nil {
		return "(no rule recorded)"
	}
	s := r.Name
	if r.Entry != "" {
		s += " " + r.Entry
	}
	if r.Word != "" {
		s += fmt.Sprintf(" on %q", r.Word)
	}
	if r.Source != "" {
		s += " (" + r.Source + ")"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
