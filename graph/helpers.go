package graph

import (
	"context"
	"strings"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
)

// Helpers of the resolvers, kept out of *.resolvers.go, which gqlgen
// rewrites.

func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l := loadersFrom(ctx); l != nil {
		return l
	}
	return newLoaders(r.Graph)
}

// find looks an entity up by id or name; nil when there is none.
func (r *Resolver) find(ctx context.Context, t domain.EntityType, id, name *string) (model.Entity, error) {
	n, err := r.Graph.FindEntity(ctx, t, deref(id), deref(name))
	if err != nil || n == nil {
		return nil, err
	}
	return model.NewEntity(*n), nil
}

// findAs is find for a query whose type is fixed.
func findAs[T model.Entity](ctx context.Context, r *Resolver, t domain.EntityType, id, name *string) (T, error) {
	var zero T
	e, err := r.find(ctx, t, id, name)
	if err != nil || e == nil {
		return zero, err
	}
	v, _ := e.(T)
	return v, nil
}

// neighbours loads the entities one hop from e and views them as T.
func neighbours[T model.Entity](ctx context.Context, l interface {
	Load(context.Context, string) ([]domain.Node, error)
}, id string) ([]T, error) {
	ns, err := l.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ns))
	for _, n := range ns {
		if v, ok := model.NewEntity(n).(T); ok {
			out = append(out, v)
		}
	}
	return out, nil
}

func (r *Resolver) relations(ctx context.Context, id string, types []domain.RelationType, first *int) ([]*model.Relation, error) {
	n, err := limit(first)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	facts, err := r.loaders(ctx).relations.Load(ctx, factKey{id, strings.Join(names, "|"), n})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Relation, len(facts))
	for i, f := range facts {
		out[i] = model.NewRelation(f)
	}
	return out, nil
}

func (r *Resolver) evidence(ctx context.Context, key string, first *int) ([]*domain.Evidence, error) {
	n, err := limit(first)
	if err != nil {
		return nil, err
	}
	evs, err := r.loaders(ctx).evidence.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	out := make([]*domain.Evidence, 0, min(n, len(evs)))
	for i := range evs[:min(n, len(evs))] {
		out = append(out, &evs[i])
	}
	return out, nil
}

// limit checks a list's first argument: default 20, at most maxFirst.
func limit(first *int) (int, error) {
	if first == nil {
		return 20, nil
	}
	if *first < 0 || *first > maxFirst {
		return 0, domain.Errorf(domain.EINVALID, "first must be between 0 and %d", maxFirst)
	}
	return *first, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
