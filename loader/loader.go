// Package loader reads articles, extracts what they say and writes it to the
// graph: the bulk path of `netagraph load` and the ingestArticles mutation.
//
// Sources are streamed (a reader goroutine), extraction runs on a pool of
// workers, and one writer sends whole articles to the store in batches, each
// batch one transaction, so an article's facts are committed with it or not
// at all. A bad article is reported and skipped; it never stops the others.
// Extraction and the store are interfaces, so the loader is tested without
// either.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
)

// Extractor finds the entities, relations and events of an article. It must
// be safe for concurrent use: the loader's workers share it.
type Extractor interface {
	Extract(domain.Article) (domain.Extraction, error)
}

// Store writes batches of articles and retracts them.
type Store interface {
	// WriteArticles writes arts (xs[i] is the extraction of arts[i]) in one
	// transaction and reports each: an article it refuses is Failed, with a
	// message. An error means nothing was written.
	WriteArticles(ctx context.Context, arts []domain.Article, xs []domain.Extraction) ([]domain.IngestResult, error)
	// RetractArticles removes articles and every fact only they supported,
	// and says how many of ids were in the graph.
	RetractArticles(ctx context.Context, ids []string) (int, error)
}

// Item is an article read and extracted, ready to write.
type Item struct {
	Article    domain.Article
	Extraction domain.Extraction
}

// Defaults of the Loader's settings.
const (
	// DefaultBatchSize is the articles one write transaction carries,
	// chosen by measurement (docs/loading.md).
	DefaultBatchSize = 100
	// DefaultWait is how long a load waits for an unreachable Neo4j.
	DefaultWait = time.Minute
	// DefaultFlushAfter bounds how long an article read waits for its
	// batch to fill before it is written anyway (a slow standard input).
	DefaultFlushAfter = time.Second
)

// Loader loads articles into the graph. Its zero settings take the defaults;
// it is safe for concurrent use once set up.
type Loader struct {
	Extractor Extractor
	// Store is where articles are written. When it is nil, Connect opens it
	// the first time there is something to write, so a load whose every
	// article is bad never needs Neo4j.
	Store   Store
	Connect func(context.Context) (Store, error)
	// Temporary says whether an error of the store (or of Connect) may pass:
	// Neo4j unreachable, restarting or busy. Such a write is tried again
	// with backoff for up to Wait; any other error ends the load. By default
	// an error is temporary when it has a Temporary() bool method saying so.
	Temporary func(error) bool
	// Workers extract in parallel (default: one per CPU).
	Workers int
	// BatchSize is the most articles one transaction writes.
	BatchSize int
	// MaxBytes is the largest article text accepted (default
	// extract.DefaultMaxBytes); larger articles fail.
	MaxBytes int
	// Wait is how long to keep trying an unreachable Neo4j before giving up.
	Wait       time.Duration
	FlushAfter time.Duration
	// Observe, when set, is told each article's outcome as soon as it is
	// known, for every load and ingest (metrics); it must be quick.
	Observe func(domain.IngestResult)

	mu    sync.Mutex                                 // guards Store once Connect has opened it
	sleep func(context.Context, time.Duration) error // tests replace the clock
	now   func() time.Time
}

// Options configure one Run.
type Options struct {
	// Format is the format of standard input ("-"): FormatText,
	// FormatLines or FormatJSON; "" sniffs it.
	Format string
	Stdin  io.Reader
	// MaxErrors stops reading once that many articles have failed; 0 never.
	MaxErrors int
	// DryRun extracts and reports without writing or connecting.
	DryRun bool
	// OnResult is told what became of each article read as soon as that is
	// known, from one goroutine; seq is the article's place in the input,
	// from 0 (results come in the order they are known, not in seq order).
	OnResult func(seq int, r domain.IngestResult)
	// OnWait is told when a write failed for a reason that may pass and is
	// tried again after the delay.
	OnWait func(err error, retryIn time.Duration)
	// Consumed, when set, counts the input bytes read (compressed bytes for
	// gzipped files), for progress against InputSize.
	Consumed *atomic.Int64
}

// Run loads every article of paths (files, directories, "-" for standard
// input) and says what it did. Bad articles are reported through OnResult
// and counted as failed, and the error is then a *domain.Error saying so:
// the first failure's message when it is the only one. A store that stays
// unreachable for Wait, or fails otherwise, stops the load with an error;
// the summary says how far it got.
func (l *Loader) Run(ctx context.Context, paths []string, o Options) (Summary, error) {
	if len(paths) == 0 {
		return Summary{}, domain.Errorf(domain.EINVALID, "no articles given")
	}
	rd := &reading{maxBytes: l.maxBytes(), format: o.Format, stdin: o.Stdin, consumed: o.Consumed}
	return l.run(ctx, func(emit func(record) bool) {
		rd.emit = emit
		rd.paths(paths)
	}, o, l.wait())
}

