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
WIDE           := ../shared/corpus/wide
# The floors `make score` holds: dev/ at the figures it had when wide/ came
# (issue 9), wide/ at what the extractor has reached (raised as it improves;
# the goal is entities 0.95, relations 0.85, events 0.80), then relation
# precision and event-participant recall, which the scorer's --require cannot hold
# (scripts/score-floors).
DEV_FLOORS     := entities=1.0,relations=0.953,events=0.961
WIDE_FLOORS    := entities=0.955,relations=0.85,events=0.86
DEV_PRECISION  := 1.0
DEV_PARTICIPANTS  := 0.825
WIDE_PRECISION := 0.92
WIDE_PARTICIPANTS := 0.75

test: build browser-deps conformance-deps
ifdef NETAGRAPH_TEST_NEO4J_URI
	NEO4J_URI=$(NETAGRAPH_TEST_NEO4J_URI) NETAGRAPH_TEST_NEO4J=1 NETAGRAPH_TEST_NEO4J_EXTERNAL=1 $(GO) test -p 1 -count=1 ./...
else
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_TEST_NEO4J=1 $(TEST_INSTANCE) $(GO) test -p 1 -count=1 ./...
endif
	@if [ -d $(CORPUS) ]; then $(MAKE) --no-print-directory score; else echo "no $(CORPUS): extraction score not checked"; fi

# What the browser test (e2e_test.go, web/e2e/) needs: Debian's Chromium,
# installed with apt-get when missing, and playwright-core (pinned in
# web/e2e/package-lock.json), installed with npm ci when the lock changed.
CHROMIUM ?= /usr/bin/chromium
E2E      := web/e2e
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "browser test: installing Chromium (apt-get)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi
	@if [ ! -f $(E2E)/node_modules/.package-lock.json ] || [ $(E2E)/package-lock.json -nt $(E2E)/node_modules/.package-lock.json ]; then \
		echo "browser test: npm ci in $(E2E)"; \
		cd $(E2E) && npm ci --no-audit --no-fund --loglevel=error; \
	fi
.PHONY: browser-deps

# What the GraphQL-over-HTTP conformance test (conformance_test.go) needs:
# the graphql-http audit suite, pinned in scripts/graphql-http/package-lock.json.
AUDIT := scripts/graphql-http
conformance-deps:
	@if [ ! -f $(AUDIT)/node_modules/.package-lock.json ] || [ $(AUDIT)/package-lock.json -nt $(AUDIT)/node_modules/.package-lock.json ]; then \
		echo "conformance test: npm ci in $(AUDIT)"; \
		cd $(AUDIT) && npm ci --no-audit --no-fund --loglevel=error; \
	fi
.PHONY: conformance-deps

# The extractor against the shared dev corpus, with the floors issue 3 sets.
score: build
	SCORE=$(SCORE) scripts/score-floors $(DEV_FLOORS) $(DEV_PRECISION) $(DEV_PARTICIPANTS) $(CORPUS) -- $(BIN) extract --json {}
	@if [ -d $(WIDE) ]; then SCORE=$(SCORE) scripts/score-floors $(WIDE_FLOORS) $(WIDE_PRECISION) $(WIDE_PARTICIPANTS) $(WIDE) -- $(BIN) extract --json {}; else echo "no $(WIDE): wide score not checked"; fi

run: neo4j build
	$(NEO4J_ENV) ./$(BIN) load samples/
	$(NEO4J_ENV) ./$(BIN) serve

generate:
	$(GO) generate ./...

lint:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt -l:"; echo "$$files"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags floor ./store/ ./loader/
	$(GO) run $(STATICCHECK) ./...

neo4j:
	scripts/neo4j start

