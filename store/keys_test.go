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
		{"समाजवादी पार्टी", "समाजवादिपार्टि"},
		{"सपा", "सपा"},
		{"Caf\u0065\u0301", "caf\u00e9"}, // NFD composes
		{"नीतीश कुमार", "नितिशकुमार"},    // the extractor's fold: long i as short
		{"मल्लिकार्जुन खड़गे", "मल्लिकार्जुनखडगे"}, // nukta dropped
		{"BJP-led", "bjpled"},
		{" ", ""},
	} {
		if got := NameKey(tc.in); got != tc.want {
			t.Errorf("NameKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The store finds a name however the extractor matched it.
func TestNameKeyIsTheExtractorsFold(t *testing.T) {
	for _, pair := range [][2]string{{"नितीश", "नीतीश"}, {"गाँधी", "गांधी"}, {"ज़फ़र", "जफर"}} {
		if a, b := NameKey(pair[0]), NameKey(pair[1]); a != b {
			t.Errorf("NameKey(%q) = %q ≠ NameKey(%q) = %q", pair[0], a, pair[1], b)
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
