package store

import (
	"slices"
	"time"
)

// A batch names the same entity (the parties everybody writes about) and
// often the same relation in many of its articles. The rows of one entity,
// or of one relation, are folded into one before they reach Neo4j, so the
// node or relationship is merged and updated once a batch, not once an
// article; each article still gets its own MENTIONS and its own Evidence.

// foldEntities folds the entity rows of articles into one row per entity,
// in order of first appearance, with what each article adds up to: the
// mentions summed, the highest confidence, every alias and key, the first
// name and Devanagari name given, the last kind and date given, and the
// articles' MENTIONS counts in mentionedBy.
func foldEntities(rows []map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(rows))
	byID := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		id := r["id"].(string)
		by := map[string]any{"article": r["article"], "count": r["mentions"]}
		f := byID[id]
		if f == nil {
			f = map[string]any{
				"id": id, "name": r["name"], "nameHi": r["nameHi"],
				"aliases": slices.Clone(r["aliases"].([]string)), "keys": slices.Clone(r["keys"].([]string)),
				"mentions": r["mentions"], "confidence": r["confidence"], "kind": r["kind"], "date": r["date"],
				"mentionedBy": []map[string]any{by},
			}
			byID[id] = f
			out = append(out, f)
			continue
		}
		if f["nameHi"] == nil {
			f["nameHi"] = r["nameHi"]
		}
		f["aliases"] = union(f["aliases"].([]string), r["aliases"].([]string))
		f["keys"] = union(f["keys"].([]string), r["keys"].([]string))
		f["mentions"] = f["mentions"].(int64) + r["mentions"].(int64)
		f["confidence"] = max(f["confidence"].(float64), r["confidence"].(float64))
		for _, k := range []string{"kind", "date"} {
			if r[k] != nil {
				f[k] = r[k]
			}
		}
		f["mentionedBy"] = append(f["mentionedBy"].([]map[string]any), by)
	}
	return out
}

// foldRelations folds the relation rows of articles into one row per
// relation key, in order of first appearance: n sources, the highest
// confidence, the earliest and latest dates, and the properties of the row
// that would have been applied last had the rows been written one by one
// (the last of the latest dated ones; the last one when none is dated), with
// propsAt its date. Each article's statement is its own Evidence, written
// with the article.
func foldRelations(rows []map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(rows))
	byKey := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		key := r["key"].(string)
		at, _ := r["publishedAt"].(time.Time)
		f := byKey[key]
		if f == nil {
			f = map[string]any{
				"key": key, "from": r["from"], "to": r["to"], "n": int64(1), "confidence": r["confidence"],
				"firstSeen": r["publishedAt"], "lastSeen": r["publishedAt"], "props": r["props"], "propsAt": r["publishedAt"],
			}
			byKey[key] = f
			out = append(out, f)
			continue
		}
		f["n"] = f["n"].(int64) + 1
		f["confidence"] = max(f["confidence"].(float64), r["confidence"].(float64))
		if r["publishedAt"] != nil {
			if first, ok := f["firstSeen"].(time.Time); !ok || at.Before(first) {
				f["firstSeen"] = at
			}
			if last, ok := f["lastSeen"].(time.Time); !ok || at.After(last) {
				f["lastSeen"] = at
			}
		}
		// Written one by one, a dated row applies its properties when it is
		// at least as recent as every row before it; an undated one only
		// while no row is dated.
		if propsAt, ok := f["propsAt"].(time.Time); r["publishedAt"] != nil && (!ok || !at.Before(propsAt)) || r["publishedAt"] == nil && !ok {
			f["props"], f["propsAt"] = r["props"], r["publishedAt"]
		}
	}
	return out
}

// union appends to a the elements of b it lacks.
func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}
