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
.Resolve) along relations of the types .Types (identifiers; .TypeExpr is
"A|B"), and the relations among them; up to $limit nodes with c, up to
$edgeLimit relations.

Each level is found from the one before (the frontier). A frontier
node's relations, strongest first, are a range of the rank indexes
(rankFrom for those it starts, rankTo for those it ends: its id and '|',
then the relation's strength), so each type and direction reads at most
$limit of them however many the node has: enough, as each names another
neighbour, and at most size(seen) of those are already placed. A
neighbour comes as strong as the strongest relation that reaches it (the
rank after the prefix: most confident, best sourced, then by key); the
strongest new ones fill the level. Each type is a CALL of its own: a
UNION of thirty branches took Neo4j seconds to plan. The plan is all
index seeks and counts, right for any size of graph: replan=skip keeps
Neo4j from planning it again (within a query's timeout) as the graph
grows.
*/}}
{{define "neighbourhood"}}
CYPHER replan=skip
{{- .Resolve}}
WITH [c] AS seen, [0] AS depths, [c] AS frontier
{{- range .Levels}}
CALL (seen, frontier) {
	WITH seen, frontier WHERE size(seen) < $limit
	UNWIND frontier AS f
	WITH seen, f.id + '|' AS prefix
	{{- range $i, $t := $.Types}}
	CALL (prefix) { MATCH ()-[r:{{$t}}]->(m) WHERE r.rankFrom STARTS WITH prefix WITH r, m ORDER BY r.rankFrom LIMIT $limit RETURN collect({s: r.rankFrom, m: m}) AS out{{$i}} }
	CALL (prefix) { MATCH (m)-[r:{{$t}}]->() WHERE r.rankTo STARTS WITH prefix WITH r, m ORDER BY r.rankTo LIMIT $limit RETURN collect({s: r.rankTo, m: m}) AS in{{$i}} }
	{{- end}}
	UNWIND {{range $i, $t := $.Types}}{{if $i}} + {{end}}out{{$i}} + in{{$i}}{{end}} AS hit
	WITH seen, hit.m AS m, substring(hit.s, size(prefix)) AS strength
	WHERE NOT m IN seen
	WITH m, min(strength) AS strength
	WITH m ORDER BY strength, m.id LIMIT $limit
	RETURN collect(m) AS found
}
WITH seen, depths, CASE WHEN $limit > size(seen) THEN found[..$limit - size(seen)] ELSE [] END AS next
WITH seen + next AS seen, depths + [x IN next | {{.}}] AS depths, next AS frontier
{{- end}}
CALL (seen) {
	{{- template "edgesAmong" .}}
}
RETURN [i IN range(0, size(seen) - 1) | {node: {{template "listNode" "seen[i]"}}, depth: depths[i]}] AS nodes, edges
{{- end}}

{{/*
edgesAmong: the edges of a neighbourhood, the relations of the types
.Types (.TypeExpr: "A|B") among the nodes in seen that are among the
$perNode strongest of their type and direction at one of their ends (at
least 50, the neighbourhood's limit when it is more: the relation that
brought a node in is among those the level before read, so it is one),
the strongest first (the rank after the end's prefix: most confident,
best sourced, then by key), up to $edgeLimit; each found once, and none
by walking a busy node's relationships.

A node with at most .Few relationships (Neo4j's dense-node threshold:
past it, it keeps counts per type and direction, so a count is no walk)
is read whole: the relations it starts, and those it ends that a busy
node starts; all of them are among its 50 strongest of their type and
direction. A busy node's relations are ranges of the rank indexes, as a
level's are: of each type it starts (by count) the $perNode strongest
(rankFrom), of each it ends the $perNode strongest (rankTo), kept where
the other end is busy too. So the work is bounded by the nodes and
$perNode, however many relations the nodes have and however many of
them are busy.
*/}}
{{define "edgesAmong"}}
	UNWIND seen AS n
	WITH seen, n, COUNT { (n)--() } > {{.Few}} AS isBusy
	WITH seen, collect(CASE WHEN isBusy THEN n END) AS busy
	CALL (seen, busy) {
		UNWIND seen AS x
		WITH seen, x WHERE NOT x IN busy
		MATCH (x)-[r:{{.TypeExpr}}]->(y) WHERE y IN seen
		RETURN x, r, y
		UNION ALL
		UNWIND seen AS y
		WITH busy, y WHERE NOT y IN busy
		MATCH (x)-[r:{{.TypeExpr}}]->(y) WHERE x IN busy
		RETURN x, r, y
		UNION ALL
		UNWIND busy AS n
		WITH busy, n, n.id + '|' AS prefix
		{{- range $i, $t := .Types}}
		CALL (busy, n, prefix) {
			MATCH ()-[r:{{$t}}]->(m) WHERE r.rankFrom STARTS WITH prefix
			WITH n, r, m ORDER BY r.rankFrom LIMIT $perNode
			WITH n, r, m WHERE m IN busy
			RETURN collect({x: n, r: r, y: m}) AS out{{$i}}
		}
		CALL (busy, n, prefix) {
			MATCH (m)-[r:{{$t}}]->() WHERE r.rankTo STARTS WITH prefix
			WITH n, r, m ORDER BY r.rankTo LIMIT $perNode
			WITH n, r, m WHERE m IN busy
			RETURN collect({x: m, r: r, y: n}) AS in{{$i}}
		}
		{{- end}}
		UNWIND {{range $i, $t := .Types}}{{if $i}} + {{end}}out{{$i}} + in{{$i}}{{end}} AS hit
		WITH DISTINCT hit.x AS x, hit.r AS r, hit.y AS y
		RETURN x, r, y
	}
	WITH x, r, y, x.id AS from ORDER BY substring(r.rankFrom, size(from) + 1) LIMIT $edgeLimit
	RETURN collect({key: r.key, type: type(r), from: from, to: y.id, sourceCount: r.sourceCount, confidence: r.confidence}) AS edges
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
