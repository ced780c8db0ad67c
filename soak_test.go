package main

// make soak: `netagraph serve` (the built binary, a process of its own)
// under concurrency 64 over docs/api.md's queries for SOAK_DURATION while
// `netagraph load` writes new articles, then Neo4j killed (-9) and started
// again under the same load. It prints the figures docs/operations.md
// records. Not part of make test: it is a benchmark, and it wipes the test
// database.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/netagraph/netagraph/internal/syncbuf"
	"github.com/netagraph/netagraph/internal/synth"
	"github.com/netagraph/netagraph/lexicon"
	"github.com/netagraph/netagraph/store/storetest"
)

// soakResult is one request's outcome, as a client that honours
// retryAfter sees it.
type soakResult struct {
	at      time.Time
	latency time.Duration
	// errors are every error of the response but NOT_FOUND (an example's
	// entity absent from the synthetic graph), each "CODE path"; "HTTP
	// <status>", "NET" or "NOT JSON" when there was no GraphQL answer.
	// Empty: a success.
	errors []string
	// backoff: every error was SERVICE_UNAVAILABLE (the server turned the
	// query away, or Neo4j was down): the client waited retryAfter and
	// sent the query again. Counted apart from errors.
	backoff bool
	// shed says why the server turned the query away itself: "busy"
	// (admission) or "not ready"; "" when Neo4j answered unavailable.
	shed string
}

func (r soakResult) failed() bool { return len(r.errors) > 0 && !r.backoff }

type soakLog struct {
	mu  sync.Mutex
	all []soakResult
}

func (l *soakLog) add(r soakResult) {
	l.mu.Lock()
	l.all = append(l.all, r)
	l.mu.Unlock()
}

func (l *soakLog) between(from, to time.Time) []soakResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []soakResult
	for _, r := range l.all {
		if !r.at.Before(from) && r.at.Before(to) {
			out = append(out, r)
		}
	}
	return out
}

// soakResponse is a GraphQL answer with what the soak reads of each error.
type soakResponse struct {
	Errors []struct {
		Message    string
		Path       []any
		Extensions struct {
			Code       string
			RetryAfter int
		}
	}
}

// soakRequest sends one query and reads its answer as a client would:
// how long the server asks it to wait before trying again (0: it need not).
func soakRequest(ctx context.Context, client *http.Client, url, query string) (soakResult, time.Duration) {
	body, _ := json.Marshal(map[string]string{"query": query})
	t0 := time.Now()
	r := soakResult{at: t0}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		r.errors = []string{"NET"}
		r.latency = time.Since(t0)
		return r, time.Second
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	r.latency = time.Since(t0)
	var out soakResponse
	switch {
	case resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusServiceUnavailable:
		r.errors = []string{fmt.Sprintf("HTTP %d", resp.StatusCode)}
		return r, 0
	case json.Unmarshal(b, &out) != nil:
		r.errors = []string{"NOT JSON"}
		return r, 0
	}
	var wait time.Duration
	unavailable := 0
	for _, e := range out.Errors {
		if e.Extensions.Code == "NOT_FOUND" {
			continue
		}
		path := make([]string, len(e.Path))
		for i, p := range e.Path {
			path[i] = fmt.Sprint(p)
		}
		r.errors = append(r.errors, e.Extensions.Code+" "+strings.Join(path, "."))
		if e.Extensions.Code == "SERVICE_UNAVAILABLE" {
			unavailable++
			wait = max(wait, time.Duration(e.Extensions.RetryAfter)*time.Second)
			switch {
			case strings.Contains(e.Message, "busy"):
				r.shed = "busy"
			case strings.Contains(e.Message, "not ready"):
				r.shed = "not ready"
			}
		}
	}
	if after, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		wait = max(wait, time.Duration(after)*time.Second)
	}
	if unavailable > 0 && unavailable == len(r.errors) {
		r.backoff = true
		return r, max(wait, time.Second)
	}
	return r, 0
}

// rssSampler samples a process's RSS every few seconds.
type rssSampler struct {
	mu      sync.Mutex
	samples []rssSample
}

type rssSample struct {
	at time.Time
	mb float64
}

func (s *rssSampler) run(ctx context.Context, t *testing.T, pid int, every time.Duration) {
	for {
		mb := rss(t, pid)
		s.mu.Lock()
		s.samples = append(s.samples, rssSample{time.Now(), mb})
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// at is the first sample at or after when; max the largest between from
// and to.
func (s *rssSampler) at(when time.Time) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.samples {
		if !x.at.Before(when) {
			return x.mb
		}
	}
	if len(s.samples) == 0 {
		return 0
	}
	return s.samples[len(s.samples)-1].mb
}

func (s *rssSampler) max(from, to time.Time) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := 0.0
	for _, x := range s.samples {
		if !x.at.Before(from) && !x.at.After(to) {
			m = max(m, x.mb)
		}
	}
	return m
}

