package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/store"
)

// Graph is what the resolvers read: the store's batched read methods and
// its top-level queries, one statement each.
type Graph interface {
	FindEntity(ctx context.Context, t domain.EntityType, id, name string) (*domain.Node, error)
	Neighbours(ctx context.Context, ids []string, h store.Hop) (map[string][]domain.Node, error)
	AlliesOf(ctx context.Context, ids []string, p store.Page) (map[string][]domain.Node, error)
	Within(ctx context.Context, ids []string, p store.Page) (map[string][]domain.Node, error)
	Facts(ctx context.Context, ids []string, q store.FactQuery) (map[string][]domain.Fact, error)
	FactsByKey(ctx context.Context, keys []string) (map[string]domain.Fact, error)
	EvidenceOf(ctx context.Context, keys []string, p store.Page) (map[string][]domain.Evidence, error)
	EntityArticles(ctx context.Context, ids []string, first int, after string, count bool) (map[string]store.Connection[store.Article], error)
	ArticleEntities(ctx context.Context, ids []string, types []domain.EntityType, p store.Page) (map[string][]domain.Node, error)
	ArticleFacts(ctx context.Context, ids []string, types []domain.RelationType, p store.Page) (map[string][]domain.Evidence, error)

	Search(ctx context.Context, text string, types []domain.EntityType, p store.Page) ([]domain.Node, error)
	Relations(ctx context.Context, f store.RelationFilter, first int, after string, count bool) (store.Connection[domain.Fact], error)
	Alliances(ctx context.Context, party string, asOf *time.Time, p store.Page) (domain.Node, []store.Alliance, error)
	Paths(ctx context.Context, from, to string, maxHops int, types []domain.RelationType, p store.Page) ([]store.Path, error)
	Neighbourhood(ctx context.Context, centre string, depth int, types []domain.RelationType, limit, edgeLimit int) (store.Subgraph, error)
	Graph(ctx context.Context, f store.GraphFilter) (store.Subgraph, error)
	Timeline(ctx context.Context, entity, from, to string, p store.Page) (string, []domain.Node, error)
	Articles(ctx context.Context, f store.ArticleFilter, first int, after string, count bool) (store.Connection[store.Article], error)
	Article(ctx context.Context, id string) (*store.Article, error)
	Stats(ctx context.Context) (store.Stats, error)
}

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
	Store Graph
	// Ingester serves the mutations; nil disables them.
	Ingester Ingester
	Log      *slog.Logger
}
