package bot_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
)

// feeds is a fake Fetcher: each source URL answers with its items or error.
type feeds struct {
	mu    sync.Mutex
	items map[string][]brief.Article
	errs  map[string]error
	calls map[string]int
	seen  map[string]bot.Validators
}

func newFeeds() *feeds {
	return &feeds{items: map[string][]brief.Article{}, errs: map[string]error{}, calls: map[string]int{}, seen: map[string]bot.Validators{}}
}

func (f *feeds) Fetch(ctx context.Context, location string, v bot.Validators) (*bot.Fetched, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[location]++
	f.seen[location] = v
	if err := f.errs[location]; err != nil {
		return nil, err
	}
	version := bot.Validators{ETag: "v" + fmt.Sprint(len(f.items[location]))}
	if v == version {
		return &bot.Fetched{NotModified: true, Validators: v, Status: 304}, nil
	}
	r := &bot.Fetched{Title: "Feed " + location, Validators: version, Status: 200}
	for _, it := range f.items[location] {
		// As sources.Fetcher does, with its own canonical form.
		r.Articles = append(r.Articles, bot.Article{Article: it, CanonicalURL: strings.TrimSuffix(it.URL, "?utm_source=rss")})
	}
	return r, nil
}

func item(n int, day int) brief.Article {
	return brief.Article{
		ID:        fmt.Sprintf("guid-%d", n),
		URL:       fmt.Sprintf("https://news.example/story/%d?utm_source=rss", n),
		Title:     fmt.Sprintf("Story %d", n),
		Text:      fmt.Sprintf("Story number %d tells of events that happened on day %d of the month in some detail.", n, day),
		Published: time.Date(2025, 4, day, 8, 0, 0, 0, time.UTC),
	}
}

type fixture struct {
	store  *sqlite.Store
	feeds  *feeds
	clock  *bottest.Clock
	poller *bot.Poller
	path   string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fx := &fixture{feeds: newFeeds(), clock: bottest.NewClock(time.Date(2025, 4, 10, 9, 0, 0, 0, time.UTC)), path: filepath.Join(t.TempDir(), "nb.db")}
	fx.open(t)
	return fx
}

func (fx *fixture) open(t *testing.T) {
	t.Helper()
	s, err := sqlite.Open(t.Context(), fx.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fx.store = s
	fx.poller = bot.NewPoller(s, fx.feeds, bot.PollerOptions{Clock: fx.clock, Workers: 3})
}

func (fx *fixture) add(t *testing.T, url string, backfill int) bot.Source {
	t.Helper()
	src, err := fx.store.AddSource(t.Context(), bot.Source{URL: url, Interval: 10 * time.Minute, Backfill: backfill})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func guids(arts []bot.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.GUID)
	}
	return out
}

func TestPollFirstPollBackfill(t *testing.T) {
	fx := newFixture(t)
	fx.feeds.items["a"] = []brief.Article{item(3, 3), item(1, 1), item(2, 2)}
	src := fx.add(t, "a", 1)
	added, err := fx.poller.Poll(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"guid-3"}, guids(added)); diff != "" {
		t.Errorf("first poll with backfill 1: new (-want +got):\n%s", diff)
	}
	// A new item appears, and an old one comes back re-dated with a new GUID.
	redated := item(1, 9)
	redated.ID = "guid-1-moved"
	redated.Text = item(1, 1).Text
	fx.feeds.items["a"] = append([]brief.Article{item(4, 4), redated}, fx.feeds.items["a"]...)
	fx.clock.Add(11 * time.Minute)
	added, err = fx.poller.Poll(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"guid-4"}, guids(added)); diff != "" {
		t.Errorf("second poll: new (-want +got):\n%s", diff)
	}
	if a := added[0]; a.CanonicalURL != "https://news.example/story/4" || a.Source != "Feed a" || a.Fingerprint == "" {
		t.Errorf("stored article = %+v, want canonical URL, source title and fingerprint", a)
	}
	recent, _ := fx.store.Articles(t.Context(), time.Time{}, 10)
	if diff := cmp.Diff([]string{"guid-4", "guid-3"}, guids(recent)); diff != "" {
		t.Errorf("deliverable articles (-want +got):\n%s", diff)
	}
}

