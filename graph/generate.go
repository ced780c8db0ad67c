package graph

// seqlists runs gqlgen (it finds ../gqlgen.yml by walking up from here)
// with every object's fields and every list's items marshalled in order;
// see internal/seqlists.
//go:generate go run ../internal/seqlists
