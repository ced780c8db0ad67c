{{/*
Ranks: a string property whose order is a list's order, kept in a range
index so a page of a hub's list is a range of the index read in order
(STARTS WITH its prefix, ORDER BY the rank, LIMIT), not its whole degree
read and sorted. Fixed-width numbers, inverted where the list is
descending, so string order is the list's order.

relationRank is the rank of the relationship .R in the lists of its end
.End (an expression of the end node): the end's id and '|' (ids hold no
'|', so the prefix names one entity), then the most confident first, the
best sourced first, then by key — the order of an entity's relations
(byStrength). Every relationship has one for each end, rankFrom and
rankTo, so incoming and symmetric lists are ranges too.
*/}}
{{define "relationRank" -}}
{{.End}}.id + '|' + {{template "strength" (strengthOf (print .R ".confidence") (print .R ".sourceCount"))}} + '|' + {{.R}}.key
{{- end}}

{{/*
strength is the middle of a relation's rank: its confidence .Confidence
inverted, at nine decimals, and its source count .Sources inverted
(expressions), at fixed width. The writer computes the same in Go
(strength in ranks.go) for what it knows before writing.
*/}}
{{define "strength" -}}
right('0000000000' + toString(toInteger(round((1.0 - {{.Confidence}}) * 1000000000.0))), 10)
	+ right('000000000000' + toString(999999999999 - {{.Sources}}), 12)
{{- end}}

{{/*
setRanks sets the ranks of the relationship .R (after its confidence and
sourceCount). With .Symmetric, its toKey too: the id of its end, '|' and
its key, so the symmetric relations stored towards an entity, in key
order, are a range of an index as those stored from it are of the key
index (Relations' pages).
*/}}
{{define "setRanks" -}}
SET {{.R}}.rankFrom = {{template "relationRank" (rankOf .R (print "startNode(" .R ")"))}},
	{{.R}}.rankTo = {{template "relationRank" (rankOf .R (print "endNode(" .R ")"))}}
{{- if .Symmetric}},
	{{.R}}.toKey = endNode({{.R}}).id + '|' + {{.R}}.key
{{- end}}
{{- end}}

{{/*
evidenceRank is the rank of a piece of evidence in its relation's list:
the relation's key and a tab (keys hold no tab; a key may be another's
prefix, "T|a|b" of "T|a|b|office=x", so the separator must not be '|'),
then the most recently published first (undated last), the most
confident first, then by id — evidenceOrder. .Key, .Published,
.Confidence and .ID are its parts' expressions. The writer computes the
same in Go for the evidence it creates (evidenceRank in ranks.go).
*/}}
{{define "evidenceRank" -}}
{{.Key}} + '\t' + CASE WHEN {{.Published}} IS NULL THEN '99999999999999'
	ELSE right('00000000000000' + toString(99999999999999 - {{.Published}}.epochMillis), 14) END
	+ right('0000000000' + toString(toInteger(round((1.0 - {{.Confidence}}) * 1000000000.0))), 10) + '|' + {{.ID}}
{{- end}}

{{/*
rankIndexes: the range indexes on the ranks of the relationships of type
.Type (named .Name in lower case).
*/}}
{{define "rankFromIndex"}}CREATE INDEX relation_rank_from_{{.Name}} IF NOT EXISTS FOR ()-[r:{{.Type}}]-() ON (r.rankFrom){{end}}
{{define "rankToIndex"}}CREATE INDEX relation_rank_to_{{.Name}} IF NOT EXISTS FOR ()-[r:{{.Type}}]-() ON (r.rankTo){{end}}
{{define "toKeyIndex"}}CREATE INDEX relation_to_key_{{.Name}} IF NOT EXISTS FOR ()-[r:{{.Type}}]-() ON (r.toKey){{end}}

{{/*
unranked counts the relationships of type .Type written before ranks
(the count store's total less those the rank index holds), and
rankRelations ranks them in batches, in an auto-commit transaction: a
graph loaded by an earlier version gets its ranks when the store's schema
is set up.
*/}}
{{define "unranked"}}
MATCH ()-[r:{{.Type}}]->() WHERE r.rankFrom IS NOT NULL
WITH count(r) AS ranked
RETURN COUNT { ()-[:{{.Type}}]->() } - ranked AS unranked
{{- end}}
{{define "rankRelations"}}
MATCH ()-[r:{{.Type}}]->() WHERE r.rankFrom IS NULL
CALL (r) {
	{{template "setRanks" (ranksOf "r" .Symmetric)}}
} IN TRANSACTIONS OF 10000 ROWS
{{- end}}

{{define "unrankedEvidence"}}
MATCH (v:Evidence) WHERE v.rank IS NOT NULL
WITH count(v) AS ranked
RETURN COUNT { (:Evidence) } - ranked AS unranked
{{- end}}
{{define "rankEvidence"}}
MATCH (v:Evidence) WHERE v.rank IS NULL
CALL (v) {
	SET v.rank = {{template "evidenceRank" (evidenceRankOf "v.relKey" "v.publishedAt" "v.confidence" "v.id")}}
} IN TRANSACTIONS OF 10000 ROWS
{{- end}}
