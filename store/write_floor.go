package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// WriteFloor writes the rows WriteArticles would write for arts and xs with
// the plainest batched Cypher: one statement per batch of UNWIND … MERGE
// clauses (the articles, the entities of each type with their MENTIONS, the
// relations of each type), with no hash check, no evidence, no aggregates
// and nothing recomputed. It is not a way to load the graph (it keeps no
// provenance): it is the floor `make bench-load` measures the loader
// against, what this machine's Neo4j allows for the same rows.
func (s *Store) WriteFloor(ctx context.Context, arts []domain.Article, xs []domain.Extraction, evidence bool) error {
	params := map[string]any{}
	var articles []map[string]any
	ents := map[domain.EntityType][]map[string]any{}
	rels := map[domain.RelationType][]map[string]any{}
	for i, a := range arts {
		p, err := prepare(a, xs[i])
		if err != nil {
			continue // as the loader skips it
		}
		articles = append(articles, p.article)
		for t, rows := range p.entities {
			ents[t] = append(ents[t], rows...)
		}
		for t, rows := range p.relations {
			rels[t] = append(rels[t], rows...)
		}
	}
	params["articles"] = articles
	for _, t := range domain.EntityTypes {
		params[entityParam[t]] = orEmpty(ents[t])
	}
	for _, t := range domain.RelationTypes {
		params[relationParam[t]] = orEmpty(rels[t])
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		cypher := floorCypher
		if evidence {
			cypher = floorEvidenceCypher
		}
		return s.txRun(ctx, tx, cypher, params)
	})
	if err != nil {
		return fmt.Errorf("floor write: %w", classify(err))
	}
	return nil
}

func orEmpty(rows []map[string]any) []map[string]any {
	if rows == nil {
		return []map[string]any{}
	}
	return rows
}

// floorCypher is createCypher without provenance: MERGE and nothing else;
// floorEvidenceCypher writes each relation row's evidence too, as plainly.
var floorCypher, floorEvidenceCypher string

func init() {
	floorCypher = floor(false)
	floorEvidenceCypher = floor(true)
}

func floor(evidence bool) string {
	var b strings.Builder
	b.WriteString("CYPHER replan=skip\nCALL () {\n\tUNWIND $articles AS row\n\tMERGE (a:Article {id: row.id})\n\tSET a += row\n}\n")
	for _, t := range domain.EntityTypes {
		fmt.Fprintf(&b, `CALL () {
	UNWIND $%s AS row
	MERGE (e:Entity {id: row.id})
	ON CREATE SET e:%s, e.name = row.name, e.nameHi = row.nameHi, e.aliases = row.aliases, e.keys = row.keys
	WITH e, row
	MATCH (a:Article {id: row.article})
	MERGE (a)-[m:MENTIONS]->(e)
	SET m.count = row.mentions
}
`, entityParam[t], identifier(string(t)))
	}
	for _, t := range domain.RelationTypes {
		fmt.Fprintf(&b, `CALL () {
	UNWIND $%s AS row
	MATCH (x:Entity {id: row.from})
	MATCH (y:Entity {id: row.to})
	MERGE (x)-[r:%s {key: row.key}]->(y)
	SET r.confidence = row.confidence
`, relationParam[t], identifier(string(t)))
		if evidence {
			fmt.Fprintf(&b, `	WITH row
	MATCH (a:Article {id: row.article})
	MERGE (v:Evidence {id: row.evidence})
	SET v.relKey = row.key, v.type = '%s', v.from = row.from, v.to = row.to, v.sentence = row.sentence,
		v.confidence = row.confidence, v.articleId = row.article, v.publishedAt = row.publishedAt, v.properties = row.propsJSON
	MERGE (a)-[:STATES]->(v)
`, identifier(string(t)))
		}
		b.WriteString("}\n")
	}
	return b.String()
}
