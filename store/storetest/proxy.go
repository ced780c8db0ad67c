package storetest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Proxy forwards TCP connections to the test Neo4j's Bolt port, and can
// cut them: to a client, Down is Neo4j killed (connections reset, new ones
// refused) and Up is Neo4j back, on the same address. Tests of how
// netagraph rides out an outage use it instead of restarting Neo4j,
// which takes a minute.
type Proxy struct {
	// URI is the Bolt URI to give the client.
	URI string

	t      testing.TB
	addr   string // the proxy's
	target string // Neo4j's
	mu     sync.Mutex
	l      net.Listener
	conns  map[net.Conn]bool
	// stalled holds what Neo4j answers: connections stay open, nothing
	// comes back (a Neo4j that hangs).
	stalled atomic.Bool
}

// NewProxy starts a proxy to the test Neo4j; it is closed when the test
// ends.
func NewProxy(t testing.TB) *Proxy {
	t.Helper()
	uri, _, _ := Config()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{t: t, target: u.Host, conns: map[net.Conn]bool{}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = l.Addr().String()
	p.URI = "bolt://" + p.addr
	p.serve(l)
	t.Cleanup(p.Down)
	return p
}

func (p *Proxy) serve(l net.Listener) {
	p.mu.Lock()
	p.l = l
	p.mu.Unlock()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.forward(c)
		}
	}()
}

func (p *Proxy) forward(c net.Conn) {
	n, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.l == nil { // went down meanwhile
		p.mu.Unlock()
		c.Close()
		n.Close()
		return
	}
	p.conns[c], p.conns[n] = true, true
	p.mu.Unlock()
	go func() { _, _ = io.Copy(n, c); n.Close(); c.Close() }()
	_, _ = io.Copy(c, stallReader{n, &p.stalled})
	c.Close()
	n.Close()
}

// Stall keeps the connections open but holds back everything Neo4j sends
// until Resume: to a client, Neo4j hangs.
func (p *Proxy) Stall() { p.stalled.Store(true) }

// Resume lets Neo4j's answers through again.
func (p *Proxy) Resume() { p.stalled.Store(false) }

// stallReader reads from Neo4j, holding what it read while stalled.
type stallReader struct {
	r       io.Reader
	stalled *atomic.Bool
}

func (s stallReader) Read(b []byte) (int, error) {
	n, err := s.r.Read(b)
	for s.stalled.Load() {
		time.Sleep(10 * time.Millisecond)
	}
	return n, err
}

// Down closes every connection and refuses new ones.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.l != nil {
		p.l.Close()
		p.l = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

// Up accepts connections again, on the same address.
func (p *Proxy) Up() {
	p.t.Helper()
	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("proxy up again on %s: %v", p.addr, err)
	}
	p.serve(l)
}
