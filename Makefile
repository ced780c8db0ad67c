# netagraph — see README.md.
#   make run    Neo4j (provisioned or reused), build, load samples/, serve on :8080
#   make test   Neo4j (provisioned or reused), then every unit and integration test

GO          ?= go
BIN         := bin/netagraph
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Point the Go tools at the Neo4j scripts/neo4j manages (or NEO4J_URI's).
NEO4J_ENV   := eval "$$(scripts/neo4j env)" &&

.PHONY: build test run generate lint neo4j

build:
	$(GO) build -o $(BIN) .

# Integration tests wipe the database they use, so they run one package at
# a time and only with NETAGRAPH_TEST_NEO4J=1; without Neo4j they fail.
test: neo4j
	$(NEO4J_ENV) NETAGRAPH_TEST_NEO4J=1 $(GO) test -p 1 -count=1 ./...

run: neo4j build
	$(NEO4J_ENV) ./$(BIN) load samples/*.txt
	$(NEO4J_ENV) ./$(BIN) serve

generate:
	$(GO) generate ./...

lint:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt -l:"; echo "$$files"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

neo4j:
	scripts/neo4j start
