package progress

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// TestPlainLines follows a load on a clock the test moves: a line only
// once Every has passed, the rate over the time since the start, the share
// of the input read and the time left from it, and each failure at once.
func TestPlainLines(t *testing.T) {
	var out bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	consumed := new(atomic.Int64)
	r := New(&out, Options{Every: 10 * time.Second, Total: 1000, Consumed: consumed,
		Now: func() time.Time { return clock }})

	clock = clock.Add(4 * time.Second)
	consumed.Store(100)
	r.Result(domain.IngestResult{Status: domain.New})
	if out.Len() != 0 {
		t.Fatalf("a line before Every passed: %q", out.String())
	}

	clock = clock.Add(6 * time.Second)
	consumed.Store(250)
	r.Result(domain.IngestResult{Status: domain.Failed, Error: "article 2: no text"})
	want := "failed: article 2: no text\nprogress: 2 articles, 0.2/s, 1 failed, 25% of input, ETA 30s\n"
	if out.String() != want {
		t.Fatalf("after 10 s:\n got %q\nwant %q", out.String(), want)
	}

	out.Reset()
	clock = clock.Add(5 * time.Second)
	r.Result(domain.IngestResult{Status: domain.New, Warning: "article 3: no date"})
	if got := out.String(); got != "warning: article 3: no date\n" {
		t.Fatalf("5 s after a line: %q", got)
	}
	if got := r.Status(); !strings.HasPrefix(got, "3 articles, 0.2/s, 1 failed, 25% of input, ETA 45s") {
		t.Fatalf("Status() = %q", got)
	}
}
