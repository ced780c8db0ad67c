# netagraph — see README.md.
#   make run    Neo4j (provisioned or reused), build, load samples/, serve on :8080
#   make test   Neo4j (provisioned or reused), then every unit and integration test

GO          ?= go
BIN         := bin/netagraph
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Point the Go tools at the Neo4j scripts/neo4j manages (or NEO4J_URI's).
NEO4J_ENV   := eval "$$(scripts/neo4j env)" &&

.PHONY: build test score run generate lint neo4j

build:
	$(GO) build -o $(BIN) .

# Integration tests wipe the database they use, so they get a Neo4j of
# their own (its own cache directory and ports, never the one `make run`
# serves), run one package at a time, and fail without it. To test against
# another server, set NETAGRAPH_TEST_NEO4J_URI (it will be wiped).
TEST_CACHE     ?= $(or $(NETAGRAPH_CACHE),$(HOME)/.cache/netagraph)/test
TEST_BOLT_PORT ?= 7688
TEST_HTTP_PORT ?= 7475
TEST_NEO4J     := env -u NEO4J_URI NETAGRAPH_CACHE=$(TEST_CACHE) NEO4J_BOLT_PORT=$(TEST_BOLT_PORT) NEO4J_HTTP_PORT=$(TEST_HTTP_PORT)
# The loader's restart test stops and starts the test instance with scripts/neo4j.
TEST_INSTANCE  := NETAGRAPH_TEST_CACHE=$(TEST_CACHE) NEO4J_BOLT_PORT=$(TEST_BOLT_PORT) NEO4J_HTTP_PORT=$(TEST_HTTP_PORT)
SCORE          := ../shared/tools/score
CORPUS         := ../shared/corpus/dev

test: build
ifdef NETAGRAPH_TEST_NEO4J_URI
	NEO4J_URI=$(NETAGRAPH_TEST_NEO4J_URI) NETAGRAPH_TEST_NEO4J=1 NETAGRAPH_TEST_NEO4J_EXTERNAL=1 $(GO) test -p 1 -count=1 ./...
else
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_TEST_NEO4J=1 $(TEST_INSTANCE) $(GO) test -p 1 -count=1 ./...
endif
	@if [ -d $(CORPUS) ]; then $(MAKE) --no-print-directory score; else echo "no $(CORPUS): extraction score not checked"; fi

# The extractor against the shared dev corpus, with the floors issue 3 sets.
score: build
	$(SCORE) --require entities=0.95,relations=0.85,events=0.80 $(CORPUS) -- $(BIN) extract --json {}

run: neo4j build
	$(NEO4J_ENV) ./$(BIN) load samples/
	$(NEO4J_ENV) ./$(BIN) serve

generate:
	$(GO) generate ./...

lint:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt -l:"; echo "$$files"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

neo4j:
	scripts/neo4j start

# The API against the floor: loads the synthetic corpus into the test
# Neo4j (wiping it), then runs six queries at concurrency 16 over HTTP and
# the same Cypher straight through the driver (store/read_bench_test.go).
# GOGC=400 is what `netagraph serve` sets.
BENCH_API_ARTICLES ?= 10000
BENCH_API_REQUESTS ?= 2000
bench-api:
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && GOGC=400 NETAGRAPH_TEST_NEO4J=1 NETAGRAPH_BENCH_API=1 \
		NETAGRAPH_BENCH_ARTICLES=$(BENCH_API_ARTICLES) NETAGRAPH_BENCH_REQUESTS=$(BENCH_API_REQUESTS) \
		$(GO) test -count=1 -run '^TestBenchAPI$$' -v -timeout 60m ./store/
.PHONY: bench-api

# The loader against the floor (loader/bench_test.go): the synthetic corpus
# loaded end to end by `netagraph load`, the same rows written by the store
# alone, and written with plain UNWIND … MERGE, each into an empty test
# Neo4j (scripts/neo4j reset) warmed up first.
BENCH_LOAD_ARTICLES ?= 10000
bench-load: build
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_TEST_NEO4J=1 $(TEST_INSTANCE) NETAGRAPH_BENCH_ARTICLES=$(BENCH_LOAD_ARTICLES) \
		$(GO) test -count=1 -run '^$$' -bench '^BenchmarkLoad$$' -benchtime 1x -timeout 60m ./loader/
.PHONY: bench-load
