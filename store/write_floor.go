//go:build floor

// The write floor is benchmark scaffolding, not part of the store's API: it
// is built only with -tags floor, as `make bench-load` builds it.

package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/netagraph/netagraph/domain"
)

// WriteFloor writes the rows WriteArticles would write for arts and xs with
// the plainest batched Cypher: in one transaction a batch, one UNWIND … MERGE
// statement for the articles, one for the entities of each type with their
// MENTIONS, one for the relations of each type (the same split as
// WriteArticles, so neither pays for planning what the other does not), with
// no hash check, no evidence, no aggregates, no folding and nothing
// recomputed. It is not a way to load the graph (it keeps no provenance): it
// is the floor `make bench-load` measures the loader against, what this
// machine's Neo4j allows for the same rows. With evidence, it creates each
// relation row's evidence too, as plainly.
func (s *Store) WriteFloor(ctx context.Context, arts []domain.Article, xs []domain.Extraction, evidence bool) error {
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
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if _, err := s.txRun(ctx, tx, floorArticleCypher, map[string]any{"rows": articles}); err != nil {
			return struct{}{}, err
		}
		for _, t := range domain.EntityTypes {
			if len(ents[t]) > 0 {
				if _, err := s.txRun(ctx, tx, floorEntityCypher[t], map[string]any{"rows": ents[t]}); err != nil {
					return struct{}{}, err
				}
			}
		}
		for _, t := range domain.RelationTypes {
			cypher := floorRelationCypher[t]
			if evidence {
				cypher = floorEvidenceCypher[t]
			}
			if len(rels[t]) > 0 {
				if _, err := s.txRun(ctx, tx, cypher, map[string]any{"rows": rels[t]}); err != nil {
					return struct{}{}, err
				}
			}
		}
		return struct{}{}, nil
	})
	if err != nil {
		return fmt.Errorf("floor write: %w", classify(err))
	}
	return nil
}

// The floor's statements: MERGE and nothing else.
const floorArticleCypher = `CYPHER replan=skip
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row`

var (
	floorEntityCypher   = map[domain.EntityType]string{}
	floorRelationCypher = map[domain.RelationType]string{}
	floorEvidenceCypher = map[domain.RelationType]string{}
)

func init() {
	for _, t := range domain.EntityTypes {
		floorEntityCypher[t] = fmt.Sprintf(`CYPHER replan=skip
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:%s, e.name = row.name, e.nameHi = row.nameHi, e.aliases = row.aliases, e.keys = row.keys
WITH e, row
MATCH (a:Article {id: row.article})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = row.mentions`, identifier(string(t)))
	}
	for _, t := range domain.RelationTypes {
		rel := fmt.Sprintf(`CYPHER replan=skip
UNWIND $rows AS row
MATCH (x:Entity {id: row.from})
MATCH (y:Entity {id: row.to})
MERGE (x)-[r:%s {key: row.key}]->(y)
SET r.confidence = row.confidence`, identifier(string(t)))
		floorRelationCypher[t] = rel
		floorEvidenceCypher[t] = rel + fmt.Sprintf(`
WITH row
MATCH (a:Article {id: row.article})
CREATE (a)-[:STATES]->(:Evidence {id: row.evidence, relKey: row.key, type: '%s', from: row.from, to: row.to,
	sentence: row.sentence, confidence: row.confidence, articleId: row.article, publishedAt: row.publishedAt,
	properties: row.propsJSON})`, identifier(string(t)))
	}
}
