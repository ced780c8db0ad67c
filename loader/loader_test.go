package loader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// fakeExtractor finds one entity per article and records the dates it saw.
type fakeExtractor struct {
	mu    sync.Mutex
	dates map[string]string
	err   error
}

func (f *fakeExtractor) Extract(a domain.Article) (domain.Extraction, error) {
	if strings.Contains(a.Body, "PANIC") {
		panic("extractor bug")
	}
	if strings.Contains(a.Body, "ODD") {
		return domain.Extraction{}, domain.Errorf(domain.EINVALID, "article %s is odd", a.ID)
	}
	f.mu.Lock()
	if f.dates == nil {
		f.dates = map[string]string{}
	}
	if a.PublishedAt != nil {
		f.dates[a.ID] = a.PublishedAt.Format(time.DateOnly)
	}
	f.mu.Unlock()
	return domain.Extraction{
		Article:   domain.ArticleMeta{ID: a.ID, Title: a.Title},
		Entities:  []domain.Entity{{ID: "party:sp", Type: domain.Party, Name: "SP", Mentions: 1}},
		Relations: []domain.Relation{{Type: domain.Leads, From: "x", To: "party:sp"}, {Type: domain.Met, From: "x", To: "y"}},
	}, f.err
}

// fakeStore records the batches written and fails as told.
type fakeStore struct {
	mu        sync.Mutex
	batches   [][]string
	stored    map[string]string // id → title
	fail      func(call int) error
	calls     int
	retracted []string
}

func (f *fakeStore) WriteArticles(_ context.Context, arts []domain.Article, xs []domain.Extraction) ([]domain.IngestResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		if err := f.fail(f.calls); err != nil {
			return nil, err
		}
	}
	if f.stored == nil {
		f.stored = map[string]string{}
	}
	var ids []string
	out := make([]domain.IngestResult, len(arts))
	for i, a := range arts {
		ids = append(ids, a.ID)
		ents, rels := counts(xs[i])
		out[i] = domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.New, Entities: ents, Relations: rels}
		if strings.Contains(a.Title, "REFUSED") {
			out[i] = domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.Failed, Error: a.Origin + ": refused"}
			continue
		}
		if old, ok := f.stored[a.ID]; ok {
			out[i].Status = domain.Updated
			if old == a.Title {
				out[i] = domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.Unchanged}
			}
		}
		f.stored[a.ID] = a.Title
	}
	f.batches = append(f.batches, ids)
	return out, nil
}

func (f *fakeStore) RetractArticles(_ context.Context, ids []string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		if err := f.fail(f.calls); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, id := range ids {
		if _, ok := f.stored[id]; ok {
			delete(f.stored, id)
			n++
		}
		f.retracted = append(f.retracted, id)
	}
	return n, nil
}

// tempErr is an error that may pass, as the store marks Neo4j unreachable.
type tempErr struct{}

func (tempErr) Error() string   { return "connection refused" }
func (tempErr) Temporary() bool { return true }

func jsonl(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

func art(id, title, body string) string {
	day := 1 + int(id[len(id)-1]-'0')%9
	b, _ := json.Marshal(map[string]string{"id": id, "title": title, "body": body, "publishedAt": fmt.Sprintf("2024-01-%02d", day)})
	return string(b)
}

func newLoader(st *fakeStore) *Loader {
	l := &Loader{Extractor: &fakeExtractor{}, Store: st, BatchSize: 3, Workers: 4}
	l.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	return l
}

func TestRunLoadsGoodSkipsBad(t *testing.T) {
	path := write(t, "in.jsonl", jsonl(
		art("a1", "One", "Body"), `{"id": broken`, art("a2", "Two", "Body"), art("a3", "Three", "ODD"),
		art("a4", "Four", "PANIC"), art("a5", "REFUSED", "Body"), art("a6", "Six", "Body"),
	))
	st := &fakeStore{}
	l := newLoader(st)
	var results []domain.IngestResult
	var seqs []int
	sum, err := l.Run(context.Background(), []string{path}, Options{OnResult: func(seq int, r domain.IngestResult) {
		results = append(results, r)
		seqs = append(seqs, seq)
	}})
	if sum.Read != 7 || sum.New != 3 || sum.Failed != 4 || sum.Done() != 7 {
		t.Errorf("summary %+v, want 7 read, 3 new, 4 failed", sum)
	}
	if err == nil || !strings.Contains(err.Error(), "4 of 7 articles failed") || domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("err = %v, want the failures counted", err)
	}
	slices.Sort(seqs)
	if !slices.Equal(seqs, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Errorf("results for %v, want one for each article read", seqs)
	}
	var fails []string
	for _, r := range results {
		if r.Status == domain.Failed {
			fails = append(fails, r.Error)
		}
	}
	slices.Sort(fails)
	want := []string{":2: malformed JSON", ":4: article a3 is odd", ":5: extraction failed (internal error)", ":6: refused"}
	for i, w := range want {
		if i >= len(fails) || !strings.Contains(fails[i], "in.jsonl"+w) {
			t.Errorf("failures %q, want one with %q", fails, w)
		}
	}
	if sum.Entities != 3 || sum.Relations != 6 {
		t.Errorf("entities %d, relations %d; want those of the 3 written", sum.Entities, sum.Relations)
	}
}

