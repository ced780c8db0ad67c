package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/extract"
	"golang.org/x/text/unicode/norm"
)

// The input formats: a .txt article (headline, standfirst, body), JSON lines
// (.jsonl, .ndjson: one article object a line) and JSON (.json: one article
// object or an array of them), each possibly gzipped (.gz).
const (
	FormatText  = "txt"
	FormatLines = "jsonl"
	FormatJSON  = "json"
)

// formats maps file extensions to formats.
var formats = map[string]string{
	".txt": FormatText, ".jsonl": FormatLines, ".ndjson": FormatLines, ".json": FormatJSON,
}

// Stdin is the path that means standard input.
const Stdin = "-"

// fileFormat is the format of path by its extension, and whether it is
// gzipped; "" when the extension is not one of formats.
func fileFormat(path string) (format string, gz bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		gz = true
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	return formats[ext], gz
}

// record is one article read, or why one could not be: err is then a
// *domain.Error whose message names the file and line, and art has only
// its Origin.
type record struct {
	art domain.Article
	err error
}

// reading reads sources and hands each record to emit, which returns false
// when reading should stop.
type reading struct {
	maxBytes int       // largest article text; lines and files get some room for markup
	format   string    // of standard input; "" sniffs it
	stdin    io.Reader // standard input
	emit     func(record) bool
	consumed *atomic.Int64 // input bytes read, for progress
}

// lineLimit bounds the bytes of one JSON line or one .json element: JSON
// escapes (\u0915) make Devanagari up to twice as long as its UTF-8 text.
func (r *reading) lineLimit() int { return 2*r.maxBytes + 64<<10 }

// article emits an article read, or its failure; one larger than maxBytes
// fails here, before it is queued for extraction.
func (r *reading) article(a domain.Article, err error) bool {
	if err == nil {
		if n := len(a.Text()); n > r.maxBytes {
			err = invalid(a.Origin, "article is %d bytes, above the limit of %d (--max-bytes)", n, r.maxBytes)
		}
	}
	return r.emit(record{art: a, err: err})
}

// fail emits a record for a failure at origin.
func (r *reading) fail(origin, format string, args ...any) bool {
	return r.emit(record{art: domain.Article{Origin: origin}, err: invalid(origin, format, args...)})
}

// paths reads every path in turn: files, directories (recursively, the files
// with a known extension, in lexical order) and Stdin.
func (r *reading) paths(paths []string) {
	for _, p := range paths {
		if !r.path(p) {
			return
		}
	}
}

func (r *reading) path(path string) bool {
	if path == Stdin {
		return r.stream("stdin", r.stdin, r.format, false, true)
	}
	info, err := os.Stat(path)
	if err != nil {
		return r.emit(record{art: domain.Article{Origin: path}, err: fileError(path, err)})
	}
	if !info.IsDir() {
		return r.file(path)
	}
	keepOn := true
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			keepOn = r.emit(record{art: domain.Article{Origin: p}, err: fileError(p, err)})
		} else if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // hidden files: editors' and tools' leftovers
		} else if f, _ := fileFormat(p); !d.IsDir() && f != "" {
			keepOn = r.file(p)
		}
		if !keepOn {
			return filepath.SkipAll
		}
		return nil
	})
	return keepOn && err == nil
}

// file reads one file, whose extension says its format.
func (r *reading) file(path string) bool {
	format, gz := fileFormat(path)
	if format == "" {
		return r.fail(path, "unsupported format (want .txt, .jsonl, .ndjson or .json, possibly .gz)")
	}
	f, err := os.Open(path)
	if err != nil {
		return r.emit(record{art: domain.Article{Origin: path}, err: fileError(path, err)})
	}
	defer f.Close()
	return r.stream(path, f, format, gz, false)
}

