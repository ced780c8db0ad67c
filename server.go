// Command netagraph turns Hindi and English political news into a Neo4j
// knowledge graph and answers relationship questions about it over GraphQL.
//
//	netagraph serve              GraphQL at /graphql, the IDE at /
//	netagraph load PATH...       extract articles and write them to the graph
//	netagraph retract ID...      remove articles and what only they said
//	netagraph extract --json PATH
//
// This file reads configuration and wires the packages together; each of
// them knows one outside thing.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/internal/metrics"
	"github.com/netagraph/netagraph/internal/progress"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/web"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := command(os.Stdout).Run(ctx, os.Args)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "netagraph: "+errorLine(err))
		os.Exit(1)
	}
}

// errorLine is the one line the CLI prints for err: a domain error's message
// (it names the file), or the whole chain for the operator.
func errorLine(err error) string {
	var derr *domain.Error
	if errors.As(err, &derr) {
		return derr.Message
	}
	return err.Error()
}

func command(stdout io.Writer) *cli.Command {
	neo4jFlags := []cli.Flag{
		&cli.StringFlag{Name: "neo4j-uri", Value: "bolt://127.0.0.1:7687", Sources: cli.EnvVars("NEO4J_URI"), Usage: "Neo4j Bolt URI"},
		&cli.StringFlag{Name: "neo4j-user", Value: "neo4j", Sources: cli.EnvVars("NEO4J_USER"), Usage: "Neo4j user"},
		&cli.StringFlag{Name: "neo4j-password", Value: "netagraph-dev", Sources: cli.EnvVars("NEO4J_PASSWORD"), Usage: "Neo4j password"},
	}
	lexiconFlag := &cli.StringSliceFlag{Name: "lexicon", Usage: "extra lexicon `DIR` of *.yaml (also NETAGRAPH_LEXICON, colon-separated)"}
	return &cli.Command{
		Name:   "netagraph",
		Usage:  "a knowledge graph of Indian party politics from Hindi and English news",
		Writer: stdout,
		Commands: []*cli.Command{
			{
				Name:   "serve",
				Usage:  "serve the GraphQL API at /graphql and its IDE at /",
				Flags:  append(serveFlags(), append(neo4jFlags, lexiconFlag)...),
				Action: serve,
			},
			{
				Name:      "load",
				Usage:     "extract articles and write them to the graph",
				ArgsUsage: "PATH... (files, directories, - for standard input)",
				Description: "Reads .txt articles (headline, standfirst, body), JSON lines (.jsonl, .ndjson) and JSON (.json: one\n" +
					"article or an array), any of them gzipped (.gz), directories recursively, and - for standard input.\n" +
					"A bad article is reported with its file and line and skipped; the exit status is 1 when any failed.",
				Flags: append(loadFlags(), append([]cli.Flag{lexiconFlag}, neo4jFlags...)...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return load(ctx, cmd, stdout)
				},
			},
			{
				Name:      "retract",
				Usage:     "remove articles from the graph, with every fact only they supported",
				ArgsUsage: "ID...",
				Flags: append([]cli.Flag{
					&cli.BoolFlag{Name: "json", Usage: "print the outcome as JSON"},
					waitFlag(),
				}, neo4jFlags...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return retract(ctx, cmd, stdout)
				},
			},
			{
				Name:      "extract",
				Usage:     "print what extraction finds in articles, touching no database",
				ArgsUsage: "PATH...",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "json", Usage: "one JSON object per line (the contract of ../shared/docs/ontology.md)"},
					&cli.BoolFlag{Name: "explain", Usage: "name the rule, trigger word and lexicon or grammar entry behind each entity, relation and event (with --json: a rule field on each)"},
					maxBytesFlag(),
					lexiconFlag,
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return extractCmd(cmd, stdout)
				},
			},
		},
	}
}