# The API against the floor: loads the synthetic corpus into the test
# Neo4j (wiping it), then runs six queries at concurrency 16 over HTTP
# against bin/netagraph serve and the same Cypher straight through the
# driver, in BENCH_API_ROUNDS interleaved rounds (store/read_bench_test.go).
# GOGC=400 is what `netagraph serve` sets; the bench client and the floor's
# driver run with it too. BENCH_API_REUSE=1 measures the graph already in
# the test Neo4j (a restored snapshot) without loading.
BENCH_API_ARTICLES ?= 10000
BENCH_API_REQUESTS ?= 2000
BENCH_API_ROUNDS   ?= 4
BENCH_API_REUSE    ?= 0
bench-api: build
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && GOGC=400 NETAGRAPH_TEST_NEO4J=1 NETAGRAPH_BENCH_API=1 \
		NETAGRAPH_BENCH_ARTICLES=$(BENCH_API_ARTICLES) NETAGRAPH_BENCH_REQUESTS=$(BENCH_API_REQUESTS) \
		NETAGRAPH_BENCH_ROUNDS=$(BENCH_API_ROUNDS) NETAGRAPH_BENCH_REUSE=$(BENCH_API_REUSE) \
		NETAGRAPH_BENCH_BINARIES=$(CURDIR)/$(BIN) \
		$(GO) test -count=1 -run '^TestBenchAPI$$' -v -timeout 60m ./store/
.PHONY: bench-api

# The loader against the floor (loader/bench_test.go): the synthetic corpus
# loaded end to end by `netagraph load`, the same rows written by the store
# alone, and written with plain UNWIND … MERGE, each into an empty test
# Neo4j (scripts/neo4j reset) warmed up first. The floor (store.WriteFloor)
# is bench scaffolding, built only with -tags floor.
BENCH_LOAD_ARTICLES ?= 10000
bench-load: build
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_TEST_NEO4J=1 $(TEST_INSTANCE) NETAGRAPH_BENCH_ARTICLES=$(BENCH_LOAD_ARTICLES) \
		$(GO) test -tags floor -count=1 -run '^$$' -bench '^BenchmarkLoad$$' -benchtime 1x -timeout 60m ./loader/
.PHONY: bench-load

# A load onto a graph that already holds articles, as data teams load
# every day (scripts/bench-load-onto): BENCH_LOAD_ARTICLES synthetic
# articles of seed BENCH_LOAD_SEED, loaded by `netagraph load` onto a copy
# of the snapshot BENCH_LOAD_SNAPSHOT (a Neo4j database directory pair, as
# in /work/snap/10k) restored into the test Neo4j before every run, for
# BENCH_LOAD_ROUNDS rounds. With BENCH_LOAD_BASE=<commit>, that commit's
# binary is built too and the two alternate (base, this one, base, …).
BENCH_LOAD_SEED     ?= 2
BENCH_LOAD_ROUNDS   ?= 2
BENCH_LOAD_SNAPSHOT ?=
BENCH_LOAD_BASE     ?=
BENCH_LOAD_DIR       = $(BENCH_CACHE)/bench-load-onto
bench-load-onto: build
	@[ -n "$(BENCH_LOAD_SNAPSHOT)" ] || { echo "set BENCH_LOAD_SNAPSHOT to a snapshot directory (databases-neo4j, transactions-neo4j)"; exit 2; }
	mkdir -p $(BENCH_LOAD_DIR)
	$(GO) run ./internal/synth/cmd/synth -n $(BENCH_LOAD_ARTICLES) -seed $(BENCH_LOAD_SEED) > $(BENCH_LOAD_DIR)/corpus.jsonl
	cp $(BIN) $(BENCH_LOAD_DIR)/netagraph-head
	if [ -n "$(BENCH_LOAD_BASE)" ]; then rm -rf $(BENCH_LOAD_DIR)/base && mkdir -p $(BENCH_LOAD_DIR)/base && \
		git archive $(BENCH_LOAD_BASE) | tar -x -C $(BENCH_LOAD_DIR)/base && \
		(cd $(BENCH_LOAD_DIR)/base && $(GO) build -o ../netagraph-base .); fi
	$(TEST_NEO4J) scripts/bench-load-onto $(BENCH_LOAD_SNAPSHOT) $(BENCH_LOAD_DIR)/corpus.jsonl $(BENCH_LOAD_ROUNDS) \
		$(if $(BENCH_LOAD_BASE),base=$(BENCH_LOAD_DIR)/netagraph-base) head=$(BENCH_LOAD_DIR)/netagraph-head
.PHONY: bench-load-onto

