package graph

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestComplexityKept: the complexity kept per operation is the one of the
// operation's own variables, and an operation over the limit is refused
// every time it is sent, with gqlgen's message and code.
func TestComplexityKept(t *testing.T) {
	h := newHandler(newFake())
	const q = `query($n: Int, $m: Int) { relations(first: $n) { nodes { evidence(first: $m) { article { title } } } } }`
	send := func(n, m int) (code, message string) {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]int{"n": n, "m": m}})
		_, out := postBody(t, h, string(body))
		return firstError(out)
	}
	over := regexp.MustCompile(`^operation has complexity (\d+), which exceeds the limit of 10000$`)
	for i, c := range []struct {
		n, m int
		over bool
	}{{1, 1, false}, {100, 100, true}, {1, 1, false}, {100, 1, false}, {1, 100, false}, {100, 100, true}, {100, 2, false}} {
		code, message := send(c.n, c.m)
		if c.over != (code == "COMPLEXITY_LIMIT_EXCEEDED") || c.over != over.MatchString(message) {
			t.Errorf("request %d (first %d, evidence %d): %s %q, want over the limit: %v", i+1, c.n, c.m, code, message, c.over)
		}
	}
	// The same complexity as a fresh calculation: the query written out.
	_, fresh := firstError(func() map[string]any {
		_, out := post(t, newHandler(newFake()), fmt.Sprintf(`{ relations(first: %d) { nodes { evidence(first: %d) { article { title } } } } }`, 100, 100))
		return out
	}())
	_, kept := send(100, 100)
	if fresh != kept || kept == "" {
		t.Errorf("kept: %q, calculated afresh: %q", kept, fresh)
	}
	for range 2 {
		if code, _ := send(100, 100); code != "COMPLEXITY_LIMIT_EXCEEDED" {
			t.Errorf("sent again: %s, want COMPLEXITY_LIMIT_EXCEEDED", code)
		}
	}
}

func TestOperationKey(t *testing.T) {
	keys := map[opKey]string{}
	for _, c := range [][3]string{
		{"{ a }", "", ""}, {"{ a }", "A", ""}, {"{ a }A", "", ""}, {"{ a }", "", `{"n":1}`}, {"{ a }", "", `{"n":2}`},
	} {
		oc := operation(c[0], c[1], c[2])
		k, ok := operationKey(oc, c[2] != "")
		if !ok {
			t.Fatalf("%q: no key", c)
		}
		if other, seen := keys[k]; seen {
			t.Errorf("%q and %s share a key", c, other)
		}
		keys[k] = fmt.Sprintf("%q", c)
		if k2, _ := operationKey(operation(c[0], c[1], c[2]), c[2] != ""); k2 != k {
			t.Errorf("%q: two keys", c)
		}
	}
}

// operation is an operation context with the query text, name and
// variables (JSON) given.
func operation(query, name, variables string) *graphql.OperationContext {
	oc := &graphql.OperationContext{RawQuery: query, OperationName: name}
	if variables != "" {
		if err := json.Unmarshal([]byte(variables), &oc.Variables); err != nil {
			panic(err)
		}
	}
	return oc
}

// TestFieldLimitsKept: an operation that passed the field limits is kept
// as passed for its own variables only, and one refused is refused every
// time.
func TestFieldLimitsKept(t *testing.T) {
	h := newHandler(newFake())
	const q = `query($t: String!) { search(text: $t) { name } }`
	send := func(text string) string {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]string{"t": text}})
		_, out := postBody(t, h, string(body))
		code, _ := firstError(out)
		return code
	}
	long := strings.Repeat("क", DefaultTextLimit+1)
	for i, c := range []struct{ text, code string }{{"Party", ""}, {long, CodeBadUserInput}, {"Party", ""}, {long, CodeBadUserInput}} {
		if code := send(c.text); code != c.code {
			t.Errorf("request %d (%d characters): %q, want %q", i+1, len([]rune(c.text)), code, c.code)
		}
	}
	aliased := `{ party(name: "Party A") {`
	for i := range DefaultAliasLimit + 1 {
		aliased += fmt.Sprintf(" n%d: name", i)
	}
	aliased += " } }"
	for range 2 {
		if _, out := post(t, h, aliased); func() string { c, _ := firstError(out); return c }() != CodeAliasLimit {
			t.Errorf("over the alias limit: %v", out["errors"])
		}
	}
}
