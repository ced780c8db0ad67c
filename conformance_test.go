package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/netagraph/netagraph/store/storetest"
)

// GraphQL over HTTP: every audit of the graphql-http suite (pinned in
// scripts/graphql-http, installed by `make conformance-deps`, which `make
// test` runs) passes against `netagraph serve`, with no warning or notice.
func TestGraphQLOverHTTPConformance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("the conformance test needs Node.js (apt-get install nodejs npm): ", err)
	}
	dir := filepath.Join("scripts", "graphql-http")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-http")); err != nil {
		t.Fatalf("no graphql-http in %s/node_modules: run `make conformance-deps` (make test does)", dir)
	}
	storetest.Open(t)
	base := startServe(t)
	cmd := exec.Command(node, "audit.mjs", base+"/graphql")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("graphql-http audits:\n%s", out)
	if err != nil {
		t.Errorf("graphql-http audits: %v", err)
	}
}
