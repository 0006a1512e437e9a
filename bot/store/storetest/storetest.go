// Package storetest is the conformance suite every bot.Store passes: the
// SQLite store runs it in its tests, and so will any other implementation.
package storetest

import (
	"errors"
	"fmt"
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
		SourceID: src.ID, ETag: `"v1"`, LastModified: "Tue, 01 Apr 2025 08:00:00 GMT",
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
	due, err := s.DueSources(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, d := range due {
		got = append(got, d.ID)
	}
	if diff := cmp.Diff([]int64{ids[2], ids[3], ids[1]}, got); diff != "" {
		t.Errorf("DueSources order (-want +got):\n%s", diff)
	}
	if due, _ := s.DueSources(ctx, t0, 1); len(due) != 1 {
		t.Errorf("DueSources(limit 1) returned %d", len(due))
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
	if err := s.SaveState(ctx, bot.SourceState{SourceID: src.ID, ETag: "e", Polls: 1}); err != nil {
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
