{{/*
Articles are listed the most recently published first (undated ones last,
as $undated), then by id: an article's date and id do not change, so a
cursor stays valid while others are loaded.
*/}}

{{/* articleOrder is the order of articles a. */}}
{{define "articleOrder"}}coalesce(a.publishedAt, $undated) DESC, a.id{{end}}

{{/*
articleAfter is the keyset condition that the article a sorts after the
cursor's, whose date and id are the parameters named by the prefix . and
afterAt, afterID (both null: from the start).
*/}}
{{define "articleAfter"}}
{{- $at := printf "$%safterAt" . -}}
({{$at}} IS NULL OR coalesce(a.publishedAt, $undated) < {{$at}}
	OR (coalesce(a.publishedAt, $undated) = {{$at}} AND a.id > ${{.}}afterID))
{{- end}}

{{/*
articleFilter is the conditions given on the articles a, joined by AND:
published from $since, before $until, in $lang, from $source.
*/}}
{{define "articleFilter"}}
{{- $and := ""}}
{{- if .Since}}a.publishedAt >= $since{{$and = " AND "}}{{end}}
{{- if .Until}}{{$and}}a.publishedAt < $until{{$and = " AND "}}{{end}}
{{- if .Lang}}{{$and}}a.lang = $lang{{$and = " AND "}}{{end}}
{{- if .Source}}{{$and}}a.source = $source{{end}}
{{- end}}

{{/* articleMatch matches the articles a, those mentioning e with .Resolve. */}}
{{define "articleMatch"}}MATCH (a:Article){{if .Resolve}}-[:MENTIONS]->(e){{end}}{{end}}

{{/*
articles reads a page of the articles matching the filter (mentioning the
entity e that .Resolve binds, when given): $first + 1 of them after the
cursor ($afterAt, $afterID), as rows; with .Count their number as total
(-1 when not asked). Only the conditions given are written: with none,
Neo4j counts articles from its count store (or, for an entity's, its
degree) instead of reading each. .Calls and .Node are the plan's
subqueries and projection for a. No row when .Resolve finds no entity.
*/}}
{{define "articles"}}
{{- $scope := ""}}{{if .Resolve}}{{$scope = "e"}}{{.Resolve}}{{end}}
{{- if .Count}}
CALL ({{$scope}}) { {{template "articleMatch" .}}{{if .Filtered}} WHERE {{template "articleFilter" .}}{{end}} RETURN count(a) AS total }
{{- end}}
CALL ({{$scope}}) {
	{{template "articleMatch" .}} WHERE {{if .Filtered}}{{template "articleFilter" .}} AND {{end}}{{template "articleAfter" ""}}
	WITH a ORDER BY {{template "articleOrder"}} LIMIT $first + 1{{.Calls}}
	RETURN collect({{.Node}}) AS rows
}
RETURN {{if .Count}}total{{else}}-1 AS total{{end}}, rows
{{- end}}

{{/*
article reads the article a whose id is $id. .Calls and .Node are the
plan's subqueries and projection for a. No row when there is none.
*/}}
{{define "article"}}
MATCH (a:Article {id: $id})
{{- .Calls}}
RETURN {{.Node}} AS a
{{- end}}

{{/*
stats counts the articles, entities and evidence, the first and last
publication dates, the nodes of each label of .Labels (as e_<label>) and
the relationships of each type of .Types (as r_<type>): counts by label
and type come from Neo4j's count store.
*/}}
{{define "stats"}}
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (v:Evidence) RETURN count(v) AS evidence }
CALL () { MATCH (a:Article) RETURN min(a.publishedAt) AS firstPublished, max(a.publishedAt) AS lastPublished }
{{- range .Labels}}
CALL () { MATCH (n:{{.}}) RETURN count(n) AS e_{{.}} }
{{- end}}
{{- range .Types}}
CALL () { MATCH ()-[r:{{.}}]->() RETURN count(r) AS r_{{.}} }
{{- end}}
RETURN articles, entities, evidence, firstPublished, lastPublished
{{- range .Labels}}, e_{{.}}{{end}}
{{- range .Types}}, r_{{.}}{{end}}
{{- end}}
