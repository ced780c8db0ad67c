{{/*
entity reads the entity e of the labels .Labels whose id is $id, or, with
.ByName, the most mentioned one whose name key is $key (a Lucene query of
it) and whose id is $id unless that is ''. .Calls and .Node are the
plan's subqueries and projection for e. No row when there is none.
*/}}
{{define "entity"}}
{{- if .ByName}}
CALL db.index.fulltext.queryNodes('entity_keys', $key) YIELD node AS e
WITH e WHERE e:{{.Labels}} AND ($id = '' OR e.id = $id)
WITH e ORDER BY e.mentionCount DESC, e.id LIMIT 1
{{- else}}
MATCH (e:Entity {id: $id}) WHERE e:{{.Labels}}
{{- end}}
{{- .Calls}}
RETURN {{.Node}} AS e
{{- end}}

{{/*
relationByKey binds x to the relationship whose key is id: a relation's
evidence names its ends, which find the relationship through the
entity_id index.
*/}}
{{define "relationByKey"}}
CALL (id) {
	MATCH (v:Evidence {relKey: id}) RETURN v LIMIT 1
}
MATCH (:Entity {id: v.from})-[x {key: id}]->(:Entity {id: v.to})
{{- end}}

{{/*
relation reads the relation x whose key is $key. .Calls and .Fact are the
plan's subqueries and projection for x. No row when there is none.
*/}}
{{define "relation"}}
WITH $key AS id
{{- template "relationByKey"}}
{{- .Calls}}
RETURN {{.Fact}} AS f
{{- end}}

{{/*
expand reads, for each id of $ids, the lists .Calls and .Entries of the
plan compile for the item x of that id: a relation's key with .Relation,
else a node of the label .Label (Entity or Article).
*/}}
{{define "expand"}}
UNWIND $ids AS id
{{- if .Relation}}{{template "relationByKey"}}{{else}}
MATCH (x:{{.Label}} {id: id})
{{- end}}
{{- .Calls}}
RETURN id, {id: id{{.Entries}}} AS lists
{{- end}}

{{/*
paged is the expression for the page of the list .List (already ordered,
and short: the top-level lists whose order is computed, such as search
hits, paths and alliances) whose items' ids are item.<.ID>: $first items
(all when 0) after the one whose id is $after (from the start when null).
*/}}
{{define "paged"}}
{{- $l := .List -}}
(CASE WHEN $after IS NULL THEN {{$l}} ELSE {{$l}}[coalesce(head([i IN range(0, size({{$l}}) - 1) WHERE {{$l}}[i].{{.ID}} = $after]) + 1, size({{$l}}))..] END)[..CASE WHEN $first > 0 THEN $first ELSE size({{$l}}) END]
{{- end}}
