// Package storetest is the conformance suite every bot.Store passes: the
// SQLite store runs it in its tests, and so will any other implementation.
package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
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
	if o.Persistent != nil {
		t.Run("Reopen", func(t *testing.T) { testReopen(t, o) })
	}
}

func testSources(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Title: "A", Interval: 10 * time.Minute, Backfill: 3, Added: t0})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	if a.ID == 0 {
		t.Errorf("AddSource returned ID 0")
	}
	b, err := s.AddSource(ctx, bot.Source{URL: "/srv/news", Added: t0.Add(time.Minute)})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	if _, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed"}); !errors.Is(err, bot.ErrExists) {
		t.Errorf("AddSource(duplicate) error = %v, want ErrExists", err)
	}
	got, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bot.Source{a, b}, got); diff != "" {
		t.Errorf("Sources() (-want +got):\n%s", diff)
	}
	byURL, err := s.SourceByURL(ctx, "/srv/news")
	if err != nil || byURL.ID != b.ID {
		t.Errorf("SourceByURL = %v, %v; want ID %d", byURL, err, b.ID)
	}
	if _, err := s.SourceByURL(ctx, "https://nope.example"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SourceByURL(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.RemoveSource(ctx, a.ID); err != nil {
		t.Fatalf("RemoveSource: %v", err)
	}
	if err := s.RemoveSource(ctx, a.ID); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("RemoveSource twice error = %v, want ErrNotFound", err)
	}
	got, _ = s.Sources(ctx)
	if len(got) != 1 || got[0].ID != b.ID {
		t.Errorf("Sources() after remove = %v, want only %d", got, b.ID)
	}
}

func testState(t *testing.T, s bot.Store) {
	ctx := t.Context()
	src, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Added: t0})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.State(ctx, src.ID)
	if err != nil {
		t.Fatalf("State(new source): %v", err)
	}
	if diff := cmp.Diff(bot.SourceState{SourceID: src.ID}, st); diff != "" {
		t.Errorf("State(new source) (-want +got):\n%s", diff)
	}
	want := bot.SourceState{
		SourceID: src.ID, Validators: bot.Validators{ETag: `"v1"`, LastModified: "Tue, 01 Apr 2025 08:00:00 GMT"},
		LastPoll: t0, LastSuccess: t0.Add(-time.Hour), Status: 503, Failures: 2,
		LastError: "server busy", Hint: "try later", NextPoll: t0.Add(30 * time.Minute), Polls: 7,
	}
	for range 2 { // insert, then update
		if err := s.SaveState(ctx, want); err != nil {
			t.Fatalf("SaveState: %v", err)
		}
	}
	got, err := s.State(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("State after SaveState (-want +got):\n%s", diff)
	}
	if err := s.SaveState(ctx, bot.SourceState{SourceID: 999999}); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SaveState(unknown source) error = %v, want ErrNotFound", err)
	}
	if err := s.RemoveSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.State(ctx, src.ID); got.Polls != 0 {
		t.Errorf("state survived its source: %+v", got)
	}
}

func testDue(t *testing.T, s bot.Store) {
	ctx := t.Context()
	var ids []int64
	for i := range 4 {
		src, err := s.AddSource(ctx, bot.Source{URL: fmt.Sprintf("https://s%d.example/feed", i), Added: t0})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, src.ID)
	}
	// 0: polled, due later; 1: polled, due now; 2: never polled; 3: due earlier.
	for i, next := range map[int]time.Time{0: t0.Add(time.Hour), 1: t0, 3: t0.Add(-time.Hour)} {
		if err := s.SaveState(ctx, bot.SourceState{SourceID: ids[i], NextPoll: next}); err != nil {
			t.Fatal(err)
		}
	}
	const lease = 30 * time.Minute
	sourceIDs := func(due []bot.Source, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Fatalf("DueSources: %v", err)
		}
		var got []int64
		for _, d := range due {
			got = append(got, d.ID)
		}
		return got
	}
	got := sourceIDs(s.DueSources(ctx, t0, lease, 10))
	if diff := cmp.Diff([]int64{ids[2], ids[3], ids[1]}, got); diff != "" {
		t.Errorf("DueSources order (-want +got):\n%s", diff)
	}
	// The claim leases the sources: a second claimer finds none due until
	// the lease runs out.
	for _, at := range []time.Time{t0, t0.Add(lease - time.Second)} {
		if got := sourceIDs(s.DueSources(ctx, at, lease, 10)); len(got) != 0 {
			t.Errorf("DueSources(%v) during the lease = %v, want none", at, got)
		}
	}
	if st, _ := s.State(ctx, ids[2]); !st.NextPoll.Equal(t0.Add(lease)) || st.Polls != 0 || !st.LastPoll.IsZero() {
		t.Errorf("State of a leased source never polled = %+v, want NextPoll %v and no poll", st, t0.Add(lease))
	}
	end := t0.Add(lease)
	if got := sourceIDs(s.DueSources(ctx, end, lease, 1)); len(got) != 1 {
		t.Errorf("DueSources(limit 1) returned %d", len(got))
	}
	if got := sourceIDs(s.DueSources(ctx, end, lease, 10)); len(got) != 2 {
		t.Errorf("DueSources(lease end) returned %v, want the 2 leased sources not yet claimed again", got)
	}
	if got := sourceIDs(s.DueSources(ctx, t0.Add(time.Hour), lease, 10)); len(got) != 4 {
		t.Errorf("DueSources(t0+1h) = %v, want all 4: the leases ended and source %d came due", got, ids[0])
	}
}

