package bench

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// boltTap is a TCP proxy in front of Neo4j's Bolt port that records the
// statements (RUN messages) clients send through it, whatever the client:
// the same count for netagraph's Go driver and the peer's JavaScript one.
// It reads only the client's side of the conversation and forwards every
// byte unchanged.
type boltTap struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	stmts []statement
}

// statement is one Cypher statement a client ran, its parameters decoded
// from PackStream (err says why they could not be, if so).
type statement struct {
	cypher string
	params map[string]any
	err    error
}

func newBoltTap(target string) (*boltTap, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	t := &boltTap{ln: ln, target: target}
	go t.serve()
	return t, nil
}

// uri is the Bolt URI clients use to go through the tap.
func (t *boltTap) uri() string { return "bolt://" + t.ln.Addr().String() }

func (t *boltTap) close() { t.ln.Close() }

// take returns the statements recorded since the last take and forgets them.
func (t *boltTap) take() []statement {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stmts
	t.stmts = nil
	return s
}

func (t *boltTap) serve() {
	for {
		c, err := t.ln.Accept()
		if err != nil {
			return
		}
		go t.handle(c)
	}
}

func (t *boltTap) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", t.target)
	if err != nil {
		return
	}
	defer server.Close()
	// The server's side goes back as it comes; its first four bytes are the
	// version it chose, which says whether a manifest negotiation follows.
	manifest := make(chan bool, 1)
	go func() {
		defer client.Close()
		// Forward what arrives as it arrives: a client may expect the
		// version and what follows it in one read.
		var head []byte
		buf := make([]byte, 32<<10)
		told := false
		for {
			n, err := server.Read(buf)
			if n > 0 {
				if !told {
					head = append(head, buf[:min(n, 4-len(head))]...)
					if len(head) == 4 {
						manifest <- [4]byte(head) == [4]byte{0, 0, 1, 0xFF}
						told = true
					}
				}
				if _, werr := client.Write(buf[:n]); werr != nil {
					err = werr
				}
			}
			if err != nil {
				if !told {
					manifest <- false
				}
				return
			}
		}
	}()
	r := bufio.NewReader(client)
	fwd := func(n int) ([]byte, error) {
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		_, err := server.Write(b)
		return b, err
	}
	// Handshake: the magic and four proposed versions.
	if _, err := fwd(20); err != nil {
		return
	}
	if <-manifest {
		// Manifest v1: the client answers with the version it picked and a
		// varint of capabilities.
		if _, err := fwd(4); err != nil {
			return
		}
		for {
			b, err := fwd(1)
			if err != nil || b[0]&0x80 == 0 {
				break
			}
		}
	}
	// Messages: chunks of a 2-byte size, ended by an empty chunk.
	var msg []byte
	for {
		h, err := fwd(2)
		if err != nil {
			return
		}
		n := int(binary.BigEndian.Uint16(h))
		if n == 0 {
			if len(msg) > 0 {
				t.inspect(msg)
				msg = msg[:0]
			}
			continue
		}
		b, err := fwd(n)
		if err != nil {
			return
		}
		msg = append(msg, b...)
	}
}

// inspect records a RUN message (signature 0x10: query, parameters, extra).
func (t *boltTap) inspect(msg []byte) {
	if len(msg) < 2 || msg[0]&0xF0 != 0xB0 || msg[1] != 0x10 {
		return
	}
	d := &packReader{b: msg, i: 2}
	q, err := d.value()
	cypher, ok := q.(string)
	if err != nil || !ok {
		return
	}
	s := statement{cypher: cypher}
	p, err := d.value()
	if err != nil {
		s.err = err
	} else if s.params, ok = p.(map[string]any); !ok {
		s.err = fmt.Errorf("parameters are a %T", p)
	}
	t.mu.Lock()
	t.stmts = append(t.stmts, s)
	t.mu.Unlock()
}

// packReader decodes PackStream, Bolt's value encoding, into the values the
// Go driver takes as parameters.
type packReader struct {
	b []byte
	i int
}

var errShort = errors.New("packstream: message ends early")

func (d *packReader) next(n int) ([]byte, error) {
	if d.i+n > len(d.b) {
		return nil, errShort
	}
	b := d.b[d.i : d.i+n]
	d.i += n
	return b, nil
}

func (d *packReader) uint(n int) (int, error) {
	b, err := d.next(n)
	if err != nil {
		return 0, err
	}
	v := 0
	for _, x := range b {
		v = v<<8 | int(x)
	}
	return v, nil
}