// serveFlags configure `netagraph serve`: where it listens, and the API's
// limits and access.
func serveFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "addr", Value: ":8080", Sources: cli.EnvVars("NETAGRAPH_ADDR"), Usage: "listen `ADDRESS`"},
		&cli.StringFlag{Name: "api-key", Sources: cli.EnvVars("NETAGRAPH_API_KEY"),
			Usage: "bearer `KEY` the mutations (ingestArticles, retractArticle) require; none disables them"},
		&cli.BoolFlag{Name: "introspection", Value: true, Sources: cli.EnvVars("NETAGRAPH_INTROSPECTION"),
			Usage: "let clients read the schema (the IDE needs it)"},
		&cli.StringSliceFlag{Name: "cors-origin", Sources: cli.EnvVars("NETAGRAPH_CORS_ORIGINS"),
			Usage: "`ORIGIN` browsers may call the API from (repeat or comma-separate; * for any)"},
		&cli.DurationFlag{Name: "query-timeout", Value: store.DefaultQueryTimeout, Sources: cli.EnvVars("NETAGRAPH_QUERY_TIMEOUT"),
			Usage: "Neo4j transaction timeout of each read"},
		&cli.IntFlag{Name: "complexity-limit", Value: graph.DefaultComplexityLimit, Sources: cli.EnvVars("NETAGRAPH_COMPLEXITY_LIMIT"),
			Usage: "largest operation complexity served (a list costs its items times first)"},
		&cli.IntFlag{Name: "depth-limit", Value: graph.DefaultDepthLimit, Sources: cli.EnvVars("NETAGRAPH_DEPTH_LIMIT"),
			Usage: "deepest field nesting served"},
		&cli.IntFlag{Name: "root-field-limit", Value: graph.DefaultRootFieldLimit, Sources: cli.EnvVars("NETAGRAPH_ROOT_FIELD_LIMIT"),
			Usage: "most root fields (aliases included) in one operation"},
		&cli.IntFlag{Name: "alias-limit", Value: graph.DefaultAliasLimit, Sources: cli.EnvVars("NETAGRAPH_ALIAS_LIMIT"),
			Usage: "most aliased fields in one operation"},
		&cli.IntFlag{Name: "text-limit", Value: graph.DefaultTextLimit, Sources: cli.EnvVars("NETAGRAPH_TEXT_LIMIT"),
			Usage: "longest string argument of a query (search text, names) in `CHARACTERS`"},
		&cli.IntFlag{Name: "max-body", Value: graph.DefaultMaxBody, Sources: cli.EnvVars("NETAGRAPH_MAX_BODY"),
			Usage: "largest request body in `BYTES` (larger: HTTP 413)"},
		&cli.IntFlag{Name: "max-queries", Value: defaultMaxQueries, Sources: cli.EnvVars("NETAGRAPH_MAX_QUERIES"),
			Usage: "queries run at once; more wait (--max-queued) or get SERVICE_UNAVAILABLE"},
		&cli.IntFlag{Name: "max-queued", Value: defaultMaxQueued, Sources: cli.EnvVars("NETAGRAPH_MAX_QUEUED"),
			Usage: "queries that wait for one running to finish; more get SERVICE_UNAVAILABLE at once"},
		&cli.DurationFlag{Name: "queue-wait", Value: defaultQueueWait, Sources: cli.EnvVars("NETAGRAPH_QUEUE_WAIT"),
			Usage: "how long a query waits to run before it gets SERVICE_UNAVAILABLE"},
		&cli.IntFlag{Name: "memory-limit", Value: defaultMemoryLimitMiB, Sources: cli.EnvVars("NETAGRAPH_MEMORY_LIMIT"),
			Usage: "soft limit of the Go heap in `MIB` (the collector works harder near it; 0: none; GOMEMLIMIT, when set, wins)"},
		&cli.IntFlag{Name: "max-ingest-body", Value: graph.DefaultMaxIngestBody, Sources: cli.EnvVars("NETAGRAPH_MAX_INGEST_BODY"),
			Usage: "largest request body in `BYTES` of a request with the API key (articles to ingest)"},
	}
}

