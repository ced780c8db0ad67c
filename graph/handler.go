package graph

import (
	"compress/gzip"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/klauspost/compress/gzhttp"
	"github.com/netagraph/netagraph/domain"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Options configure the GraphQL handler. The zero value of each limit
// means its default.
type Options struct {
	Graph domain.Reader
	// Ingester serves ingestArticles and retractArticle.
	Ingester Ingester
	// APIKey is the bearer token mutations require; "" disables them.
	APIKey string
	Log    *slog.Logger

	// Introspection lets clients (the IDE) read the schema.
	Introspection bool
	// ComplexityLimit bounds an operation's complexity: a list field costs
	// its items' complexity times the items it may return.
	ComplexityLimit int
	// DepthLimit bounds how deep an operation's fields nest.
	DepthLimit int
	// RootFieldLimit bounds the root fields (aliases included) of an
	// operation; AliasLimit the aliased fields anywhere in it. A thousand
	// aliases of one cheap field each pass the complexity limit, and each
	// is a statement.
	RootFieldLimit, AliasLimit int
	// TextLimit bounds, in characters, each string argument of a query
	// (search text, names, ids): the full-text index fails on long ones,
	// and none is meaningful.
	TextLimit int
	// MaxBody bounds a request body; MaxIngestBody one sent with the API
	// key, which may carry articles. A larger body is answered 413.
	MaxBody, MaxIngestBody int64
	// RetryAfter is what an error for an unavailable database tells the
	// client to wait (extensions.retryAfter, and the Retry-After header).
	RetryAfter time.Duration
	// CORSOrigins are the origins browsers may call the API from (dashboards
	// on other hosts); "*" allows any. None: same origin only.
	CORSOrigins []string
	// Observer, when set, is told about each request and each statement
	// (metrics); every request is also logged on Log, one line each.
	Observer Observer
	// Admit, when set, is asked before each query operation runs (once it
	// parsed and validated; mutations are not asked). It returns the
	// function to call when the operation is done, or a Refusal: the
	// answer is then SERVICE_UNAVAILABLE with the Refusal's retryAfter
	// and nothing runs. `netagraph serve` sheds load with it while it is
	// not ready and beyond its concurrency limit.
	Admit func(ctx context.Context) (done func(), refused *Refusal)
}

// seams are what the tests change in the handler New makes (export_test.go,
// NewCounted); New leaves them zero.
type seams struct {
	// gqlgenOnly runs every operation through gqlgen's generated
	// executor, read queries too (fastexec.go): the tests compare the two.
	gqlgenOnly bool
	// aroundFields, when set, wraps every field gqlgen resolves: the
	// tests count the fields gqlgen marshals below the root.
	aroundFields graphql.FieldMiddleware
}

// Defaults of Options.
const (
	DefaultComplexityLimit = 10000
	DefaultDepthLimit      = 8
	DefaultRootFieldLimit  = 30
	DefaultAliasLimit      = 30
	DefaultTextLimit       = 200
	DefaultRetryAfter      = 5 * time.Second
	DefaultMaxBody         = 1 << 20
	DefaultMaxIngestBody   = 32 << 20
	// maxTokens bounds what the parser reads of a query.
	maxTokens = 20000
)

// New returns the GraphQL API over HTTP (GET and POST, at any path), with
// its limits, error codes, CORS, gzip and automatic persisted queries.
func New(o Options) http.Handler { return handlerWith(o, seams{}) }

func handlerWith(o Options, t seams) http.Handler {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	o.ComplexityLimit = or(o.ComplexityLimit, DefaultComplexityLimit)
	o.DepthLimit = or(o.DepthLimit, DefaultDepthLimit)
	o.MaxBody = or(o.MaxBody, DefaultMaxBody)
	o.MaxIngestBody = or(o.MaxIngestBody, DefaultMaxIngestBody)
	o.RootFieldLimit = or(o.RootFieldLimit, DefaultRootFieldLimit)
	o.AliasLimit = or(o.AliasLimit, DefaultAliasLimit)
	o.TextLimit = or(o.TextLimit, DefaultTextLimit)
	o.RetryAfter = or(o.RetryAfter, DefaultRetryAfter)

	cfg := Config{Resolvers: &Resolver{Store: o.Graph, Ingester: o.Ingester, Log: o.Log}, Complexity: complexityOf()}
	schema := NewExecutableSchema(cfg)
	if !t.gqlgenOnly {
		schema = newFastSchema(cfg)
	}
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(httpTransport{admit: o.Admit})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(maxTokens)
	// "Did you mean" hints would spell out the schema to a client that
	// introspection is turned off for.
	srv.SetDisableSuggestion(true)
	if o.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(depthLimit{o.DepthLimit})
	srv.Use(newFieldLimits(o.RootFieldLimit, o.AliasLimit, o.TextLimit))
	srv.Use(newComplexityLimit(o.ComplexityLimit))
	srv.Use(observeOperation{})
	if t.aroundFields != nil {
		srv.AroundFields(t.aroundFields)
	}
	srv.SetErrorPresenter(presentError(o.Log, o.RetryAfter))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		return fmt.Errorf("panic: %v\n%s", p, debug.Stack())
	})

	var h http.Handler = srv
	h = withAuth(o.APIKey, o.MaxBody, o.MaxIngestBody, h)
	h = gzipped(h)
	if len(o.CORSOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: o.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Content-Type", "Authorization"},
			MaxAge:         600,
		}).Handler(h)
	}
	return observed(o.Log, o.Observer, recovered(o.Log, h))
}