func article(src int64, guid, url, fp string, fetched time.Time) bot.Article {
	return bot.Article{
		Article:      brief.Article{ID: guid, URL: url, Title: "T " + guid, Text: "Text of " + guid, Source: "Src", Published: fetched.Add(-time.Hour)},
		SourceID:     src,
		GUID:         guid,
		CanonicalURL: url,
		Fingerprint:  fp,
		Fetched:      fetched,
	}
}

func testArticles(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a, _ := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Added: t0})
	b, _ := s.AddSource(ctx, bot.Source{URL: "https://b.example/feed", Added: t0})
	first := []bot.Article{
		article(a.ID, "g1", "https://a.example/1", "fp1", t0),
		article(a.ID, "g2", "https://a.example/2", "fp2", t0.Add(time.Minute)),
		article(a.ID, "g2", "https://a.example/2b", "fp2b", t0), // same GUID in one batch
	}
	added, err := s.AddArticles(ctx, first)
	if err != nil {
		t.Fatalf("AddArticles: %v", err)
	}
	if len(added) != 2 || added[0].GUID != "g1" || added[1].GUID != "g2" || added[0].StoreID == 0 {
		t.Fatalf("AddArticles added %+v, want g1 and g2 with IDs", added)
	}
	tests := []struct {
		name string
		art  bot.Article
		new  bool
	}{
		{"same GUID again", article(a.ID, "g1", "https://a.example/1?x", "other", t0), false},
		{"changed GUID, same URL", article(a.ID, "g1-new", "https://a.example/1", "fp-x", t0), false},
		{"changed GUID and URL, same text", article(a.ID, "g1-newer", "https://a.example/1-redated", "fp1", t0), false},
		{"same GUID in another source", article(b.ID, "g1", "https://b.example/1", "fp-b1", t0), true},
		{"same URL from another source", article(b.ID, "b2", "https://a.example/2", "fp-b2", t0), false},
		{"new", article(a.ID, "g3", "https://a.example/3", "fp3", t0.Add(2*time.Minute)), true},
		{"no URL, no fingerprint", article(a.ID, "g4", "", "", t0.Add(3*time.Minute)), true},
		{"another without URL", article(a.ID, "g5", "", "", t0.Add(3*time.Minute)), true},
	}
	for _, tt := range tests {
		added, err := s.AddArticles(ctx, []bot.Article{tt.art})
		if err != nil {
			t.Fatalf("%s: AddArticles: %v", tt.name, err)
		}
		if got := len(added) == 1; got != tt.new {
			t.Errorf("%s: AddArticles added = %v, want %v", tt.name, got, tt.new)
		}
	}
	muted := article(a.ID, "old", "https://a.example/old", "fp-old", t0.Add(5*time.Minute))
	muted.Muted = true
	if added, _ := s.AddArticles(ctx, []bot.Article{muted}); len(added) != 1 {
		t.Fatalf("muted article not stored")
	}
	if added, _ := s.AddArticles(ctx, []bot.Article{muted}); len(added) != 0 {
		t.Errorf("muted article stored twice")
	}

	got, err := s.Articles(ctx, t0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var guids []string
	for _, g := range got {
		guids = append(guids, g.GUID)
	}
	// After t0 only, newest first, muted left out.
	if diff := cmp.Diff([]string{"g5", "g4", "g3", "g2"}, guids); diff != "" {
		t.Errorf("Articles(since t0) (-want +got):\n%s", diff)
	}
	want := first[1]
	want.StoreID = got[3].StoreID
	if diff := cmp.Diff(want, got[3]); diff != "" {
		t.Errorf("stored article differs (-want +got):\n%s", diff)
	}
	if got, _ := s.Articles(ctx, t0, 2); len(got) != 2 {
		t.Errorf("Articles(limit 2) returned %d", len(got))
	}
}

