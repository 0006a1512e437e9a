package web

import (
	"strconv"
	"testing"
	"time"
)

// TestLoginLimitSurvivesAFlood fills the limiter with more clients than
// it remembers: a client held before the flood stays held, and the
// newcomers share one count instead of each getting nine free tries.
func TestLoginLimitSurvivesAFlood(t *testing.T) {
	l := newLoginLimiter()
	now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	for range freeLogins {
		l.try("198.51.100.1", now)
	}
	if l.try("198.51.100.1", now) == 0 {
		t.Fatal("a client after nine misses may try at once")
	}
	for i := range maxClients + 100 {
		now = now.Add(time.Millisecond)
		l.try("10.0."+strconv.Itoa(i/256)+"."+strconv.Itoa(i%256), now)
	}
	if l.try("198.51.100.1", now) == 0 {
		t.Error("a flood of other clients cleared a held client's wait")
	}
	if l.try("203.0.113.200", now) == 0 {
		t.Error("a newcomer during the flood got a free try: the flood's tries are not counted")
	}
	if len(l.clients) > maxClients+1 {
		t.Errorf("the limiter remembers %d clients, more than %d", len(l.clients), maxClients+1)
	}
}
