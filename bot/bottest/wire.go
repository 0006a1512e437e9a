package bottest

import (
	"context"
	"sync"
	"time"
)

// Wire keeps a fake platform's calls on the wire as a test asks: held
// until released, slowed, or left unanswered until the client gives up,
// each by a key such as the chat. It counts the calls under way, so that
// a test waits for a call to be on the wire rather than for a fixed time.
// The zero value is ready to use; it is safe for concurrent use.
type Wire struct {
	mu     sync.Mutex
	held   map[string]chan struct{}
	slow   map[string]time.Duration
	onWire map[string]int
	total  int
	gaveUp int
	closed chan struct{}
}

func (w *Wire) init() {
	if w.held == nil {
		w.held, w.slow, w.onWire = map[string]chan struct{}{}, map[string]time.Duration{}, map[string]int{}
		w.closed = make(chan struct{})
	}
}

// Hold keeps the calls for key waiting until release is called, the
// client gives up or the wire is closed.
func (w *Wire) Hold(key string) (release func()) {
	ch := make(chan struct{})
	w.mu.Lock()
	w.init()
	w.held[key] = ch
	w.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

// Slow makes each call for key take d.
func (w *Wire) Slow(key string, d time.Duration) {
	w.mu.Lock()
	w.init()
	w.slow[key] = d
	w.mu.Unlock()
}

// Close lets every waiting call go, for the end of a test.
func (w *Wire) Close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.init()
	select {
	case <-w.closed:
	default:
		close(w.closed)
	}
}

// Pass keeps a call for key on the wire while key is held or slowed, and
// a dropped call until the client gives up; it reports whether the
// client still waits for the answer.
func (w *Wire) Pass(ctx context.Context, key string, drop bool) bool {
	w.mu.Lock()
	w.init()
	hold, delay, closed := w.held[key], w.slow[key], w.closed
	if hold == nil && delay == 0 && !drop {
		w.mu.Unlock()
		return true
	}
	w.onWire[key]++
	w.total++
	w.mu.Unlock()
	var timer <-chan time.Time
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		timer = t.C
	}
	gaveUp := false
	select {
	case <-hold: // nil unless held: never ready
	case <-timer: // nil unless slowed
	case <-ctx.Done():
		gaveUp = true
	case <-closed:
	}
	w.mu.Lock()
	w.onWire[key]--
	w.total--
	if gaveUp {
		w.gaveUp++
	}
	w.mu.Unlock()
	return !gaveUp
}

// OnWire is the number of calls for key on the wire now.
func (w *Wire) OnWire(key string) int { w.mu.Lock(); defer w.mu.Unlock(); return w.onWire[key] }

// Held is the number of calls on the wire now, for any key.
func (w *Wire) Held() int { w.mu.Lock(); defer w.mu.Unlock(); return w.total }

// GaveUp is the number of calls the client gave up on while they were on
// the wire.
func (w *Wire) GaveUp() int { w.mu.Lock(); defer w.mu.Unlock(); return w.gaveUp }
