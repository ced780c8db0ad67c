package graph

// seqlists runs gqlgen (it finds ../gqlgen.yml by walking up from here)
// with every object's fields and every list's items marshalled in order,
// and writes the read executor's tables (fastexec_gen.go); see
// internal/seqlists.
//go:generate go run ../internal/seqlists
