package store

import (
	"cmp"
	"embed"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"text/template"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/netagraph/netagraph/domain"
)

// The store's Cypher lives in store/cypher/*.cypher as named templates,
// one per statement or per piece a statement is built from (a nested list's
// subquery, the resolution of an entity argument), so a statement reads as
// Cypher in one place rather than as strings joined across Go functions.
//
// What a template is given is never a value from a request: only names the
// compiler made (variables, columns, parameter names), labels and
// relationship types from domain's fixed lists, numbers from domain's
// limits, and pieces rendered by other templates. Every value reaches
// Neo4j as a parameter.

//go:embed cypher/*.cypher
var cypherFiles embed.FS

var statements = template.Must(template.New("cypher").
	Option("missingkey=error").
	Funcs(template.FuncMap{"pageOf": pageOf, "idPrefixes": idPrefixes,
		"rankOf": rankOf, "ranksOf": ranksOf, "stillIn": stillIn, "arrow": arrow, "evidenceRankOf": evidenceRankOf,
		"strengthOf": strengthOf}).
	ParseFS(cypherFiles, "cypher/*.cypher"))

// cypher renders the named template with data. Templates and the data
// given them are both the store's own, fixed when it is built, so a
// template that fails to render is a bug: it panics, as regexp.MustCompile
// does, and a request meeting it gets INTERNAL (gqlgen recovers the panic).
// statements_test.go renders every read of the port without Neo4j (and
// checks every template is used); the integration tests run them.
//
// What it renders is kept (rendered): a template's text depends on nothing
// but its data, and its data are the plan's shape (names, labels, types,
// limits, other rendered pieces), never a request's values, so the same
// shape of query renders the same statement every time. Rendering a party
// query's statement costs about 70 µs of Go CPU in text/template; hashing
// its templates' data instead costs a fraction of that.
func cypher(name string, data any) string {
	if !keepRendered {
		return render(name, data)
	}
	key := renderKeyOf(name, data)
	if s, ok := rendered.Get(key); ok {
		return s
	}
	s := render(name, data)
	if present, _ := rendered.ContainsOrAdd(key, s); !present {
		renderedBytes.Add(int64(len(s)))
		for renderedBytes.Load() > maxRenderedBytes {
			if _, _, ok := rendered.RemoveOldest(); !ok {
				break
			}
		}
	}
	return s
}

// keepRendered is whether cypher keeps what it renders; tests turn it off
// to compare.
var keepRendered = true

// render executes the named template with data.
func render(name string, data any) string {
	var b strings.Builder
	if err := statements.ExecuteTemplate(&b, name, data); err != nil {
		panic(fmt.Sprintf("store: statement %s: %v", name, err))
	}
	return b.String()
}

// maxRendered and maxRenderedBytes bound the rendered pieces kept, least
// recently used first out. A statement is a few dozen pieces (every read
// of the port with every list nested, statements_test.go's everyRead, is
// 421 pieces and 0.8 MB) and the API's shapes of query a few hundred, so
// the documented queries and their variations stay; a client sending
// ever new shapes costs a render each, as without the cache, and at most
// maxRenderedBytes of memory.
const (
	maxRendered      = 4096
	maxRenderedBytes = 8 << 20
)

var (
	// renderedBytes is the length of the pieces kept.
	renderedBytes atomic.Int64
	rendered      = func() *lru.Cache[renderKey, string] {
		c, err := lru.NewWithEvict(maxRendered, func(_ renderKey, s string) { renderedBytes.Add(-int64(len(s))) })
		if err != nil {
			panic(err) // the size is fixed and positive
		}
		return c
	}()
)

// renderKey is a template's name and a 128-bit hash of its data (two
// seeds of maphash): for two different data to share a key among the
// cache's 4,096 would take odds of about 2⁻¹⁰⁴.
type renderKey struct {
	name   string
	h1, h2 uint64
}

var renderSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func renderKeyOf(name string, data any) renderKey {
	var h dataHash
	h.a.SetSeed(renderSeeds[0])
	h.b.SetSeed(renderSeeds[1])
	h.value(reflect.ValueOf(data))
	return renderKey{name: name, h1: h.a.Sum64(), h2: h.b.Sum64()}
}

// dataHash hashes a template's data: every string with its length before
// it and every container with its length, so that no two data write the
// same bytes (a map's entries in key order; a struct's fields in order,
// after its type's name).
type dataHash struct{ a, b maphash.Hash }

func (h *dataHash) str(s string) {
	h.num(uint64(len(s)))
	h.a.WriteString(s)
	h.b.WriteString(s)
}

func (h *dataHash) num(n uint64) {
	var b [9]byte
	l := binary.PutUvarint(b[:], n)
	h.a.Write(b[:l])
	h.b.Write(b[:l])
}

func (h *dataHash) value(v reflect.Value) {
	h.num(uint64(v.Kind()))
	switch v.Kind() {
	case reflect.Invalid:
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.num(1)
		} else {
			h.num(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.num(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		h.num(v.Uint())
	case reflect.Slice, reflect.Array:
		h.num(uint64(v.Len()))
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Map:
		if m, ok := v.Interface().(map[string]string); ok && v.CanInterface() {
			h.stringMap(m)
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return cmp.Compare(x.String(), y.String()) })
		h.num(uint64(len(keys)))
		for _, k := range keys {
			h.value(k)
			h.value(v.MapIndex(k))
		}
	case reflect.Struct:
		h.str(v.Type().String())
		for i := range v.NumField() {
			h.value(v.Field(i))
		}
	case reflect.Interface, reflect.Pointer:
		h.num(boolNum(v.IsNil()))
		if !v.IsNil() {
			h.value(v.Elem())
		}
	default:
		panic(fmt.Sprintf("store: template data of kind %s", v.Kind()))
	}
}

// stringMap is value for the commonest data, without reflection.
func (h *dataHash) stringMap(m map[string]string) {
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	h.num(uint64(len(keys)))
	for _, k := range keys {
		h.num(uint64(reflect.String))
		h.str(k)
		h.num(uint64(reflect.String))
		h.str(m[k])
	}
}

func boolNum(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// idPrefixes are the id prefixes that name an entity's type
// (domain.TypeOfID), as Cypher strings without their colon: 'person', ….
func idPrefixes() string {
	prefixes := make([]string, len(domain.EntityTypes))
	for i, t := range domain.EntityTypes {
		prefixes[i] = "'" + strings.TrimSuffix(t.IDPrefix(), ":") + "'"
	}
	return strings.Join(prefixes, ", ")
}

// rankPart names the relationship r and its end for relationRank.
type rankPart struct{ R, End string }

func rankOf(r, end string) rankPart { return rankPart{R: r, End: end} }

// strengthPart names the confidence and source count expressions of strength.
type strengthPart struct{ Confidence, Sources string }

func strengthOf(confidence, sources string) strengthPart {
	return strengthPart{Confidence: confidence, Sources: sources}
}

// ranksPart is what setRanks is given: the relationship, and whether its
// type is symmetric.
type ranksPart struct {
	R         string
	Symmetric bool
}

func ranksOf(r string, symmetric bool) ranksPart { return ranksPart{R: r, Symmetric: symmetric} }

// evidenceRankPart names the expressions evidenceRank is made of.
type evidenceRankPart struct{ Key, Published, Confidence, ID string }

func evidenceRankOf(key, published, confidence, id string) evidenceRankPart {
	return evidenceRankPart{Key: key, Published: published, Confidence: confidence, ID: id}
}

// stillInPart names the member, coalition and membership of stillIn.
type stillInPart struct{ X, C, M string }

func stillIn(x, c, m string) stillInPart { return stillInPart{X: x, C: c, M: m} }
