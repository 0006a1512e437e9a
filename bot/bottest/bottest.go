// Package bottest holds what the tests of bot, its adapters and
// cmd/newsbrief share: a virtual clock, and a bot over a real SQLite store
// with one story in it. The fake chat platforms are
// bot/telegram/telegramtest and bot/slack/slacktest.
package bottest

import (
	"cmp"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
)

// Clock is a virtual clock (a bot.Clock): Sleep moves time on at once,
// so that minutes of pacing run in moments. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

var _ bot.Clock = (*Clock)(nil)

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Sleep moves the clock on by d at once, unless ctx has ended.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	if d > 0 {
		c.t = c.t.Add(d)
	}
	c.mu.Unlock()
	return nil
}

// GrainTalks is the story NewBot's store holds: a meeting, a quote and
// key points.
var GrainTalks = brief.Article{ID: "k1", URL: "https://one.example/kyiv", Title: "Ukraine and Poland agree on grain transit",
	Text: "Ukrainian President Volodymyr Zelenskyy met Polish Prime Minister Donald Tusk in Warsaw on Monday to settle a dispute over grain transit.\nThe two leaders agreed to reopen the border crossings to Ukrainian grain trucks from next week.\n\"We have found a fair solution for farmers on both sides,\" Tusk said after the talks.\nThe deal includes joint inspections at three crossings."}

// NewBot returns a bot over a new SQLite store, closed at the end of the
// test, that holds one source and GrainTalks, fetched an hour ago.
func NewBot(tb testing.TB) *bot.Bot {
	tb.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "nb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	src, err := s.AddSource(ctx, bot.Source{URL: "https://one.example/feed", Title: "One"})
	if err != nil {
		tb.Fatal(err)
	}
	a := GrainTalks
	a.Source, a.Published = src.URL, time.Now().Add(-time.Hour)
	if _, err := s.AddArticles(ctx, []bot.Article{{Article: a, SourceID: src.ID, GUID: a.ID, CanonicalURL: a.URL,
		Fingerprint: brief.Fingerprint(a), Fetched: time.Now().Add(-time.Hour)}}); err != nil {
		tb.Fatal(err)
	}
	return bot.New(s, brief.New(brief.Options{}), bot.Options{})
}

// WaitFor polls ok until it holds, and fails the test if it does not
// within limit (zero: 20 seconds), saying it timed out waiting for what.
// Tests wait for events this way, never for a fixed time.
func WaitFor(tb testing.TB, what string, limit time.Duration, ok func() bool) {
	tb.Helper()
	deadline := time.Now().Add(cmp.Or(limit, 20*time.Second))
	for !ok() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
