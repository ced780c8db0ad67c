package graph_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/internal/metrics"
)

// Each request is one structured log line (operation, code, duration,
// statements) and counts in the metrics, statements timed one by one,
// against the real Neo4j.
func TestRequestLogAndMetrics(t *testing.T) {
	st := load(t, filepath.Join("..", "samples"))
	st.Observe(graph.ObserveStatement)
	var logs bytes.Buffer
	m := metrics.New()
	h := graph.New(graph.Options{Graph: st, Log: slog.New(slog.NewJSONHandler(&logs, nil)), Introspection: true, Observer: m})

	for _, q := range []string{
		`query SPAllies { party(name: "SP") { name leaders { name } allies { name } } }`,
		`{ party(name: `,
		`query Deep { neighborhood(id: "party:sp", depth: 9) { nodes { id } } }`,
	} {
		body, _ := json.Marshal(map[string]string{"query": q})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}

	type line struct {
		Msg, Operation, Code string
		Status, Statements   int
		Ms                   float64
	}
	var lines []line
	for _, raw := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var l line
		if err := json.Unmarshal([]byte(raw), &l); err != nil {
			t.Fatalf("log line %q: %v", raw, err)
		}
		if l.Msg == "graphql request" {
			lines = append(lines, l)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("%d request lines, want one per request:\n%s", len(lines), logs.String())
	}
	// SP, its leaders and its allies: at least a statement.
	if l := lines[0]; l.Operation != "SPAllies" || l.Code != graph.CodeOK || l.Statements < 1 || l.Ms <= 0 {
		t.Errorf("first request logged as %+v", l)
	}
	if l := lines[1]; l.Code != "GRAPHQL_PARSE_FAILED" || l.Statements != 0 {
		t.Errorf("parse failure logged as %+v", l)
	}
	if l := lines[2]; l.Operation != "Deep" || l.Code != graph.CodeBadUserInput {
		t.Errorf("bad depth logged as %+v", l)
	}

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	out, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`netagraph_graphql_requests_total{code="OK",operation="SPAllies"} 1`,
		`netagraph_graphql_requests_total{code="GRAPHQL_PARSE_FAILED",operation="anonymous"} 1`,
		`netagraph_graphql_requests_total{code="BAD_USER_INPUT",operation="Deep"} 1`,
		`netagraph_graphql_request_duration_seconds_count{operation="SPAllies"} 1`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// Every statement the log counted was timed.
	got := regexp.MustCompile(`netagraph_neo4j_statement_duration_seconds_count (\d+)`).FindSubmatch(out)
	if got == nil {
		t.Fatalf("no statement histogram in\n%s", out)
	}
	if n, _ := strconv.Atoi(string(got[1])); n != lines[0].Statements+lines[2].Statements {
		t.Errorf("%d statements timed, %d logged", n, lines[0].Statements+lines[2].Statements)
	}
}
