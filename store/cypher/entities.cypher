{{/*
resolve binds .As to the entity the parameter $.Param names, among the
labels .Labels: an exact id first, else the most mentioned entity whose
name key ($.Param + "Key", a Lucene query of the key) matches. .Keep lists
the variables carried along ("a, b, " or ""). No row when there is none.
*/}}
{{define "resolve"}}
CALL () {
	MATCH (x:Entity {id: ${{.Param}}}) WHERE x:{{.Labels}} RETURN x, 0 AS rank
	UNION ALL
	CALL db.index.fulltext.queryNodes('entity_keys', ${{.Param}}Key) YIELD node AS x
	WITH x WHERE x:{{.Labels}}
	RETURN x, 1 AS rank
}
WITH {{.Keep}}x ORDER BY rank, x.mentionCount DESC, x.id LIMIT 1
WITH {{.Keep}}x AS {{.As}}
{{- end}}

{{/*
search ranks the entities matching $exact (the text's name key) and
$lucene (its words), of the labels .Labels ("" for any). Lucene's scores
are unbounded, so they are scaled by the best one before the exact-name
bonuses are added. .Calls and .Node are the plan's subqueries and
projection for e.
*/}}
{{define "search"}}
CALL () {
	CALL db.index.fulltext.queryNodes('entity_keys', $exact) YIELD node
	RETURN node, 1 AS exact, 0.0 AS score
	UNION ALL
	CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $candidates}) YIELD node, score
	RETURN node, 0 AS exact, score
}
WITH node AS e, max(exact) AS exact, max(score) AS score {{with .Labels}}WHERE e:{{.}}{{end}}
WITH collect({e: e, exact: exact, score: score}) AS hits, max(score) AS top
UNWIND hits AS hit
WITH hit.e AS e, 2.0 * hit.exact + CASE WHEN top > 0 THEN hit.score / top ELSE 0.0 END
	+ CASE WHEN hit.e.name = $text OR hit.e.nameHi = $text OR $text IN hit.e.aliases THEN 1.0 ELSE 0.0 END
	+ log10(1 + hit.e.mentionCount) / 10 AS rank
ORDER BY rank DESC, e.mentionCount DESC, e.id
WITH collect(e) AS xs
UNWIND {{template "paged" (pageOf "xs" "id")}} AS e
{{- .Calls}}
RETURN collect({{.Node}}) AS nodes
{{- end}}

{{/*
timeline: the events n (bound by .Resolve) took part in, or, for a place,
those held in it or in a place within it, overlapping $from..$to (either
null for open); an event dated by year or month covers all of it.
*/}}
{{define "timeline"}}
{{- .Resolve}}
CALL (n) {
	CALL (n) {
		MATCH (n)-[:PARTICIPATED_IN]->(ev:Event) RETURN ev
		UNION
		MATCH (ev:Event)-[:HELD_IN]->(:Place)-[:LOCATED_IN*0..3]->(n) RETURN ev
	}
	WITH ev,
		CASE size(ev.date) WHEN 4 THEN ev.date + '-01-01' WHEN 7 THEN ev.date + '-01' ELSE ev.date END AS start,
		CASE size(ev.date) WHEN 4 THEN ev.date + '-12-31' WHEN 7 THEN ev.date + '-31' ELSE ev.date END AS end
	WHERE ($from IS NULL OR end >= $from) AND ($to IS NULL OR start <= $to)
	WITH ev ORDER BY start IS NULL, start, end, ev.id
	WITH collect(ev) AS xs
	UNWIND {{template "paged" (pageOf "xs" "id")}} AS ev
	{{- .Calls}}
	RETURN collect({{.Node}}) AS nodes
}
RETURN n.id AS id, nodes
{{- end}}