// loadAverage is /proc/loadavg's first three figures.
func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func TestSoak(t *testing.T) {
	if os.Getenv("NETAGRAPH_SOAK") != "1" {
		t.Skip("a benchmark: run it with make soak")
	}
	duration, err := time.ParseDuration(envOr("SOAK_DURATION", "10m"))
	if err != nil {
		t.Fatal(err)
	}
	concurrency, _ := strconv.Atoi(envOr("SOAK_CONCURRENCY", "64"))
	base, _ := strconv.Atoi(envOr("SOAK_ARTICLES", "2000"))

	storetest.Open(t)
	bin := filepath.Join(t.TempDir(), "netagraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	uri, user, password := storetest.Config()
	env := append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_USER="+user, "NEO4J_PASSWORD="+password)

	// The graph: samples/ and base synthetic articles.
	dir := t.TempDir()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	writeSynth := func(name string, seed uint64, n int) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := synth.New(lex, seed).Write(f, n); err != nil {
			t.Fatal(err)
		}
		return path
	}
	start := time.Now()
	load := exec.Command(bin, "load", "--quiet", "samples", writeSynth("base.jsonl", 1, base))
	load.Env = env
	if out, err := load.CombinedOutput(); err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	t.Logf("loaded samples/ and %d synthetic articles in %s", base, time.Since(start).Round(time.Second))

	// The server, a process of its own, so that its RSS is its own.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var serveLog syncbuf.Buffer
	serve := exec.Command(bin, "serve", "--addr", addr)
	serve.Env, serve.Stderr = env, &serveLog
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		serve.Process.Signal(syscall.SIGTERM)
		serve.Wait()
	}()
	url := "http://" + addr
	start = time.Now()
	if waitReadyQuiet(url, 5*time.Minute).IsZero() {
		t.Fatalf("serve not ready after 5 minutes: %s", serveLog.String())
	}
	t.Logf("serve ready (warmed up) %s after start", time.Since(start).Round(time.Millisecond))
	ready := time.Now()
	sampler := &rssSampler{}
	sampling, stopSampling := context.WithCancel(context.Background())
	defer stopSampling()
	go sampler.run(sampling, t, serve.Process.Pid, 5*time.Second)

	queries := warmupQueries()
	log := &soakLog{}
	ctx, stop := context.WithCancel(context.Background())
	var clients sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second}
	for i := range concurrency {
		clients.Add(1)
		go func() {
			defer clients.Done()
			for n := i; ctx.Err() == nil; {
				r, wait := soakRequest(ctx, client, url, queries[n%len(queries)])
				if ctx.Err() != nil {
					return
				}
				log.add(r)
				if wait > 0 {
					// As a client that honours retryAfter: wait, then
					// send the same query again.
					sleep(ctx, wait)
					continue
				}
				n++
			}
		}()
	}

	// The loader: new synthetic articles, one file after another, for as
	// long as the soak lasts.
	var loaded atomic.Int64
	var loaders sync.WaitGroup
	loaders.Add(1)
	go func() {
		defer loaders.Done()
		for seed := uint64(100); ctx.Err() == nil; seed++ {
			path := writeSynth(fmt.Sprintf("new-%d.jsonl", seed), seed, 500)
			cmd := exec.CommandContext(ctx, bin, "load", "--quiet", "--json", "--wait", "15m", path)
			cmd.Env = env
			out, err := cmd.Output()
			var s struct{ New int }
			_ = json.Unmarshal(out, &s)
			loaded.Add(int64(s.New))
			if err != nil && ctx.Err() == nil {
				t.Logf("loader: %v %s", err, out)
			}
		}
	}()

	soakStart := time.Now()
	var loads []string
	for elapsed := time.Duration(0); elapsed < duration; {
		step := min(time.Minute, duration-elapsed)
		time.Sleep(step)
		elapsed += step
		loads = append(loads, loadAverage())
		t.Logf("soak: %s, RSS %.0f MB, load average %s", elapsed, rss(t, serve.Process.Pid), loads[len(loads)-1])
	}
	soakEnd := time.Now()
	written := loaded.Load()
	// RSS after warm-up: a minute into the load (or half the soak, if
	// shorter), when the heap has grown to what the load holds.
	warm := soakStart.Add(min(time.Minute, duration/2))
	rssStart, rssWarm, rssEnd := sampler.at(ready), sampler.at(warm), sampler.at(soakEnd)
	rssMax := sampler.max(ready, soakEnd)
	rssMaxWarm := sampler.max(warm, soakEnd)
	steady := summarize(log.between(soakStart, soakEnd), soakEnd.Sub(soakStart))

	// Chaos: Neo4j killed and started again under the same load.
	pid := neo4jPid(t)
	killed := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	t.Logf("chaos: Neo4j (pid %d) killed", pid)
	time.Sleep(5 * time.Second)
	startCmd := exec.Command("scripts/neo4j", "start")
	startCmd.Env = neo4jEnv()
	if out, err := startCmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/neo4j start: %v\n%s", err, out)
	}
	up := time.Now()
	t.Logf("chaos: Neo4j answering again %s after the kill", up.Sub(killed).Round(time.Millisecond))
	recovered := waitReadyQuiet(url, 10*time.Minute)
	if recovered.IsZero() {
		t.Errorf("FAIL: serve not ready again within 10 minutes of Neo4j answering (it did not recover without a restart)")
	}
	// The load goes on after recovery.
	afterFrom := time.Now().Add(5 * time.Second)
	time.Sleep(35 * time.Second)
	stop()
	clients.Wait()
	loaders.Wait()
	end := time.Now()
	stopSampling()

	chaos := log.between(killed, end)
	var firstUnavailable, lastUnavailable, lastFailure, answering time.Time
	for _, r := range chaos {
		if r.backoff && (firstUnavailable.IsZero() || r.at.Before(firstUnavailable)) {
			firstUnavailable = r.at
		}
		if r.backoff && r.at.After(lastUnavailable) {
			lastUnavailable = r.at
		}
		if r.failed() && r.at.After(lastFailure) {
			lastFailure = r.at
		}
		if len(r.errors) == 0 && !recovered.IsZero() && !r.at.Before(up) && (answering.IsZero() || r.at.Before(answering)) {
			answering = r.at
		}
	}
	after := summarize(log.between(afterFrom, end), end.Sub(afterFrom))
	during := summarize(log.between(killed, afterFrom), afterFrom.Sub(killed))
	since := func(at time.Time) string {
		if at.IsZero() {
			return "never"
		}
		return at.Sub(killed).Round(10 * time.Millisecond).String()
	}

	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("")
	w("make soak: %d clients (retryAfter honoured), %d articles + samples/, %s; load average by minute: %s",
		concurrency, base, duration, strings.Join(loads, " | "))
	w("%-44s %s", "phase", "figure")
	w("%-44s %s", "steady state ("+duration.String()+")", steady.line())
	w("%-44s %s", "  errors by code and path", steady.errorsLine())
	w("%-44s %s", "  turned away (client backed off, retried)", steady.backoffLine())
	w("%-44s %d", "  new articles written meanwhile", written)
	w("%-44s start %.0f, after warm-up %.0f, end %.0f, max %.0f (max after warm-up %.0f)", "  serve RSS (MB, sampled every 5 s)",
		rssStart, rssWarm, rssEnd, rssMax, rssMaxWarm)
	w("%-44s %s", "chaos: first SERVICE_UNAVAILABLE after kill", since(firstUnavailable))
	w("%-44s %s", "chaos: Neo4j answering Bolt again", since(up))
	w("%-44s %s (%s after Neo4j answered)", "chaos: /readyz ready again", since(recovered), durationBetween(up, recovered))
	w("%-44s %s (%s after Neo4j answered)", "chaos: first query answered after restart", since(answering), durationBetween(up, answering))
	w("%-44s %s", "chaos: last SERVICE_UNAVAILABLE", since(lastUnavailable))
	w("%-44s %s", "chaos: last failed request (not backed off)", since(lastFailure))
	w("%-44s %s", "chaos: kill to 5 s after ready", during.line())
	w("%-44s %s; %s", "", during.errorsLine(), during.backoffLine())
	w("%-44s %s", "after recovery (5 s after ready, 30 s)", after.line())
	w("%-44s %s; %s", "", after.errorsLine(), after.backoffLine())
	w("serve never restarted (pid %d)", serve.Process.Pid)
	t.Log(b.String())
	t.Logf("serve's log, warnings and errors:\n%s", grepLog(serveLog.String()))
	if err := os.MkdirAll("test-artifacts", 0o755); err == nil {
		_ = os.WriteFile(filepath.Join("test-artifacts", "soak-serve.log"), []byte(serveLog.String()), 0o644)
		_ = os.WriteFile(filepath.Join("test-artifacts", "soak-report.txt"), []byte(b.String()), 0o644)
		t.Log("serve's whole log: test-artifacts/soak-serve.log; the table: test-artifacts/soak-report.txt")
	}
	if steady.failed > 0 {
		t.Errorf("FAIL: %d requests failed in steady state (goal: 0): %s", steady.failed, steady.errorsLine())
	}
	if after.failed > 0 {
		t.Errorf("FAIL: %d requests failed after recovery (goal: 0): %s", after.failed, after.errorsLine())
	}
	if after.ok == 0 {
		t.Errorf("FAIL: no request answered after recovery")
	}
}

