package slack

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Slack signs each request over its timestamp and body, and the verifier
// takes timestamps up to five minutes off, either way: one signature is
// good for up to ten minutes from its arrival.
const (
	replayKeep = 10 * time.Minute
	// replayMax bounds the signatures kept (about 60 bytes each), some 33
	// signed requests a second over the ten minutes. Beyond that the
	// oldest are forgotten first.
	replayMax = 20000
)

// replayGuard remembers the signatures of the requests it let through, so
// that a request captured and sent again, to any of the endpoints, is
// answered once.
type replayGuard struct {
	mu   sync.Mutex
	max  int
	seen map[[sha256.Size]byte]struct{}
	ring []replayEntry // in arrival order, from head, n of them
	head int
	n    int
}

type replayEntry struct {
	key   [sha256.Size]byte
	until time.Time
}

func newReplayGuard(max int) *replayGuard {
	return &replayGuard{max: max, seen: map[[sha256.Size]byte]struct{}{}, ring: make([]replayEntry, max)}
}

// first reports whether signature is new, and remembers it.
func (g *replayGuard) first(signature string, now time.Time) bool {
	key := sha256.Sum256([]byte(signature))
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.n > 0 && (g.n == g.max || now.After(g.ring[g.head].until)) {
		delete(g.seen, g.ring[g.head].key)
		g.head = (g.head + 1) % g.max
		g.n--
	}
	if _, ok := g.seen[key]; ok {
		return false
	}
	g.seen[key] = struct{}{}
	g.ring[(g.head+g.n)%g.max] = replayEntry{key: key, until: now.Add(replayKeep)}
	g.n++
	return true
}
