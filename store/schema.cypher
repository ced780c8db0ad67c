// Constraints and indexes of the netagraph graph. EnsureSchema runs each
// statement (separated by semicolons) at start; every one is idempotent.

// One node per entity and article.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
// Evidence is created with its article, once per relation the article
// states (its id is a hash of the two), and found by relKey or from its
// article, never by id: a uniqueness index on it was one more index insert
// for every relation a load writes, and nothing read it.
DROP CONSTRAINT evidence_id IF EXISTS;

// Lookup by any name or alias in either script: exact terms of the list
// Entity.keys (range indexes do not serve membership in a list property; a
// full-text index with the keyword analyzer indexes each element whole).
CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (e:Entity) ON EACH [e.keys]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// A relationship's evidence, found from its key when an article is retracted
// or a relation's sources are listed.
CREATE INDEX evidence_rel_key IF NOT EXISTS FOR (v:Evidence) ON (v.relKey);

// A relation's evidence in list order (the most recent first): its rank
// (store/cypher/ranks.cypher) starts with the relation's key, so its first
// page is the start of a range of this index.
CREATE INDEX evidence_rank IF NOT EXISTS FOR (v:Evidence) ON (v.rank);

// Relationships by key, and by their rank at either end, range indexes per
// relation type: made from domain.RelationTypes by EnsureSchema
// (relationKeyIndexes in store.go).

// An index of earlier versions that nothing reads: every write paid for it.
DROP INDEX entity_names IF EXISTS;

// Search (the API's search query): names and aliases, analysed by Lucene's
// hindi analyzer, which lower-cases Latin words and folds Devanagari
// variants (nukta, chandrabindu, long and short vowels, joiners) and
// suffixes the same way in what it indexes and in queries. With the keys
// too, so a name typed without spaces or dots ("samajwadiparty") is found.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.nameHi, e.aliases, e.keys]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'hindi'}};

// Articles listed by publication date, and the range of dates in stats.
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt);