// gzipped compresses responses of 1 KiB or more for clients that accept
// gzip, at the fastest level: on two cores shared with Neo4j, CPU spent
// compressing is latency.
func gzipped(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		panic(err) // the options are fixed
	}
	return wrap(h)
}

// recovered turns a panic outside the resolvers into a 500 with a GraphQL
// error body; gqlgen recovers those inside them.
func recovered(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.ErrorContext(r.Context(), "graphql handler panic", "panic", p, "stack", string(debug.Stack()))
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// auth is what a request proved about itself.
type auth struct {
	configured bool // the server has an API key
	ok         bool // the request sent it
}

type authKey struct{}

// withAuth checks the request's bearer token against key before its body
// is read, and bounds the body: larger for a request with the key, which
// may carry articles to ingest.
func withAuth(key string, maxBody, maxIngestBody int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := auth{configured: key != ""}
		if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && a.configured {
			a.ok = subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(key)) == 1
		}
		limit := maxBody
		if a.ok {
			limit = maxIngestBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, a)))
	})
}

// authorize allows a mutation only to a request that sent the API key.
func authorize(ctx context.Context) error {
	a, _ := ctx.Value(authKey{}).(auth)
	switch {
	case !a.configured:
		return domain.Errorf(domain.EUNAUTHORIZED, "mutations are disabled: the server has no API key (start it with NETAGRAPH_API_KEY set)")
	case !a.ok:
		return domain.Errorf(domain.EUNAUTHORIZED, "this mutation needs the API key: send it as Authorization: Bearer <key>")
	}
	return nil
}

// Codes in extensions.code, one per domain error code.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	// CodeTimeout: the operation's work took longer than the query
	// timeout; ask for less, or try later.
	CodeTimeout = "TIMEOUT"
	// CodeServiceUnavailable: Neo4j is unreachable or restarting; try
	// again after extensions.retryAfter seconds.
	CodeServiceUnavailable = "SERVICE_UNAVAILABLE"
	CodeInternal           = "INTERNAL"
	// CodeCancelled: the client closed the request.
	CodeCancelled = "CANCELLED"
)

var codes = map[string]string{
	domain.EINVALID:      CodeBadUserInput,
	domain.ENOTFOUND:     CodeNotFound,
	domain.ECONFLICT:     CodeConflict,
	domain.EUNAUTHORIZED: CodeUnauthenticated,
	domain.ETIMEOUT:      CodeTimeout,
	domain.EUNAVAILABLE:  CodeServiceUnavailable,
}

// presentError maps domain errors to extensions.code. gqlgen's own errors
// (parse, validation, argument coercion, limits) keep their message and
// code; any other error is internal: logged with its detail, shown
// generically.
func presentError(log *slog.Logger, retryAfter time.Duration) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var derr *domain.Error
		switch {
		case errors.As(err, &derr) && codes[derr.Code] != "":
			gerr.Message = derr.Message
			setCode(gerr, codes[derr.Code])
			switch derr.Code {
			case domain.EUNAVAILABLE:
				log.WarnContext(ctx, "neo4j unavailable", "path", gerr.Path.String(), "err", err)
				gerr.Extensions["retryAfter"] = int(max(time.Second, retryAfter).Round(time.Second) / time.Second)
			case domain.ETIMEOUT:
				log.WarnContext(ctx, "query timeout", "path", gerr.Path.String(), "err", err)
			}
		case errors.Is(err, context.Canceled) && ctx.Err() != nil:
			// The client went away; nobody reads this.
			gerr.Message = "the request was cancelled"
			gerr.Extensions = nil
			setCode(gerr, CodeCancelled)
		case gerr.Err == nil:
			if gerr.Extensions["code"] == nil {
				setCode(gerr, CodeBadUserInput)
			}
		default:
			log.ErrorContext(ctx, "graphql request failed", "path", gerr.Path.String(), "err", err)
			gerr.Message = "internal error"
			gerr.Extensions = nil
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

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
