package domain

import (
	"encoding/base64"
	"encoding/json"
	"testing"
)

// TestEncodeCursor: a cursor is the base64url of the JSON array of its
// kind and key, as encoding/json writes it, whatever the key holds
// (plain ASCII, characters JSON escapes, Devanagari, numbers), and
// decodes back.
func TestEncodeCursor(t *testing.T) {
	keys := [][]any{
		{"OPPOSES|party:bjp|party:inc"},
		{"person:akhilesh-yadav", "2024-05-01"},
		{`a"quote`}, {`back\\slash`}, {"a<b"}, {"a>b"}, {"a&b"}, {"tab\there"}, {"नरेंद्र मोदी"}, {"\u2028"}, {"\x7f"},
		{"bad utf-8 \xff"}, {""}, {},
		{3, "x"}, {"x", 2.5}, {nil},
	}
	for _, key := range keys {
		want, _ := json.Marshal(append([]any{"relation"}, key...))
		got := EncodeCursor("relation", key...)
		if got != base64.RawURLEncoding.EncodeToString(want) {
			b, _ := base64.RawURLEncoding.DecodeString(got)
			t.Errorf("key %q: cursor of %s, encoding/json writes %s", key, b, want)
		}
	}
	c := EncodeCursor("relation", "OPPOSES|party:bjp|party:inc")
	var k string
	if err := DecodeCursor("relation", c, &k); err != nil || k != "OPPOSES|party:bjp|party:inc" {
		t.Errorf("decoded %q, %v", k, err)
	}
	if err := DecodeCursor("article", c, &k); err == nil {
		t.Error("a relation's cursor decodes as an article's")
	}
}