func testReopen(t *testing.T, o Opener) {
	ctx := t.Context()
	open := o.Persistent(t)
	s := open()
	src, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Added: t0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddArticles(ctx, []bot.Article{article(src.ID, "g1", "https://a.example/1", "fp1", t0)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveState(ctx, bot.SourceState{SourceID: src.ID, Validators: bot.Validators{ETag: "e"}, Polls: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	if added, _ := s.AddArticles(ctx, []bot.Article{article(src.ID, "g1", "https://a.example/1", "fp1", t0)}); len(added) != 0 {
		t.Errorf("an article seen before the restart was added again")
	}
	if st, _ := s.State(ctx, src.ID); st.ETag != "e" || st.Polls != 1 {
		t.Errorf("state after reopen = %+v", st)
	}
}

func testChats(t *testing.T, s bot.Store) {
	ctx := t.Context()
	c := bot.ChatRef{Platform: "telegram", ID: "-100", Thread: "7"}
	got, err := s.Chat(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bot.ChatSettings{Chat: c}, got); diff != "" {
		t.Errorf("Chat(unknown) (-want +got):\n%s", diff)
	}
	want := bot.ChatSettings{
		Chat: c, Schedule: "08:00 Europe/Berlin weekdays", Quiet: "22:00-07:00", QuietDayNotice: true,
		Backfill: 3, LastDigest: t0.Add(-24 * time.Hour), NextDigest: t0,
	}
	for range 2 {
		if err := s.SaveChat(ctx, want); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Chat(ctx, c); !cmp.Equal(want, got) {
		t.Errorf("Chat after SaveChat (-want +got):\n%s", cmp.Diff(want, got))
	}
	if got, _ := s.Chat(ctx, bot.ChatRef{Platform: "telegram", ID: "-100"}); got.Schedule != "" {
		t.Errorf("the chat without thread shares the thread's settings: %+v", got)
	}
	later := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C1"}, Schedule: "09:00 UTC", NextDigest: t0.Add(time.Hour)}
	paused := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C2"}, Schedule: "07:00 UTC", NextDigest: t0, Paused: "blocked"}
	noSchedule := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C3"}}
	for _, cs := range []bot.ChatSettings{later, paused, noSchedule} {
		if err := s.SaveChat(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	const lease = 5 * time.Minute
	due, err := s.DueChats(ctx, t0.Add(time.Minute), lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bot.ChatSettings{want}, due); diff != "" {
		t.Errorf("DueChats(t0+1m) (-want +got):\n%s", diff) // NextDigest is the slot, t0, not the lease
	}
	leaseEnd := t0.Add(time.Minute + lease)
	if got, _ := s.Chat(ctx, c); !got.NextDigest.Equal(leaseEnd) {
		t.Errorf("Chat(claimed).NextDigest = %v, want the lease's end %v", got.NextDigest, leaseEnd)
	}
	if due, _ := s.DueChats(ctx, leaseEnd.Add(-time.Second), lease, 10); len(due) != 0 {
		t.Errorf("DueChats during the lease = %+v, want none", due)
	}
	due, err = s.DueChats(ctx, leaseEnd, lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Chat != c || !due[0].NextDigest.Equal(leaseEnd) {
		t.Errorf("DueChats(lease end) = %+v, want %v again", due, c)
	}
	if due, _ := s.DueChats(ctx, t0.Add(time.Hour), lease, 10); len(due) != 2 {
		t.Errorf("DueChats(t0+1h) returned %d chats, want 2", len(due))
	}
}

func testSubscriptions(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a := bot.ChatRef{Platform: "telegram", ID: "1"}
	b := bot.ChatRef{Platform: "slack", ID: "1"}
	for _, topic := range []string{"ukraine", "ai OR chips", "tech"} {
		if err := s.Subscribe(ctx, a, topic); err != nil {
			t.Fatalf("Subscribe(%q): %v", topic, err)
		}
	}
	if err := s.Subscribe(ctx, a, "ukraine"); !errors.Is(err, bot.ErrExists) {
		t.Errorf("Subscribe twice error = %v, want ErrExists", err)
	}
	if err := s.Subscribe(ctx, b, "ukraine"); err != nil {
		t.Errorf("Subscribe on another platform: %v", err)
	}
	got, _ := s.Subscriptions(ctx, a)
	if diff := cmp.Diff([]string{"ukraine", "ai OR chips", "tech"}, got); diff != "" {
		t.Errorf("Subscriptions (-want +got):\n%s", diff)
	}
	if n, err := s.Unsubscribe(ctx, a, "ai OR chips"); n != 1 || err != nil {
		t.Errorf("Unsubscribe(one) = %d, %v; want 1", n, err)
	}
	if n, _ := s.Unsubscribe(ctx, a, "nothing"); n != 0 {
		t.Errorf("Unsubscribe(unknown) = %d, want 0", n)
	}
	if n, _ := s.Unsubscribe(ctx, a, ""); n != 2 {
		t.Errorf("Unsubscribe(all) = %d, want 2", n)
	}
	if got, _ := s.Subscriptions(ctx, b); len(got) != 1 {
		t.Errorf("another chat lost its topics: %v", got)
	}
}

func testOutbox(t *testing.T, s bot.Store) {
	ctx := t.Context()
	c1 := bot.ChatRef{Platform: "telegram", ID: "1"}
	c2 := bot.ChatRef{Platform: "telegram", ID: "2"}
	enqueue := func(c bot.ChatRef, key string, at time.Time) bool {
		t.Helper()
		ok, err := s.Enqueue(ctx, bot.Delivery{Chat: c, Key: key, Payload: []byte(`{"Text":"` + key + `"}`), NextAttempt: at, Created: t0})
		if err != nil {
			t.Fatalf("Enqueue: %v", err)
		}
		return ok
	}
	if !enqueue(c1, "digest:1", t0) || !enqueue(c2, "digest:1", t0.Add(time.Second)) || !enqueue(c1, "later", t0.Add(time.Hour)) {
		t.Fatal("Enqueue of new deliveries reported a duplicate")
	}
	if enqueue(c1, "digest:1", t0) {
		t.Error("Enqueue of the same key twice wrote it twice")
	}
	if n, _ := s.Outbox(ctx); n != 3 {
		t.Errorf("Outbox() = %d, want 3", n)
	}
	got, err := s.Claim(ctx, t0.Add(time.Second), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Chat != c1 || got[1].Chat != c2 || got[0].Attempts != 1 || string(got[0].Payload) != `{"Text":"digest:1"}` {
		t.Fatalf("Claim = %+v, want the two due deliveries, first attempt", got)
	}
	// Leased rows are not claimed again until the lease runs out.
	if again, _ := s.Claim(ctx, t0.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
		t.Errorf("Claim during the lease returned %d deliveries", len(again))
	}
	if err := s.MarkSent(ctx, got[0].ID, t0.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	// The sender of got[1] died: after the lease it is claimed again.
	again, _ := s.Claim(ctx, t0.Add(2*time.Minute), time.Minute, 10)
	if len(again) != 1 || again[0].ID != got[1].ID || again[0].Attempts != 2 {
		t.Fatalf("Claim after the lease = %+v, want delivery %d on its second attempt", again, got[1].ID)
	}
	// Two parts of it went out before the rate limit: the next claim
	// carries on from the third.
	if err := s.MarkPart(ctx, again[0].ID, 2, "thread 1.5"); err != nil {
		t.Fatalf("MarkPart: %v", err)
	}
	if err := s.Retry(ctx, again[0].ID, t0.Add(10*time.Minute), "429"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Claim(ctx, t0.Add(5*time.Minute), time.Minute, 10); len(d) != 0 {
		t.Errorf("a delivery set to retry later was claimed early: %+v", d)
	}
	d, _ := s.Claim(ctx, t0.Add(10*time.Minute), time.Minute, 10)
	if len(d) != 1 || d[0].LastError != "429" || d[0].PartsSent != 2 || d[0].PartState != "thread 1.5" {
		t.Fatalf("Claim at the retry time = %+v, want the error and 2 parts sent, in thread 1.5", d)
	}
	if err := s.Drop(ctx, d[0].ID, "blocked"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Claim(ctx, t0.Add(24*time.Hour), time.Minute, 10); len(d) != 1 || d[0].Key != "later" {
		t.Errorf("Claim a day later = %+v, want only the 'later' delivery", d)
	}
	if last, _ := s.LastSent(ctx, c1); !last.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("LastSent(c1) = %v", last)
	}
	if last, _ := s.LastSent(ctx, c2); !last.IsZero() {
		t.Errorf("LastSent(c2) = %v, want zero", last)
	}
	if err := s.MarkPart(ctx, 424242, 1, ""); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkPart(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.MarkSent(ctx, 424242, t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkSent(unknown) error = %v, want ErrNotFound", err)
	}
}

func testReserveSlot(t *testing.T, s bot.Store) {
	ctx := t.Context()
	const iv = 34 * time.Millisecond
	// Reservations at one instant line up interval apart, from now on.
	for i := range 100 {
		got, err := s.ReserveSlot(ctx, "send:a", t0, iv)
		if err != nil {
			t.Fatalf("ReserveSlot #%d: %v", i, err)
		}
		if want := t0.Add(time.Duration(i) * iv); !got.Equal(want) {
			t.Fatalf("ReserveSlot #%d = %v, want %v", i, got, want)
		}
	}
	// Keys are independent.
	if got, err := s.ReserveSlot(ctx, "send:b", t0, iv); err != nil || !got.Equal(t0) {
		t.Errorf("ReserveSlot(send:b) = %v, %v; want %v", got, err, t0)
	}
	// Once the reserved slots have passed, the next slot is now.
	later := t0.Add(time.Hour)
	if got, err := s.ReserveSlot(ctx, "send:a", later, iv); err != nil || !got.Equal(later) {
		t.Errorf("ReserveSlot(an hour later) = %v, %v; want %v", got, err, later)
	}

	// Concurrent callers never get the same slot.
	const workers, each = 10, 20
	var (
		mu    sync.Mutex
		slots = map[time.Time]int{}
		wg    sync.WaitGroup
		errc  = make(chan error, workers)
	)
	for range workers {
		wg.Go(func() {
			for range each {
				got, err := s.ReserveSlot(ctx, "send:c", t0, iv)
				if err != nil {
					errc <- err
					return
				}
				mu.Lock()
				slots[got]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatalf("concurrent ReserveSlot: %v", err)
	}
	if len(slots) != workers*each {
		t.Errorf("%d concurrent reservations gave %d distinct slots, want %d", workers*each, len(slots), workers*each)
	}
	for i := range workers * each {
		if at := t0.Add(time.Duration(i) * iv); slots[at] != 1 {
			t.Errorf("slot %v reserved %d times, want once", at, slots[at])
		}
	}
}

// UpgradeRows are the rows a test writes with the schema of version 2
// (before multi-part progress and a state row for every source) before
// it opens the store, which migrates them; CheckUpgraded checks that they
// still read.
var UpgradeRows = []string{
	`INSERT INTO sources (url, added_us) VALUES ('https://a.example/feed', 1)`,
	`INSERT INTO deliveries (platform, chat_id, dedup_key, payload, created_us) VALUES ('telegram', '1', 'k', '{"Text":"hi"}', 1)`,
}

// CheckUpgraded checks a store opened on UpgradeRows: its pending
// delivery is claimed from its first part, and its source, never polled
// and without a state row, is due.
func CheckUpgraded(t *testing.T, s bot.Store) {
	t.Helper()
	now := time.Now()
	due, err := s.DueSources(t.Context(), now, time.Minute, 10)
	if err != nil || len(due) != 1 || due[0].URL != "https://a.example/feed" {
		t.Errorf("DueSources after the upgrade = %+v, %v; want the old source", due, err)
	}
	got, err := s.Claim(t.Context(), now, time.Minute, 10)
	if err != nil || len(got) != 1 || got[0].PartsSent != 0 || got[0].PartState != "" || string(got[0].Payload) != `{"Text":"hi"}` {
		t.Errorf("Claim after the upgrade = %+v, %v; want the old delivery from its first part", got, err)
	}
}
