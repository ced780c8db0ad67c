{{/*
The write path (store/write.go): a batch's articles looked up, written,
and retracted. Labels and relationship types come from domain's fixed
lists; every value is a parameter. The statements of a batch's rows
(createArticles, mergeEntity, mergeRelation) are planned once:
replan=skip, as a plan made when the graph was small stays good as it
grows.
*/}}

{{/* storedArticles: the id and hash of those of $ids in the graph. */}}
{{define "storedArticles"}}
UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.hash AS hash
{{- end}}

{{/* countArticles: how many of $ids are in the graph. */}}
{{define "countArticles"}}
UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS n
{{- end}}

{{/*
createArticles: the articles of a batch ($articles), each with the
evidence of every relation it states: one node for each (relation,
article), linked to its relation by relKey (and its ends), so it is
written with its article and no lookup. Its rank (evidenceRank in
ranks.cypher) is computed by the writer (evidenceRank in ranks.go).
*/}}
{{define "createArticles"}}
CYPHER replan=skip
UNWIND $articles AS row
CREATE (a:Article)
SET a = row.props, a.loadedAt = $now
WITH a, row
UNWIND row.evidence AS v
CREATE (a)-[:STATES]->(:Evidence {id: v.id, relKey: v.key, type: v.type, from: v.from, to: v.to,
	sentence: v.sentence, confidence: v.confidence, articleId: a.id, publishedAt: a.publishedAt,
	properties: v.props, rank: v.rank})
{{- end}}

{{/*
mergeEntity: the entities of one type .Label ($rows, one row per entity
of a batch, see foldEntities) with their MENTIONS. A name, once given,
stays: later articles add aliases and keys. Properties that rarely change
are written only when they do.
*/}}
{{define "mergeEntity"}}
CYPHER replan=skip
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:{{.Label}}, e.name = row.name, e.nameHi = row.nameHi, e.aliases = row.aliases, e.keys = row.keys,
	e.mentionCount = row.mentions, e.confidence = row.confidence, e.kind = row.kind, e.date = row.date
ON MATCH SET e.mentionCount = e.mentionCount + row.mentions,
	e.confidence = CASE WHEN row.confidence > e.confidence THEN row.confidence ELSE e.confidence END
WITH e, row, [x IN row.aliases WHERE NOT x IN e.aliases] AS aliases, [x IN row.keys WHERE NOT x IN e.keys] AS keys
FOREACH (_ IN CASE WHEN size(aliases) > 0 THEN [1] ELSE [] END | SET e.aliases = e.aliases + aliases)
FOREACH (_ IN CASE WHEN size(keys) > 0 THEN [1] ELSE [] END | SET e.keys = e.keys + keys)
FOREACH (_ IN CASE WHEN e.nameHi IS NULL AND row.nameHi IS NOT NULL THEN [1] ELSE [] END | SET e.nameHi = row.nameHi)
FOREACH (_ IN CASE WHEN row.kind IS NOT NULL AND row.kind <> coalesce(e.kind, '') THEN [1] ELSE [] END | SET e.kind = row.kind)
FOREACH (_ IN CASE WHEN row.date IS NOT NULL AND row.date <> coalesce(e.date, '') THEN [1] ELSE [] END | SET e.date = row.date)
WITH e, row
UNWIND row.mentionedBy AS m
MATCH (a:Article {id: m.article})
CREATE (a)-[:MENTIONS {count: m.count}]->(e)
{{- end}}

{{/*
mergeRelation: the relations of one type .Type ($rows, one row per
relation of a batch, see foldRelations; its evidence is written with the
articles). Aggregates grow with each batch; the properties are those of
the most recent dated article.

The ranks (ranks.cypher) are set in the same SET as the aggregates, once
per relationship. A new one's, known before it is written, are the
writer's (row.rankFrom, row.rankTo, row.toKey: relationRank in
ranks.go). An existing one's are computed from its stored confidence and
sources and the row's, before they are updated: the rank items come first,
and every item of a SET reads the values from before it. Its toKey (its
end's id and its key) never changes.
*/}}
{{define "mergeRelation"}}
CYPHER replan=skip
UNWIND $rows AS row
MATCH (x:Entity {id: row.from})
MATCH (y:Entity {id: row.to})
MERGE (x)-[r:{{.Type}} {key: row.key}]->(y)
ON CREATE SET r += row.props, r.sourceCount = row.n, r.confidence = row.confidence,
	r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen,
	r.rankFrom = row.rankFrom, r.rankTo = row.rankTo{{if .Symmetric}}, r.toKey = row.toKey{{end}}
ON MATCH SET
	r.rankFrom = row.from + '|' + {{template "strength" .Merged}} + '|' + row.key,
	r.rankTo = row.to + '|' + {{template "strength" .Merged}} + '|' + row.key,
	r += CASE WHEN r.lastSeen IS NULL OR row.propsAt >= r.lastSeen THEN row.props ELSE {} END,
	r.sourceCount = r.sourceCount + row.n,
	r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
	r.firstSeen = CASE WHEN r.firstSeen IS NULL OR row.firstSeen < r.firstSeen THEN row.firstSeen ELSE r.firstSeen END,
	r.lastSeen = CASE WHEN r.lastSeen IS NULL OR row.lastSeen > r.lastSeen THEN row.lastSeen ELSE r.lastSeen END
{{- end}}

{{/*
retractMentions: the MENTIONS of the articles $ids go, their counts taken
from their entities' mentionCount; returns the entities they mentioned.
*/}}
{{define "retractMentions"}}
MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE a.id IN $ids
SET e.mentionCount = e.mentionCount - m.count
DELETE m
RETURN DISTINCT e.id AS id
{{- end}}

{{/* retractEvidence: the evidence of the articles $ids goes; returns the relations it supported. */}}
{{define "retractEvidence"}}
MATCH (a:Article)-[:STATES]->(v:Evidence) WHERE a.id IN $ids
WITH v, {key: v.relKey, from: v.from, to: v.to} AS rel
DETACH DELETE v
RETURN DISTINCT rel
{{- end}}

{{/* deleteArticles: the articles $ids. */}}
{{define "deleteArticles"}}
MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a
{{- end}}

{{/*
deleteUnmentioned: the entities of $ids no article mentions. Every entity
a relation touches is mentioned by each article stating it, so such an
entity has no evidenced relationship left.
*/}}
{{define "deleteUnmentioned"}}
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e
{{- end}}

{{/* remainingEvidence: what is left of the evidence of the relations $keys. */}}
{{define "remainingEvidence"}}
MATCH (v:Evidence) WHERE v.relKey IN $keys
RETURN v.relKey AS key, v.confidence AS confidence, v.publishedAt AS publishedAt, v.properties AS properties
ORDER BY v.id
{{- end}}

{{/* deleteRelations: the relationships of $rows (key and ends), left with no evidence. */}}
{{define "deleteRelations"}}
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r {key: row.key}]->(:Entity {id: row.to})
DELETE r
{{- end}}

{{/*
recomputeRelations: the aggregates of the relationships of $rows, from
their remaining evidence, with the ranks they give (row.rankFrom,
row.rankTo: relationRank in ranks.go). Their toKey does not change.
*/}}
{{define "recomputeRelations"}}
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r {key: row.key}]->(:Entity {id: row.to})
SET r += row.props, r.sourceCount = row.sourceCount, r.confidence = row.confidence,
	r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen, r.rankFrom = row.rankFrom, r.rankTo = row.rankTo
{{- end}}
