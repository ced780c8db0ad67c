{{/*
The pieces a domain.Plan is compiled into (store/plan.go): each nested
list is a CALL subquery reading a page of it for an item, with its own
plan's subqueries nested in it. Variables are names the compiler made;
.Calls are the item's subqueries, .Row its projection map, .Name the
list's column.
*/}}

{{/*
subqueries imports the item .V (and .Other, the entity a relationship was
read from, when set) under names of their own (.Item, .OtherAs) — never a
name the bodies bind (m, r, v, a, e): Neo4j takes a name bound inside a
subquery that was imported into it for the imported variable, even after
a WITH that dropped it — then reads each of .Lists (a guard label, a
body).
*/}}
{{define "subqueries"}}
WITH *, {{.V}} AS {{.Item}}{{with .Other}}, {{.}} AS {{$.OtherAs}}{{end}}
{{- range .Lists}}
CALL ({{$.Scope}}) {
{{with .Guard}}WITH {{$.Scope}} WHERE {{$.Item}}:{{.}}
{{end}}{{.Body}}
}
{{- end}}
{{- end}}

{{/* articlesEntry: an Articles list with its number (the MENTIONS of .V). */}}
{{define "articlesEntry"}}{rows: {{.Name}}, total: COUNT { (:Article)-[:MENTIONS]->({{.V}}) }}{{end}}

{{/*
allies: a party's allies m, by ALLIED_WITH of it or of its leaders; a
person stands for their party. The alliances of each self are read from
the rank indexes (a range per end: ALLIED_WITH is stored once, in id
order), not by expanding the node: the index row carries the rank, whose
key names the ally's id (rank: self's id, '|', fixed-width strength, '|',
key "ALLIED_WITH|from|to…"), so whether the ally is a person is read from
its id's prefix (.Person), not its labels (domain.TypeOfID; an id of no
known prefix has its labels read). The answer is the same set as matching
(self)-[:ALLIED_WITH]-(ally); the list's order (the most mentioned first)
is not the ranks', so every alliance is still read.
*/}}
{{define "allies" -}}
OPTIONAL MATCH (leader:Person)-[:LEADS]->({{.V}})
WITH {{.V}}, [{{.V}}] + collect(leader) AS selves
UNWIND selves AS self
CALL (self) {
	WITH self.id + '|' AS prefix
	MATCH ()-[aw:ALLIED_WITH]->(ally) WHERE aw.rankFrom STARTS WITH prefix
	RETURN ally, split(aw.rankFrom, '|')[4] AS allyId
	UNION ALL
	WITH self.id + '|' AS prefix
	MATCH (ally)-[aw:ALLIED_WITH]->() WHERE aw.rankTo STARTS WITH prefix
	RETURN ally, split(aw.rankTo, '|')[3] AS allyId
}
WITH DISTINCT {{.V}}, selves, ally, allyId
OPTIONAL MATCH (ally)-[:LEADS|MEMBER_OF]->(party:Party)
	WHERE CASE WHEN split(allyId, ':')[0] IN [{{idPrefixes}}] THEN allyId STARTS WITH '{{.Person}}' ELSE ally:Person END
WITH {{.V}}, selves, coalesce(party, ally) AS m
WHERE m <> {{.V}} AND NOT m IN selves
WITH DISTINCT m
{{- end}}

{{/* within: the places m that .V lies within, at distance d. */}}
{{define "within" -}}
MATCH path = ({{.V}})-[:LOCATED_IN*1..5]->(m:Place)
WITH m, min(length(path)) AS d
{{- end}}

{{/* articlesList: a page of the articles mentioning .V (a keyset: .After, .Order), $<P>first + 1 of them. */}}
{{define "articlesList" -}}
MATCH (a:Article)-[:MENTIONS]->({{.V}}) WHERE {{.After}}
WITH a ORDER BY {{.Order}} LIMIT ${{.P}}first + 1
{{- .Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/* endOf: one end of a relationship (.End, an expression), as e. */}}
{{define "endOf" -}}
WITH {{.End}} AS e
{{- .Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/* relationOf: the relationship r a piece of evidence .V states. */}}
{{define "relationOf" -}}
MATCH (:Entity {id: {{.V}}.from})-[r {key: {{.V}}.relKey}]->(:Entity {id: {{.V}}.to})
WITH r LIMIT 1
{{- .Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/* articleOf: the article a that states the evidence .V. */}}
{{define "articleOf" -}}
MATCH (a)-[:STATES]->({{.V}})
WITH a LIMIT 1
{{- .Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/* mentioned: the entities m of .Labels the article .V mentions, mm its MENTIONS. */}}
{{define "mentioned" -}}
MATCH ({{.V}})-[mm:MENTIONS]->(m:Entity) WHERE m:{{.Labels}}
{{- end}}

