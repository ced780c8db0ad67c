package loader

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/netagraph/netagraph/domain"
)

func write(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads paths as a load does and returns the articles and the
// failures' messages.
func readAll(t *testing.T, paths []string, stdin []byte, format string, maxBytes int) (arts []domain.Article, fails []string) {
	t.Helper()
	if maxBytes == 0 {
		maxBytes = 1 << 20
	}
	rd := &reading{maxBytes: maxBytes, format: format, stdin: bytes.NewReader(stdin), emit: func(r record) bool {
		if r.err != nil {
			var derr *domain.Error
			if !errors.As(r.err, &derr) || derr.Code != domain.EINVALID {
				t.Errorf("%v is not a domain EINVALID error", r.err)
			}
			if strings.Contains(r.err.Error(), "\n") {
				t.Errorf("error is not one line: %q", r.err)
			}
			if !strings.HasPrefix(r.err.Error(), r.art.Origin+": ") {
				t.Errorf("error %q does not start with its origin %q", r.err, r.art.Origin)
			}
			fails = append(fails, r.err.Error())
			return true
		}
		arts = append(arts, r.art)
		return true
	}}
	rd.paths(paths)
	return arts, fails
}

func TestReadText(t *testing.T) {
	// CRLF, a BOM and NFD text all read as the same normalised article.
	path := write(t, "a.txt", []byte("\uFEFFHeadline \r\nStandfirst.\r\nBody one.\r\n\r\nBody two.\r\n"))
	as, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	a := as[0]
	if a.Title != "Headline" || a.Standfirst != "Standfirst." || a.Body != "Body one.\n\nBody two." || a.Origin != path {
		t.Errorf("article = %+v", a)
	}
	if len(a.ID) != 16 {
		t.Errorf("id %q is not 16 hex digits", a.ID)
	}
	same, _ := Read(write(t, "b.txt", []byte("Headline\nStandfirst.\nBody one.\n\nBody two.")))
	if same[0].ID != a.ID {
		t.Errorf("ids differ for the same text: %s, %s", same[0].ID, a.ID)
	}
	nfd, _ := Read(write(t, "c.txt", []byte("Cafe\u0301\nx")))
	nfc, _ := Read(write(t, "d.txt", []byte("Caf\u00e9\nx")))
	if nfd[0].ID != nfc[0].ID || nfd[0].Title != "Caf\u00e9" {
		t.Errorf("NFD and NFC text read differently: %+v, %+v", nfd[0], nfc[0])
	}
}

func TestReadBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing.txt"), "missing.txt: no such file"},
		{"empty", write(t, "empty.txt", []byte(" \n\n\t\n")), "empty.txt: empty article"},
		{"headline only", write(t, "head.txt", []byte("Only a headline\n")), "head.txt: no text after the headline"},
		{"latin-1", write(t, "latin1.txt", []byte("Headline\ncaf\xe9\n")), "latin1.txt: not UTF-8 text (invalid byte at offset 12)"},
		{"format", write(t, "a.csv", []byte("x")), "a.csv: unsupported format"},
		{"directory", dir, "is a directory"},
		{"not gzip", write(t, "a.txt.gz", []byte("plain")), "a.txt.gz: not gzip data"},
	} {
		_, err := Read(tc.path)
		var derr *domain.Error
		if !errors.As(err, &derr) || derr.Code != domain.EINVALID {
			t.Errorf("%s: err = %v, want a domain EINVALID error", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
			t.Errorf("%s: %q, want it to name the file and say %q", tc.name, err, tc.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tc.name, err)
		}
	}
}

const (
	hiLine = `{"id":"a1","url":"https://x.example/1","title":"सपा और टीएमसी","body":"अखिलेश यादव ने ममता बनर्जी से मुलाकात की।","publishedAt":"2023-03-17","lang":"hi","source":"Example"}`
	enLine = `{"id":2,"title":"SP meets TMC","text":"Akhilesh Yadav met Mamata Banerjee.","publishedAt":"2024-05-01T10:30:00+05:30"}`
)