func durationBetween(from, to time.Time) string {
	if from.IsZero() || to.IsZero() {
		return "never"
	}
	return to.Sub(from).Round(10 * time.Millisecond).String()
}

// soakSummary is one phase's figures.
type soakSummary struct {
	d                          time.Duration
	requests, ok, failed, back int
	p50, p99, max              time.Duration
	errors, shed               map[string]int
}

func summarize(rs []soakResult, d time.Duration) soakSummary {
	s := soakSummary{d: d, requests: len(rs), errors: map[string]int{}, shed: map[string]int{}}
	var lat []time.Duration
	for _, r := range rs {
		switch {
		case r.backoff:
			s.back++
			reason := r.shed
			if reason == "" {
				reason = "neo4j unavailable"
			}
			s.shed[reason]++
		case r.failed():
			s.failed++
			for _, e := range r.errors {
				s.errors[e]++
			}
		default:
			s.ok++
			lat = append(lat, r.latency)
		}
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
		s.p50, s.p99, s.max = pct(0.50), pct(0.99), lat[len(lat)-1]
	}
	return s
}

// line: answered requests a second and their latency.
func (s soakSummary) line() string {
	return fmt.Sprintf("%d requests: %d answered (%.1f req/s, p50 %s, p99 %s, max %s), %d failed (%.3f %%), %d turned away",
		s.requests, s.ok, float64(s.ok)/s.d.Seconds(), s.p50.Round(time.Millisecond), s.p99.Round(time.Millisecond),
		s.max.Round(time.Millisecond), s.failed, 100*float64(s.failed)/float64(max(1, s.requests)), s.back)
}

