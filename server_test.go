package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := command(&out).Run(context.Background(), append([]string{"netagraph"}, args...))
	return out.String(), err
}

func TestExtractJSON(t *testing.T) {
	path := filepath.Join("samples", "articles.jsonl")
	out, err := run(t, "extract", "--json", path, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	articles := strings.Count(string(b), "\n")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2*articles {
		t.Fatalf("%d lines, want one JSON object per article (%d): %s", len(lines), 2*articles, out)
	}
	var x domain.Extraction
	if err := json.Unmarshal([]byte(lines[0]), &x); err != nil {
		t.Fatal(err)
	}
	if x.Article.ID == "" || len(x.Entities) == 0 {
		t.Errorf("extraction = %+v", x)
	}
}

// Bad input is reported before Neo4j is touched: this test has none.
func TestBadInputIsOneLineNamingTheFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("Headline\n\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"load", "--neo4j-uri", "bolt://127.0.0.1:1", filepath.Join(dir, "missing.txt")},
		{"load", "--neo4j-uri", "bolt://127.0.0.1:1", bad},
		{"extract", "--json", bad},
	} {
		_, err := run(t, args...)
		path := args[len(args)-1]
		if err == nil {
			t.Errorf("%v: no error", args)
			continue
		}
		if line := errorLine(err); !strings.HasPrefix(line, path+": ") || strings.Contains(line, "\n") {
			t.Errorf("%v: %q, want one line starting with the file", args, line)
		}
	}
}
