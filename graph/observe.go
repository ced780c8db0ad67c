package graph

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// Observer is told about each GraphQL request and each Neo4j statement
// (the server's Prometheus metrics, internal/metrics).
type Observer interface {
	// Request: the operation's name ("" for none), its result code (OK or
	// the first error's extensions.code), its duration and the statements
	// it sent.
	Request(operation, code string, d time.Duration, statements int)
	// Statement: one Neo4j statement's duration.
	Statement(d time.Duration)
}

// CodeOK is the result code of a request answered without errors.
const CodeOK = "OK"

// request is what the API learns about one request while serving it.
type request struct {
	observer   Observer
	statements atomic.Int64

	mu        sync.Mutex
	operation string
	code      string
}

type requestKey struct{}

// ObserveStatement counts and times one Neo4j statement sent on ctx for the
// request ctx belongs to; call the function it returns when the statement
// is done. Give it to store.Store.Observe.
func ObserveStatement(ctx context.Context) (done func()) {
	req, ok := ctx.Value(requestKey{}).(*request)
	if !ok {
		return func() {}
	}
	req.statements.Add(1)
	start := time.Now()
	return func() {
		if req.observer != nil {
			req.observer.Statement(time.Since(start))
		}
	}
}

// observed logs one line for each request — operation name, result code,
// HTTP status, duration and statement count — and tells the observer.
func observed(log *slog.Logger, obs Observer, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		req := &request{observer: obs}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestKey{}, req)))
		d := time.Since(start)

		req.mu.Lock()
		op, code := req.operation, req.code
		req.mu.Unlock()
		if code == "" {
			// Refused before GraphQL answered (a body too large, a
			// method not allowed): the HTTP status says what.
			code = CodeOK
			if sw.status >= 400 {
				code = "HTTP_" + strconv.Itoa(sw.status)
			}
		}
		n := int(req.statements.Load())
		level := slog.LevelInfo
		if code == CodeInternal {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "graphql request",
			slog.String("operation", op),
			slog.String("code", code),
			slog.Int("status", sw.status),
			slog.Float64("ms", float64(d.Microseconds())/1000),
			slog.Int("statements", n),
			slog.String("method", r.Method),
		)
		if obs != nil {
			obs.Request(op, code, d, n)
		}
	})
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observeOperation is the gqlgen extension that tells the request record
// the operation's name and its result code. gqlgen runs it for every
// response, those of requests that failed to parse or validate included.
type observeOperation struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = observeOperation{}

func (observeOperation) ExtensionName() string                   { return "ObserveOperation" }
func (observeOperation) Validate(graphql.ExecutableSchema) error { return nil }
func (observeOperation) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	req, ok := ctx.Value(requestKey{}).(*request)
	if !ok {
		return resp
	}
	name := ""
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if name == "" && oc.Operation != nil {
			name = oc.Operation.Name
		}
	}
	code := CodeOK
	if resp != nil && len(resp.Errors) > 0 {
		code = CodeInternal
		if c, ok := resp.Errors[0].Extensions["code"].(string); ok && c != "" {
			code = c
		}
	}
	req.mu.Lock()
	if req.code == "" || req.code == CodeOK {
		req.operation, req.code = name, code
	}
	req.mu.Unlock()
	return resp
}
