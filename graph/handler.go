package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/netagraph/netagraph/domain"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// maxBody bounds a request body: queries are small.
const maxBody = 1 << 20

// Handler serves the GraphQL API over HTTP (GET and POST) at any path.
func Handler(g Graph, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Graph: g, Log: log}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		return fmt.Errorf("panic: %v\n%s", p, debug.Stack())
	})
	return http.MaxBytesHandler(withLoaders(g, srv), maxBody)
}

// Codes in extensions.code, one per domain error code.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeInternal        = "INTERNAL"
)

var codes = map[string]string{
	domain.EINVALID:      CodeBadUserInput,
	domain.ENOTFOUND:     CodeNotFound,
	domain.ECONFLICT:     CodeConflict,
	domain.EUNAUTHORIZED: CodeUnauthenticated,
}

// presentError maps domain errors to extensions.code. gqlgen's own errors
// (parse, validation, argument coercion) keep their message and code; any
// other error is internal: logged with its detail, shown generically.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var derr *domain.Error
		switch {
		case errors.As(err, &derr) && codes[derr.Code] != "":
			gerr.Message = derr.Message
			setCode(gerr, codes[derr.Code])
		case gerr.Err == nil:
			if gerr.Extensions["code"] == nil {
				setCode(gerr, CodeBadUserInput)
			}
		default:
			log.ErrorContext(ctx, "graphql request failed", "path", gerr.Path.String(), "err", err)
			gerr.Message = "internal error"
			setCode(gerr, CodeInternal)
		}
		return gerr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
