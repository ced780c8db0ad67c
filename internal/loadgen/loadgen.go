// Package loadgen is the load generator of netagraph's benchmarks (`make
// bench-api`, bench-peer, bench-scale): n calls from a number of clients,
// each making its next call when its last returns, as `hey -n -c` does,
// with each call's latency and the CPU the processes watched spent
// meanwhile; and the GraphQL POST the calls make. Only tests import it.
package loadgen

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Run is the outcome of a Measure.
type Run struct {
	Latencies []time.Duration // of every call, failed ones too, sorted
	Elapsed   time.Duration   // the time they all took
	Failed    int
	Err       error           // the first failure's
	CPU       []time.Duration // per watched process, in the order given
}

// Pct is the p-th percentile latency (0 when there was no call).
func (r Run) Pct(p int) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Latencies[min(len(r.Latencies)-1, len(r.Latencies)*p/100)]
}

// Rate is the calls per second.
func (r Run) Rate() float64 { return float64(len(r.Latencies)) / r.Elapsed.Seconds() }

// CPUPer is the CPU the i-th watched process spent per call.
func (r Run) CPUPer(i int) time.Duration { return r.CPU[i] / time.Duration(len(r.Latencies)) }

// Measure calls do n times from concurrency goroutines, each calling again
// when its last call returns, and reads the CPU time of the processes
// watch (pids) before and after.
func Measure(n, concurrency int, do func() error, watch ...int) Run {
	lat := make([]time.Duration, n)
	var next, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	cpu0 := cpuTimes(watch)
	start := time.Now()
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t := time.Now()
				if err := do(); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
				lat[i] = time.Since(t)
			}
		}()
	}
	wg.Wait()
	r := Run{Latencies: lat, Elapsed: time.Since(start), Failed: int(failed.Load())}
	cpu1 := cpuTimes(watch)
	for i := range watch {
		r.CPU = append(r.CPU, cpu1[i]-cpu0[i])
	}
	slices.Sort(r.Latencies)
	r.Err, _ = firstErr.Load().(error)
	return r
}

// cpuTimes reads each process's CPU time (user and system, its threads
// included) from /proc; 0 where it cannot.
func cpuTimes(pids []int) []time.Duration {
	out := make([]time.Duration, len(pids))
	for i, pid := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// Fields after the command name (which may hold spaces), from field 3.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		out[i] = time.Duration(utime+stime) * time.Second / clockTicks
	}
	return out
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's times: 100 on
// every Linux the benchmarks are meant for.
const clockTicks = 100

// Client is an HTTP client for concurrency clients to one server, its
// connections kept open between calls.
func Client(concurrency int) *http.Client {
	return &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 2 * concurrency, MaxConnsPerHost: 2 * concurrency},
	}
}

// Post sends a GraphQL request (a JSON body) and returns the answer's
// body; an answer with errors, or without 200, is an error.
func Post(c *http.Client, url string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) {
		return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, b)
	}
	return b, nil
}

// EnvInt is the positive integer the environment variable key holds (a
// benchmark's setting), else def.
func EnvInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

// LoadAverage is the machine's load average over 1, 5 and 15 minutes, for
// a benchmark's report ("unknown" where /proc does not tell).
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil || len(strings.Fields(string(b))) < 3 {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// Empty reports whether a decoded GraphQL answer (or a part of it) holds
// nothing: every list empty, every value null. A benchmark of a query that
// answers nothing would measure nothing.
func Empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, y := range x {
			if !Empty(y) {
				return false
			}
		}
		return true
	case []any:
		return !slices.ContainsFunc(x, func(y any) bool { return !Empty(y) })
	}
	return false
}

// Pool is the runs taken as one: their calls' latencies together, their
// times, failures and CPU added (the first failure's error kept), so that
// percentiles and the rate are over every call of every run.
func Pool(runs ...Run) Run {
	var p Run
	for _, r := range runs {
		p.Latencies = append(p.Latencies, r.Latencies...)
		p.Elapsed += r.Elapsed
		p.Failed += r.Failed
		if p.Err == nil {
			p.Err = r.Err
		}
		for i, c := range r.CPU {
			if i == len(p.CPU) {
				p.CPU = append(p.CPU, 0)
			}
			p.CPU[i] += c
		}
	}
	slices.Sort(p.Latencies)
	return p
}
