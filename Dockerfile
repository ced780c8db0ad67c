# syntax=docker/dockerfile:1

# netagraph: a static Go binary (API + embedded GraphiQL UI) on distroless.
#
#   docker build -t netagraph .
#   docker run --rm -p 8080:8080 -e NEO4J_URI=bolt://host:7687 \
#     -e NEO4J_USER=neo4j -e NEO4J_PASSWORD=... netagraph
#
# or, with Neo4j alongside: docker compose up --build

ARG GO_VERSION=1.26

# --- build --------------------------------------------------------------
# Runs on the build host's platform and cross-compiles for the target, so
# multi-platform builds (buildx --platform) need no emulation.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
WORKDIR /src

# Dependencies first, so that source edits reuse this layer.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w" -o bin/netagraph ./

# --- runtime ------------------------------------------------------------
# distroless/static: CA certificates, tzdata and /etc/passwd, no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/bin/netagraph /netagraph
# Listen on all interfaces inside the container.
ENV NETAGRAPH_ADDR=:8080
EXPOSE 8080
# uid/gid 65532 ("nonroot" in distroless).
USER nonroot:nonroot
ENTRYPOINT ["/netagraph"]
CMD ["serve"]