// TestPollCapsItems: of a feed of 5,000 items only the newest
// MaxItemsPerPoll are taken, in one poll and the next.
func TestPollCapsItems(t *testing.T) {
	fx := newFixture(t)
	var items []brief.Article
	for n := range 5000 {
		it := item(n, 1)
		it.Published = it.Published.Add(time.Duration(n) * time.Minute) // higher n, newer
		items = append(items, it)
	}
	fx.feeds.items["big"] = items
	src := fx.add(t, "big", 5000)
	added, err := fx.poller.Poll(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != bot.MaxItemsPerPoll {
		t.Fatalf("first poll of 5,000 items added %d, want %d", len(added), bot.MaxItemsPerPoll)
	}
	for _, a := range added {
		if a.Published.Before(items[5000-bot.MaxItemsPerPoll].Published) {
			t.Fatalf("added %s from %v, older than the newest %d", a.GUID, a.Published, bot.MaxItemsPerPoll)
		}
	}
	fx.clock.Add(11 * time.Minute)
	fx.feeds.items["big"] = append(items, item(9999, 30))
	if added, err := fx.poller.Poll(t.Context(), src); err != nil || len(added) != 1 || added[0].GUID != "guid-9999" {
		t.Errorf("second poll added %v, %v; want only the new item", guids(added), err)
	}
}

func TestPollNotModifiedKeepsValidators(t *testing.T) {
	fx := newFixture(t)
	fx.feeds.items["a"] = []brief.Article{item(1, 1)}
	src := fx.add(t, "a", 0)
	for range 2 {
		if _, err := fx.poller.Poll(t.Context(), src); err != nil {
			t.Fatal(err)
		}
	}
	if got := fx.feeds.seen["a"].ETag; got != "v1" {
		t.Errorf("second poll sent ETag %q, want v1", got)
	}
	st, _ := fx.store.State(t.Context(), src.ID)
	if st.ETag != "v1" || st.Status != 304 || st.Polls != 2 {
		t.Errorf("state after 304 = %+v, want ETag v1, status 304, 2 polls", st)
	}
}

// fetchError is a fetch failure with the extras a real fetcher reports.
type fetchError struct {
	status int
	retry  time.Duration
	hint   string
}

func (e fetchError) Error() string             { return fmt.Sprintf("status %d", e.status) }
func (e fetchError) StatusCode() int           { return e.status }
func (e fetchError) RetryAfter() time.Duration { return e.retry }
func (e fetchError) Hint() string              { return e.hint }

func TestPollBackoff(t *testing.T) {
	fx := newFixture(t)
	src := fx.add(t, "bad", 0)
	fx.feeds.errs["bad"] = errors.New("connection refused")
	var waits []time.Duration
	for range 4 {
		if _, err := fx.poller.Poll(t.Context(), src); err == nil {
			t.Fatal("Poll of a failing source returned no error")
		}
		st, _ := fx.store.State(t.Context(), src.ID)
		waits = append(waits, st.NextPoll.Sub(fx.clock.Now()))
		if st.LastError != "connection refused" {
			t.Errorf("LastError = %q", st.LastError)
		}
	}
	want := []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, 80 * time.Minute}
	if diff := cmp.Diff(want, waits); diff != "" {
		t.Errorf("backoff (-want +got):\n%s", diff)
	}

	fx.feeds.errs["bad"] = fetchError{status: 429, retry: 6 * time.Hour, hint: "the server limits requests"}
	fx.poller.Poll(t.Context(), src)
	st, _ := fx.store.State(t.Context(), src.ID)
	if got := st.NextPoll.Sub(fx.clock.Now()); got != 6*time.Hour {
		t.Errorf("next poll after Retry-After 6h is in %v", got)
	}
	if st.Status != 429 || st.Hint != "the server limits requests" || st.Failures != 5 {
		t.Errorf("state = %+v, want status 429, the hint and 5 failures", st)
	}

	for range 20 {
		fx.poller.Poll(t.Context(), src)
	}
	st, _ = fx.store.State(t.Context(), src.ID)
	if got := st.NextPoll.Sub(fx.clock.Now()); got != bot.MaxBackoff {
		t.Errorf("backoff after 25 failures = %v, want the cap %v", got, bot.MaxBackoff)
	}

	delete(fx.feeds.errs, "bad")
	fx.feeds.items["bad"] = []brief.Article{item(1, 1)}
	if _, err := fx.poller.Poll(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	st, _ = fx.store.State(t.Context(), src.ID)
	if st.Failures != 0 || st.LastError != "" || st.NextPoll.Sub(fx.clock.Now()) != 10*time.Minute {
		t.Errorf("state after recovery = %+v", st)
	}
}

func TestPollDueCarriesOnAndBounds(t *testing.T) {
	fx := newFixture(t)
	var inFlight, peak atomic.Int32
	slow := bot.FetcherFunc(func(ctx context.Context, location string, v bot.Validators) (*bot.Fetched, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		return fx.feeds.Fetch(ctx, location, v)
	})
	p := bot.NewPoller(fx.store, slow, bot.PollerOptions{Clock: fx.clock, Workers: 3})
	for i := range 12 {
		url := fmt.Sprintf("s%d", i)
		fx.feeds.items[url] = []brief.Article{item(100+i, 1)}
		fx.add(t, url, 5)
	}
	fx.feeds.errs["s4"] = errors.New("invalid XML")
	stats, err := p.PollDue(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if stats != (bot.PollStats{Polled: 12, Failed: 1, New: 11}) {
		t.Errorf("PollDue stats = %+v, want 12 polled, 1 failed, 11 new", stats)
	}
	if got := peak.Load(); got > 3 {
		t.Errorf("%d sources polled at once, want at most 3", got)
	}
	// Nothing is due until the interval has passed.
	if stats, _ := p.PollDue(t.Context()); stats.Polled != 0 {
		t.Errorf("PollDue right after polled %d sources, want 0", stats.Polled)
	}
	// After one interval all are due again, the failed one too: its first
	// retry waits one interval; the second waits two.
	fx.clock.Add(10 * time.Minute)
	if stats, _ := p.PollDue(t.Context()); stats.Polled != 12 || stats.Failed != 1 {
		t.Errorf("PollDue after the interval = %+v, want 12 polled, 1 failed", stats)
	}
	fx.clock.Add(10 * time.Minute)
	if stats, _ := p.PollDue(t.Context()); stats.Polled != 11 {
		t.Errorf("PollDue after two intervals polled %d, want the 11 healthy ones", stats.Polled)
	}
}

func TestPollRestartKeepsSeen(t *testing.T) {
	fx := newFixture(t)
	fx.feeds.items["a"] = []brief.Article{item(1, 1), item(2, 2)}
	src := fx.add(t, "a", 5)
	if added, _ := fx.poller.Poll(t.Context(), src); len(added) != 2 {
		t.Fatalf("first poll added %d, want 2", len(added))
	}
	fx.store.Close()
	fx.open(t) // a restart: same database file, new process state
	fx.clock.Add(time.Hour)
	added, err := fx.poller.Poll(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 0 {
		t.Errorf("after a restart %d seen articles came back as new", len(added))
	}
}

func TestPollerRunStopsWithContext(t *testing.T) {
	fx := newFixture(t)
	fx.add(t, "a", 0)
	polled := make(chan struct{}, 1)
	f := bot.FetcherFunc(func(ctx context.Context, location string, v bot.Validators) (*bot.Fetched, error) {
		select {
		case polled <- struct{}{}:
		default:
		}
		return &bot.Fetched{}, nil
	})
	p := bot.NewPoller(fx.store, f, bot.PollerOptions{Clock: fx.clock})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- p.Run(ctx, time.Second) }()
	select {
	case <-polled:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not poll at start")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