{{/* stated: the evidence v the article .V states, of the types $<P>types (null: all). */}}
{{define "stated" -}}
MATCH ({{.V}})-[:STATES]->(v:Evidence) WHERE ${{.P}}types IS NULL OR v.type IN ${{.P}}types
{{- end}}

{{/*
neighbours: the entities m one hop from .V by .Pattern (its relationships
r), not .V itself; with .Ended, not those a LEFT from the relationship's
start to its end, stated no earlier, has ended (.In: .V is the end).
*/}}
{{define "neighbours" -}}
{{.Pattern}}
WITH {{.V}}, r, m WHERE m <> {{.V}}
{{- if .Ended}} AND NOT EXISTS { {{if .In}}(m)-[l:LEFT]->({{.V}}){{else}}({{.V}})-[l:LEFT]->(m){{end}} WHERE l.lastSeen IS NULL OR r.lastSeen IS NULL OR l.lastSeen >= r.lastSeen }{{end}}
WITH DISTINCT m
{{- end}}

{{/* nodeItems: the page (.Page) of the entities m .Match leaves. */}}
{{define "nodeItems" -}}
{{.Match}}{{.Page}}{{.Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/* evidenceItems: the page of the evidence v .Match leaves, with its article a. */}}
{{define "evidenceItems" -}}
{{.Match}}{{.Page}}
MATCH (a)-[:STATES]->(v){{.Calls}}
RETURN collect({{.Row}}) AS {{.Name}}
{{- end}}

{{/*
page keeps the page of the rows (.Vars) before it in .OrderBy: with
.After (the parameter naming the after item), those after its row (a
keyset: the after item's sort key is read from its row, .AfterCond; an
after that is not in the list leaves none); at most $<.First> (all when
"").
*/}}
{{define "page"}}
{{- if .After}}
WITH collect({ {{- .Fields}}}) AS rows
WITH rows, head([row IN rows WHERE {{.IDOnRow}} = ${{.After}}]) AS x
UNWIND rows AS row
WITH x, {{.Unpack}}
WHERE x IS NOT NULL AND ({{.AfterCond}})
{{- end}}
WITH {{.Vars}} ORDER BY {{.OrderBy}}{{with .First}} LIMIT ${{.}}{{end}}
{{- end}}

{{/* arrow: the pattern (.V)-[.Rel]-(.M), its arrow out, in or neither (.Dir). */}}
{{define "arrow"}}({{.V}}){{if eq .Dir "in"}}<{{end}}-[{{.Rel}}]-{{if eq .Dir "out"}}>{{end}}({{.M}}){{end}}

{{/*
relPattern: the relationships .R from .V to .M (a node pattern body), the
directed types' (.Directed, in .Dir) and the symmetric ones' (.Symmetric,
either way) in a union when both.
*/}}
{{define "relPattern" -}}
{{- if and .Directed .Symmetric -}}
CALL ({{.V}}) {
MATCH {{template "arrow" (arrow .V (print .R ":" .Directed) .M .Dir)}} RETURN {{.R}}, {{.MVar}}
UNION ALL
MATCH {{template "arrow" (arrow .V (print .R ":" .Symmetric) .M "both")}} RETURN {{.R}}, {{.MVar}}
}
{{- else if .Directed -}}
MATCH {{template "arrow" (arrow .V (print .R ":" .Directed) .M .Dir)}}
{{- else -}}
MATCH {{template "arrow" (arrow .V (print .R ":" .Symmetric) .M "both")}}
{{- end}}
{{- end}}

{{/*
eachOf projects each item .V of the list .List: in place when its plan
has no lists (.Calls ""), else in a subquery importing .Scope.
*/}}
{{define "eachOf"}}
{{- if .Calls}}
CALL ({{.Scope}}) {
UNWIND {{.List}} AS {{.V}}{{.Calls}}
RETURN collect({{.Row}}) AS {{.V}}_items
}
{{- else}}
WITH *, [{{.V}} IN {{.List}} | {{.Row}}] AS {{.V}}_items
{{- end}}
{{- end}}

{{/*
after: a row sorts after the row x in the order .Terms (each an expression,
the same read from x, and whether it descends).
*/}}
{{define "after" -}}
{{range $k, $t := .Terms}}{{if $k}} OR {{end}}({{range $u := slice $.Terms 0 $k}}{{$u.Expr}} = {{$u.OnRow}} AND {{end}}{{$t.Expr}} {{if $t.Desc}}<{{else}}>{{end}} {{$t.OnRow}}){{end}}
{{- end}}

{{/* emptyList: a list of none for the item .V. */}}
{{define "emptyList" -}}
WITH {{.V}} LIMIT 0
RETURN collect({{.V}}) AS {{.Name}}
{{- end}}

{{/* current: the relations r .Match leaves whose current property is $<.Param> (none counts as current). */}}
{{define "current" -}}
{{.Match}}
WITH r, m WHERE coalesce(r.current, true) = ${{.Param}}
{{- end}}
