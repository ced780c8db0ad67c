package loader

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"golang.org/x/text/unicode/norm"
)

// A reader turns one file's bytes into articles. Formats are chosen by file
// extension; later formats (JSON lines, JSON, gzip) add entries here.
type reader func(path string, b []byte) ([]domain.Article, error)

var readers = map[string]reader{
	".txt": readText,
}

// Read reads the articles in the file at path. Every error is a
// *domain.Error (EINVALID) whose message names the file.
func Read(path string) ([]domain.Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, invalid(path, "is a directory")
	}
	read, ok := readers[strings.ToLower(filepath.Ext(path))]
	if !ok {
		return nil, invalid(path, "unsupported format (want a .txt file)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	return read(path, b)
}

// fileError says in one line why path could not be read.
func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return invalid(path, "no such file")
	case errors.Is(err, fs.ErrPermission):
		return invalid(path, "permission denied")
	}
	var perr *fs.PathError
	if errors.As(err, &perr) {
		err = perr.Err
	}
	return invalid(path, "%v", err)
}

// readText reads a .txt article: the first line is the headline, the second
// the standfirst, the rest the body. Its id is a hash of its normalised text.
func readText(path string, b []byte) ([]domain.Article, error) {
	if off := invalidUTF8(b); off >= 0 {
		return nil, invalid(path, "not UTF-8 text (invalid byte at offset %d)", off)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	text := strings.ReplaceAll(norm.NFC.String(string(b)), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return nil, invalid(path, "empty article")
	}
	lines := strings.SplitN(strings.TrimLeft(text, " \t\n"), "\n", 3)
	a := domain.Article{Title: strings.TrimSpace(lines[0]), Origin: path}
	if len(lines) > 1 {
		a.Standfirst = strings.TrimSpace(lines[1])
	}
	if len(lines) > 2 {
		a.Body = strings.TrimSpace(lines[2])
	}
	if a.Standfirst == "" && a.Body == "" {
		return nil, invalid(path, "no text after the headline")
	}
	a.ID = extract.ArticleID(a.Text())
	return []domain.Article{a}, nil
}

// invalidUTF8 is the byte offset of b's first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for off := 0; off < len(b); {
		r, n := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && n <= 1 {
			return off
		}
		off += n
	}
	return -1
}

func invalid(path, format string, args ...any) *domain.Error {
	return domain.Errorf(domain.EINVALID, "%s: "+format, append([]any{path}, args...)...)
}