// stream reads one input: a file or standard input. The format of standard
// input, unless given, is sniffed: gzip by its magic number, then JSON when
// it opens with [ or {, JSON lines when its first line is a whole object,
// else a .txt article.
func (r *reading) stream(name string, in io.Reader, format string, gz, sniff bool) bool {
	in = &countingReader{r: in, n: r.consumed}
	br := bufio.NewReaderSize(in, 1<<16)
	if b, _ := br.Peek(2); sniff && len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		gz = true
	}
	if gz {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(name, "not gzip data (%v)", gzipReason(err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	if format == "" {
		format = sniffFormat(br)
	}
	switch format {
	case FormatText:
		return r.text(name, br)
	case FormatLines:
		return r.lines(name, br)
	case FormatJSON:
		return r.json(name, br)
	}
	return r.fail(name, "unsupported format %q (want txt, jsonl or json)", format)
}

func sniffFormat(br *bufio.Reader) string {
	for n := 64; ; n *= 2 {
		b, err := br.Peek(n)
		t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\uFEFF")), " \t\r\n")
		switch {
		case len(t) > 0 && t[0] == '[':
			return FormatJSON
		case len(t) > 0 && t[0] == '{':
			if i := bytes.IndexByte(t, '\n'); i >= 0 {
				if json.Valid(t[:i]) {
					return FormatLines
				}
				return FormatJSON
			}
			if err != nil || n >= 1<<20 {
				if json.Valid(t) {
					return FormatLines // one object on one line: both read it the same
				}
				return FormatJSON
			}
		case len(t) > 0 || err != nil || n >= 1<<20:
			return FormatText
		}
	}
}

func gzipReason(err error) string {
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "bad header"
	}
	return err.Error()
}

// text reads a .txt article: the first line is the headline, the second the
// standfirst, the rest the body. Its id is a hash of its normalised text.
func (r *reading) text(name string, br *bufio.Reader) bool {
	b, err := io.ReadAll(io.LimitReader(br, int64(r.maxBytes)+4))
	if err != nil {
		return r.fail(name, "%s", readReason(err))
	}
	if len(b) > r.maxBytes+3 { // room for a byte-order mark
		return r.fail(name, "article is larger than the limit of %d bytes (--max-bytes)", r.maxBytes)
	}
	return r.article(parseText(name, b))
}

func parseText(name string, b []byte) (domain.Article, error) {
	a := domain.Article{Origin: name}
	if off := invalidUTF8(b); off >= 0 {
		return a, invalid(name, "not UTF-8 text (invalid byte at offset %d)", off)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	text := clean(string(b))
	if text == "" {
		return a, invalid(name, "empty article")
	}
	lines := strings.SplitN(text, "\n", 3)
	a.Title = strings.TrimSpace(lines[0])
	if len(lines) > 1 {
		a.Standfirst = strings.TrimSpace(lines[1])
	}
	if len(lines) > 2 {
		a.Body = strings.TrimSpace(lines[2])
	}
	if a.Standfirst == "" && a.Body == "" {
		return a, invalid(name, "no text after the headline")
	}
	a.ID = extract.ArticleID(a.Text())
	return a, nil
}

// clean normalises text as every reader does: NFC, \n line ends, trimmed.
func clean(s string) string {
	s = norm.NFC.String(s)
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// lines reads JSON lines, one article object a line; blank lines are
// skipped. A bad line is reported with its number and skipped.
func (r *reading) lines(name string, br *bufio.Reader) bool {
	limit := r.lineLimit()
	var off int64 // of the line in the (decompressed) input
	articles := 0
	for n := 1; ; n++ {
		line, size, err := readLine(br, limit)
		origin := fmt.Sprintf("%s:%d", name, n)
		if err != nil && err != io.EOF {
			// A line cut by a read error (a truncated .gz) is that one
			// failure, not also a malformed article.
			return r.fail(origin, "%s", readReason(err))
		}
		if size > limit || len(bytes.TrimSpace(line)) > 0 {
			articles++
		}
		if size > 0 {
			keepOn := true
			switch {
			case size > limit:
				keepOn = r.fail(origin, "line is %d bytes, above the limit of %d for an article of at most %d bytes (--max-bytes)", size, limit, r.maxBytes)
			case len(bytes.TrimSpace(line)) == 0:
			default:
				if i := invalidUTF8(line); i >= 0 {
					keepOn = r.fail(origin, "not UTF-8 text (invalid byte at offset %d)", off+int64(i))
				} else {
					keepOn = r.article(parseJSON(origin, line))
				}
			}
			if !keepOn {
				return false
			}
		}
		off += int64(size)
		if err == io.EOF {
			if articles == 0 {
				// As an empty .txt or .json file: nothing to load is a
				// mistake worth a line.
				return r.fail(name, "empty file: no JSON lines article")
			}
			return true
		}
	}
}

// readLine reads one line, its \n included. A line longer than limit is
// read to its end but not kept: size says how long it was.
func readLine(br *bufio.Reader, limit int) (line []byte, size int, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		size += len(chunk)
		if size <= limit {
			line = append(line, chunk...)
		} else {
			line = nil
		}
		if e != bufio.ErrBufferFull {
			return line, size, e
		}
	}
}

// json reads a JSON document: one article object, or an array of them read
// one element at a time. A bad element is reported with its line and
// skipped; broken JSON is reported and ends the file.
func (r *reading) json(name string, br *bufio.Reader) bool {
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3)
	}
	lc := &lineCounter{r: br, limit: r.lineLimit()}
	dec := json.NewDecoder(lc)
	origin := func(off int64) string { return fmt.Sprintf("%s:%d", name, lc.lineAt(off)) }
	// broken reports JSON that cannot be read on; the file ends there.
	broken := func(err error) bool {
		off := dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		switch {
		case errors.Is(err, errTooLarge):
			return r.fail(origin(off), "an article is larger than the limit of %d bytes (--max-bytes)", r.maxBytes)
		case invalidUTF8(lc.pending(off)) >= 0:
			i := invalidUTF8(lc.pending(off))
			return r.fail(origin(lc.base+int64(i)), "not UTF-8 text (invalid byte at offset %d)", lc.base+int64(i))
		}
		return r.fail(origin(off), "malformed JSON: %s", jsonReason(err))
	}
	// element reads one article object; ok is false when the JSON is broken.
	element := func() (keepOn, ok bool) {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return broken(err), false
		}
		start := dec.InputOffset() - int64(len(raw))
		at := origin(start)
		if i := invalidUTF8(raw); i >= 0 {
			return r.fail(at, "not UTF-8 text (invalid byte at offset %d)", start+int64(i)), true
		}
		return r.article(parseJSON(at, raw)), true
	}
	end := func() bool {
		if _, err := dec.Token(); err != io.EOF {
			if err == nil {
				return r.fail(origin(dec.InputOffset()), "malformed JSON: more after the article or array")
			}
			return broken(err)
		}
		return true
	}

	switch firstByte(br) {
	case '{':
		if keepOn, ok := element(); !ok || !keepOn {
			return keepOn
		}
		return end()
	case '[':
		if _, err := dec.Token(); err != nil {
			return broken(err)
		}
		for dec.More() {
			if keepOn, ok := element(); !ok || !keepOn {
				return keepOn
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return broken(err)
		}
		return end()
	case 0:
		return r.fail(name, "empty file: no JSON article")
	}
	return r.fail(origin(0), "malformed JSON: want an article object or an array of them")
}

