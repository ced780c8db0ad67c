{{/*
paths: the shortest chains of relations of the types .Types ("A|B")
between a and b (bound by .Resolve), ignoring direction, at most .MaxHops
long, up to $limit of them found before they are ranked: the strongest
first (the sum over hops of confidence times log sources), then by id.
.Nodes and .Facts are the plan's projections of each path's nodes and
relations (lists n_items and r_items of row).
*/}}
{{define "paths"}}
{{- .Resolve}}
CALL (a, b) {
	WITH a, b WHERE a <> b
	MATCH p = allShortestPaths((a)-[:{{.Types}}*..{{.MaxHops}}]-(b))
	WITH p LIMIT $limit
	WITH p, reduce(s = 0.0, r IN relationships(p) | s + r.confidence * log(1 + r.sourceCount)) AS strength,
		reduce(s = '', r IN relationships(p) | s + '>' + r.key) AS id
	ORDER BY strength DESC, id
	WITH collect({id: substring(id, 1), ns: nodes(p), rs: relationships(p)}) AS xs
	UNWIND {{template "paged" (pageOf "xs" "id")}} AS row
	WITH row
	{{- .Nodes}}
	{{- .Facts}}
	RETURN collect({id: row.id, nodes: n_items, facts: r_items}) AS paths
}
RETURN paths
{{- end}}

{{/*
neighbourhood: the entities within .Levels (1, 2, …) hops of c (bound by
.Resolve) along relations of the types .Types (identifiers), and the
relations among them (edgesAmong); up to $limit nodes with c, up to
$edgeLimit relations. .Types are the types, each with .Name and
.Symmetric.

Each level is found from the one before (the frontier). A frontier
node's relations, strongest first, are a range of the rank indexes
(rankFrom for those it starts, rankTo for those it ends: its id and '|',
then the relation's strength), so each type and direction reads at most
$limit of them however many the node has: enough, as each names another
neighbour, and at most size(seen) of those are already placed. A
neighbour comes as strong as the strongest relation that reaches it (the
rank after the prefix: most confident, best sourced, then by key: one
relation, so no two neighbours tie); the strongest new ones fill the
level, and that relation, which brought the neighbour in, is kept
(brought, with its strength) for the edges. Each type is a
CALL of its own: a UNION of thirty branches took Neo4j seconds to plan.
The plan is all index seeks and counts, right for any size of graph:
replan=skip keeps Neo4j from planning it again (within a query's
timeout) as the graph grows.
*/}}
{{define "neighbourhood"}}
CYPHER replan=skip
{{- .Resolve}}
WITH [c] AS seen, [0] AS depths, [] AS brought, [c] AS frontier
{{- range .Levels}}
CALL (seen, frontier) {
	WITH seen, frontier WHERE size(seen) < $limit
	UNWIND frontier AS f
	WITH seen, f.id + '|' AS prefix
	{{- range $i, $t := $.Types}}
	CALL (prefix) { MATCH ()-[r:{{$t.Name}}]->(m) WHERE r.rankFrom STARTS WITH prefix WITH r, m ORDER BY r.rankFrom LIMIT $limit RETURN collect({s: r.rankFrom, r: r, m: m}) AS out{{$i}} }
	CALL (prefix) { MATCH (m)-[r:{{$t.Name}}]->() WHERE r.rankTo STARTS WITH prefix WITH r, m ORDER BY r.rankTo LIMIT $limit RETURN collect({s: r.rankTo, r: r, m: m}) AS in{{$i}} }
	{{- end}}
	UNWIND {{range $i, $t := $.Types}}{{if $i}} + {{end}}out{{$i}} + in{{$i}}{{end}} AS hit
	WITH seen, hit.m AS m, {r: hit.r, s: substring(hit.s, size(prefix))} AS via
	WHERE NOT m IN seen
	WITH m, collect(via) AS vias
	WITH m, reduce(b = head(vias), v IN vias | CASE WHEN v.s < b.s THEN v ELSE b END) AS via
	WITH m, via ORDER BY via.s LIMIT $limit
	RETURN collect(m) AS found, collect(via) AS vias
}
WITH seen, depths, brought, CASE WHEN $limit > size(seen) THEN $limit - size(seen) ELSE 0 END AS room, found, vias
WITH seen + found[..room] AS seen, depths + [x IN found[..room] | {{.}}] AS depths, brought + vias[..room] AS brought, found[..room] AS frontier
{{- end}}
CALL (seen, brought) {
	{{- template "edgesAmong" .}}
}
RETURN [i IN range(0, size(seen) - 1) | {node: {{template "listNode" "seen[i]"}}, depth: depths[i]}] AS nodes, edges
{{- end}}

