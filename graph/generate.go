package graph

// gqlgen finds ../gqlgen.yml by walking up from here.
//go:generate go tool gqlgen generate