// Load loads paths as Run does and returns every article's result in the
// order read. Bad input is reported in its result and by the error, a
// *domain.Error naming the bad file; the good articles are loaded.
func (l *Loader) Load(ctx context.Context, paths ...string) ([]domain.IngestResult, error) {
	var out []domain.IngestResult
	_, err := l.Run(ctx, paths, Options{OnResult: func(seq int, r domain.IngestResult) {
		for len(out) <= seq {
			out = append(out, domain.IngestResult{})
		}
		out[seq] = r
	}})
	return out, err
}

// Ingest loads articles given whole (the ingestArticles mutation) on the
// same path as Run: one result per article, in their order. A bad article
// gets status Failed and a message naming its origin (by default its place
// in arts, "input[3]"); it does not stop the others. The error is for a
// store that failed (an API call does not wait for an unreachable Neo4j
// beyond the driver's own retries); the results then say what was done.
func (l *Loader) Ingest(ctx context.Context, arts []domain.Article) ([]domain.IngestResult, error) {
	out := make([]domain.IngestResult, len(arts))
	_, err := l.run(ctx, func(emit func(record) bool) {
		for i, a := range arts {
			if a.Origin == "" {
				a.Origin = fmt.Sprintf("input[%d]", i)
			}
			a, err := normalise(a)
			if !emit(record{art: a, err: err}) {
				return
			}
		}
	}, Options{OnResult: func(seq int, r domain.IngestResult) { out[seq] = r }}, 0)
	if err == nil || isFailures(err) {
		return out, nil
	}
	for i := range out {
		if out[i].Status == "" {
			out[i] = domain.IngestResult{ArticleID: arts[i].ID, Origin: arts[i].Origin, Status: domain.Failed, Error: "not written: the load stopped"}
		}
	}
	return out, err
}

// Retract removes articles and every fact only they supported; it returns
// how many of ids were in the graph.
func (l *Loader) Retract(ctx context.Context, ids []string) (int, error) {
	clean := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			clean = append(clean, id)
		}
	}
	if len(clean) == 0 {
		return 0, domain.Errorf(domain.EINVALID, "give the ids of the articles to retract")
	}
	var n int
	err := l.retry(ctx, l.wait(), nil, func(st Store, ctx context.Context) error {
		var err error
		n, err = st.RetractArticles(ctx, clean)
		return err
	})
	return n, err
}

// Extract reads and extracts every article of paths, in order, touching no
// database: `netagraph extract`. The first bad article is the error.
func (l *Loader) Extract(paths ...string) ([]Item, error) {
	if len(paths) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "no articles given")
	}
	var items []Item
	var first error
	rd := &reading{maxBytes: l.maxBytes(), emit: func(rec record) bool {
		if rec.err != nil {
			first = rec.err
			return false
		}
		x, err := l.extract(rec.art)
		if err != nil {
			first = err
			return false
		}
		items = append(items, Item{rec.art, x})
		return true
	}}
	rd.paths(paths)
	return items, first
}

// normalise makes an article given whole read as the readers read one:
// NFC text with \n line ends, trimmed, and an id from its text when it has
// none, so the same article from a file and from the API is one article.
func normalise(a domain.Article) (domain.Article, error) {
	for _, s := range []string{a.ID, a.Title, a.Standfirst, a.Body, a.URL, a.Source, a.Lang} {
		if i := invalidUTF8([]byte(s)); i >= 0 {
			return a, invalid(a.Origin, "not UTF-8 text (invalid byte at offset %d)", i)
		}
	}
	a.ID, a.URL, a.Source = strings.TrimSpace(a.ID), strings.TrimSpace(a.URL), strings.TrimSpace(a.Source)
	a.Lang = strings.ToLower(strings.TrimSpace(a.Lang))
	a.Title, a.Standfirst, a.Body = clean(a.Title), clean(a.Standfirst), clean(a.Body)
	if a.Body == "" && a.Standfirst == "" {
		return a, invalid(a.Origin, "missing body")
	}
	if a.ID == "" {
		a.ID = extract.ArticleID(a.Text())
	}
	return a, nil
}

func (l *Loader) maxBytes() int {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return extract.DefaultMaxBytes
}

func (l *Loader) wait() time.Duration {
	if l.Wait > 0 {
		return l.Wait
	}
	return DefaultWait
}

func (l *Loader) batchSize() int {
	if l.BatchSize > 0 {
		return l.BatchSize
	}
	return DefaultBatchSize
}

func (l *Loader) workers() int {
	if l.Workers > 0 {
		return l.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (l *Loader) flushAfter() time.Duration {
	if l.FlushAfter > 0 {
		return l.FlushAfter
	}
	return DefaultFlushAfter
}

func (l *Loader) temporary(err error) bool {
	if l.Temporary != nil {
		return l.Temporary(err)
	}
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && t.Temporary()
}