func TestReadFormats(t *testing.T) {
	lines := []byte(hiLine + "\n\n" + enLine + "\n")
	array := []byte("[\n  " + hiLine + ",\n  " + enLine + "\n]\n")
	object := []byte("{\n  \"title\": \"One\",\n  \"body\": \"The body.\"\n}\n")
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"a/1.txt": []byte("Headline\nStandfirst\nBody"), "a/b/2.jsonl.gz": gz(t, lines), "a/b/3.ndjson": lines,
		"a/4.json": object, "a/.hidden/5.txt": []byte("Hidden\nx"), "a/.6.txt": []byte("Hidden\nx"), "a/notes.md": []byte("# x"),
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name   string
		paths  []string
		stdin  []byte
		format string
		want   int
	}{
		{"jsonl", []string{write(t, "x.jsonl", lines)}, nil, "", 2},
		{"ndjson", []string{write(t, "x.ndjson", lines)}, nil, "", 2},
		{"json array", []string{write(t, "x.json", array)}, nil, "", 2},
		{"json object", []string{write(t, "x.json", object)}, nil, "", 1},
		{"gzipped jsonl", []string{write(t, "x.jsonl.gz", gz(t, lines))}, nil, "", 2},
		{"gzipped json", []string{write(t, "x.JSON.GZ", gz(t, array))}, nil, "", 2},
		{"gzipped txt", []string{write(t, "x.txt.gz", gz(t, []byte("H\nS\nB")))}, nil, "", 1},
		{"directory", []string{filepath.Join(dir, "a")}, nil, "", 1 + 2 + 2 + 1},
		{"stdin jsonl", []string{Stdin}, lines, "", 2},
		{"stdin json", []string{Stdin}, array, "", 2},
		{"stdin json object", []string{Stdin}, object, "", 1},
		{"stdin txt", []string{Stdin}, []byte("Headline\nStandfirst\nBody"), "", 1},
		{"stdin gzipped", []string{Stdin}, gz(t, lines), "", 2},
		{"stdin format", []string{Stdin}, []byte(`{"title":"{","body":"x"}`), FormatLines, 1},
	} {
		arts, fails := readAll(t, tc.paths, tc.stdin, tc.format, 0)
		if len(fails) > 0 || len(arts) != tc.want {
			t.Errorf("%s: %d articles, failures %q; want %d articles", tc.name, len(arts), fails, tc.want)
		}
	}

	arts, _ := readAll(t, []string{write(t, "x.jsonl", lines)}, nil, "", 0)
	a, b := arts[0], arts[1]
	if a.ID != "a1" || a.URL != "https://x.example/1" || a.Lang != "hi" || a.Source != "Example" || a.PublishedAt.Format("2006-01-02") != "2023-03-17" {
		t.Errorf("first article = %+v", a)
	}
	if !strings.HasSuffix(a.Origin, "x.jsonl:1") || !strings.HasSuffix(b.Origin, "x.jsonl:3") {
		t.Errorf("origins %q, %q; want the file and line", a.Origin, b.Origin)
	}
	if b.ID != "2" || b.Body != "Akhilesh Yadav met Mamata Banerjee." || b.PublishedAt.UTC().Format("2006-01-02T15:04") != "2024-05-01T05:00" {
		t.Errorf("second article (numeric id, text, RFC 3339 date) = %+v", b)
	}
	arts, _ = readAll(t, []string{write(t, "x.json", array)}, nil, "", 0)
	if !strings.HasSuffix(arts[0].Origin, "x.json:2") || !strings.HasSuffix(arts[1].Origin, "x.json:3") {
		t.Errorf("JSON array origins %q, %q; want lines 2 and 3", arts[0].Origin, arts[1].Origin)
	}
	arts, _ = readAll(t, []string{write(t, "x.json", object)}, nil, "", 0)
	if len(arts[0].ID) != 16 {
		t.Errorf("an article without an id gets the hash of its text, not %q", arts[0].ID)
	}
}

// A bad line is reported with its file and line and skipped; the lines
// after it are read.
func TestReadBadLines(t *testing.T) {
	input := strings.Join([]string{
		hiLine,
		`{"id":"x", "title": "broken`,
		"{\"id\":\"y\",\"title\":\"T\",\"body\":\"caf\xe9\"}",
		`{"id":"z","title":"No body"}`,
		`{"id":"d","title":"T","body":"B","publishedAt":"17/03/2023"}`,
		`{"id":"n","title":5,"body":"B"}`,
		`["not", "an", "object"]`,
		`{"id":"big","title":"T","body":"` + strings.Repeat("x", 300) + `"}`,
		enLine,
	}, "\n")
	path := write(t, "in.jsonl", []byte(input))
	arts, fails := readAll(t, []string{path}, nil, "", 200)
	if len(arts) != 2 || arts[0].ID != "a1" || arts[1].ID != "2" {
		t.Errorf("read %+v, want the two good articles", arts)
	}
	want := []string{
		"in.jsonl:2: malformed JSON",
		"in.jsonl:3: not UTF-8 text (invalid byte at offset ",
		"in.jsonl:4: missing body",
		"in.jsonl:5: publishedAt \"17/03/2023\" is not RFC 3339 or YYYY-MM-DD",
		"in.jsonl:6: title is a JSON number, not a string",
		"in.jsonl:7: not an article object",
		"in.jsonl:8: article is 302 bytes, above the limit of 200",
	}
	if len(fails) != len(want) {
		t.Fatalf("failures %q, want %d", fails, len(want))
	}
	for i, w := range want {
		if !strings.Contains(fails[i], w) {
			t.Errorf("failure %d = %q, want %q", i, fails[i], w)
		}
	}
	if off := strings.Index(input, "\xe9"); !strings.Contains(fails[1], "offset "+strconv.Itoa(off)+")") {
		t.Errorf("invalid UTF-8 at byte %d of the file, reported as %q", off, fails[1])
	}
}