// firstByte is the first byte of br that is not JSON white space, or 0.
func firstByte(br *bufio.Reader) byte {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n || err != nil {
			return 0
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
		default:
			return c
		}
	}
}

// jsonArticle is an article as JSON input gives it.
type jsonArticle struct {
	ID          json.RawMessage `json:"id"`
	URL         string          `json:"url"`
	Title       string          `json:"title"`
	Standfirst  string          `json:"standfirst"`
	Body        string          `json:"body"`
	Text        string          `json:"text"`
	PublishedAt string          `json:"publishedAt"`
	Lang        string          `json:"lang"`
	Source      string          `json:"source"`
}

// parseJSON reads one article object.
func parseJSON(origin string, b []byte) (domain.Article, error) {
	a := domain.Article{Origin: origin}
	var in jsonArticle
	if err := json.Unmarshal(b, &in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return a, invalid(origin, "not an article object")
			}
			return a, invalid(origin, "%s is a JSON %s, not a string", te.Field, te.Value)
		}
		return a, invalid(origin, "malformed JSON: %s", jsonReason(err))
	}
	id, err := jsonID(in.ID)
	if err != nil {
		return a, invalid(origin, "%v", err)
	}
	a.ID = id
	a.URL, a.Source = strings.TrimSpace(in.URL), strings.TrimSpace(in.Source)
	a.Lang = strings.ToLower(strings.TrimSpace(in.Lang))
	a.Title, a.Standfirst = clean(in.Title), clean(in.Standfirst)
	a.Body = clean(in.Body)
	if a.Body == "" {
		a.Body = clean(in.Text)
	}
	if a.Body == "" {
		return a, invalid(origin, "missing body (give body or text)")
	}
	if p := strings.TrimSpace(in.PublishedAt); p != "" {
		t, err := ParseDate(p)
		if err != nil {
			return a, invalid(origin, "%v", err)
		}
		a.PublishedAt = &t
	}
	if a.ID == "" {
		a.ID = extract.ArticleID(a.Text())
	}
	return a, nil
}

