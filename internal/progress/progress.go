// Package progress shows how a load is going: on a terminal, a progress bar
// (github.com/schollz/progressbar) with articles a second, the time left and
// the failures so far; elsewhere (a log, a pipe, CI) a plain line now and
// then. Failures and waits for Neo4j are printed as lines in both.
package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/schollz/progressbar/v3"
)

// DefaultEvery is how often a plain progress line is printed.
const DefaultEvery = 10 * time.Second

// Reporter reports a load's progress to w. It is safe for concurrent use.
type Reporter struct {
	w        io.Writer
	bar      *progressbar.ProgressBar // nil: plain lines
	total    int64                    // input bytes; -1 when unknown
	consumed *atomic.Int64            // input bytes read so far
	every    time.Duration
	now      func() time.Time

	mu             sync.Mutex
	start, printed time.Time
	done, failed   int
}

// Options say how to report.
type Options struct {
	// Terminal draws a bar; otherwise plain lines every Every.
	Terminal bool
	Every    time.Duration
	// Total is the input's size in bytes (-1 when unknown, as for standard
	// input) and Consumed counts the bytes read: the bar's fill and the
	// time left.
	Total    int64
	Consumed *atomic.Int64
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// New starts reporting to w.
func New(w io.Writer, o Options) *Reporter {
	r := &Reporter{w: w, total: o.Total, consumed: o.Consumed, every: o.Every, now: o.Now}
	if r.every <= 0 {
		r.every = DefaultEvery
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.consumed == nil {
		r.consumed = new(atomic.Int64)
	}
	r.start, r.printed = r.now(), r.now()
	if o.Terminal {
		max := r.total
		if max <= 0 {
			max = -1 // a spinner
		}
		r.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetRenderBlankState(true),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionSetDescription("starting"),
		)
	}
	return r
}

// Result counts one article's outcome; a failure is printed as a line.
func (r *Reporter) Result(res domain.IngestResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	if res.Status == domain.Failed {
		r.failed++
		r.line("failed: %s", res.Error)
	}
	if res.Warning != "" {
		r.line("warning: %s", res.Warning)
	}
	r.update()
}

// Waiting says that Neo4j did not answer and the write is tried again.
func (r *Reporter) Waiting(err error, retryIn time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.line("waiting for Neo4j (retrying in %s): %v", retryIn.Round(10*time.Millisecond), err)
}

// Finish clears the bar; the summary follows.
func (r *Reporter) Finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bar != nil {
		r.bar.Clear()
		fmt.Fprint(r.w, "\r")
	}
}

// line prints one line above the bar.
func (r *Reporter) line(format string, args ...any) {
	if r.bar != nil {
		r.bar.Clear()
		fmt.Fprint(r.w, "\r")
	}
	fmt.Fprintf(r.w, format+"\n", args...)
}

func (r *Reporter) update() {
	if r.bar != nil {
		r.bar.Describe(r.status(false))
		if r.total > 0 {
			r.bar.Set64(min(r.consumed.Load(), r.total))
		} else {
			r.bar.Add(1)
		}
		return
	}
	if now := r.now(); now.Sub(r.printed) >= r.every {
		r.printed = now
		fmt.Fprintln(r.w, "progress: "+r.status(true))
	}
}

// Status is the progress in one line: articles done and their rate, the
// failures so far and, when the input's size is known, how much of it is
// read and the time left.
func (r *Reporter) Status() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status(true)
}

func (r *Reporter) status(eta bool) string {
	elapsed := r.now().Sub(r.start)
	rate := 0.0
	if elapsed > 0 {
		rate = float64(r.done) / elapsed.Seconds()
	}
	s := fmt.Sprintf("%d articles, %.1f/s, %d failed", r.done, rate, r.failed)
	if eta && r.total > 0 {
		read := min(r.consumed.Load(), r.total)
		s += fmt.Sprintf(", %.0f%% of input", 100*float64(read)/float64(r.total))
		if read > 0 && read < r.total {
			left := time.Duration(float64(elapsed) * float64(r.total-read) / float64(read))
			s += fmt.Sprintf(", ETA %s", left.Round(time.Second))
		}
	}
	return s
}
