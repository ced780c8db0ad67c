package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// httpTransport is GraphQL over HTTP (graphql.github.io/graphql-over-http)
// for GET and POST, in place of gqlgen's transports, so that:
//
//   - every error, the transport's own too (a body too large, a wrong
//     method or content type, a batched array), has an extensions.code;
//   - status codes follow the spec for both response types: with
//     application/json a request that was parsed is answered 200, with
//     application/graphql-response+json a request error (parse,
//     validation, variables, a limit) is 4xx with no data entry, and an
//     operation whose every root field failed because Neo4j is unavailable is 503
//     with Retry-After;
//   - a response's data is written as gqlgen made it: encoding/json
//     would check and compact the whole (already compact) document again,
//     a tenth of a large answer's cost.
type httpTransport struct {
	// admit, when set, decides whether a query runs now (Options.Admit).
	admit func(ctx context.Context) (done func(), refused *Refusal)
}

var _ graphql.Transport = httpTransport{}

// Refusal is why Options.Admit turned a query away, and how long the
// client should wait before it tries again.
type Refusal struct {
	Message    string
	RetryAfter time.Duration
}

// Codes of errors the transport answers before any operation runs.
const (
	CodeBadRequest           = "BAD_REQUEST"
	CodeRequestTooLarge      = "REQUEST_TOO_LARGE"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	CodeNotAcceptable        = "NOT_ACCEPTABLE"
)

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// Supports takes every request but OPTIONS (the CORS preflight, which
// transport.Options answers) and websocket upgrades: a method or content
// type the API does not take gets an error with a code, not gqlgen's bare
// "transport not supported".
func (httpTransport) Supports(r *http.Request) bool {
	return r.Method != http.MethodOptions && r.Header.Get("Upgrade") == ""
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	media, ok := responseMedia(r.Header.Get("Accept"))
	if !ok {
		media = mediaJSON
		w.Header().Set("Content-Type", media)
		writeTransportError(w, media, http.StatusNotAcceptable, CodeNotAcceptable,
			"the API answers application/graphql-response+json or application/json; the Accept header allows neither")
		return
	}
	w.Header().Set("Content-Type", media)
	var params *graphql.RawParams
	switch r.Method {
	case http.MethodGet:
		params = t.getParams(w, r, media)
	case http.MethodPost:
		params = t.postParams(w, r, media)
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		writeTransportError(w, media, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			fmt.Sprintf("method %s is not allowed: send GET (queries) or POST", r.Method))
		return
	}
	if params == nil {
		return // answered
	}
	params.Headers = r.Header
	params.ReadTime.End = graphql.Now()
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest,
			"the request has no query: send {\"query\": \"...\"} (and optionally variables, operationName, extensions)")
		return
	}

	ctx := r.Context()
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		// A request error: nothing ran. application/json answers 200
		// (legacy clients read the body of a 200 only), the newer media
		// type 400; neither has a data entry.
		status := http.StatusOK
		if media == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		w.WriteHeader(status)
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr), false)
		return
	}
	if r.Method == http.MethodGet && rc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		writeTransportError(w, media, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			fmt.Sprintf("a %s cannot be sent with GET: use POST", rc.Operation.Operation))
		return
	}
	if t.admit != nil && rc.Operation.Operation == ast.Query {
		done, refused := t.admit(ctx)
		if refused != nil {
			refuse(graphql.WithOperationContext(ctx, rc), w, exec, media, refused)
			return
		}
		defer done()
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if media == mediaGraphQLResponse && nothingAnswered(resp.Data) {
		if after, ok := allUnavailable(resp.Errors); ok {
			w.Header().Set("Retry-After", strconv.Itoa(after))
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}
	writeResponse(w, resp, true)
}

// getParams reads a GET request's parameters from its URL.
func (httpTransport) getParams(w http.ResponseWriter, r *http.Request, media string) *graphql.RawParams {
	start := graphql.Now()
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest, "the URL's query string is malformed: "+err.Error())
		return nil
	}
	params := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	params.ReadTime.Start = start
	for name, into := range map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
		if v := q.Get(name); v != "" {
			if err := decodeJSON([]byte(v), into); err != nil {
				writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest,
					fmt.Sprintf("parameter %s is not a JSON object: %s", name, describeJSONError(err)))
				return nil
			}
		}
	}
	return params
}

