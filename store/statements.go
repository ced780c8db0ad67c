package store

import (
	"embed"
	"fmt"
	"strings"
	"text/template"

	"github.com/netagraph/netagraph/domain"
)

// The store's Cypher lives in store/cypher/*.cypher as named templates,
// one per statement or per piece a statement is built from (a nested list's
// subquery, the resolution of an entity argument), so a statement reads as
// Cypher in one place rather than as strings joined across Go functions.
//
// What a template is given is never a value from a request: only names the
// compiler made (variables, columns, parameter names), labels and
// relationship types from domain's fixed lists, numbers from domain's
// limits, and pieces rendered by other templates. Every value reaches
// Neo4j as a parameter.

//go:embed cypher/*.cypher
var cypherFiles embed.FS

var statements = template.Must(template.New("cypher").
	Option("missingkey=error").
	Funcs(template.FuncMap{"pageOf": pageOf, "idPrefixes": idPrefixes,
		"rankOf": rankOf, "ranksOf": ranksOf, "stillIn": stillIn, "arrow": arrow, "evidenceRankOf": evidenceRankOf}).
	ParseFS(cypherFiles, "cypher/*.cypher"))

// cypher renders the named template with data. Templates and the data
// given them are both the store's own, fixed when it is built, so a
// template that fails to render is a bug: it panics, as regexp.MustCompile
// does, and a request meeting it gets INTERNAL (gqlgen recovers the panic).
// statements_test.go renders every read of the port without Neo4j (and
// checks every template is used); the integration tests run them.
func cypher(name string, data any) string {
	var b strings.Builder
	if err := statements.ExecuteTemplate(&b, name, data); err != nil {
		panic(fmt.Sprintf("store: statement %s: %v", name, err))
	}
	return b.String()
}

// idPrefixes are the id prefixes that name an entity's type
// (domain.TypeOfID), as Cypher strings without their colon: 'person', ….
func idPrefixes() string {
	prefixes := make([]string, len(domain.EntityTypes))
	for i, t := range domain.EntityTypes {
		prefixes[i] = "'" + strings.TrimSuffix(t.IDPrefix(), ":") + "'"
	}
	return strings.Join(prefixes, ", ")
}

// rankPart names the relationship r and its end for relationRank.
type rankPart struct{ R, End string }

func rankOf(r, end string) rankPart { return rankPart{R: r, End: end} }

// ranksPart is what setRanks is given: the relationship, and whether its
// type is symmetric.
type ranksPart struct {
	R         string
	Symmetric bool
}

func ranksOf(r string, symmetric bool) ranksPart { return ranksPart{R: r, Symmetric: symmetric} }

// evidenceRankPart names the expressions evidenceRank is made of.
type evidenceRankPart struct{ Key, Published, Confidence, ID string }

func evidenceRankOf(key, published, confidence, id string) evidenceRankPart {
	return evidenceRankPart{Key: key, Published: published, Confidence: confidence, ID: id}
}

// stillInPart names the member, coalition and membership of stillIn.
type stillInPart struct{ X, C, M string }

func stillIn(x, c, m string) stillInPart { return stillInPart{X: x, C: c, M: m} }
