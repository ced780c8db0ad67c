package loader

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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

type fakeExtractor struct{ err error }

func (f fakeExtractor) Extract(a domain.Article) (domain.Extraction, error) {
	return domain.Extraction{Article: domain.ArticleMeta{ID: a.ID, Title: a.Title}}, f.err
}

type fakeStore struct{ written []string }

func (f *fakeStore) WriteArticle(_ context.Context, a domain.Article, _ domain.Extraction) (domain.WriteResult, error) {
	f.written = append(f.written, a.ID)
	return domain.WriteResult{ArticleID: a.ID, Status: domain.New}, nil
}

func TestLoadWritesNothingOnBadInput(t *testing.T) {
	good := write(t, "good.txt", []byte("Headline\nBody"))
	bad := write(t, "bad.txt", []byte{0xff})
	st := &fakeStore{}
	l := &Loader{Extractor: fakeExtractor{}, Store: st}
	if _, err := l.Load(context.Background(), good, bad); err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Fatalf("err = %v, want bad.txt named", err)
	}
	if len(st.written) != 0 {
		t.Errorf("wrote %v despite bad input", st.written)
	}
	l.Extractor = fakeExtractor{err: domain.Errorf(domain.EINVALID, "article is odd")}
	_, err := l.Load(context.Background(), good)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "good.txt: article is odd") {
		t.Errorf("extraction error = %v, want EINVALID naming good.txt", err)
	}
	l.Extractor = fakeExtractor{}
	res, err := l.Load(context.Background(), good)
	if err != nil || len(res) != 1 || len(st.written) != 1 {
		t.Errorf("load good: %v, %v, wrote %v", res, err, st.written)
	}
}
