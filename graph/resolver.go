package graph

import (
	"context"
	"log/slog"

	"github.com/netagraph/netagraph/domain"
)

// Ingester loads and retracts articles: the loader, the same code
// `netagraph load` and `netagraph retract` run.
type Ingester interface {
	Ingest(ctx context.Context, arts []domain.Article) ([]domain.IngestResult, error)
	Retract(ctx context.Context, ids []string) (int, error)
}

// Resolver is the one place the resolvers' dependencies are injected.
type Resolver struct {
	// Store answers the queries. (Not named Graph: the query field graph
	// is a method of the query resolver.)
	Store domain.Reader
	// Ingester serves the mutations; nil disables them.
	Ingester Ingester
	Log      *slog.Logger
}
