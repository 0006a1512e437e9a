package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot"
)

func testSources(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Title: "A", Interval: 10 * time.Minute, Backfill: 3, Added: t0, Guarded: true})
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
