// Package loader reads articles, extracts what they say and writes it to the
// graph. Extraction and the store are interfaces, so the loader is tested
// without either and later inputs, parallel extraction and batching fit in
// without changing its callers.
package loader

import (
	"context"
	"errors"
	"fmt"

	"github.com/netagraph/netagraph/domain"
)

// Extractor finds the entities, relations and events of an article.
type Extractor interface {
	Extract(domain.Article) (domain.Extraction, error)
}

// Store writes an article and its extraction in one transaction.
type Store interface {
	WriteArticle(ctx context.Context, a domain.Article, x domain.Extraction) (domain.WriteResult, error)
}

// Item is an article read and extracted, ready to write.
type Item struct {
	Article    domain.Article
	Extraction domain.Extraction
}

// Loader loads articles into the graph.
type Loader struct {
	Extractor Extractor
	Store     Store
}

// Load reads and extracts every article of paths, then writes them. Bad input
// anywhere stops it before anything is written.
func (l *Loader) Load(ctx context.Context, paths ...string) ([]domain.WriteResult, error) {
	items, err := l.Extract(paths...)
	if err != nil {
		return nil, err
	}
	return l.Write(ctx, items)
}

// Extract reads and extracts every article of paths, touching no database.
func (l *Loader) Extract(paths ...string) ([]Item, error) {
	if len(paths) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "no articles given")
	}
	var items []Item
	for _, path := range paths {
		articles, err := Read(path)
		if err != nil {
			return nil, err
		}
		for _, a := range articles {
			x, err := l.Extractor.Extract(a)
			if err != nil {
				if domain.ErrorCode(err) == domain.EINVALID {
					return nil, invalid(a.Origin, "%s", domain.ErrorMessage(err))
				}
				return nil, fmt.Errorf("extract %s: %w", a.Origin, err)
			}
			items = append(items, Item{a, x})
		}
	}
	return items, nil
}

// Write writes items in order, each in its own transaction, and reports
// what each write did.
func (l *Loader) Write(ctx context.Context, items []Item) ([]domain.WriteResult, error) {
	results := make([]domain.WriteResult, 0, len(items))
	for _, it := range items {
		res, err := l.Store.WriteArticle(ctx, it.Article, it.Extraction)
		if err != nil {
			var derr *domain.Error
			if errors.As(err, &derr) {
				return results, err // the store names the article's origin
			}
			return results, fmt.Errorf("load %s: %w", it.Article.Origin, err)
		}
		results = append(results, res)
	}
	return results, nil
}
