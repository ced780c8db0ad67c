package storetest

import (
	"cmp"
	"math"
	"slices"

	"github.com/netagraph/netagraph/domain"
)

// Rel is a relation as the neighbourhood's reference model reads it: its
// stored properties, not its ranks.
type Rel struct {
	Key, Type, From, To string
	Confidence          float64
	Sources             int64
}

// Stronger orders relations as docs/api.md says an entity's relations are
// ordered: the most confident first (to nine places, as the ranks keep
// it), then the best sourced, then by key.
func Stronger(a, b Rel) int {
	ca, cb := int64(math.Round((1-a.Confidence)*1e9)), int64(math.Round((1-b.Confidence)*1e9))
	if c := cmp.Compare(ca, cb); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Sources, a.Sources); c != 0 {
		return c
	}
	return cmp.Compare(a.Key, b.Key)
}

// Neighbourhood is the reference model of a neighbourhood (store's
// Neighbourhood, the API's neighborhood), computed from every relation of
// the entities it meets, as docs/api.md and schema.graphqls define it; it
// shares nothing with the statement it checks. of returns every relation
// of an entity of the ontology's types, either way.
//
// Nodes: the centre, then level by level (up to depth) the entities joined
// to the level before, ordered by the strongest relation joining them to
// it, up to limit nodes in all. Brought: for each node but the centre, the
// key of that relation, which brought it in.
//
// Edges: the relations among the nodes that brought a node in or that are
// among the edgeRange strongest of their type that their start has (of a
// symmetric type, among the edgeRange strongest of its type that either
// end has, whichever way each is stored); the bringing ones kept first, then
// the others, the strongest first, up to edgeLimit in all; listed the
// strongest first.
func Neighbourhood(of func(id string) []Rel, centre string, depth, limit, edgeLimit, edgeRange int) (nodes, edges []string, brought map[string]string) {
	seen := map[string]bool{centre: true}
	nodes = []string{centre}
	brought = map[string]string{}
	via := map[string]Rel{}
	frontier := []string{centre}
	for d := 1; d <= depth && len(nodes) < limit; d++ {
		best := map[string]Rel{}
		for _, f := range frontier {
			for _, r := range of(f) {
				other := r.To
				if other == f {
					other = r.From
				}
				if seen[other] {
					continue
				}
				if b, ok := best[other]; !ok || Stronger(r, b) < 0 {
					best[other] = r
				}
			}
		}
		var next []string
		for m := range best {
			next = append(next, m)
		}
		slices.SortFunc(next, func(a, b string) int {
			if c := Stronger(best[a], best[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		next = next[:min(len(next), limit-len(nodes))]
		for _, m := range next {
			seen[m] = true
			brought[m] = best[m].Key
			via[best[m].Key] = best[m]
		}
		nodes, frontier = append(nodes, next...), next
	}
	return nodes, NeighbourhoodEdges(of, nodes, via, edgeLimit, edgeRange), brought
}

// NeighbourhoodEdges are the edges of the neighbourhood of nodes whose
// bringing relations are via (by key), as Neighbourhood says.
func NeighbourhoodEdges(of func(id string) []Rel, nodes []string, via map[string]Rel, edgeLimit, edgeRange int) []string {
	in := map[string]bool{}
	for _, n := range nodes {
		in[n] = true
	}
	ranged := map[string]Rel{}
	for _, n := range nodes {
		// n's relations of each type that it starts, and of each
		// symmetric type all of n's, strongest first.
		lists := map[string][]Rel{}
		for _, r := range of(n) {
			if r.From == n || domain.RelationType(r.Type).Symmetric() {
				lists[r.Type] = append(lists[r.Type], r)
			}
		}
		for _, l := range lists {
			slices.SortFunc(l, Stronger)
			for _, r := range l[:min(len(l), edgeRange)] {
				if in[r.From] && in[r.To] {
					ranged[r.Key] = r
				}
			}
		}
	}
	var first, then []Rel
	for _, r := range via {
		first = append(first, r)
	}
	for k, r := range ranged {
		if _, ok := via[k]; !ok {
			then = append(then, r)
		}
	}
	slices.SortFunc(first, Stronger)
	slices.SortFunc(then, Stronger)
	kept := append(first, then...)
	kept = kept[:min(len(kept), edgeLimit)]
	slices.SortFunc(kept, Stronger)
	var edges []string
	for _, r := range kept {
		edges = append(edges, r.Key)
	}
	return edges
}
