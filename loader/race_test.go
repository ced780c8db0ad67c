package loader_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/netagraph/netagraph/store/storetest"
)

// Loads race safely: four `netagraph load` processes over the same new
// articles, at once, all succeed, each article is new to exactly one of
// them, and the graph is the one a single load makes. (Before, the
// losers of the race to create an article failed with a constraint
// violation.)
func TestConcurrentLoads(t *testing.T) {
	path := corpus(t)
	want, clean := cleanLoad(t, path)

	const loaders = 4
	type outcome struct {
		s      summary
		err    error
		output string
	}
	out := make([]outcome, loaders)
	var wg sync.WaitGroup
	for i := range loaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var stdout, stderr bytes.Buffer
			cmd := loadCmd(t, "--batch-size", "5", path)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			out[i].err = cmd.Run()
			out[i].output = stdout.String() + stderr.String()
			if out[i].err == nil {
				out[i].err = json.Unmarshal(stdout.Bytes(), &out[i].s)
			}
		}()
	}
	wg.Wait()
	news, unchanged := 0, 0
	for i, o := range out {
		if o.err != nil {
			t.Errorf("loader %d: %v\n%s", i, o.err, o.output)
			continue
		}
		if o.s.Failed != 0 || o.s.Read != corpusSize {
			t.Errorf("loader %d: %+v", i, o.s)
		}
		news += o.s.New
		unchanged += o.s.Unchanged
	}
	if news != corpusSize || unchanged != (loaders-1)*corpusSize {
		t.Errorf("%d new and %d unchanged over %d loaders, want each of %d articles new once", news, unchanged, loaders, corpusSize)
	}
	consistent(t, clean)
	if got := storetest.GraphContent(t); got.Digest != want.Digest {
		t.Errorf("after concurrent loads the graph differs from a single load:\n got %+v\nwant %+v", got, want)
	}
}

// The same id twice in one input: the later line wins, every time, and
// the load says where the earlier one was. The earlier version is the
// slower one to extract, so that a load writing articles in the order
// workers finish them would keep it.
func TestRepeatedIDLastWins(t *testing.T) {
	long := strings.Repeat("Akhilesh Yadav met Mamata Banerjee in Kolkata on Monday. ", 400)
	lines := []map[string]string{
		{"id": "twice", "title": "Version A", "body": long},
		{"id": "other", "title": "Another article", "body": "Mayawati said the BSP would contest alone."},
		{"id": "twice", "title": "Version B", "body": "Sharad Pawar met Uddhav Thackeray in Mumbai."},
	}
	var b bytes.Buffer
	for _, l := range lines {
		j, _ := json.Marshal(l)
		b.Write(append(j, '\n'))
	}
	path := filepath.Join(t.TempDir(), "twice.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for round := range 4 {
		storetest.Open(t)
		var stdout, stderr bytes.Buffer
		cmd := loadCmd(t, "--workers", "4", path)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("round %d: %v\n%s%s", round, err, stdout.String(), stderr.String())
		}
		title := storetest.Exec(t, `MATCH (a:Article {id: "twice"}) RETURN a.title AS title`, nil)
		if len(title) != 1 || title[0]["title"] != "Version B" {
			t.Errorf("round %d: article twice is %v, want the later line's Version B", round, title)
		}
		warn := fmt.Sprintf("%s:3: article twice is also at %s:1", path, path)
		if !strings.Contains(stderr.String(), warn) {
			t.Errorf("round %d: stderr %q, want a warning %q", round, stderr.String(), warn)
		}
		var s struct{ Repeated, New, Updated int }
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil || s.Repeated != 1 {
			t.Errorf("round %d: summary %s (%v), want repeated 1", round, stdout.String(), err)
		}
	}
}
