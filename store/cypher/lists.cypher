{{/*
factsList: the page of the relations of the entity .V read from the rank
indexes (store/cypher/ranks.cypher), bound to r, their other end m and
their rank: for each branch (a relation type and the end .V is at:
rankFrom when it is the start, rankTo when the end), the start of the
range of .V's ranks in that type's index, in order, at most the page; the
branches' rows are merged by rank. So a page of a hub's relations reads a
page per branch, not the hub's degree. With .After, the page starts
after the relation whose key is ${{.P}}after (of type .AfterType), at its
rank at .V (at the ends the list reads .V at: .AfterFrom, .AfterTo); an
after that is not in the list leaves none. With .Current, only
relations whose current property is ${{.P}}current (none counts as
current).
*/}}
{{define "factsList"}}
{{- if .After}}
OPTIONAL MATCH ()-[x:{{.AfterType}}]->() WHERE x.key = ${{.P}}after
WITH {{.V}}, CASE
	{{- if .AfterFrom}} WHEN x.rankFrom STARTS WITH {{.V}}.id + '|' THEN x.rankFrom{{end}}
	{{- if .AfterTo}} WHEN x.rankTo STARTS WITH {{.V}}.id + '|' THEN x.rankTo{{end}} END AS after
WHERE after IS NOT NULL
{{- end}}
CALL ({{.V}}{{if .After}}, after{{end}}) {
{{- range $i, $b := .Branches}}{{if $i}}
	UNION ALL{{end}}
	MATCH ()-[r:{{$b.Type}}]->()
	WHERE r.{{$b.Rank}} > {{if $.After}}after{{else}}{{$.V}}.id + '|'{{end}} AND r.{{$b.Rank}} < {{$.V}}.id + '}'
	{{- if $.Current}} AND coalesce(r.current, true) = ${{$.P}}current{{end}}
	WITH r ORDER BY r.{{$b.Rank}}{{if $.First}} LIMIT ${{$.P}}first{{end}}
	RETURN r, {{$b.Other}}(r) AS m, r.{{$b.Rank}} AS rank
{{- end}}
}
WITH r, m, rank ORDER BY rank{{if .First}} LIMIT ${{.P}}first{{end}}
{{- end}}

{{/*
evidenceList: the page of the evidence of the relationship .V, bound to
v, from the evidence rank index: the start of the range of ranks that
begin with its key and a tab, in order. With .After, after the evidence
whose id is ${{.P}}after (none when it is not the relation's).
*/}}
{{define "evidenceList"}}
{{- if .After}}
OPTIONAL MATCH (x:Evidence {relKey: {{.V}}.key}) WHERE x.id = ${{.P}}after
WITH {{.V}}, x.rank AS after
WHERE after IS NOT NULL
{{- end}}
MATCH (v:Evidence)
WHERE v.rank > {{if .After}}after{{else}}{{.V}}.key + '\t'{{end}} AND v.rank < {{.V}}.key + '\n'
WITH v ORDER BY v.rank{{if .First}} LIMIT ${{.P}}first{{end}}
{{- end}}
