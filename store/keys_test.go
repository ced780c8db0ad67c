package store

import (
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SP", "sp"},
		{"S.P.", "sp"},
		{"Samajwadi Party", "samajwadiparty"},
		{"समाजवादी पार्टी", "समाजवादीपार्टी"},
		{"सपा", "सपा"},
		{"Straße", "strasse"},
		{"Caf\u0065\u0301", "caf\u00e9"}, // NFD composes
		{"BJP-led", "bjpled"},
		{" ", ""},
	} {
		if got := NameKey(tc.in); got != tc.want {
			t.Errorf("NameKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSchemaStatements(t *testing.T) {
	stmts := schemaStatements(schema)
	if len(stmts) < 5 {
		t.Fatalf("schema has %d statements: %q", len(stmts), stmts)
	}
	for _, s := range stmts {
		idempotent := strings.HasPrefix(s, "CREATE ") && strings.Contains(s, " IF NOT EXISTS") ||
			strings.HasPrefix(s, "DROP ") && strings.HasSuffix(s, " IF EXISTS")
		if !idempotent || strings.Contains(s, "//") {
			t.Errorf("statement is not one idempotent command: %s", s)
		}
	}
}
