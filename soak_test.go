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

// soakResult is one request's outcome.
type soakResult struct {
	at      time.Time
	latency time.Duration
	code    string // "" for success; the first error's code; "HTTP <status>" or "NET" otherwise
}

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
	rssStart := rss(t, serve.Process.Pid)

	queries := warmupQueries()
	log := &soakLog{}
	ctx, stop := context.WithCancel(context.Background())
	var clients sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second}
	for i := range concurrency {
		clients.Add(1)
		go func() {
			defer clients.Done()
			for n := i; ctx.Err() == nil; n++ {
				body, _ := json.Marshal(map[string]string{"query": queries[n%len(queries)]})
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				r := soakResult{at: t0}
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					r.code = "NET"
				} else {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					var out gqlResponse
					switch {
					case resp.StatusCode != http.StatusOK:
						r.code = fmt.Sprintf("HTTP %d", resp.StatusCode)
					case json.Unmarshal(b, &out) != nil:
						r.code = "NOT JSON"
					case len(out.Errors) > 0 && out.Errors[0].Extensions.Code != "NOT_FOUND":
						r.code = out.Errors[0].Extensions.Code
					}
				}
				r.latency = time.Since(t0)
				log.add(r)
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
	rssAt := []string{fmt.Sprintf("0s %.0f MB", rssStart)}
	for elapsed := time.Duration(0); elapsed < duration; {
		step := min(time.Minute, duration-elapsed)
		time.Sleep(step)
		elapsed += step
		rssAt = append(rssAt, fmt.Sprintf("%s %.0f MB", elapsed, rss(t, serve.Process.Pid)))
	}
	soakEnd := time.Now()
	rssEnd := rss(t, serve.Process.Pid)
	report(t, "soak", log.between(soakStart, soakEnd), soakEnd.Sub(soakStart))
	t.Logf("soak: %d new articles written meanwhile; RSS start %.0f MB, end %.0f MB (by minute: %s)",
		loaded.Load(), rssStart, rssEnd, strings.Join(rssAt, ", "))

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
		t.Errorf("serve not ready again within 10 minutes of Neo4j answering")
		recovered = time.Now()
	}
	time.Sleep(30 * time.Second) // the load goes on after recovery
	stop()
	clients.Wait()
	loaders.Wait()
	end := time.Now()

	chaos := log.between(killed, end)
	report(t, "chaos", chaos, end.Sub(killed))
	var firstUnavailable, lastUnavailable, lastFailure time.Time
	for _, r := range chaos {
		if r.code == "SERVICE_UNAVAILABLE" {
			if firstUnavailable.IsZero() || r.at.Before(firstUnavailable) {
				firstUnavailable = r.at
			}
			if r.at.After(lastUnavailable) {
				lastUnavailable = r.at
			}
		}
		if r.code != "" && r.at.After(lastFailure) {
			lastFailure = r.at
		}
	}
	if !firstUnavailable.IsZero() {
		t.Logf("chaos: clients saw SERVICE_UNAVAILABLE from %s to %s after the kill (%s in all); Neo4j answered at %s",
			firstUnavailable.Sub(killed).Round(time.Millisecond), lastUnavailable.Sub(killed).Round(time.Millisecond),
			lastUnavailable.Sub(firstUnavailable).Round(time.Millisecond), up.Sub(killed).Round(time.Millisecond))
	}
	t.Logf("chaos: last failed request %s after the kill; /readyz ready again %s after the kill; serve never restarted (pid %d)",
		lastFailure.Sub(killed).Round(time.Millisecond), recovered.Sub(killed).Round(time.Millisecond), serve.Process.Pid)
	after := log.between(recovered.Add(5*time.Second), end)
	report(t, "after recovery (from 5 s after ready)", after, end.Sub(recovered.Add(5*time.Second)))
	t.Logf("serve's log, warnings and errors:\n%s", grepLog(serveLog.String()))
	if err := os.MkdirAll("test-artifacts", 0o755); err == nil {
		_ = os.WriteFile(filepath.Join("test-artifacts", "soak-serve.log"), []byte(serveLog.String()), 0o644)
		t.Log("serve's whole log: test-artifacts/soak-serve.log")
	}
}

// report logs requests/s, p50/p99 and errors by code.
func report(t *testing.T, what string, rs []soakResult, d time.Duration) {
	t.Helper()
	if len(rs) == 0 {
		t.Logf("%s: no requests", what)
		return
	}
	lat := make([]time.Duration, len(rs))
	codes := map[string]int{}
	errors := 0
	for i, r := range rs {
		lat[i] = r.latency
		if r.code != "" {
			codes[r.code]++
			errors++
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("%s: %d requests in %s, %.1f req/s, p50 %s, p99 %s, max %s, errors %d (%.3f %%) %v",
		what, len(rs), d.Round(time.Second), float64(len(rs))/d.Seconds(), pct(0.50).Round(time.Millisecond),
		pct(0.99).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond), errors,
		100*float64(errors)/float64(len(rs)), codes)
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
