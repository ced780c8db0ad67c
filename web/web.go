// Package web serves netagraph's browser UI: a GraphiQL IDE for the GraphQL
// API at "/" and a graph explorer at "/explore", built only on the public
// GraphQL API. Every asset the pages need (GraphiQL, React, ReactDOM,
// Cytoscape.js, the Noto Sans Devanagari font, our scripts and stylesheets)
// is embedded in the binary, so they work with no internet access; see
// static/README.md for the vendored versions.
//
// Typical wiring, with the GraphQL API beside it:
//
//	mux := http.NewServeMux()
//	mux.Handle("/graphql", api)
//	mux.Handle("/", web.Handler("/graphql"))
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

// DefaultEndpoint is the GraphQL endpoint used when Handler is given "".
const DefaultEndpoint = "/graphql"

//go:embed static/index.html static/explore.html static/*.js static/*.css static/*.svg static/*.woff2 static/licenses
var staticFS embed.FS

// asset is one embedded file served under /static/.
type asset struct {
	name        string
	contentType string
	data        []byte
	hash        string // hex SHA-256 prefix; the ?v= value and the ETag

	gzipOnce sync.Once
	gzipData []byte // nil when compression does not pay off
}

var (
	assets = map[string]*asset{} // keyed by path below static/
	// pageTpl holds the pages, templates rendered by Handler: index.html
	// (the IDE) and explore.html (the explorer).
	pageTpl *template.Template
	// modTime is a fixed time: embedded files carry none, and ETags do the
	// real validation.
	modTime = time.Unix(0, 0)
)

func init() {
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		if name == "index.html" || name == "explore.html" {
			return nil // a template, rendered by Handler, not a static file
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		assets[name] = &asset{
			name:        name,
			contentType: contentType(name),
			data:        data,
			hash:        hex.EncodeToString(sum[:8]),
		}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("web: reading embedded assets: %v", err))
	}

	pageTpl = template.Must(template.New("pages").Funcs(template.FuncMap{
		// asset yields the relative, cache-busted URL of an embedded file.
		"asset": func(name string) (string, error) {
			a, ok := assets[name]
			if !ok {
				return "", fmt.Errorf("web: index.html references unknown asset %q", name)
			}
			return "static/" + a.name + "?v=" + a.hash, nil
		},
	}).ParseFS(staticFS, "static/index.html", "static/explore.html"))
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	default:
		return "text/plain; charset=utf-8"
	}
}

// gzipped returns the gzip-compressed asset, computed on first use.
func (a *asset) gzipped() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.data)
		if zw.Close() == nil && buf.Len() < len(a.data)*9/10 {
			a.gzipData = buf.Bytes()
		}
	})
	return a.gzipData
}

// Handler serves the GraphiQL page at "/", the explorer at "/explore" and
// their embedded assets under "/static/", with both pages sending their
// requests to graphqlEndpoint (a path such as "/graphql" or an absolute
// http(s) URL; "" means DefaultEndpoint). Asset URLs in the pages are
// relative ("static/..."), so the handler may also be mounted under a prefix
// with http.StripPrefix as long as the IDE is requested with a trailing
// slash.
func Handler(graphqlEndpoint string) http.Handler {
	if graphqlEndpoint == "" {
		graphqlEndpoint = DefaultEndpoint
	}
	return &handler{
		pages: map[string]page{
			"/":        render("index.html", graphqlEndpoint),
			"/explore": render("explore.html", graphqlEndpoint),
		},
		csp: contentSecurityPolicy(graphqlEndpoint),
	}
}

// page is a rendered page and its ETag.
type page struct {
	body []byte
	etag string
}

func render(name, endpoint string) page {
	var buf bytes.Buffer
	if err := pageTpl.ExecuteTemplate(&buf, name, struct{ Endpoint string }{endpoint}); err != nil {
		// The templates and their data are fixed at build time; the tests render them.
		panic(fmt.Sprintf("web: rendering %s: %v", name, err))
	}
	sum := sha256.Sum256(buf.Bytes())
	return page{body: buf.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

type handler struct {
	pages map[string]page // by URL path
	csp   string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")

	if p, ok := h.pages[r.URL.Path]; ok {
		hdr.Set("Content-Type", "text/html; charset=utf-8")
		hdr.Set("Cache-Control", "no-cache")
		hdr.Set("ETag", p.etag)
		hdr.Set("Content-Security-Policy", h.csp)
		hdr.Set("Referrer-Policy", "no-referrer")
		http.ServeContent(w, r, "", modTime, bytes.NewReader(p.body))
		return
	}

	name, ok := strings.CutPrefix(r.URL.Path, "/static/")
	a := assets[name]
	if !ok || a == nil {
		http.NotFound(w, r)
		return
	}
	hdr.Set("Content-Type", a.contentType)
	if r.URL.Query().Get("v") == a.hash {
		// The URL names this exact content, so it never changes.
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	hdr.Add("Vary", "Accept-Encoding")
	body, etag := a.data, `"`+a.hash+`"`
	if acceptsGzip(r) {
		if gz := a.gzipped(); gz != nil {
			body, etag = gz, `"`+a.hash+`-gz"`
			hdr.Set("Content-Encoding", "gzip")
		}
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000"
	}
	return false
}

var originRe = regexp.MustCompile(`^[A-Za-z0-9.\-:\[\]]+$`)

// contentSecurityPolicy allows only the embedded scripts and styles, and
// network requests to this origin plus the GraphQL endpoint's origin when it
// is an absolute URL.
func contentSecurityPolicy(endpoint string) string {
	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && (u.Scheme == "http" || u.Scheme == "https") && originRe.MatchString(u.Host) {
		connect += " " + u.Scheme + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		// GraphiQL and its editors set inline styles at run time.
		"style-src 'self' 'unsafe-inline'",
		"font-src 'self' data:",
		"img-src 'self' data:",
		"connect-src " + connect,
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'self'",
	}, "; ")
}