# netagraph against the official Neo4j GraphQL Library (bench/peer_test.go):
# installs @neo4j/graphql and @apollo/server, pinned by bench/peer's
# package-lock.json, with npm into a cache directory (never the repo), loads
# the synthetic corpus (internal/synth, seed 1) into an empty test Neo4j,
# checks that both servers answer five queries the same, and measures each
# at concurrency 16 in interleaved rounds. Table and reading in docs/api.md.
BENCH_CACHE         := $(or $(NETAGRAPH_CACHE),$(HOME)/.cache/netagraph)
BENCH_PEER_DIR      ?= $(BENCH_CACHE)/bench-peer
BENCH_PEER_ARTICLES ?= 10000
BENCH_PEER_REQUESTS ?= 500
BENCH_PEER_ROUNDS   ?= 3
# The test Neo4j's process, whose CPU the benches read from /proc.
BENCH_NEO4J_PID     := $$(cat $(TEST_CACHE)/neo4j-*/run/neo4j.pid)
BENCH_ENV           := eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_BENCH_NEO4J_PID=$(BENCH_NEO4J_PID)
bench-peer: build
	mkdir -p $(BENCH_PEER_DIR)
	cp bench/peer/package.json bench/peer/server.js bench/peer/typeDefs.graphql $(BENCH_PEER_DIR)/
	if ! cmp -s bench/peer/package-lock.json $(BENCH_PEER_DIR)/package-lock.json || [ ! -d $(BENCH_PEER_DIR)/node_modules ]; then \
		cp bench/peer/package-lock.json $(BENCH_PEER_DIR)/ && cd $(BENCH_PEER_DIR) && npm ci --no-audit --no-fund --ignore-scripts; fi
	$(TEST_NEO4J) scripts/neo4j reset
	$(GO) run ./internal/synth/cmd/synth -n $(BENCH_PEER_ARTICLES) -seed 1 | \
		(eval "$$($(TEST_NEO4J) scripts/neo4j env)" && ./$(BIN) load --quiet --format jsonl -)
	$(BENCH_ENV) NETAGRAPH_BENCH_PEER=1 NETAGRAPH_BENCH_PEER_DIR=$(BENCH_PEER_DIR) \
		NETAGRAPH_BENCH_REQUESTS=$(BENCH_PEER_REQUESTS) NETAGRAPH_BENCH_ROUNDS=$(BENCH_PEER_ROUNDS) \
		$(GO) test -count=1 -run '^TestBenchPeer$$' -v -timeout 120m ./bench/
.PHONY: bench-peer

# Database hits (by PROFILE) of one request of each hub query of issue 11
# (bench/hits_test.go) on the graph already in the bench Neo4j, e.g. after
# `make bench-scale BENCH_SCALE_SIZES=10000`. Hits do not move with the
# machine's load.
bench-hits: build
	$(TEST_NEO4J) scripts/neo4j start
	$(BENCH_ENV) NETAGRAPH_BENCH_HITS=1 $(GO) test -count=1 -run '^TestBenchHits$$' -v -timeout 30m ./bench/
.PHONY: bench-hits

# Neo4j's CPU per request of the neighbourhoods bench-hits measures
# (bench/neighbourhood_cpu_test.go), on the graph already in the bench
# Neo4j: one server per binary of BENCH_NEIGHBOURHOOD_BINS (netagraph built
# at the versions to compare), taking turns in BENCH_NEIGHBOURHOOD_ROUNDS
# rounds of BENCH_NEIGHBOURHOOD_REQUESTS requests sent one at a time;
# BENCH_NEIGHBOURHOOD_ONLY keeps the neighbourhoods whose name holds it
# ("hub's").
BENCH_NEIGHBOURHOOD_BINS     ?= $(BIN)
BENCH_NEIGHBOURHOOD_ONLY     ?=
BENCH_NEIGHBOURHOOD_ROUNDS   ?= 3
BENCH_NEIGHBOURHOOD_REQUESTS ?= 100
bench-neighbourhood: build
	$(TEST_NEO4J) scripts/neo4j start
	$(BENCH_ENV) NETAGRAPH_BENCH_NEIGHBOURHOOD=1 NETAGRAPH_BENCH_BINS="$(abspath $(BENCH_NEIGHBOURHOOD_BINS))" \
		NETAGRAPH_BENCH_ROUNDS=$(BENCH_NEIGHBOURHOOD_ROUNDS) NETAGRAPH_BENCH_REQUESTS=$(BENCH_NEIGHBOURHOOD_REQUESTS) \
		NETAGRAPH_BENCH_ONLY="$(BENCH_NEIGHBOURHOOD_ONLY)" NETAGRAPH_BENCH_HUB=$(BENCH_SCALE_HUB) $(GO) test -count=1 -run '^TestBenchNeighbourhoodCPU$$' -v -timeout 60m ./bench/
