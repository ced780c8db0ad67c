{{/*
relationFilter is the condition of a RelationFilter's dates, confidence
and sources on the relationship r: the aggregates say whether some source
is late (or early) enough; with both bounds, one source must fall in
between.
*/}}
{{define "relationFilter" -}}
($minConfidence IS NULL OR r.confidence >= $minConfidence)
		AND r.sourceCount >= $minSources
		AND ($since IS NULL OR r.lastSeen >= $since)
		AND ($until IS NULL OR r.firstSeen < $until)
		AND ($since IS NULL OR $until IS NULL OR
			EXISTS { MATCH (v:Evidence {relKey: r.key}) WHERE v.publishedAt >= $since AND v.publishedAt < $until })
{{- end}}

{{/*
relations: a page of the relations r matching a filter, by key, after
$after (a key; null for the first page), at most $first + 1, with their
number when .Count. .Resolve binds the named ends (a from, b to; .Vars
lists those bound). .Patterns match the relations (the relationships
stored that way and the symmetric ones stored the other way round); .Cond
is the filter's condition ("" for none).

The number: unfiltered, from Neo4j's count store (.CountTypes, one
lookup per type, when no end is named) or its degree store (.Patterns
counted, when one is); filtered, the matching relations are read and
counted, at most .CountLimit of them (domain.MaxCounted + 1: one more
says the count stopped) — the filter is on the relationships' own
properties, which no store keeps counts of, so an exact count would read
every match of a hub's, 44,056 relationships for BJP's since 2020 at
200k articles.

The page: from an entity alone (.Keyed), a range of each type's key index
and, for symmetric types, of its toKey index (the relations stored
towards a), each at most the page, merged by key; otherwise the patterns'
matches in key order.
*/}}
{{define "relations"}}
{{- .Resolve}}
{{- if .Count}}{{if .Cond}}
CALL ({{.Vars}}) {
	{{template "relationsMatching" .}}
	WITH r WHERE {{.Cond}}
	WITH r LIMIT {{.CountLimit}}
	RETURN count(r) AS total
}
{{- else}}
WITH {{with .Vars}}{{.}}, {{end}}
{{- range $i, $t := .CountTypes}}{{if $i}} + {{end}}COUNT { ()-[:{{$t}}]->() }{{end}}
{{- range $i, $p := .CountPatterns}}{{if $i}} + {{end}}COUNT { {{$p}} }{{end}} AS total
{{- end}}{{end}}
CALL ({{.Vars}}) {
{{- if .Keyed}}
	CALL (a) {
	{{- range $i, $t := .Types}}{{if $i}}
		UNION ALL{{end}}
		WITH a, '{{$t.Name}}|' + a.id + '|' AS lo, '{{$t.Name}}|' + a.id + '}' AS hi
		MATCH ()-[r:{{$t.Name}}]->() WHERE r.key > CASE WHEN $after > lo THEN $after ELSE lo END AND r.key < hi AND startNode(r) = a{{with $.Cond}} AND {{.}}{{end}}
		RETURN r ORDER BY r.key LIMIT $first + 1
		{{- if $t.Symmetric}}
		UNION ALL
		WITH a, a.id + '|' AS lo, a.id + '}' AS hi
		MATCH ()-[r:{{$t.Name}}]->() WHERE r.toKey > CASE WHEN $after IS NULL THEN lo ELSE lo + $after END AND r.toKey < hi{{with $.Cond}} AND {{.}}{{end}}
		RETURN r ORDER BY r.toKey LIMIT $first + 1
		{{- end}}
	{{- end}}
	}
{{- else}}
	{{template "relationsMatching" .}}
	WITH r WHERE {{with .Cond}}{{.}} AND {{end}}($after IS NULL OR r.key > $after)
{{- end}}
	WITH r ORDER BY r.key LIMIT $first + 1
	{{- .Calls}}
	RETURN collect({{.Row}}) AS rows
}
RETURN {{if .Count}}total{{else}}-1 AS total{{end}}, rows
{{- end}}

{{define "relationsMatching" -}}
CALL ({{.Vars}}) { {{range $i, $p := .Patterns}}{{if $i}} UNION ALL {{end}}MATCH {{$p}} RETURN r{{end}} }
{{- end}}

{{/*
alliances: who the party p (bound by .Resolve) is allied with as of $asOf
(null: everything known): directly, by an ALLIED_WITH of the party or of
a leader standing for it, or through a coalition both belong to (.MemberOf
relations) and neither has left (stillIn); with $asOf only relations first
stated before it. Direct allies first, then the best supported. .AllyCalls,
.Coalitions and .Facts read each ally's, its coalitions' and its
relations' plans; .Ally is an ally's projection, .Party the party's.
*/}}
{{define "alliances"}}
{{- .Resolve}}
CALL (p) {
	CALL (p) {
		OPTIONAL MATCH (leader:Person)-[:LEADS]->(p)
		WITH p, [p] + collect(leader) AS selves
		UNWIND selves AS self
		MATCH (self)-[r:ALLIED_WITH]-(ally:Entity)
		WHERE $asOf IS NULL OR r.firstSeen < $asOf
		OPTIONAL MATCH (ally:Person)-[:LEADS|MEMBER_OF]->(party:Party)
		WITH p, selves, r, coalesce(party, ally) AS x
		WHERE x <> p AND NOT x IN selves
		RETURN x, r, null AS c
		UNION
		MATCH (p)-[m1:{{.MemberOf}}]->(c:Coalition)<-[m2:{{.MemberOf}}]-(x:Party)
		WHERE x <> p AND ($asOf IS NULL OR (m1.firstSeen < $asOf AND m2.firstSeen < $asOf))
			AND {{template "stillIn" (stillIn "p" "c" "m1")}} AND {{template "stillIn" (stillIn "x" "c" "m2")}}
		UNWIND [m1, m2] AS r
		RETURN x, r, c
	}
	WITH x, collect(DISTINCT r) AS rs, collect(DISTINCT c) AS cs
	WITH x, rs, cs, any(r IN rs WHERE type(r) = 'ALLIED_WITH') AS direct
	ORDER BY direct DESC, size(rs) DESC, x.mentionCount DESC, x.id
	WITH collect({id: x.id, x: x, direct: direct, cs: cs, rs: rs}) AS xs
	UNWIND {{template "paged" (pageOf "xs" "id")}} AS row
	WITH row, row.x AS x
	{{- .AllyCalls}}{{.Coalitions}}{{.Facts}}
	RETURN collect({ally: {{.Ally}}, direct: row.direct, coalitions: c_items, facts: r_items}) AS alliances
}
RETURN {{.Party}} AS party, alliances
{{- end}}

{{/*
stillIn: no LEFT from .X to the coalition .C, stated no earlier than the
membership .M (and before $asOf), has ended it.
*/}}
{{define "stillIn" -}}
NOT EXISTS { ({{.X}})-[l:LEFT]->({{.C}}) WHERE (l.lastSeen IS NULL OR {{.M}}.lastSeen IS NULL OR l.lastSeen >= {{.M}}.lastSeen) AND ($asOf IS NULL OR l.firstSeen < $asOf) }
{{- end}}
