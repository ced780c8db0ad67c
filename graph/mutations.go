package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
)

// maxIngest bounds the articles of one ingestArticles call.
const maxIngest = 1000

func (r *Resolver) ingest(ctx context.Context, input []*model.ArticleInput) ([]*model.IngestResult, error) {
	if err := authorize(ctx); err != nil {
		return nil, err
	}
	if r.Ingester == nil {
		return nil, domain.Errorf(domain.EUNAUTHORIZED, "mutations are disabled: the server has no loader")
	}
	if len(input) > maxIngest {
		return nil, domain.Errorf(domain.EINVALID, "at most %d articles a call, not %d", maxIngest, len(input))
	}
	// An article the API cannot read (a bad publishedAt) fails alone, as
	// one the loader refuses (a missing body) does.
	res := make([]domain.IngestResult, len(input))
	arts := make([]domain.Article, 0, len(input))
	at := make([]int, 0, len(input)) // arts[j] is input[at[j]]
	for i, in := range input {
		a, err := articleInput(i, in)
		if err != nil {
			res[i] = domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.Failed, Error: domain.ErrorMessage(err)}
			continue
		}
		arts, at = append(arts, a), append(at, i)
	}
	if len(arts) > 0 {
		written, err := r.Ingester.Ingest(ctx, arts)
		if err != nil {
			return nil, err
		}
		for j, x := range written {
			res[at[j]] = x
		}
	}
	out := make([]*model.IngestResult, len(res))
	for i, x := range res {
		out[i] = &model.IngestResult{
			ArticleID: optional(x.ArticleID), Origin: x.Origin, Status: ingestStatus(x.Status),
			Error: optional(x.Error), Warning: optional(x.Warning), Entities: x.Entities, Relations: x.Relations,
		}
	}
	return out, nil
}

func (r *Resolver) retract(ctx context.Context, id string) (bool, error) {
	if err := authorize(ctx); err != nil {
		return false, err
	}
	if r.Ingester == nil {
		return false, domain.Errorf(domain.EUNAUTHORIZED, "mutations are disabled: the server has no loader")
	}
	if strings.TrimSpace(id) == "" {
		return false, domain.Errorf(domain.EINVALID, "give the id of the article to retract")
	}
	n, err := r.Ingester.Retract(ctx, []string{id})
	return n > 0, err
}

// articleInput is the i'th input article as the loader reads articles.
func articleInput(i int, in *model.ArticleInput) (domain.Article, error) {
	origin := fmt.Sprintf("input[%d]", i)
	a := domain.Article{
		ID: deref(in.ID), URL: deref(in.URL), Title: strings.TrimSpace(in.Title), Standfirst: deref(in.Standfirst),
		Body: in.Body, Source: deref(in.Source), Lang: deref(in.Lang), Origin: origin,
	}
	if p := deref(in.PublishedAt); p != "" {
		t, err := time.Parse(time.RFC3339, p)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, p); err != nil {
				return a, domain.Errorf(domain.EINVALID, "%s: publishedAt %q is not RFC 3339 or YYYY-MM-DD", origin, p)
			}
		}
		a.PublishedAt = &t
	}
	return a, nil
}

func ingestStatus(s domain.WriteStatus) model.IngestStatus {
	switch s {
	case domain.New:
		return model.IngestStatusNew
	case domain.Unchanged:
		return model.IngestStatusUnchanged
	case domain.Updated:
		return model.IngestStatusUpdated
	}
	return model.IngestStatusFailed
}
