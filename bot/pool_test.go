package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// readsStore records the since of every article read.
type readsStore struct {
	*sqlite.Store
	since []time.Time
}

func (s *readsStore) Articles(ctx context.Context, since time.Time, limit int) ([]bot.Article, error) {
	s.since = append(s.since, since)
	return s.Store.Articles(ctx, since, limit)
}

// The articles a brief is made of are read once and then only what is
// new, yet every brief sees every article stored before it was asked for,
// even one stored in the same second as the newest already read.
func TestPoolReadsOnlyWhatIsNew(t *testing.T) {
	start := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	w := newWorld(t, start, bot.Options{})
	reads := &readsStore{Store: w.store}
	b := bot.New(reads, sum, bot.Options{Clock: w.clock})
	summary := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := console.New(&out).Run(t.Context(), strings.NewReader("/summary"), b, ""); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	lastRead := func() time.Time { return reads.since[len(reads.since)-1] }

	w.news(t, "https://one.example/feed", kyivTalks)
	if out := summary(); !strings.Contains(out, kyivTalks.Title) {
		t.Fatalf("first /summary lacks the stored article:\n%s", out)
	}
	if got, want := lastRead(), start.Add(-24*time.Hour); !got.Equal(want) {
		t.Errorf("first read since %v, want the whole window %v", got, want)
	}

	w.clock.Add(time.Minute)
	w.news(t, "https://one.example/feed", chips)
	out := summary()
	if !strings.Contains(out, chips.Title) || !strings.Contains(out, kyivTalks.Title) {
		t.Errorf("second /summary lacks the new or the held article:\n%s", out)
	}
	newest := start.Add(time.Minute)
	if got := lastRead(); got.Before(newest.Add(-time.Hour)) {
		t.Errorf("second read since %v, want only what came after the newest held (%v) less a small overlap", got, newest)
	}

	// Stored at the same instant as the newest article read: a poll's
	// later batch.
	w.news(t, "https://two.example/feed", kyivTalks2)
	if out := summary(); !strings.Contains(out, "two.example") {
		t.Errorf("/summary lacks the article stored at the newest held article's time:\n%s", out)
	}
	if n := strings.Count(summary(), chips.Title); n != 1 {
		t.Errorf("the chip story appears %d times after several reads, want once", n)
	}

	// Unused for a while, the held articles are read again in full.
	w.clock.Add(time.Hour)
	summary()
	if got, want := lastRead(), w.clock.Now().Add(-24*time.Hour); !got.Equal(want) {
		t.Errorf("read after an idle hour since %v, want the whole window %v", got, want)
	}
}