// In a JSON array, a bad element is skipped; broken JSON ends the file but
// not the load.
func TestReadBadJSON(t *testing.T) {
	array := "[\n" + hiLine + ",\n{\"id\":\"x\",\"title\":\"T\",\"body\":7},\n{\"id\":\"y\",\"title\":\"T\"},\n" + enLine + "\n]"
	broken := "[\n" + hiLine + ",\n{\"id\":\"x\" \"title\":\"T\"},\n" + enLine + "\n]"
	a := write(t, "a.json", []byte(array))
	b := write(t, "b.json", []byte(broken))
	c := write(t, "c.jsonl", []byte(enLine+"\n"))
	arts, fails := readAll(t, []string{a, b, c}, nil, "", 0)
	if len(arts) != 2+1+1 {
		t.Errorf("read %d articles, want 4: two of a.json, the one before the break in b.json, c.jsonl's", len(arts))
	}
	want := []string{"a.json:3: body is a JSON number", "a.json:4: missing body", "b.json:3: malformed JSON"}
	if len(fails) != len(want) {
		t.Fatalf("failures %q, want %q", fails, want)
	}
	for i, w := range want {
		if !strings.Contains(fails[i], w) {
			t.Errorf("failure %d = %q, want %q", i, fails[i], w)
		}
	}
	for name, text := range map[string]string{
		"empty.json": "  \n", "scalar.json": "42", "trailing.json": "{\"title\":\"T\",\"body\":\"B\"} x",
		"unclosed.json": "[" + hiLine, "latin1.json": "[" + hiLine + ", {\"title\":\"caf\xe9\",\"body\":\"b\"}]",
	} {
		_, fails := readAll(t, []string{write(t, name, []byte(text))}, nil, "", 0)
		if len(fails) != 1 || !strings.Contains(fails[0], name) {
			t.Errorf("%s: failures %q, want one naming the file", name, fails)
		}
	}
}

// A file that is not gzip, or is cut short, is one failure naming it.
func TestReadBadGzip(t *testing.T) {
	whole := gz(t, []byte(hiLine+"\n"+enLine+"\n"))
	cut := write(t, "cut.jsonl.gz", whole[:len(whole)-12])
	_, fails := readAll(t, []string{cut}, nil, "", 0)
	if len(fails) != 1 || !strings.Contains(fails[0], "cut.jsonl.gz") {
		t.Errorf("truncated gzip: %q", fails)
	}
}

func TestInputSize(t *testing.T) {
	a := write(t, "a.txt", []byte("12345"))
	if n := InputSize([]string{a, filepath.Dir(a)}); n != 10 {
		t.Errorf("size %d, want 10: the file, and again in its directory", n)
	}
	if n := InputSize([]string{a, Stdin}); n != -1 {
		t.Errorf("size with standard input %d, want -1", n)
	}
}

// A .gz cut in the middle of a line is one failure at that line, not the
// read error and a malformed article too.
func TestReadGzipCutMidLine(t *testing.T) {
	plain := []byte(hiLine + "\n" + enLine + "\n" + hiLine + "\n")
	whole := gz(t, plain)
	for cut := len(whole) / 3; cut < len(whole)-8; cut += 7 {
		path := write(t, "cut.jsonl.gz", whole[:cut])
		arts, fails := readAll(t, []string{path}, nil, "", 0)
		if len(fails) != 1 {
			t.Fatalf("cut at %d of %d: %d articles, failures %q, want exactly one", cut, len(whole), len(arts), fails)
		}
		if len(arts)+len(fails) > 3 {
			t.Errorf("cut at %d: %d articles and %d failures from a file of 3 lines", cut, len(arts), len(fails))
		}
	}
}

// An empty file is a failure naming it, whatever its format.
func TestReadEmptyFiles(t *testing.T) {
	for _, name := range []string{"e.txt", "e.jsonl", "e.json", "blank.jsonl", "blank.txt"} {
		text := ""
		if strings.HasPrefix(name, "blank") {
			text = " \n\n \n"
		}
		arts, fails := readAll(t, []string{write(t, name, []byte(text))}, nil, "", 0)
		if len(arts) != 0 || len(fails) != 1 || !strings.Contains(fails[0], name) || !strings.Contains(fails[0], "empty") {
			t.Errorf("%s: %d articles, failures %q, want one saying the file is empty", name, len(arts), fails)
		}
	}
}
