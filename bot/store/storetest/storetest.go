// Package storetest is the conformance suite every bot.Store passes: the
// SQLite and PostgreSQL stores run it in their tests, against a fresh
// database for each part. Its files follow the stores' entities: sources
// and their state, articles, chats and subscriptions, the outbox and rate
// slots, and a store reopened or upgraded from an older schema.
package storetest

import (
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// Opener opens the stores under test.
type Opener struct {
	// Open returns a new, empty store for one test.
	Open func(t *testing.T) bot.Store
	// Persistent, for stores whose data outlive them, returns a function
	// that opens one new database the first time it is called and the same
	// database again on every later call. Nil for in-memory stores.
	Persistent func(t *testing.T) func() bot.Store
}

var t0 = time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)

// Run runs the suite.
func Run(t *testing.T, o Opener) {
	t.Run("Sources", func(t *testing.T) { testSources(t, o.Open(t)) })
	t.Run("State", func(t *testing.T) { testState(t, o.Open(t)) })
	t.Run("DueSources", func(t *testing.T) { testDue(t, o.Open(t)) })
	t.Run("Articles", func(t *testing.T) { testArticles(t, o.Open(t)) })
	t.Run("Chats", func(t *testing.T) { testChats(t, o.Open(t)) })
	t.Run("Subscriptions", func(t *testing.T) { testSubscriptions(t, o.Open(t)) })
	t.Run("Outbox", func(t *testing.T) { testOutbox(t, o.Open(t)) })
	t.Run("ReserveSlot", func(t *testing.T) { testReserveSlot(t, o.Open(t)) })
	t.Run("Sessions", func(t *testing.T) { testSessions(t, o.Open(t)) })
	t.Run("SourceRows", func(t *testing.T) { testSourceRows(t, o.Open(t)) })
	t.Run("PauseSource", func(t *testing.T) { testPauseSource(t, o.Open(t)) })
	t.Run("ChatRows", func(t *testing.T) { testChatRows(t, o.Open(t)) })
	t.Run("Deliveries", func(t *testing.T) { testDeliveries(t, o.Open(t)) })
	t.Run("Overview", func(t *testing.T) { testOverview(t, o.Open(t)) })
	if o.Persistent != nil {
		t.Run("Reopen", func(t *testing.T) { testReopen(t, o) })
	}
}