// A single failure is the error itself: one line naming the file, as the
// foundation's CLI promised.
func TestRunOneFailure(t *testing.T) {
	st := &fakeStore{}
	l := newLoader(st)
	connected := false
	l.Store, l.Connect = nil, func(context.Context) (Store, error) { connected = true; return st, nil }
	missing := "/nonexistent/a.txt"
	sum, err := l.Run(context.Background(), []string{missing}, Options{})
	if err == nil || err.Error() != missing+": no such file" || sum.Failed != 1 {
		t.Errorf("err = %v, summary %+v", err, sum)
	}
	if connected {
		t.Error("connected to the store with nothing to write")
	}
}

func TestRunBatches(t *testing.T) {
	var lines []string
	for i := range 8 {
		lines = append(lines, art(fmt.Sprintf("a%d", i), "T", "Body"))
	}
	// The same article twice goes in two transactions, the second unchanged.
	lines = append(lines, art("a7", "T", "Body"))
	st := &fakeStore{}
	l := newLoader(st)
	l.Workers = 1 // batches in input order
	sum, err := l.Run(context.Background(), []string{write(t, "in.jsonl", jsonl(lines...))}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range st.batches {
		if len(b) > 3 {
			t.Errorf("batch %v is larger than 3", b)
		}
		seen := map[string]bool{}
		for _, id := range b {
			if seen[id] {
				t.Errorf("batch %v holds %s twice", b, id)
			}
			seen[id] = true
		}
	}
	if sum.New != 8 || sum.Unchanged != 1 {
		t.Errorf("summary %+v, want 8 new, 1 unchanged", sum)
	}
}

// A slow input is not held back until a batch fills.
func TestRunFlushesSlowInput(t *testing.T) {
	st := &fakeStore{}
	l := newLoader(st)
	l.BatchSize, l.FlushAfter = 100, 10*time.Millisecond
	pr, pw := io.Pipe()
	done := make(chan Summary)
	go func() {
		sum, _ := l.Run(context.Background(), []string{Stdin}, Options{Stdin: pr, Format: FormatLines})
		done <- sum
	}()
	fmt.Fprintln(pw, art("a1", "T", "Body"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		st.mu.Lock()
		n := len(st.batches)
		st.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the article was not written while the input stayed open")
		}
		time.Sleep(5 * time.Millisecond)
	}
	pw.Close()
	if sum := <-done; sum.New != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestMaxErrors(t *testing.T) {
	var lines []string
	for i := range 50 {
		lines = append(lines, `{"broken`, art(fmt.Sprintf("a%d", i), "T", "Body"))
	}
	l := newLoader(&fakeStore{})
	l.Workers = 1
	sum, err := l.Run(context.Background(), []string{write(t, "in.jsonl", jsonl(lines...))}, Options{MaxErrors: 3})
	if sum.Failed < 3 || sum.Read >= 100 || !strings.Contains(sum.Stopped, "--max-errors 3") {
		t.Errorf("summary %+v, want reading stopped after 3 failures", sum)
	}
	if err == nil || !strings.Contains(err.Error(), "stopped reading after") || !strings.Contains(err.Error(), "in.jsonl:1: malformed JSON") {
		t.Errorf("err = %v", err)
	}
}

func TestDryRun(t *testing.T) {
	l := newLoader(nil)
	l.Store = nil
	l.Connect = func(context.Context) (Store, error) { t.Error("a dry run connected"); return nil, errors.New("no") }
	sum, err := l.Run(context.Background(), []string{write(t, "in.jsonl", jsonl(art("a1", "T", "B"), art("a2", "T", "ODD")))}, Options{DryRun: true})
	if sum.Extracted != 1 || sum.Failed != 1 || sum.Entities != 1 || sum.Relations != 2 || !sum.DryRun {
		t.Errorf("summary %+v", sum)
	}
	if err == nil {
		t.Error("a dry run with a bad article did not fail")
	}
}

// publishedAt reaches extraction, so relative dates resolve.
func TestPublishedAtReachesExtraction(t *testing.T) {
	x := &fakeExtractor{}
	l := newLoader(&fakeStore{})
	l.Extractor = x
	if _, err := l.Run(context.Background(), []string{write(t, "in.jsonl", jsonl(art("a1", "T", "B"), art("a2", "T", "B")))}, Options{}); err != nil {
		t.Fatal(err)
	}
	if x.dates["a1"] != "2024-01-02" || x.dates["a2"] != "2024-01-03" {
		t.Errorf("dates seen by extraction: %v", x.dates)
	}
}

func TestRetries(t *testing.T) {
	path := write(t, "in.jsonl", jsonl(art("a1", "T", "B"), art("a2", "T", "B")))

	// Neo4j away for two tries, then back: the load finishes.
	st := &fakeStore{fail: func(call int) error {
		if call <= 2 {
			return fmt.Errorf("write: %w", tempErr{})
		}
		return nil
	}}
	l := newLoader(st)
	var waits []time.Duration
	sum, err := l.Run(context.Background(), []string{path}, Options{OnWait: func(_ error, d time.Duration) { waits = append(waits, d) }})
	if err != nil || sum.New != 2 {
		t.Errorf("after a short outage: %+v, %v", sum, err)
	}
	if len(waits) != 2 || waits[1] <= waits[0] {
		t.Errorf("waits %v, want two, backing off", waits)
	}

	// Away for good: give up after Wait and say what was done.
	clock := time.Duration(0)
	st = &fakeStore{fail: func(int) error { return tempErr{} }}
	l = newLoader(st)
	l.Wait = 3 * time.Second
	l.sleep = func(_ context.Context, d time.Duration) error { clock += d; return nil }
	l.now = func() time.Time { return time.Unix(0, 0).Add(clock) }
	start := time.Now()
	sum, err = l.Run(context.Background(), []string{path}, Options{})
	var stopped *StoppedError
	var unavailable *UnavailableError
	if !errors.As(err, &stopped) || !errors.As(err, &unavailable) {
		t.Fatalf("err = %v, want a StoppedError for an unavailable store", err)
	}
	if clock != 3*time.Second || time.Since(start) > time.Minute {
		t.Errorf("waited %s (slept %s) for a limit of 3s", time.Since(start), clock)
	}
	if sum.Read != 2 || sum.Done() != 0 || !strings.Contains(err.Error(), "0 of 2 articles read were done") || !strings.Contains(err.Error(), "run the same command again") {
		t.Errorf("summary %+v, err %q", sum, err)
	}

	// Another failure stops at once.
	st = &fakeStore{fail: func(int) error { return errors.New("syntax error") }}
	l = newLoader(st)
	if _, err := l.Run(context.Background(), []string{path}, Options{}); err == nil || !strings.Contains(err.Error(), "syntax error") || st.calls != 1 {
		t.Errorf("err = %v after %d calls, want the first error", err, st.calls)
	}
}

// Connecting is retried like writing.
func TestConnectRetries(t *testing.T) {
	st := &fakeStore{}
	l := newLoader(st)
	tries := 0
	l.Store, l.Connect = nil, func(context.Context) (Store, error) {
		if tries++; tries < 3 {
			return nil, tempErr{}
		}
		return st, nil
	}
	sum, err := l.Run(context.Background(), []string{write(t, "in.jsonl", jsonl(art("a1", "T", "B")))}, Options{})
	if err != nil || sum.New != 1 || tries != 3 {
		t.Errorf("%+v, %v after %d tries", sum, err, tries)
	}
}

func TestIngest(t *testing.T) {
	st := &fakeStore{}
	l := newLoader(st)
	var arts []domain.Article
	for i := range 20 {
		arts = append(arts, domain.Article{ID: fmt.Sprintf("a%02d", i), Title: "T", Body: "Body\r\n"})
	}
	arts[3].Body = "  "
	arts[7].Body = "ODD"
	arts[9].Origin = "mine"
	arts[9].Body = "ODD"
	arts[11].ID = ""
	arts[11].Body = "Cafe\u0301"
	res, err := l.Ingest(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(arts) {
		t.Fatalf("%d results for %d articles", len(res), len(arts))
	}
	for i, r := range res {
		switch i {
		case 3:
			if r.Status != domain.Failed || r.Error != "input[3]: missing body" {
				t.Errorf("empty body: %+v", r)
			}
		case 7:
			if r.Status != domain.Failed || !strings.HasPrefix(r.Error, "input[7]: ") {
				t.Errorf("odd article: %+v", r)
			}
		case 9:
			if r.Status != domain.Failed || !strings.HasPrefix(r.Error, "mine: ") {
				t.Errorf("own origin: %+v", r)
			}
		case 11:
			// The same text from a file would have the same id.
			same, _ := Read(write(t, "a.txt", []byte("T\n\nCafé")))
			if r.Status != domain.New || r.ArticleID != same[0].ID {
				t.Errorf("article without id: %+v, want id %s", r, same[0].ID)
			}
		default:
			if r.Status != domain.New || r.ArticleID != arts[i].ID || r.Origin != fmt.Sprintf("input[%d]", i) {
				t.Errorf("result %d = %+v", i, r)
			}
		}
	}

	// A store that fails: the error, and the results say nothing was written.
	l = newLoader(&fakeStore{fail: func(int) error { return tempErr{} }})
	res, err = l.Ingest(context.Background(), arts[:2])
	if err == nil || len(res) != 2 || res[0].Status != domain.Failed {
		t.Errorf("failing store: %+v, %v", res, err)
	}
}

func TestRetract(t *testing.T) {
	st := &fakeStore{stored: map[string]string{"a": "", "b": ""}}
	l := newLoader(st)
	n, err := l.Retract(context.Background(), []string{" a ", "c", ""})
	if err != nil || n != 1 || !slices.Equal(st.retracted, []string{"a", "c"}) {
		t.Errorf("retract = %d, %v; store got %v", n, err, st.retracted)
	}
	if _, err := l.Retract(context.Background(), []string{" "}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("no ids: %v", err)
	}
	tries := 0
	st.fail = func(int) error {
		if tries++; tries < 2 {
			return tempErr{}
		}
		return nil
	}
	if n, err := l.Retract(context.Background(), []string{"b"}); err != nil || n != 1 {
		t.Errorf("retract after an outage = %d, %v", n, err)
	}
}

func TestLoadAndExtract(t *testing.T) {
	good := write(t, "good.txt", []byte("Headline\nBody"))
	bad := write(t, "bad.txt", []byte{0xff})
	st := &fakeStore{}
	l := newLoader(st)
	res, err := l.Load(context.Background(), good, bad)
	if err == nil || !strings.HasPrefix(err.Error(), bad+": not UTF-8") {
		t.Errorf("err = %v, want the bad file named", err)
	}
	if len(res) != 2 || res[0].Status != domain.New || res[1].Status != domain.Failed {
		t.Errorf("results %+v, want the good one loaded and the bad one failed", res)
	}
	items, err := l.Extract(good)
	if err != nil || len(items) != 1 || items[0].Extraction.Article.ID != items[0].Article.ID {
		t.Errorf("extract: %+v, %v", items, err)
	}
	if _, err := l.Extract(good, bad); err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("extract of bad input: %v", err)
	}
	l.MaxBytes = 5
	if _, err := l.Extract(good); err == nil || !strings.Contains(err.Error(), "limit of 5") {
		t.Errorf("extract of a large article: %v", err)
	}
}

func TestSummary(t *testing.T) {
	s := Summary{Read: 10, New: 5, Unchanged: 2, Updated: 1, Failed: 1, Entities: 40, Relations: 60, Elapsed: 2 * time.Second}
	text := s.String()
	for _, want := range []string{"processed 9 articles in 2s (4.5 articles/s)", "10 read, 5 new, 2 unchanged, 1 updated, 1 failed", "40 entities and 60 relations written (30 relations/s)"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary %q lacks %q", text, want)
		}
	}
	s.Stopped = "Neo4j unavailable for 1m0s"
	if text := s.String(); !strings.Contains(text, "Neo4j unavailable for 1m0s; 9 of 10 articles read were done") || !strings.Contains(text, "1 not written") {
		t.Errorf("stopped summary %q", text)
	}
	var m map[string]any
	b, err := json.Marshal(s)
	if err != nil || json.Unmarshal(b, &m) != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]float64{"read": 10, "new": 5, "unchanged": 2, "updated": 1, "failed": 1, "notWritten": 1, "entities": 40, "relations": 60, "elapsedSeconds": 2, "articlesPerSecond": 4.5, "relationsPerSecond": 30} {
		if m[k] != v {
			t.Errorf("JSON %s = %v, want %v (%s)", k, m[k], v, b)
		}
	}
	if m["stopped"] != "Neo4j unavailable for 1m0s" {
		t.Errorf("JSON stopped = %v", m["stopped"])
	}
	dry := Summary{Read: 2, Extracted: 2, DryRun: true, Elapsed: time.Second}
	if text := dry.String(); !strings.Contains(text, "dry run") || !strings.Contains(text, "2 extracted") || !strings.Contains(text, "found") {
		t.Errorf("dry-run summary %q", text)
	}
}
