package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, target string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	srcRe = regexp.MustCompile(`<(script|link)\b([^>]*?)\b(src|href)="([^"]*)"`)
	anyRe = regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`)
)

// assetURLs returns the script, stylesheet and icon URLs of the page,
// resolved against "/" as a browser would.
func assetURLs(t *testing.T, page string) (scripts, styles, icons []string) {
	t.Helper()
	base, _ := url.Parse("http://netagraph.test/")
	for _, m := range srcRe.FindAllStringSubmatch(page, -1) {
		ref, err := url.Parse(strings.ReplaceAll(m[4], "&amp;", "&"))
		if err != nil {
			t.Fatalf("bad asset URL %q: %v", m[4], err)
		}
		if ref.IsAbs() || ref.Host != "" {
			t.Errorf("asset URL %q is not relative", m[4])
			continue
		}
		u := base.ResolveReference(ref).RequestURI()
		switch {
		case m[1] == "script":
			scripts = append(scripts, u)
		case strings.Contains(m[2], `rel="stylesheet"`):
			styles = append(styles, u)
		case strings.Contains(m[2], `rel="icon"`):
			icons = append(icons, u)
		default:
			t.Errorf("unexpected <%s%s>", m[1], m[2])
		}
	}
	return scripts, styles, icons
}

func TestPagesReferenceOnlyEmbeddedAssets(t *testing.T) {
	for _, tc := range []struct {
		path            string
		scripts, styles int
	}{
		{"/", 4, 3},        // GraphiQL, React, ReactDOM, app.js; fonts.css, GraphiQL's, ours
		{"/explore", 2, 2}, // Cytoscape.js, explore.js; fonts.css, explore.css
	} {
		t.Run(tc.path, func(t *testing.T) { pageAssets(t, tc.path, tc.scripts, tc.styles) })
	}
}

func pageAssets(t *testing.T, path string, nScripts, nStyles int) {
	h := Handler("/graphql")
	resp := get(t, h, path, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET %s Content-Type = %q", path, ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET %s Cache-Control = %q", path, cc)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET %s Content-Security-Policy = %q", path, csp)
	}
	page := body(t, resp)
	if anyRe.MatchString(page) {
		t.Errorf("page references an absolute URL: %s", anyRe.FindString(page))
	}
	if !strings.Contains(page, `data-endpoint="/graphql"`) {
		t.Errorf("endpoint not injected into page:\n%s", page)
	}

	scripts, styles, icons := assetURLs(t, page)
	if len(scripts) != nScripts || len(styles) != nStyles || len(icons) != 1 {
		t.Fatalf("want %d scripts, %d stylesheets and an icon, got %v, %v and %v", nScripts, nStyles, scripts, styles, icons)
	}
	check := func(u, wantType string) string {
		t.Helper()
		if !strings.HasPrefix(u, "/static/") {
			t.Errorf("asset %q not under /static/", u)
		}
		resp := get(t, h, u, nil)
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", u, resp.StatusCode)
			return ""
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, wantType) {
			t.Errorf("GET %s Content-Type = %q, want %s", u, ct, wantType)
		}
		if strings.Contains(u, "?v=") {
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
				t.Errorf("GET %s Cache-Control = %q, want immutable for a versioned URL", u, cc)
			}
		}
		if resp.Header.Get("ETag") == "" {
			t.Errorf("GET %s has no ETag", u)
		}
		if len(b) == 0 {
			t.Errorf("GET %s: empty body", u)
		}
		return b
	}
	for _, u := range scripts {
		check(u, "text/javascript")
	}
	fonts := 0
	for _, u := range styles {
		css := check(u, "text/css")
		// url(...) in a stylesheet resolves against it: every one must be
		// an embedded file.
		for _, m := range cssURLRe.FindAllStringSubmatch(css, -1) {
			if strings.HasPrefix(m[1], "data:") {
				continue
			}
			if strings.Contains(m[1], "//") {
				t.Errorf("%s references %s", u, m[1])
				continue
			}
			fonts++
			check("/static/"+m[1], "font/woff2")
		}
	}
	if fonts == 0 {
		t.Errorf("%s: no stylesheet loads the bundled font", path)
	}
	for _, u := range icons {
		check(u, "image/svg+xml")
	}
}

var cssURLRe = regexp.MustCompile(`url\(['"]?([^'")]+)['"]?\)`)

func TestEndpointInjectedSafely(t *testing.T) {
	for _, tc := range []struct{ endpoint, want string }{
		{"", `data-endpoint="/graphql"`},
		{"/api/graphql", `data-endpoint="/api/graphql"`},
		{"https://api.example.org/graphql", `data-endpoint="https://api.example.org/graphql"`},
		{`/q"><script>alert(1)</script>`, `data-endpoint="/q&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`},
	} {
		h := Handler(tc.endpoint)
		resp := get(t, h, "/", nil)
		page := body(t, resp)
		if !strings.Contains(page, tc.want) {
			t.Errorf("Handler(%q): page lacks %s", tc.endpoint, tc.want)
		}
		if strings.Contains(page, "<script>alert") {
			t.Errorf("Handler(%q): endpoint not escaped", tc.endpoint)
		}
		if strings.HasPrefix(tc.endpoint, "https://") {
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self' https://api.example.org") {
				t.Errorf("Handler(%q): CSP %q does not allow the endpoint", tc.endpoint, csp)
			}
		}
	}
}

func TestAssetsAndErrors(t *testing.T) {
	h := Handler("/graphql")

	// Unversioned URL: still served, but revalidated.
	resp := get(t, h, "/static/app.js", nil)
	src := body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(src, "createFetcher") {
		t.Fatalf("GET /static/app.js = %d", resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned Cache-Control = %q", cc)
	}
	for _, q := range []string{"SPAllies", "AkhileshToMamata", "Network", "HindiSearch"} {
		if !strings.Contains(src, "query "+q+" {") {
			t.Errorf("app.js lacks example query %s", q)
		}
	}

	// Conditional request.
	etag := resp.Header.Get("ETag")
	if resp := get(t, h, "/static/app.js", map[string]string{"If-None-Match": etag}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: got %d, want 304", resp.StatusCode)
	}

	// Gzip.
	resp = get(t, h, "/static/graphiql.min.js", map[string]string{"Accept-Encoding": "gzip, deflate"})
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip for graphiql.min.js")
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(plain), "createFetcher") || len(plain) != len(assets["graphiql.min.js"].data) {
		t.Errorf("gzip body does not decode to graphiql.min.js")
	}

	// License files ship with the binary.
	for name, kind := range map[string]string{
		"graphiql.LICENSE": "MIT License", "react.LICENSE": "MIT License", "react-dom.LICENSE": "MIT License",
		"cytoscape.LICENSE": "Permission is hereby granted", "noto-sans-devanagari.LICENSE": "SIL Open Font License",
	} {
		if resp := get(t, h, "/static/licenses/"+name, nil); resp.StatusCode != http.StatusOK || !strings.Contains(body(t, resp), kind) {
			t.Errorf("license %s not served", name)
		}
	}

	for _, p := range []string{"/static/", "/static/index.html", "/static/nope.js", "/index.html", "/static/../web.go", "/graphql"} {
		if resp := get(t, h, p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		}
	}

	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", rec.Code)
	}
}
