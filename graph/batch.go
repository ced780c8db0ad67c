package graph

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// A loader gathers the keys a request's resolvers ask for and fetches them
// with one call.
//
// gqlgen resolves a list's items in goroutines that reach the loader over a
// few milliseconds (a hundred items on two busy cores take a while), so a
// fixed wait would either split a long list into several statements or make
// a lone key wait for nothing. So a loader knows, where it can, how many
// keys to expect: a field of an object that is in no list is asked for
// once, and a field of the items of the one list on its path is asked for
// once per item of its type. Each key comes from such a site (the field in
// that list, or that lone field), and a batch whose sites have all sent
// their keys is fetched at once. Where the loader cannot tell (items of
// lists within lists, objects under single-object fields of list items), a
// batch closes once no key has come for loaderIdle and yielding the
// processor brings none, or loaderMax after it opened; on a starved machine
// such a batch may close early and its stragglers make another statement.
//
// Results are kept for the request: a key asked for twice is fetched once.
const (
	loaderIdle = time.Millisecond
	loaderMax  = 25 * time.Millisecond
)

type loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu    sync.Mutex
	cache map[K]*result[V]
	sites map[site]*arrivals
	open  *batch[K]
}

type result[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// site is where keys come from: a field (by alias) of the items of a list,
// or of one object. A zero site is unknown.
type site struct {
	at    *graphql.FieldContext
	alias string
}

type arrivals struct{ want, got int }

type batch[K comparable] struct {
	keys        []K
	opened, add time.Time
	sites       []site
	unknown     bool // some key came from an unknown site
	ready       chan struct{}
}

// load makes a loader from a batched read; keys it does not answer get the
// zero value.
func load[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, cache: map[K]*result[V]{}, sites: map[site]*arrivals{}}
}

// Load returns the value of k, fetched with the keys asked for with it.
func (l *loader[K, V]) Load(ctx context.Context, k K) (V, error) {
	s, want := siteOf(ctx)
	l.mu.Lock()
	r, cached := l.cache[k]
	if !cached {
		r = &result[V]{done: make(chan struct{})}
		l.cache[k] = r
		now := time.Now()
		if l.open == nil {
			l.open = &batch[K]{opened: now, ready: make(chan struct{}, 1)}
			go l.run(ctx, l.open)
		}
		l.open.keys = append(l.open.keys, k)
		l.open.add = now
	}
	if b := l.open; b != nil {
		l.arrive(b, s, want)
	}
	l.mu.Unlock()
	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// arrive counts a key from s towards b, and tells b's runner when every
// site of b has sent all its keys. l.mu is held.
func (l *loader[K, V]) arrive(b *batch[K], s site, want int) {
	if s == (site{}) || want <= 0 {
		b.unknown = true
		return
	}
	a := l.sites[s]
	if a == nil {
		a = &arrivals{want: want}
		l.sites[s] = a
	}
	a.got++
	if a.got == 1 || len(b.sites) == 0 || b.sites[len(b.sites)-1] != s {
		b.sites = append(b.sites, s)
	}
	if b.unknown {
		return
	}
	for _, s := range b.sites {
		if a := l.sites[s]; a.got < a.want {
			return
		}
	}
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

// run waits for b to be complete or to close, then fetches its keys.
func (l *loader[K, V]) run(ctx context.Context, b *batch[K]) {
	for {
		select {
		case <-b.ready:
		case <-time.After(loaderIdle):
			l.mu.Lock()
			last := b.add
			l.mu.Unlock()
			if time.Since(last) < loaderIdle && time.Since(b.opened) < loaderMax {
				continue
			}
			// Let goroutines that are runnable but have not run yet (a busy
			// machine) reach the loader before the batch closes.
			for range 4 {
				runtime.Gosched()
			}
			l.mu.Lock()
			moved := b.add != last
			l.mu.Unlock()
			if moved && time.Since(b.opened) < loaderMax {
				continue
			}
		}
		break
	}
	l.mu.Lock()
	if l.open == b {
		l.open = nil
	}
	l.mu.Unlock()
	m, err := l.fetchSafely(ctx, b.keys)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range b.keys {
		r := l.cache[k]
		r.v, r.err = m[k], err
		close(r.done)
	}
}

// fetchSafely fetches keys, turning a panic (it runs in its own goroutine)
// into the error of every key.
func (l *loader[K, V]) fetchSafely(ctx context.Context, keys []K) (m map[K]V, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("loader panic: %v\n%s", p, debug.Stack())
		}
	}()
	return l.fetch(ctx, keys)
}

// siteOf is the site of the field being resolved on ctx, and how many keys
// it sends: one for an object in no list; for the items of the one list on
// the field's path, when the object is such an item, as many as the list
// has items of the object's type. Anything else is unknown (want 0).
func siteOf(ctx context.Context) (site, int) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return site{}, 0
	}
	lists := 0
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Index != nil {
			lists++
		}
	}
	switch {
	case lists == 0:
		return site{fc, fc.Field.Alias}, 1
	case lists == 1 && fc.Parent != nil && fc.Parent.Index != nil && fc.Parent.Parent != nil:
		list := fc.Parent.Parent
		if n := itemsOfType(list.Result, fc.Object); n > 0 {
			return site{list, fc.Field.Alias}, n
		}
	}
	return site{}, 0
}

// itemsOfType counts the items of a list (a slice, or a pointer to one)
// whose type is named typ (the models are named as the schema's types).
func itemsOfType(list any, typ string) int {
	v := reflect.ValueOf(list)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Slice {
		return 0
	}
	n := 0
	for i := range v.Len() {
		e := v.Index(i)
		for e.Kind() == reflect.Interface || e.Kind() == reflect.Pointer {
			if e.IsNil() {
				break
			}
			e = e.Elem()
		}
		if e.Type().Name() == typ {
			n++
		}
	}
	return n
}
