package graph_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedIsCurrent runs `go generate` for this package on a copy of
// the module and requires it to change nothing: the committed generated
// code (gqlgen's executor and models, the resolver stubs' layout, the read
// executor's tables) is what the schema and gqlgen.yml make, so a schema
// change committed without regenerating fails here, naming the files.
func TestGeneratedIsCurrent(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := copySources(root, dir); err != nil {
		t.Fatalf("copying the module: %v", err)
	}
	cmd := exec.Command("go", "generate", "./graph/...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate ./graph/... in a copy of the module: %v\n%s", err, out)
	}
	var changed []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fresh, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		committed, err := os.ReadFile(filepath.Join(root, rel))
		if os.IsNotExist(err) {
			changed = append(changed, rel+" (new)")
			return nil
		}
		if err != nil {
			return err
		}
		if !bytes.Equal(fresh, committed) {
			changed = append(changed, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) > 0 {
		t.Errorf("go generate ./... changes %s: run it and commit the result", strings.Join(changed, ", "))
	}
}

// copySources copies the module's files from root to dir (embedded files
// included: packages that embed them must load), leaving out git's
// directory, build outputs and node_modules.
func copySources(root, dir string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "bin", "node_modules":
				if rel != "." {
					return filepath.SkipDir
				}
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
}