{{/*
edgesAmong: the edges of a neighbourhood, among the nodes in seen: the
relations that brought a node in (brought: each {r, s}, s its strength,
as the levels found them), and those among the $perRange strongest of
their type that their start has (of MET and ALLIED_WITH, which read the
same both ways and are stored from the end with the smaller id, among
the $perRange strongest of their type that either end has, whichever way
stored). .Types are the types, each with .Name and .Symmetric.

A node's relations of a type, strongest first, are a range of the rank
index (rankFrom for those it starts, rankTo for those it ends): the
first $perRange are read and kept where the other end is one of the
nodes (of a symmetric type, the first $perRange of both ranges merged).
So the work is one subquery of at most $perRange rows per node and type
(two ranges for a symmetric type), however many relations the nodes
have. Only the start's ranges, because a range read costs Neo4j many
times a row of it (docs/api.md, "The neighbourhood's database hits"),
and a relation to a hub is among the few its start has of its type,
rarely among the hub's many. Each relation is kept once. The bringing
ones are kept first, then the others, the strongest first (the rank
after the end's prefix: most confident, best sourced, then by key), up
to $edgeLimit in all; those kept are listed the strongest first.
*/}}
{{define "edgesAmong"}}
	UNWIND seen AS n
	WITH seen, brought, n, n.id + '|' AS prefix
	{{- range $i, $t := .Types}}
	{{- if $t.Symmetric}}
	CALL (seen, prefix) {
		CALL (prefix) {
			MATCH ()-[r:{{$t.Name}}]->(m) WHERE r.rankFrom STARTS WITH prefix WITH r, m ORDER BY r.rankFrom LIMIT $perRange RETURN r, m, substring(r.rankFrom, size(prefix)) AS s
			UNION ALL
			MATCH (m)-[r:{{$t.Name}}]->() WHERE r.rankTo STARTS WITH prefix WITH r, m ORDER BY r.rankTo LIMIT $perRange RETURN r, m, substring(r.rankTo, size(prefix)) AS s
		}
		WITH seen, r, m, s ORDER BY s LIMIT $perRange
		WITH r, m, s WHERE m IN seen
		RETURN collect({r: r, s: s}) AS of{{$i}}
	}
	{{- else}}
	CALL (seen, prefix) { MATCH ()-[r:{{$t.Name}}]->(m) WHERE r.rankFrom STARTS WITH prefix WITH r, m ORDER BY r.rankFrom LIMIT $perRange WITH r, m WHERE m IN seen RETURN collect({r: r, s: substring(r.rankFrom, size(prefix))}) AS of{{$i}} }
	{{- end}}
	{{- end}}
	WITH brought, collect({{range $i, $t := .Types}}{{if $i}} + {{end}}of{{$i}}{{end}}) AS ranged
	UNWIND [e IN brought | {r: e.r, s: e.s, later: 0}] + reduce(all = [], es IN ranged | all + [e IN es | {r: e.r, s: e.s, later: 1}]) AS e
	WITH e.r AS r, e.s AS s, min(e.later) AS later
	WITH r, s ORDER BY later, s LIMIT $edgeLimit
	WITH r, s ORDER BY s
	RETURN collect({key: r.key, type: type(r), from: startNode(r).id, to: endNode(r).id, sourceCount: r.sourceCount, confidence: r.confidence}) AS edges
{{- end}}

{{/*
listNode projects the node at the expression . (an element of a list,
which a map projection cannot take) for node(); its labels only when its
id's prefix does not tell its type (as nodeMap).
*/}}
{{define "listNode" -}}
{id: {{.}}.id, name: {{.}}.name, nameHi: {{.}}.nameHi, aliases: {{.}}.aliases, mentionCount: {{.}}.mentionCount, confidence: {{.}}.confidence, kind: {{.}}.kind, date: {{.}}.date, labels: CASE WHEN split({{.}}.id, ':')[0] IN [{{idPrefixes}}] THEN null ELSE labels({{.}}) END}
{{- end}}

{{/*
graph: the relations of the types .Types whose ends are both .Ends
("Party|Coalition") and which pass .Cond, the best sourced first, up to
$limit, and the entities they join, the most mentioned first. With
.Entities, only the relations of the entities $refs name (each an id,
else the most mentioned entity with the name key), and found lists the
ids found; else every relation.
*/}}
{{define "graph"}}
{{- if .Entities}}
UNWIND $refs AS ref
CALL (ref) {
	MATCH (x:Entity {id: ref.id}) RETURN x, 0 AS rank
	UNION ALL
	CALL db.index.fulltext.queryNodes('entity_keys', ref.key) YIELD node AS x
	RETURN x, 1 AS rank
}
WITH ref, x ORDER BY rank, x.mentionCount DESC, x.id
WITH ref, head(collect(x)) AS x
WITH collect(x) AS es, collect(ref.id) AS found
CALL (es) {
	UNWIND es AS e
	MATCH (e)-[r:{{.Types}}]-(:Entity)
	WITH DISTINCT r
	WITH r, startNode(r) AS a, endNode(r) AS b
	WHERE a:{{.Ends}} AND b:{{.Ends}} AND {{.Cond}}
	WITH r ORDER BY r.sourceCount DESC, r.confidence DESC, r.key LIMIT $limit
	RETURN collect(r) AS rs
}
{{- else}}
CALL () {
	MATCH (a:{{.Ends}})-[r:{{.Types}}]->(b:{{.Ends}})
	WHERE {{.Cond}}
	WITH r ORDER BY r.sourceCount DESC, r.confidence DESC, r.key LIMIT $limit
	RETURN collect(r) AS rs
}
WITH [] AS found, rs
{{- end}}
WITH found, rs, reduce(ns = [], r IN rs | ns + [startNode(r), endNode(r)]) AS ends
UNWIND (CASE WHEN ends = [] THEN [null] ELSE ends END) AS n
WITH found, rs, n ORDER BY n.mentionCount DESC, n.id
WITH found, rs, collect(DISTINCT n) AS ns
RETURN found, [n IN ns | {node: {{.Node}}}] AS nodes,
	[r IN rs | {key: r.key, type: type(r), from: startNode(r).id, to: endNode(r).id,
		sourceCount: r.sourceCount, confidence: r.confidence}] AS edges
{{- end}}
