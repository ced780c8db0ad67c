package loader

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Extracted is the status of an article a dry run extracted and did not
// write.
const Extracted domain.WriteStatus = "extracted"

// job is one record read, with its place in the input.
type job struct {
	seq int
	rec record
}

// done is a job extracted (item) or failed (fail).
type done struct {
	seq  int
	item Item
	fail *domain.IngestResult
}

// run is the pipeline every load goes through: feed emits records from one
// goroutine, workers extract them, and this goroutine writes them in
// batches and reports each result.
func (l *Loader) run(ctx context.Context, feed func(emit func(record) bool), o Options, wait time.Duration) (Summary, error) {
	start := time.Now()
	sum := Summary{DryRun: o.DryRun}
	// Reading stops early on --max-errors; everything stops on a store
	// failure or when ctx ends.
	readCtx, stopReading := context.WithCancel(ctx)
	runCtx, stopAll := context.WithCancel(ctx)
	defer stopAll()
	defer stopReading()

	var read atomic.Int64
	jobs := make(chan job, 4*l.workers())
	results := make(chan done, l.batchSize())
	go func() {
		defer close(jobs)
		feed(func(rec record) bool {
			select {
			case <-readCtx.Done():
				return false
			default:
			}
			select {
			case jobs <- job{int(read.Load()), rec}:
				read.Add(1)
				return true
			case <-readCtx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range l.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d := done{seq: j.seq}
				if j.rec.err != nil {
					d.fail = failure(j.rec.art, j.rec.err)
				} else if x, err := l.extract(j.rec.art); err != nil {
					d.fail = failure(j.rec.art, err)
				} else {
					d.item = Item{j.rec.art, x}
				}
				select {
				case results <- d:
				case <-runCtx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	report := func(seq int, r domain.IngestResult) {
		sum.add(r)
		if l.Observe != nil {
			l.Observe(r)
		}
		if o.OnResult != nil {
			o.OnResult(seq, r)
		}
	}
	var first string // the first failure's message
	fail := func(seq int, r domain.IngestResult) {
		if first == "" {
			first = r.Error
		}
		report(seq, r)
		if o.MaxErrors > 0 && sum.Failed >= o.MaxErrors && sum.Stopped == "" {
			sum.Stopped = fmt.Sprintf("stopped reading after %d failed articles (--max-errors %d)", sum.Failed, o.MaxErrors)
			stopReading()
		}
	}

	var batch []Item
	var seqs []int
	inBatch := map[string]bool{}
	warnings := map[int]string{} // by seq: the article repeats an earlier id
	var timeout <-chan time.Time
	var fatal error
	flush := func() {
		timeout = nil
		if len(batch) == 0 || fatal != nil {
			return
		}
		res, err := l.writeBatch(runCtx, batch, o, wait)
		if err != nil {
			fatal = err
			return
		}
		for i, r := range res {
			if w, ok := warnings[seqs[i]]; ok {
				r.Warning = w
				delete(warnings, seqs[i])
			}
			if r.Status == domain.Failed {
				fail(seqs[i], r)
			} else {
				report(seqs[i], r)
			}
		}
		batch, seqs = batch[:0], seqs[:0]
		clear(inBatch)
	}
	// Workers finish out of order; articles are written in input order, so
	// that of two articles with one id the later one in the input is the
	// one kept, every time. pending holds those that finished early.
	pending := map[int]done{}
	next := 0
	// seenAt is where each id was first read, to report a repeated one.
	seenAt := map[string]string{}
	take := func(d done) {
		if d.fail != nil {
			fail(d.seq, *d.fail)
			return
		}
		a := d.item.Article
		if at, ok := seenAt[a.ID]; ok {
			warnings[d.seq] = fmt.Sprintf("%s: article %s is also at %s; this later one is kept", a.Origin, a.ID, at)
		} else {
			seenAt[a.ID] = a.Origin
		}
		// Two versions of one article go in separate transactions, so
		// the later replaces the earlier.
		if inBatch[a.ID] {
			flush()
		}
		batch, seqs = append(batch, d.item), append(seqs, d.seq)
		inBatch[a.ID] = true
		if len(batch) == 1 {
			timeout = time.After(l.flushAfter())
		}
		if len(batch) >= l.batchSize() {
			flush()
		}
	}
loop:
	for fatal == nil {
		select {
		case d, ok := <-results:
			if !ok {
				flush()
				break loop
			}
			pending[d.seq] = d
			for fatal == nil {
				d, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				take(d)
			}
		case <-timeout:
			flush()
		case <-ctx.Done():
			fatal = ctx.Err()
		}
	}
	stopAll()
	sum.Read = int(read.Load())
	sum.Elapsed = time.Since(start)
	if fatal != nil {
		sum.Stopped = stopReason(fatal)
		return sum, &StoppedError{Err: fatal, Summary: sum}
	}
	switch {
	case sum.Failed == 1 && sum.Stopped == "":
		return sum, &failures{domain.Errorf(domain.EINVALID, "%s", first)}
	case sum.Failed > 0 && sum.Stopped != "":
		return sum, &failures{domain.Errorf(domain.EINVALID, "%s; the first: %s", sum.Stopped, first)}
	case sum.Failed > 0:
		return sum, &failures{domain.Errorf(domain.EINVALID, "%d of %d articles failed; the first: %s", sum.Failed, sum.Read, first)}
	}
	return sum, nil
}

// writeBatch writes one batch, waiting for the store as long as wait allows;
// a dry run only counts what it would write.
func (l *Loader) writeBatch(ctx context.Context, batch []Item, o Options, wait time.Duration) ([]domain.IngestResult, error) {
	if o.DryRun {
		out := make([]domain.IngestResult, len(batch))
		for i, it := range batch {
			ents, rels := counts(it.Extraction)
			out[i] = domain.IngestResult{ArticleID: it.Article.ID, Origin: it.Article.Origin, Status: Extracted, Entities: ents, Relations: rels}
		}
		return out, nil
	}
	arts := make([]domain.Article, len(batch))
	xs := make([]domain.Extraction, len(batch))
	for i, it := range batch {
		arts[i], xs[i] = it.Article, it.Extraction
	}
	var res []domain.IngestResult
	err := l.retry(ctx, wait, o.OnWait, func(st Store, ctx context.Context) error {
		var err error
		res, err = st.WriteArticles(ctx, arts, xs)
		return err
	})
	if err == nil && len(res) != len(batch) {
		err = fmt.Errorf("store answered %d results for %d articles", len(res), len(batch))
	}
	return res, err
}

// counts is what a dry run reports an extraction would write: its entities
// and events, its relations and those of its events.
func counts(x domain.Extraction) (entities, relations int) {
	ids := map[string]bool{}
	for _, e := range x.Entities {
		ids[e.ID] = true
	}
	for _, ev := range x.Events {
		ids[ev.ID] = true
		relations += len(ev.Participants)
		if ev.Place != "" {
			relations++
		}
	}
	return len(ids), relations + len(x.Relations)
}

// retry runs do with the store, trying again with backoff while the store
// (or connecting to it) fails for a reason that may pass, for up to wait.
func (l *Loader) retry(ctx context.Context, wait time.Duration, onWait func(error, time.Duration), do func(Store, context.Context) error) error {
	var since time.Time
	delay := 250 * time.Millisecond
	for {
		// Once waiting, no attempt (with the driver's own retries) may
		// outlast the wait.
		actx, cancel := ctx, context.CancelFunc(func() {})
		if !since.IsZero() {
			actx, cancel = context.WithTimeout(ctx, max(wait-l.clock().Sub(since), time.Second))
		}
		st, err := l.store(actx)
		if err == nil {
			err = do(st, actx)
		}
		outlasted := ctx.Err() == nil && actx.Err() != nil
		cancel()
		if err == nil {
			return nil
		}
		if outlasted {
			return &UnavailableError{Err: err, Waited: l.clock().Sub(since)}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !l.temporary(err) {
			return err
		}
		if since.IsZero() {
			since = l.clock()
		}
		waited := l.clock().Sub(since)
		if waited >= wait {
			return &UnavailableError{Err: err, Waited: waited}
		}
		d := min(delay, wait-waited)
		if onWait != nil {
			onWait(err, d)
		}
		if err := l.pause(ctx, d); err != nil {
			return err
		}
		delay = min(2*delay, 10*time.Second)
	}
}

func (l *Loader) clock() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

func (l *Loader) pause(ctx context.Context, d time.Duration) error {
	if l.sleep != nil {
		return l.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// store is the Store, opened by Connect the first time it is needed.
func (l *Loader) store(ctx context.Context) (Store, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.Store != nil {
		return l.Store, nil
	}
	if l.Connect == nil {
		return nil, errors.New("loader: no store to write to")
	}
	st, err := l.Connect(ctx)
	if err != nil {
		return nil, err
	}
	l.Store = st
	return st, nil
}

// extract checks an article and extracts it. Every error is a
// *domain.Error whose message starts with the article's origin.
func (l *Loader) extract(a domain.Article) (x domain.Extraction, err error) {
	if n := len(a.Text()); n > l.maxBytes() {
		return x, invalid(a.Origin, "article is %d bytes, above the limit of %d (--max-bytes)", n, l.maxBytes())
	}
	defer func() {
		// A bug the article trips must not stop the load.
		if p := recover(); p != nil {
			err = invalid(a.Origin, "extraction failed (internal error)")
		}
	}()
	x, err = l.Extractor.Extract(a)
	if err != nil {
		if domain.ErrorCode(err) == domain.EINVALID {
			return x, invalid(a.Origin, "%s", domain.ErrorMessage(err))
		}
		return x, invalid(a.Origin, "extraction failed (internal error)")
	}
	return x, nil
}

// failure is the result of an article that could not be loaded.
func failure(a domain.Article, err error) *domain.IngestResult {
	msg := domain.ErrorMessage(err)
	if domain.ErrorCode(err) != domain.EINVALID {
		msg = a.Origin + ": internal error"
	}
	return &domain.IngestResult{ArticleID: a.ID, Origin: a.Origin, Status: domain.Failed, Error: msg}
}

// failures is the error of a load that skipped bad articles: a
// *domain.Error, so the CLI prints its message.
type failures struct{ err *domain.Error }

func (f *failures) Error() string { return f.err.Error() }
func (f *failures) Unwrap() error { return f.err }

func isFailures(err error) bool {
	var f *failures
	return errors.As(err, &f)
}

// UnavailableError says the store stayed unreachable (or busy) for as long
// as the loader was told to wait.
type UnavailableError struct {
	Err    error
	Waited time.Duration
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("Neo4j unavailable for %s: %v", e.Waited.Round(time.Second), e.Err)
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// StoppedError is a load that stopped before the end of its input because
// the store failed or the load was interrupted; Summary says how far it got.
type StoppedError struct {
	Err     error
	Summary Summary
}

func (e *StoppedError) Error() string {
	return fmt.Sprintf("load stopped: %v; %s (every article is committed whole or not at all: run the same command again to finish, articles already loaded are skipped as unchanged)",
		e.Err, e.Summary.doneLine())
}

func (e *StoppedError) Unwrap() error { return e.Err }

func stopReason(err error) string {
	var u *UnavailableError
	switch {
	case errors.As(err, &u):
		return fmt.Sprintf("Neo4j unavailable for %s", u.Waited.Round(time.Second))
	case errors.Is(err, context.Canceled):
		return "interrupted"
	}
	return "the store failed"
}