// gcPercent is the garbage collector's setting for `netagraph serve` and
// `netagraph load` unless GOGC says otherwise: a GraphQL response, like an
// extraction, allocates much that dies with it, and the live heap is small
// (the lexicon), so collecting a quarter as often saves CPU that Neo4j on
// the same cores wants (make bench-api runs with it).
const gcPercent = 400

func setGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// defaultMemoryLimitMiB is serve's soft memory limit: with GOGC=400 alone
// the heap swung between 230 and 650 MB under the soak; near the limit the
// collector runs more often instead. The live heap (the lexicon, and what
// --max-queries concurrent answers hold) is far below it.
const defaultMemoryLimitMiB = 256

func setMemoryLimit(mib int64) {
	if os.Getenv("GOMEMLIMIT") == "" && mib > 0 {
		debug.SetMemoryLimit(mib << 20)
	}
}

func serve(ctx context.Context, cmd *cli.Command) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	setGC()
	setMemoryLimit(int64(cmd.Int("memory-limit")))
	x, err := newExtractor(cmd)
	if err != nil {
		return err
	}
	// With Neo4j down, a request fails at once (SERVICE_UNAVAILABLE)
	// rather than waiting on the driver's retries.
	st, err := openStoreWith(ctx, cmd, store.APIOptions)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	st.QueryTimeout = cmd.Duration("query-timeout")
	// /metrics: requests, statements, and what ingestArticles wrote.
	m := metrics.New()
	st.Observe(graph.ObserveStatement)
	// Queries are turned away while the server is not ready and beyond
	// --max-queries running and --max-queued waiting (admission.go).
	ready := &readiness{st: st, log: log}
	adm, err := newAdmission(ready, int(cmd.Int("max-queries")), int(cmd.Int("max-queued")), cmd.Duration("queue-wait"), graph.DefaultRetryAfter)
	if err != nil {
		return err
	}

	api := graph.New(graph.Options{
		Graph:           st,
		Ingester:        &loader.Loader{Extractor: x, Store: st, Observe: m.Ingested},
		Observer:        m,
		APIKey:          cmd.String("api-key"),
		Log:             log,
		Introspection:   cmd.Bool("introspection"),
		ComplexityLimit: int(cmd.Int("complexity-limit")),
		DepthLimit:      int(cmd.Int("depth-limit")),
		RootFieldLimit:  int(cmd.Int("root-field-limit")),
		AliasLimit:      int(cmd.Int("alias-limit")),
		TextLimit:       int(cmd.Int("text-limit")),
		MaxBody:         int64(cmd.Int("max-body")),
		MaxIngestBody:   int64(cmd.Int("max-ingest-body")),
		CORSOrigins:     cmd.StringSlice("cors-origin"),
		Admit:           adm.admit,
	})
	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	mux.Handle("/", web.Handler("/graphql"))
	mux.Handle("/metrics", m.Handler())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	// /readyz says ready once the documented queries have been run (their
	// statements planned), and not while Neo4j keeps failing.
	ready.api = api
	mux.Handle("/readyz", ready)
	go ready.run(ctx)

	srv := &http.Server{
		Addr: cmd.String("addr"), Handler: mux,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("serving", "addr", srv.Addr, "graphql", "/graphql", "ide", "/", "explorer", "/explore", "metrics", "/metrics", "mutations", cmd.String("api-key") != "",
		"introspection", cmd.Bool("introspection"))
	select {
	case err := <-errc:
		log.Error("stopped", "err", err)
		return err
	case <-ctx.Done():
	}
	log.Info("stopping: finishing requests in flight", "signal", "interrupt or terminate", "grace", shutdownGrace)
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Error("stopped before requests in flight finished", "err", err)
		return err
	}
	log.Info("stopped")
	return nil
}

// shutdownGrace is how long serve waits, once told to stop, for requests
// in flight.
const shutdownGrace = 10 * time.Second

