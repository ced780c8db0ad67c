// Command netagraph turns Hindi and English political news into a Neo4j
// knowledge graph and answers relationship questions about it over GraphQL.
//
//	netagraph serve              GraphQL at /graphql, the IDE at /
//	netagraph load PATH...       extract articles and write them to the graph
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
	"syscall"
	"time"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"github.com/netagraph/netagraph/graph"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/loader"
	"github.com/netagraph/netagraph/store"
	"github.com/netagraph/netagraph/web"
	"github.com/urfave/cli/v3"
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
				Name:  "serve",
				Usage: "serve the GraphQL API at /graphql and its IDE at /",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "addr", Value: ":8080", Sources: cli.EnvVars("NETAGRAPH_ADDR"), Usage: "listen `ADDRESS`"},
				}, neo4jFlags...),
				Action: serve,
			},
			{
				Name:      "load",
				Usage:     "extract articles and write them to the graph",
				ArgsUsage: "PATH...",
				Flags:     append([]cli.Flag{lexiconFlag}, neo4jFlags...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return load(ctx, cmd, stdout)
				},
			},
			{
				Name:      "extract",
				Usage:     "print what extraction finds in articles, touching no database",
				ArgsUsage: "PATH...",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "json", Usage: "one JSON object per line (the contract of ../shared/docs/ontology.md)"},
					lexiconFlag,
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return extractCmd(cmd, stdout)
				},
			},
		},
	}
}

func serve(ctx context.Context, cmd *cli.Command) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, err := openStore(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())

	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Handler(st, log))
	mux.Handle("/", web.Handler("/graphql"))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "neo4j unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})

	srv := &http.Server{Addr: cmd.String("addr"), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("serving", "addr", srv.Addr, "graphql", "/graphql")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func load(ctx context.Context, cmd *cli.Command, stdout io.Writer) error {
	x, err := newExtractor(cmd)
	if err != nil {
		return err
	}
	ld := &loader.Loader{Extractor: x}
	// Read and extract everything first: bad input writes nothing.
	items, err := ld.Extract(cmd.Args().Slice()...)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	ld.Store = st
	results, err := ld.Write(ctx, items)
	counts := map[domain.WriteStatus]int{}
	for i, r := range results {
		counts[r.Status]++
		if r.Status == domain.Unchanged {
			fmt.Fprintf(stdout, "%s: unchanged (article %s)\n", items[i].Article.Origin, r.ArticleID)
			continue
		}
		fmt.Fprintf(stdout, "%s: %s (article %s, %d entities, %d relations)\n",
			items[i].Article.Origin, r.Status, r.ArticleID, r.Entities, r.Relations)
	}
	fmt.Fprintf(stdout, "loaded %d of %d articles: %d new, %d updated, %d unchanged\n",
		len(results), len(items), counts[domain.New], counts[domain.Updated], counts[domain.Unchanged])
	return err
}

func extractCmd(cmd *cli.Command, stdout io.Writer) error {
	x, err := newExtractor(cmd)
	if err != nil {
		return err
	}
	items, err := (&loader.Loader{Extractor: x}).Extract(cmd.Args().Slice()...)
	if err != nil {
		return err
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

// openStore connects to Neo4j and makes sure the schema is in place.
func openStore(ctx context.Context, cmd *cli.Command) (*store.Store, error) {
	st, err := store.Open(ctx, cmd.String("neo4j-uri"), cmd.String("neo4j-user"), cmd.String("neo4j-password"))
	if err != nil {
		return nil, err
	}
	if err := st.EnsureSchema(ctx); err != nil {
		st.Close(context.Background())
		return nil, err
	}
	return st, nil
}
