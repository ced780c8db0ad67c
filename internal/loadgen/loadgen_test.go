package loadgen

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestMeasure(t *testing.T) {
	var calls, running, most atomic.Int64
	fail := errors.New("every third call fails")
	r := Measure(30, 4, func() error {
		n := calls.Add(1)
		if c := running.Add(1); c > most.Load() {
			most.Store(c)
		}
		defer running.Add(-1)
		time.Sleep(time.Millisecond)
		if n%3 == 0 {
			return fail
		}
		return nil
	}, os.Getpid())
	if calls.Load() != 30 || len(r.Latencies) != 30 {
		t.Fatalf("%d calls, %d latencies, want 30", calls.Load(), len(r.Latencies))
	}
	if most.Load() > 4 {
		t.Errorf("%d calls at once, want at most 4", most.Load())
	}
	if r.Failed != 10 || !errors.Is(r.Err, fail) {
		t.Errorf("failed %d (%v), want 10 (%v)", r.Failed, r.Err, fail)
	}
	if !slices.IsSorted(r.Latencies) || r.Latencies[0] < time.Millisecond {
		t.Errorf("latencies not sorted, or shorter than a call: %v", r.Latencies)
	}
	if r.Pct(0) != r.Latencies[0] || r.Pct(100) != r.Latencies[29] || r.Pct(50) != r.Latencies[15] {
		t.Errorf("percentiles 0, 50, 100: %v %v %v of %v", r.Pct(0), r.Pct(50), r.Pct(100), r.Latencies)
	}
	if r.Rate() <= 0 || r.Elapsed < r.Latencies[29] {
		t.Errorf("rate %v over %v", r.Rate(), r.Elapsed)
	}
	if len(r.CPU) != 1 {
		t.Errorf("CPU of %d processes, want 1", len(r.CPU))
	}
	if (Run{}).Pct(50) != 0 {
		t.Error("the percentile of no calls is not 0")
	}
}

func TestPost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "not JSON", http.StatusUnsupportedMediaType)
			return
		}
		if strings.Contains(r.URL.Path, "bad") {
			w.Write([]byte(`{"errors":[{"message":"no"}]}`))
			return
		}
		w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	c := Client(2)
	if b, err := Post(c, srv.URL, []byte(`{}`)); err != nil || string(b) != `{"data":{}}` {
		t.Errorf("got %s, %v", b, err)
	}
	if _, err := Post(c, srv.URL+"/bad", []byte(`{}`)); err == nil {
		t.Error("an answer with errors is no error")
	}
}

func TestEnvInt(t *testing.T) {
	t.Setenv("LOADGEN_TEST_N", "12")
	if n := EnvInt("LOADGEN_TEST_N", 3); n != 12 {
		t.Errorf("got %d, want 12", n)
	}
	for _, v := range []string{"", "0", "-4", "x"} {
		t.Setenv("LOADGEN_TEST_N", v)
		if n := EnvInt("LOADGEN_TEST_N", 3); n != 3 {
			t.Errorf("%q: got %d, want the default 3", v, n)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, v := range []any{nil, map[string]any{}, []any{}, map[string]any{"a": nil, "b": []any{map[string]any{"c": nil}}}} {
		if !Empty(v) {
			t.Errorf("%v is not empty", v)
		}
	}
	for _, v := range []any{"", 0.0, false, map[string]any{"a": []any{nil, "x"}}, []any{map[string]any{"b": 1.0}}} {
		if Empty(v) {
			t.Errorf("%v is empty", v)
		}
	}
}

func TestPool(t *testing.T) {
	ms := time.Millisecond
	fail := errors.New("first")
	a := Run{Latencies: []time.Duration{1 * ms, 5 * ms}, Elapsed: 2 * ms, Failed: 1, Err: fail, CPU: []time.Duration{3 * ms}}
	b := Run{Latencies: []time.Duration{2 * ms, 3 * ms, 4 * ms}, Elapsed: 3 * ms, Failed: 1, Err: errors.New("second"), CPU: []time.Duration{1 * ms}}
	p := Pool(a, b)
	if want := []time.Duration{1 * ms, 2 * ms, 3 * ms, 4 * ms, 5 * ms}; !slices.Equal(p.Latencies, want) {
		t.Errorf("latencies %v, want %v", p.Latencies, want)
	}
	if p.Pct(50) != 3*ms || p.Elapsed != 5*ms || p.Rate() != 1000 {
		t.Errorf("p50 %v, elapsed %v, rate %v; want 3ms, 5ms, 1000", p.Pct(50), p.Elapsed, p.Rate())
	}
	if p.Failed != 2 || p.Err != fail || len(p.CPU) != 1 || p.CPU[0] != 4*ms {
		t.Errorf("failed %d (%v), CPU %v; want 2 (first), [4ms]", p.Failed, p.Err, p.CPU)
	}
	if len(a.Latencies) != 2 || a.Latencies[1] != 5*ms {
		t.Errorf("Pool changed a run it was given: %v", a.Latencies)
	}
}