// loadFlags configure `netagraph load`.
func loadFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "`FORMAT` of standard input: txt, jsonl or json (default: sniffed)",
			Validator: func(f string) error {
				if f != "" && f != loader.FormatText && f != loader.FormatLines && f != loader.FormatJSON {
					return fmt.Errorf("--format %q: want txt, jsonl or json", f)
				}
				return nil
			}},
		&cli.BoolFlag{Name: "json", Usage: "print the summary as JSON (for pipelines)"},
		&cli.BoolFlag{Name: "dry-run", Usage: "read and extract, report, write nothing (no Neo4j needed)"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print a line for every article"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress, only failures and the summary"},
		&cli.IntFlag{Name: "max-errors", Usage: "stop reading after `N` failed articles (0: never)"},
		maxBytesFlag(),
		&cli.IntFlag{Name: "batch-size", Value: loader.DefaultBatchSize, Sources: cli.EnvVars("NETAGRAPH_BATCH_SIZE"),
			Usage: "articles written per transaction"},
		&cli.IntFlag{Name: "workers", Usage: "extraction workers (default: one per CPU)"},
		&cli.DurationFlag{Name: "progress-every", Value: progress.DefaultEvery, Usage: "how often a progress line is printed when stderr is not a terminal"},
		waitFlag(),
	}
}

func maxBytesFlag() cli.Flag {
	return &cli.IntFlag{Name: "max-bytes", Value: extract.DefaultMaxBytes, Sources: cli.EnvVars("NETAGRAPH_MAX_ARTICLE_BYTES"),
		Usage: "largest article in `BYTES`; larger ones fail"}
}

func waitFlag() cli.Flag {
	return &cli.DurationFlag{Name: "wait", Value: loader.DefaultWait, Sources: cli.EnvVars("NETAGRAPH_NEO4J_WAIT"),
		Usage: "how long to wait, with backoff, for an unreachable Neo4j before giving up"}
}

// load streams articles through extraction into the graph. Neo4j is opened
// only when the first article is ready to write, so bad input alone, or a
// dry run, never needs it.
func load(ctx context.Context, cmd *cli.Command, stdout io.Writer) error {
	setGC()
	x, err := newExtractor(cmd)
	if err != nil {
		return err
	}
	maxBytes := int(cmd.Int("max-bytes"))
	if maxBytes <= 0 {
		return domain.Errorf(domain.EINVALID, "--max-bytes must be positive")
	}
	x.MaxBytes = maxBytes
	connect, closeStore := lazyStore(cmd)
	defer closeStore()
	ld := &loader.Loader{
		Extractor: x,
		Connect:   connect,
		Temporary: store.IsTemporary,
		Workers:   int(cmd.Int("workers")),
		BatchSize: int(cmd.Int("batch-size")),
		MaxBytes:  maxBytes,
		Wait:      cmd.Duration("wait"),
	}

	stderr := cmd.Root().ErrWriter
	if stderr == nil {
		stderr = os.Stderr
	}
	paths := cmd.Args().Slice()
	consumed := new(atomic.Int64)
	var rep *progress.Reporter
	if !cmd.Bool("quiet") {
		rep = progress.New(stderr, progress.Options{
			Terminal: isTerminal(stderr) && !cmd.Bool("verbose"), Every: cmd.Duration("progress-every"),
			Total: loader.InputSize(paths), Consumed: consumed,
		})
	}
	verbose := cmd.Bool("verbose")
	sum, err := ld.Run(ctx, paths, loader.Options{
		Format: cmd.String("format"), Stdin: os.Stdin, MaxErrors: int(cmd.Int("max-errors")),
		DryRun: cmd.Bool("dry-run"), Consumed: consumed,
		OnResult: func(_ int, r domain.IngestResult) {
			switch {
			case rep != nil:
				rep.Result(r)
			case r.Status == domain.Failed:
				fmt.Fprintln(stderr, "failed: "+r.Error)
			case r.Warning != "":
				fmt.Fprintln(stderr, "warning: "+r.Warning)
			}
			if verbose && r.Status != domain.Failed {
				fmt.Fprintf(stdout, "%s: %s (article %s, %d entities, %d relations)\n", r.Origin, r.Status, r.ArticleID, r.Entities, r.Relations)
			}
		},
		OnWait: func(err error, d time.Duration) {
			if rep != nil {
				rep.Waiting(err, d)
			} else {
				fmt.Fprintf(stderr, "waiting for Neo4j (retrying in %s): %v\n", d.Round(10*time.Millisecond), err)
			}
		},
	})
	if rep != nil {
		rep.Finish()
	}
	if cmd.Bool("json") {
		enc := json.NewEncoder(stdout)
		if jerr := enc.Encode(sum); jerr != nil && err == nil {
			err = jerr
		}
	} else if sum.Read > 0 || err == nil {
		fmt.Fprintln(stdout, sum)
	}
	return err
}