.PHONY: bench-neighbourhood

# How cost grows with the graph (bench/scale_test.go): one database grown
# through BENCH_SCALE_SIZES articles of the synthetic corpus (seed 1 for the
# first size, 2 for the second, ...), four queries measured at each size
# (hey -n 400 -c 8). Loading 200,000 articles takes most of an hour on two
# cores: BENCH_SCALE_SIZES="2000 10000" for a quick look. BENCH_SCALE_RESET=0
# continues a graph an earlier run grew instead of starting empty;
# BENCH_SCALE_HUB=party:bjp fixes the hub (by default the party with the most
# relations at the first size measured) when sizes are measured in separate runs.
BENCH_SCALE_SIZES    ?= 10000 50000 200000
BENCH_SCALE_REQUESTS ?= 400
BENCH_SCALE_RESET    ?= 1
BENCH_SCALE_HUB      ?=
bench-scale: build
	if [ "$(BENCH_SCALE_RESET)" = 1 ]; then $(TEST_NEO4J) scripts/neo4j reset; else $(TEST_NEO4J) scripts/neo4j start; fi
	$(BENCH_ENV) NETAGRAPH_BENCH_SCALE=1 NETAGRAPH_BENCH_SIZES="$(BENCH_SCALE_SIZES)" \
		NETAGRAPH_BENCH_REQUESTS=$(BENCH_SCALE_REQUESTS) NETAGRAPH_BENCH_HUB=$(BENCH_SCALE_HUB) \
		$(GO) test -count=1 -run '^TestBenchScale$$' -v -timeout 300m ./bench/
.PHONY: bench-scale

# Soak and chaos (soak_test.go): the built binary serving docs/api.md's
# queries at concurrency SOAK_CONCURRENCY for SOAK_DURATION while `netagraph
# load` writes new articles, over samples/ and SOAK_ARTICLES synthetic ones
# in the test Neo4j (wiped); then Neo4j is killed (-9) and started again
# under the same load. Figures: docs/operations.md.
SOAK_DURATION    ?= 10m
SOAK_CONCURRENCY ?= 64
SOAK_ARTICLES    ?= 2000
soak:
	$(TEST_NEO4J) scripts/neo4j start
	eval "$$($(TEST_NEO4J) scripts/neo4j env)" && NETAGRAPH_TEST_NEO4J=1 NETAGRAPH_SOAK=1 $(TEST_INSTANCE) \
		SOAK_DURATION=$(SOAK_DURATION) SOAK_CONCURRENCY=$(SOAK_CONCURRENCY) SOAK_ARTICLES=$(SOAK_ARTICLES) \
		$(GO) test -count=1 -run '^TestSoak$$' -v -timeout 90m .
.PHONY: soak

# The soak's chaos step alone (scripts/restart-ready): `serve` on the graph
# already in the test Neo4j (never wiped), Neo4j killed (-9) and started
# again, the time until /readyz is ready; BENCH_RESTART_BINS (built
# binaries of versions to compare) in BENCH_RESTART_ROUNDS interleaved
# rounds. Figures: docs/operations.md.
BENCH_RESTART_ROUNDS ?= 2
BENCH_RESTART_BINS   ?= $(BIN)
bench-restart: build
	$(TEST_NEO4J) scripts/neo4j start
	$(TEST_NEO4J) scripts/restart-ready $(BENCH_RESTART_ROUNDS) $(BENCH_RESTART_BINS)
.PHONY: bench-restart
