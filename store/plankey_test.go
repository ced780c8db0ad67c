package store

import "testing"

// paramShape tells apart what Neo4j plans a statement anew for (measured
// against Neo4j 5.26: docs/api.md, "Plans and the first run"), and nothing
// else: a parameter's type, a string's or list's length bucket, not a
// map's contents or the values themselves.
func TestParamShape(t *testing.T) {
	type params = map[string]any
	same := [][2]params{
		{{"after": "ALLIED_WITH|party:bjp|party:jdu"}, {"after": "MET|party:bjp|person:akhilesh-yadav"}},
		{{"after": "MMMMMMMM"}, {"after": "भभभभभभभभ"}}, // characters, not bytes
		{{"after": "ab"}, {"after": "abcdefghij"}},
		{{"s": string(make([]byte, 101))}, {"s": string(make([]byte, 1000))}},
		{{"ids": []string{"a", "b"}}, {"ids": []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}},
		{{"m": params{"a": nil}}, {"m": params{"a": "x", "b": 2}}},
		{{"n": 1}, {"n": int64(40)}},
		{{"a": 1, "b": "x"}, {"b": "y", "a": 2}},
	}
	for _, c := range same {
		if x, y := paramShape(c[0]), paramShape(c[1]); x != y {
			t.Errorf("%v and %v: shapes %q and %q, want one", c[0], c[1], x, y)
		}
	}
	differ := [][2]params{
		{{"after": nil}, {"after": "ALLIED_WITH|party:bjp|party:jdu"}},
		{{"after": ""}, {"after": "a"}},
		{{"after": "a"}, {"after": "ab"}},
		{{"after": "abcdefghij"}, {"after": "abcdefghijk"}},
		{{"s": string(make([]byte, 100))}, {"s": string(make([]byte, 101))}},
		{{"s": string(make([]byte, 1000))}, {"s": string(make([]byte, 1001))}},
		{{"ids": []string{}}, {"ids": []string{"a"}}},
		{{"ids": make([]any, 10)}, {"ids": make([]any, 11)}},
		{{"n": 1}, {"n": 1.0}},
		{{"n": 1}, {"n": "1"}},
		{{"n": 1}, {"n": 1, "m": nil}},
		{{"l": []any{"a"}}, {"l": "a"}},
	}
	for _, c := range differ {
		if x, y := paramShape(c[0]), paramShape(c[1]); x == y {
			t.Errorf("%v and %v: both shape %q, want two", c[0], c[1], x)
		}
	}
}

func TestSizeBucket(t *testing.T) {
	for _, c := range []struct {
		n    int
		want byte
	}{{0, 'a'}, {1, 'b'}, {2, 'c'}, {10, 'c'}, {11, 'd'}, {100, 'd'}, {101, 'e'}, {1000, 'e'}, {1001, 'f'}, {10_000, 'f'}, {10_001, 'g'}} {
		if got := sizeBucket(c.n); got != c.want {
			t.Errorf("sizeBucket(%d) = %c, want %c", c.n, got, c.want)
		}
	}
}