func (d *packReader) value() (any, error) {
	mb, err := d.next(1)
	if err != nil {
		return nil, err
	}
	m := mb[0]
	switch {
	case m <= 0x7F:
		return int64(m), nil
	case m >= 0xF0:
		return int64(int8(m)), nil
	case m&0xF0 == 0x80:
		return d.str(int(m & 0x0F))
	case m&0xF0 == 0x90:
		return d.list(int(m & 0x0F))
	case m&0xF0 == 0xA0:
		return d.dict(int(m & 0x0F))
	case m&0xF0 == 0xB0:
		return d.structure(int(m & 0x0F))
	}
	switch m {
	case 0xC0:
		return nil, nil
	case 0xC1:
		b, err := d.next(8)
		if err != nil {
			return nil, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), nil
	case 0xC2:
		return false, nil
	case 0xC3:
		return true, nil
	case 0xC8, 0xC9, 0xCA, 0xCB:
		n := 1 << (m - 0xC8)
		b, err := d.next(n)
		if err != nil {
			return nil, err
		}
		switch n {
		case 1:
			return int64(int8(b[0])), nil
		case 2:
			return int64(int16(binary.BigEndian.Uint16(b))), nil
		case 4:
			return int64(int32(binary.BigEndian.Uint32(b))), nil
		}
		return int64(binary.BigEndian.Uint64(b)), nil
	case 0xCC, 0xCD, 0xCE:
		n, err := d.uint(1 << (m - 0xCC))
		if err != nil {
			return nil, err
		}
		b, err := d.next(n)
		return append([]byte(nil), b...), err
	case 0xD0, 0xD1, 0xD2:
		n, err := d.uint(1 << (m - 0xD0))
		if err != nil {
			return nil, err
		}
		return d.str(n)
	case 0xD4, 0xD5, 0xD6:
		n, err := d.uint(1 << (m - 0xD4))
		if err != nil {
			return nil, err
		}
		return d.list(n)
	case 0xD8, 0xD9, 0xDA:
		n, err := d.uint(1 << (m - 0xD8))
		if err != nil {
			return nil, err
		}
		return d.dict(n)
	}
	return nil, fmt.Errorf("packstream: unknown marker 0x%02X", m)
}

func (d *packReader) str(n int) (string, error) {
	b, err := d.next(n)
	return string(b), err
}

func (d *packReader) list(n int) ([]any, error) {
	out := make([]any, n)
	for i := range out {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (d *packReader) dict(n int) (map[string]any, error) {
	out := make(map[string]any, n)
	for range n {
		k, err := d.value()
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("packstream: a map key is a %T", k)
		}
		if out[key], err = d.value(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// structure decodes the temporal values a parameter may be (Bolt 5
// encodings); other structures (nodes, points) are not parameters the
// servers measured here send.
func (d *packReader) structure(n int) (any, error) {
	sig, err := d.next(1)
	if err != nil {
		return nil, err
	}
	fields, err := d.list(n)
	if err != nil {
		return nil, err
	}
	ints := func() ([]int64, bool) {
		out := make([]int64, 0, len(fields))
		for _, f := range fields {
			i, ok := f.(int64)
			if !ok {
				return nil, false
			}
			out = append(out, i)
		}
		return out, true
	}
	switch sig[0] {
	case 'D': // Date: days since the epoch
		if f, ok := ints(); ok && len(f) == 1 {
			return neo4j.DateOf(time.Unix(f[0]*86400, 0).UTC()), nil
		}
	case 'I': // DateTime: UTC seconds, nanoseconds, offset seconds
		if f, ok := ints(); ok && len(f) == 3 {
			return time.Unix(f[0], f[1]).In(time.FixedZone("", int(f[2]))), nil
		}
	case 'i': // DateTime with a zone id: UTC seconds, nanoseconds, zone
		if len(fields) == 3 {
			sec, ok1 := fields[0].(int64)
			ns, ok2 := fields[1].(int64)
			zone, ok3 := fields[2].(string)
			if loc, err := time.LoadLocation(zone); err == nil && ok1 && ok2 && ok3 {
				return time.Unix(sec, ns).In(loc), nil
			}
		}
	case 'd': // LocalDateTime: seconds, nanoseconds
		if f, ok := ints(); ok && len(f) == 2 {
			return neo4j.LocalDateTimeOf(time.Unix(f[0], f[1]).UTC()), nil
		}
	case 'E': // Duration: months, days, seconds, nanoseconds
		if f, ok := ints(); ok && len(f) == 4 {
			return neo4j.DurationOf(f[0], f[1], f[2], int(f[3])), nil
		}
	}
	return nil, fmt.Errorf("packstream: structure 0x%02X with %d fields is not decoded", sig[0], n)
}

// profile runs a recorded statement with PROFILE, in a read transaction,
// and returns the database hits and rows of its plan.
func profile(ctx context.Context, driver neo4j.DriverWithContext, s statement) (int64, error) {
	if s.err != nil {
		return 0, s.err
	}
	q := strings.TrimSpace(s.cypher)
	// Query options (CYPHER 5, CYPHER runtime=...) stay first.
	opts := ""
	if strings.HasPrefix(strings.ToUpper(q), "CYPHER") {
		if nl := strings.IndexByte(q, '\n'); nl > 0 {
			opts, q = q[:nl+1], q[nl+1:]
		}
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, opts+"PROFILE "+q, s.params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, fmt.Errorf("PROFILE %.80q: %w", s.cypher, err)
	}
	p := res.Summary.Profile()
	if p == nil {
		return 0, fmt.Errorf("PROFILE %.80q: no profile", s.cypher)
	}
	return dbHits(p), nil
}

func dbHits(p neo4j.ProfiledPlan) int64 {
	n := p.DbHits()
	for _, c := range p.Children() {
		n += dbHits(c)
	}
	return n
}
