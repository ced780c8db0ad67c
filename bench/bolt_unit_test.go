package bench

import (
	"reflect"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tap's PackStream decoding, on a RUN message written by hand from the
// Bolt specification: what the peer benchmark's statement counts and
// PROFILE replays rest on.
func TestBoltTapReadsRun(t *testing.T) {
	msg := []byte{
		0xB3, 0x10, // RUN, three fields
		0x88, 'R', 'E', 'T', 'U', 'R', 'N', ' ', '1', // query
		0xA6,                        // parameters: a map of six
		0x81, 'i', 0xC9, 0x01, 0x00, // 256 as INT_16
		0x81, 'n', 0xF0, // -16, a tiny int
		0x81, 's', 0xD0, 0x03, 0xE0, 0xA4, 0xAD, // "भ" as STRING_8
		0x81, 'l', 0x93, 0xC3, 0xC0, 0xC1, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0, // [true, null, 1.5]
		0x81, 'd', 0xB1, 'D', 0xC9, 0x4E, 0x20, // Date: day 20000
		0x81, 'm', 0xA1, 0x81, 'k', 0xCB, 0, 0, 0, 1, 0, 0, 0, 0, // {k: 2^32} as INT_64
		0xA0, // extra
	}
	tap := &boltTap{}
	tap.inspect(msg)
	tap.inspect([]byte{0xB0, 0x13}) // PULL-less noise: not a RUN
	got := tap.take()
	if len(got) != 1 {
		t.Fatalf("recorded %d statements, want 1", len(got))
	}
	want := map[string]any{
		"i": int64(256), "n": int64(-16), "s": "भ", "l": []any{true, nil, 1.5},
		"d": neo4j.DateOf(time.Date(2024, 10, 4, 0, 0, 0, 0, time.UTC)),
		"m": map[string]any{"k": int64(1) << 32},
	}
	if got[0].err != nil || got[0].cypher != "RETURN 1" || !reflect.DeepEqual(got[0].params, want) {
		t.Errorf("got %q %#v (error %v), want %#v", got[0].cypher, got[0].params, got[0].err, want)
	}
	if len(tap.take()) != 0 {
		t.Error("take did not forget what it returned")
	}
}
