package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Content is what the graph says, counted and digested without what
// depends on when or in which order articles were loaded: Article.loadedAt
// is left out and lists are compared as sets. Two loads of the same
// articles, whatever their batches, order or interruptions, have equal
// Content.
type Content struct {
	Nodes, Relationships int64
	Labels, Types        map[string]int64
	Digest               string
}

// GraphContent reads the Content of the test database.
func GraphContent(t testing.TB) Content {
	t.Helper()
	c := Content{Labels: map[string]int64{}, Types: map[string]int64{}}
	var lines []string
	for _, r := range Exec(t, `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props`, nil) {
		c.Nodes++
		labels := strings.Fields(strings.Trim(fmt.Sprint(r["labels"]), "[]"))
		sort.Strings(labels)
		for _, l := range labels {
			c.Labels[l]++
		}
		props := r["props"].(map[string]any)
		delete(props, "loadedAt")
		lines = append(lines, fmt.Sprint(labels, canonical(props)))
	}
	for _, r := range Exec(t, `
		MATCH (a)-[r]->(b)
		RETURN coalesce(a.id, '') AS a, type(r) AS type, coalesce(b.id, '') AS b, properties(r) AS props`, nil) {
		c.Relationships++
		c.Types[r["type"].(string)]++
		lines = append(lines, fmt.Sprint(r["a"], r["type"], r["b"], canonical(r["props"].(map[string]any))))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	c.Digest = hex.EncodeToString(h.Sum(nil))
	return c
}

// canonical sorts the lists among props; fmt prints maps in key order.
func canonical(props map[string]any) map[string]any {
	for k, v := range props {
		if l, ok := v.([]any); ok {
			s := make([]string, len(l))
			for i, x := range l {
				s[i] = fmt.Sprint(x)
			}
			slices.Sort(s)
			props[k] = s
		}
	}
	return props
}

// Violations lists what breaks the rule that an article's facts are
// committed with it or not at all: evidence without its article,
// relationships whose evidence does not add up to their sourceCount,
// entities whose mentions do not add up to their mentionCount, and entities
// no article mentions. An empty list is a consistent graph.
func Violations(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, check := range []struct{ what, cypher string }{
		{"evidence without its article", `MATCH (v:Evidence) WHERE NOT EXISTS { (:Article)-[:STATES]->(v) } RETURN count(v) AS n`},
		{"evidence of an article that is not its own", `MATCH (a:Article)-[:STATES]->(v:Evidence) WHERE v.articleId <> a.id RETURN count(v) AS n`},
		{"relationships whose sourceCount is not their evidence", `
			MATCH (x:Entity)-[r]->(y:Entity) WHERE r.key IS NOT NULL
			OPTIONAL MATCH (v:Evidence {relKey: r.key})
			WITH r, count(v) AS n WHERE n <> r.sourceCount RETURN count(r) AS n`},
		{"evidence without its relationship", `
			MATCH (v:Evidence) WHERE NOT EXISTS { MATCH (:Entity {id: v.from})-[r {key: v.relKey}]->(:Entity {id: v.to}) }
			RETURN count(v) AS n`},
		{"entities whose mentionCount is not their mentions", `
			MATCH (e:Entity) OPTIONAL MATCH (:Article)-[m:MENTIONS]->(e)
			WITH e, sum(m.count) AS n WHERE n <> e.mentionCount RETURN count(e) AS n`},
		{"relationships without their ranks (store/cypher/ranks.cypher)", `
			MATCH (x:Entity)-[r]->(y:Entity) WHERE r.key IS NOT NULL AND NOT (
				r.rankFrom STARTS WITH x.id + '|' AND r.rankFrom ENDS WITH '|' + r.key AND
				r.rankTo STARTS WITH y.id + '|' AND r.rankTo ENDS WITH '|' + r.key AND
				substring(r.rankFrom, size(x.id)) = substring(r.rankTo, size(y.id)))
			RETURN count(r) AS n`},
		{"evidence without its rank", `MATCH (v:Evidence) WHERE NOT v.rank STARTS WITH v.relKey + '\t' OR v.rank IS NULL RETURN count(v) AS n`},
		{"entities no article mentions", `MATCH (e:Entity) WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) } RETURN count(e) AS n`},
	} {
		if n := Exec(t, check.cypher, nil)[0]["n"].(int64); n > 0 {
			out = append(out, fmt.Sprintf("%d %s", n, check.what))
		}
	}
	return out
}
