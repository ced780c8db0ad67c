{{/*
The projections: each reads the properties the API uses of one item, the
fields the plan wants (.Fields) among them, and adds .Entries, the
entries of the item's nested lists (", l1: l1, l2: l2" or ""). A map
projection needs a variable: .V is the item's.
*/}}

{{/*
nodeMap: the entity .V's id, its labels (its type) unless its id's prefix
tells the type (domain.TypeOfID: labels cost a database hit, the id read
already does not), and .Fields.
*/}}
{{define "nodeMap"}}{{.V}} {.id{{range .Fields}}, .{{.}}{{end}}, labels: CASE WHEN split({{.V}}.id, ':')[0] IN [{{idPrefixes}}] THEN null ELSE labels({{.V}}) END{{.Entries}}}{{end}}

{{/*
factMap: the relationship .V's key and type, .Fields, and with .Ends the
ids of its ends (the ends themselves are lists of their own).
*/}}
{{define "factMap"}}{key: {{.V}}.key, type: type({{.V}}){{range .Fields}}, {{.}}: {{$.V}}.{{.}}{{end}}
{{- if .Ends}}, from: startNode({{.V}}).id, to: endNode({{.V}}).id{{end}}{{.Entries}}}{{end}}

{{/*
evidenceMap: the evidence .V's id and .Fields, and its article .A's id and
.ArticleFields.
*/}}
{{define "evidenceMap"}}{id: {{.V}}.id{{range .Fields}}, {{.}}: {{$.V}}.{{.}}{{end}}, article: {{.A}} {.id{{range .ArticleFields}}, .{{.}}{{end}}}{{.Entries}}}{{end}}

{{/* articleMap: the article .V's id and date (its cursor's sort key), and .Fields. */}}
{{define "articleMap"}}{{.V}} {.id, .publishedAt{{range .Fields}}, .{{.}}{{end}}{{.Entries}}}{{end}}
