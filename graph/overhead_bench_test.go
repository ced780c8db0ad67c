package graph

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkRequestOverhead is the API's own work for a request whose data
// cost nothing (the in-memory graph of the handler tests): parsing the
// body, the operation's setup and limits, planning, executing and writing
// the answer, and the request log. It isolates per-request work that does
// not grow with the answer (docs/api.md, "The API's own CPU per request").
func BenchmarkRequestOverhead(b *testing.B) {
	h := newHandler(newFake())
	body, _ := json.Marshal(map[string]string{"query": `{ party(name: "Party A") { name nameHi leaders { name } allies { name }
		stances { type target { name } evidence(first: 3) { sentence article { title publishedAt } } } } }`})
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}