// postParams reads a POST request's JSON body.
func (httpTransport) postParams(w http.ResponseWriter, r *http.Request, media string) *graphql.RawParams {
	start := graphql.Now()
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != mediaJSON {
		writeTransportError(w, media, http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			fmt.Sprintf("content type %q is not accepted: send the request as application/json", ct))
		return nil
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeTransportError(w, media, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
				fmt.Sprintf("the request body is larger than the limit of %d bytes", tooBig.Limit))
			return nil
		}
		writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
		return nil
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '[' {
		writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest,
			"batched requests (a JSON array) are not supported: send one operation per request")
		return nil
	}
	params := &graphql.RawParams{}
	params.ReadTime.Start = start
	if err := decodeJSON(body, params); err != nil {
		writeTransportError(w, media, http.StatusBadRequest, CodeBadRequest,
			"the request body is not a GraphQL request (a JSON object with query, variables, operationName, extensions): "+describeJSONError(err))
		return nil
	}
	return params
}

func decodeJSON(b []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("text after the JSON value")
	}
	return nil
}

// describeJSONError says what was wrong with a JSON document without Go's
// type names.
func describeJSONError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%s is a JSON %s, not the %s it must be", typ.Field, typ.Value, jsonKind(typ.Type.Kind().String()))
	case errors.As(err, &typ):
		return fmt.Sprintf("a JSON %s, not an object", typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends early"
	}
	return err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "map", "struct":
		return "object"
	case "slice", "array":
		return "array"
	}
	return "value"
}

// responseMedia picks the response type from Accept: the newer
// application/graphql-response+json when listed, else application/json
// (also for no Accept, */* and application/*, as legacy clients expect).
// ok is false when Accept allows neither.
func responseMedia(accept string) (media string, ok bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	json := false
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || params["q"] == "0" {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse, true
		case mediaJSON, "*/*", "application/*":
			json = true
		}
	}
	return mediaJSON, json
}

// writeTransportError answers a request the transport refused before any
// GraphQL ran: status, and one error with a code and no data entry.
// application/json answers every such error 4xx too: the request was not
// a GraphQL request.
func writeTransportError(w http.ResponseWriter, media string, status int, code, msg string) {
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	e := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{e}}, false)
}

// refuse answers a query Options.Admit turned away: SERVICE_UNAVAILABLE
// with retryAfter, no data (nothing ran), HTTP 503 and Retry-After for
// application/graphql-response+json, 200 for application/json (as an
// unavailable Neo4j is answered). It goes through gqlgen's response
// handlers, so the request log and metrics count it.
func refuse(ctx context.Context, w http.ResponseWriter, exec graphql.GraphExecutor, media string, r *Refusal) {
	after := int(max(time.Second, r.RetryAfter).Round(time.Second) / time.Second)
	e := &gqlerror.Error{Message: r.Message, Extensions: map[string]any{"code": CodeServiceUnavailable, "retryAfter": after}}
	if media == mediaGraphQLResponse {
		w.Header().Set("Retry-After", strconv.Itoa(after))
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	writeResponse(w, exec.DispatchError(ctx, gqlerror.List{e}), false)
}

// allUnavailable reports whether every error says the database is
// unavailable, and the longest retryAfter among them.
func allUnavailable(errs gqlerror.List) (int, bool) {
	if len(errs) == 0 {
		return 0, false
	}
	after := 1
	for _, e := range errs {
		if e.Extensions["code"] != CodeServiceUnavailable {
			return 0, false
		}
		if s, ok := e.Extensions["retryAfter"].(int); ok {
			after = max(after, s)
		}
	}
	return after, true
}

// nothingAnswered reports whether data holds no answer: null, or an
// object whose every root field is null.
func nothingAnswered(data json.RawMessage) bool {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || string(d) == "null" {
		return true
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(d, &fields) != nil {
		return false
	}
	for _, v := range fields {
		if string(bytes.TrimSpace(v)) != "null" {
			return false
		}
	}
	return true
}

// writeResponse writes {"errors": ..., "extensions": ..., "data": ...},
// data straight from gqlgen's bytes; withData false leaves data out (a
// request error, where nothing ran).
func writeResponse(w io.Writer, resp *graphql.Response, withData bool) {
	rest, err := json.Marshal(struct {
		Errors     gqlerror.List  `json:"errors,omitempty"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Errors, resp.Extensions})
	if err != nil {
		rest = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	if !withData {
		_, _ = w.Write(rest)
		return
	}
	data := []byte(resp.Data)
	if len(data) == 0 {
		data = []byte("null")
	}
	// In pieces, without copying data: the writer (gzip, or the
	// connection's buffer) collects them.
	head := append([]byte(`{`), rest[1:len(rest)-1]...)
	if len(rest) > 2 {
		head = append(head, ',')
	}
	head = append(head, `"data":`...)
	_, _ = w.Write(head)
	_, _ = w.Write(data)
	_, _ = w.Write([]byte(`}`))
}