// ParseDate reads a publication date: RFC 3339, or YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("publishedAt %q is not RFC 3339 or YYYY-MM-DD", s)
}

// jsonID is an article's given id: a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", errors.New("id is neither a string nor a number")
}

// jsonReason is a JSON error without Go's type names.
func jsonReason(err error) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return se.Error()
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of input"
	}
	return readReason(err)
}

// readReason says in a few words why reading failed.
func readReason(err error) string {
	switch {
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return "corrupt gzip data"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input (truncated file?)"
	}
	var perr *fs.PathError
	if errors.As(err, &perr) {
		err = perr.Err
	}
	return err.Error()
}

var errTooLarge = errors.New("element too large")

// lineCounter tells the line of a byte offset of what it has read, for JSON
// errors and articles. It keeps only the bytes between the last offset asked
// about and what the decoder has read ahead, and refuses to keep more than
// limit of them: one article never needs more.
type lineCounter struct {
	r     io.Reader
	limit int
	buf   []byte // input from offset base on
	base  int64
	line  int // lines before base, counted from 1
}

func (c *lineCounter) Read(p []byte) (int, error) {
	if len(c.buf) > c.limit {
		return 0, errTooLarge
	}
	n, err := c.r.Read(p)
	c.buf = append(c.buf, p[:n]...)
	return n, err
}

// lineAt is the line of offset off; offsets asked about never go back.
func (c *lineCounter) lineAt(off int64) int {
	if c.line == 0 {
		c.line = 1
	}
	n := int(min(max(off-c.base, 0), int64(len(c.buf))))
	c.line += bytes.Count(c.buf[:n], []byte("\n"))
	c.buf = append(c.buf[:0], c.buf[n:]...)
	c.base += int64(n)
	return c.line
}

// pending is what has been read from the last offset asked about up to off.
func (c *lineCounter) pending(off int64) []byte {
	n := int(min(max(off-c.base, 0), int64(len(c.buf))))
	return c.buf[:n]
}

// countingReader adds what it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	return n, err
}

// Read reads the articles of one file (not a directory, not standard input)
// with the default size limit: every article, or the first error, a
// *domain.Error (EINVALID) whose message names the file and line.
func Read(path string) ([]domain.Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, invalid(path, "is a directory")
	}
	var out []domain.Article
	var first error
	rd := &reading{maxBytes: extract.DefaultMaxBytes, emit: func(rec record) bool {
		if rec.err != nil {
			first = rec.err
			return false
		}
		out = append(out, rec.art)
		return true
	}}
	rd.file(path)
	return out, first
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

// invalidUTF8 is the byte offset of b's first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for off := 0; off < len(b); {
		r, n := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && n <= 1 {
			return off
		}
		off += n
	}
	return -1
}

func invalid(origin, format string, args ...any) *domain.Error {
	return domain.Errorf(domain.EINVALID, "%s: "+format, append([]any{origin}, args...)...)
}

// InputSize is the bytes of input paths hold, for progress: the files named
// and those a load would read in the directories named; -1 when standard
// input is one of them.
func InputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == Stdin {
			return -1
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			n += info.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if f, _ := fileFormat(path); f != "" && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}
