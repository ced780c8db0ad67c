package graph

import (
	"context"
	"log/slog"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
)

// Graph is what the resolvers read: the store's batched read methods.
type Graph interface {
	FindEntity(ctx context.Context, t domain.EntityType, id, name string) (*domain.Node, error)
	Neighbours(ctx context.Context, ids []string, h store.Hop) (map[string][]domain.Node, error)
	Allies(ctx context.Context, ids []string) (map[string][]domain.Node, error)
	Facts(ctx context.Context, ids []string, q store.FactQuery) (map[string][]domain.Fact, error)
	Evidence(ctx context.Context, keys []string, first int) (map[string][]domain.Evidence, error)
}

// Resolver is the one place the resolvers' dependencies are injected.
type Resolver struct {
	Graph Graph
	Log   *slog.Logger
}