func (s soakSummary) errorsLine() string { return "errors " + countsLine(s.errors) }

func (s soakSummary) backoffLine() string { return "turned away " + countsLine(s.shed) }

func countsLine(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return m[b] - m[a] })
	var out []string
	for i, k := range keys {
		if i == 12 {
			out = append(out, fmt.Sprintf("… %d more", len(keys)-i))
			break
		}
		out = append(out, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(out, ", ")
}

// rss is a process's resident set in MB.
func rss(t *testing.T, pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no VmRSS in /proc/%d/status", pid)
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	return kb / 1024
}

// neo4jEnv is the environment scripts/neo4j needs for the test instance.
func neo4jEnv() []string {
	env := []string{"NETAGRAPH_CACHE=" + os.Getenv("NETAGRAPH_TEST_CACHE")}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_URI=") && !strings.HasPrefix(kv, "NETAGRAPH_CACHE=") {
			env = append(env, kv)
		}
	}
	return env
}

func neo4jPid(t *testing.T) int {
	t.Helper()
	if os.Getenv("NETAGRAPH_TEST_CACHE") == "" {
		t.Fatal("the soak restarts the test Neo4j: run it with make soak")
	}
	cmd := exec.Command("scripts/neo4j", "status")
	cmd.Env = neo4jEnv()
	out, _ := cmd.CombinedOutput()
	m := regexp.MustCompile(`pid (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("scripts/neo4j status: %s", out)
	}
	pid, _ := strconv.Atoi(string(m[1]))
	return pid
}

// waitReadyQuiet waits for /readyz to say ready and returns when it did.
func waitReadyQuiet(base string, d time.Duration) time.Time {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Now()
			}
		}
	}
	return time.Time{}
}

func grepLog(log string) string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "level=ERROR") || strings.Contains(line, "ready") || strings.Contains(line, "warmed") || strings.Contains(line, "warm-up") {
			out = append(out, line)
		}
	}
	if len(out) > 40 {
		out = append(out[:20], append([]string{fmt.Sprintf("… %d lines …", len(out)-40)}, out[len(out)-20:]...)...)
	}
	return strings.Join(out, "\n")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