// retract removes articles by id.
func retract(ctx context.Context, cmd *cli.Command, stdout io.Writer) error {
	ids := cmd.Args().Slice()
	connect, closeStore := lazyStore(cmd)
	defer closeStore()
	ld := &loader.Loader{
		Connect:   connect,
		Temporary: store.IsTemporary,
		Wait:      cmd.Duration("wait"),
	}
	n, err := ld.Retract(ctx, ids)
	if err != nil {
		return err
	}
	if cmd.Bool("json") {
		return json.NewEncoder(stdout).Encode(map[string]int{"requested": len(ids), "retracted": n})
	}
	fmt.Fprintf(stdout, "retracted %d of %d articles", n, len(ids))
	if n < len(ids) {
		fmt.Fprint(stdout, " (the others were not in the graph)")
	}
	fmt.Fprintln(stdout)
	return nil
}

// isTerminal reports whether w is a terminal, where a progress bar can be
// redrawn in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func extractCmd(cmd *cli.Command, stdout io.Writer) error {
	x, err := newExtractor(cmd)
	if err != nil {
		return err
	}
	maxBytes := int(cmd.Int("max-bytes"))
	if maxBytes <= 0 {
		return domain.Errorf(domain.EINVALID, "--max-bytes must be positive")
	}
	x.MaxBytes = maxBytes
	x.Explain = cmd.Bool("explain")
	items, err := (&loader.Loader{Extractor: x, MaxBytes: maxBytes}).Extract(cmd.Args().Slice()...)
	if err != nil {
		return err
	}
	if x.Explain && !cmd.Bool("json") {
		for _, it := range items {
			if err := writeExplained(stdout, it.Extraction); err != nil {
				return err
			}
		}
		return nil
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if !cmd.Bool("json") {
		enc.SetIndent("", "  ")
	}
	for _, it := range items {
		if err := enc.Encode(it.Extraction); err != nil {
			return err
		}
	}
	return nil
}

func newExtractor(cmd *cli.Command) (*extract.Extractor, error) {
	dirs := append(lexicon.DirsFromEnv(os.Getenv("NETAGRAPH_LEXICON")), cmd.StringSlice("lexicon")...)
	lex, err := lexicon.Load(dirs...)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return extract.New(lex), nil
}

// lazyStore is a loader's Connect, opening the store the first time there
// is something to write, and the function that closes it if it was opened.
func lazyStore(cmd *cli.Command) (func(context.Context) (loader.Store, error), func()) {
	var st *store.Store
	connect := func(ctx context.Context) (loader.Store, error) {
		s, err := openStore(ctx, cmd)
		if err != nil {
			return nil, err
		}
		st = s
		return s, nil
	}
	return connect, func() {
		if st != nil {
			st.Close(context.Background())
		}
	}
}

// openStore connects to Neo4j and makes sure the schema is in place.
func openStore(ctx context.Context, cmd *cli.Command) (*store.Store, error) {
	return openStoreWith(ctx, cmd, store.Options{})
}

func openStoreWith(ctx context.Context, cmd *cli.Command, o store.Options) (*store.Store, error) {
	st, err := store.OpenWith(ctx, cmd.String("neo4j-uri"), cmd.String("neo4j-user"), cmd.String("neo4j-password"), o)
	if err != nil {
		return nil, err
	}
	if err := st.EnsureSchema(ctx); err != nil {
		st.Close(context.Background())
		return nil, err
	}
	return st, nil
}
