package graph

// gqlgen finds ../gqlgen.yml by walking up from here; seqlists then makes
// the generated code marshal lists item by item (marshalSlice).
//go:generate go tool gqlgen generate
//go:generate go run ../internal/seqlists generated.go
