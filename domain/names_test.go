package domain

import "testing"

func TestNameKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"नितीश", "नीतीश"},         // short and long i
		{"खड़गे", "खडगे"},          // nukta or not
		{"गाँधी", "गांधी"},         // chandrabindu or anusvara
		{"ज़फ़र", "\u095B\u095Eर"}, // nukta written as one letter
		{"SP", "s.p."},
		{"समाजवादी पार्टी", "समाजवादी  पार्टी"},
		{"पार्टी\u200D", "पार्टी"}, // joiner
		{"२०२४", "2024"},
		{"O’Brien", "o'brien"},
	} {
		if ka, kb := NameKey(tc.a), NameKey(tc.b); ka != kb {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want one key", tc.a, ka, tc.b, kb)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"नीतीश", "नीतिन"},
		{"सपा", "बसपा"},
		{"की", "का"},
	} {
		if NameKey(tc.a) == NameKey(tc.b) {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q; want two keys", tc.a, tc.b, NameKey(tc.a))
		}
	}
	if got := NameKey(" \t.,-"); got != "" {
		t.Errorf("NameKey of punctuation and spaces = %q, want empty", got)
	}
}

func TestTypeOfID(t *testing.T) {
	for _, typ := range EntityTypes {
		got, ok := TypeOfID(typ.IDPrefix() + "x")
		if !ok || got != typ {
			t.Errorf("TypeOfID(%q) = %q, %v; want %q", typ.IDPrefix()+"x", got, ok, typ)
		}
	}
	for _, id := range []string{"x", "foo:bar", "", "Person:x", "organization:x"} {
		if got, ok := TypeOfID(id); ok {
			t.Errorf("TypeOfID(%q) = %q; want no type", id, got)
		}
	}
}
