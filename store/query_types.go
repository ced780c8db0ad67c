package store

import (
	"time"

	"github.com/netagraph/netagraph/domain"
)

func encodeCursor(kind string, key ...any) string { return domain.EncodeCursor(kind, key...) }

func decodeCursor(kind, cursor string, key ...any) error {
	return domain.DecodeCursor(kind, cursor, key...)
}

// orNull maps "" to a null parameter.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeParam is a time as a parameter, nil for none.
func timeOrNull(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// pageParams adds the parameters of the template paged: $first and $after.
func pageParams(p domain.Page, m map[string]any) map[string]any {
	m["first"] = p.First
	m["after"] = orNull(p.After)
	return m
}

// pagedList is what the template paged is given (pageOf in a template):
// the page of list (already ordered, and short: the top-level lists whose
// order is computed, such as search hits, paths and alliances) whose
// items' ids are item.<id>, $first items after $after. Nested lists page
// with a keyset instead (compiler.page).
type pagedList struct{ List, ID string }

func pageOf(list, id string) pagedList { return pagedList{list, id} }

// endPage cuts a connection read with first+1 rows to its page of first,
// telling whether more follow, and gives each item its cursor.
func endPage[T any](c *domain.Connection[T], first int, cursor func(T) string) {
	if len(c.Items) > first {
		c.Items, c.HasNext = c.Items[:first], true
	}
	for _, it := range c.Items {
		c.Cursors = append(c.Cursors, cursor(it))
	}
}
