package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/netagraph/netagraph/store/storetest"
)

// The explorer and the IDE in a real browser: `netagraph serve` over
// samples/ (what `make run` loads), and web/e2e/explore.mjs driving Debian's
// Chromium headless through search → network → click an edge → evidence,
// with no console error, no request leaving the server, and Hindi drawn with
// the bundled font. `make test` installs Chromium and playwright-core first
// (`make browser-deps`); screenshots are left in test-artifacts/.
func TestBrowser(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("the browser test needs Node.js (apt-get install nodejs npm): ", err)
	}
	if _, err := os.Stat(filepath.Join("web", "e2e", "node_modules", "playwright-core")); err != nil {
		t.Fatal("the browser test needs playwright-core: run `make browser-deps` (make test does): ", err)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatal("the browser test needs Chromium: run `make browser-deps` (make test does), or set CHROMIUM: ", err)
	}
	artifacts, err := filepath.Abs("test-artifacts")
	if err != nil {
		t.Fatal(err)
	}

	storetest.Open(t) // an empty graph
	uri, user, password := storetest.Config()
	if _, err := run(t, "load", "--neo4j-uri", uri, "--neo4j-user", user, "--neo4j-password", password, "samples"); err != nil {
		t.Fatal(err)
	}
	base := startServe(t)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "explore.mjs")
	cmd.Dir = filepath.Join("web", "e2e")
	cmd.Env = append(os.Environ(), "BASE_URL="+base, "ARTIFACTS="+artifacts, "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("web/e2e/explore.mjs: %v (screenshots in %s)", err, artifacts)
	}
}
