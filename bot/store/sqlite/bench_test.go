package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// poll returns n new articles of one source, numbered from first, shaped
// like a feed's: a title, a link and a few sentences.
func poll(src int64, first, n int, at time.Time) []bot.Article {
	arts := make([]bot.Article, n)
	for i := range arts {
		k := first + i
		u := fmt.Sprintf("https://news.example/%d/story-%d", k%97, k)
		arts[i] = bot.Article{
			Article: brief.Article{
				ID: u, URL: u, Title: fmt.Sprintf("Council votes on plan %d", k),
				Text:      fmt.Sprintf("The council met on Monday to vote on plan %d. \"We agreed on the main points,\" the mayor said. The plan covers roads and schools in district %d.", k, k%31),
				Published: at.Add(-time.Duration(k) * time.Second),
			},
			SourceID: src, GUID: u, CanonicalURL: u, Fingerprint: fmt.Sprintf("%016x", uint64(k)*0x9e3779b97f4a7c15),
			Fetched: at,
		}
	}
	return arts
}

// BenchmarkStorePoll stores one poll of 1,000 new articles into databases
// already holding 0, 20,000 and 200,000: with every lookup on an index the
// time per poll barely grows with the database.
func BenchmarkStorePoll(b *testing.B) {
	at := time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)
	for _, stored := range []int{0, 20000, 200000} {
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			s := open(b, filepath.Join(b.TempDir(), "nb.db"))
			src, err := s.AddSource(b.Context(), bot.Source{URL: "https://news.example/feed"})
			if err != nil {
				b.Fatal(err)
			}
			for k := 0; k < stored; k += 10000 {
				if _, err := s.AddArticles(b.Context(), poll(src.ID, k, 10000, at)); err != nil {
					b.Fatal(err)
				}
			}
			// The setup's writes are copied into the database before the
			// clock starts, so that the polls timed do not pay for them.
			if _, err := s.db.ExecContext(b.Context(), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				b.Fatal(err)
			}
			next := stored
			for b.Loop() {
				added, err := s.AddArticles(b.Context(), poll(src.ID, next, 1000, at))
				if err != nil || len(added) != 1000 {
					b.Fatalf("AddArticles stored %d of 1000: %v", len(added), err)
				}
				next += 1000
			}
		})
	}
}

// TestBigFeedLeavesRoomForOthers stores a 100,000-item feed while another
// user subscribes: the batches of the feed take turns with the
// subscription, which gets through within 2 s instead of waiting for the
// whole feed (and failing with "database is locked").
func TestBigFeedLeavesRoomForOthers(t *testing.T) {
	n := 100000
	if testing.Short() || raceEnabled {
		n = 20000 // the race detector slows SQLite tenfold
	}
	s := open(t, filepath.Join(t.TempDir(), "nb.db"))
	src, err := s.AddSource(t.Context(), bot.Source{URL: "https://news.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	arts := poll(src.ID, 0, n, time.Now())
	stored := make(chan error, 1)
	go func() {
		_, err := s.AddArticles(context.Background(), arts)
		stored <- err
	}()
	// Let the feed's writing get going: it takes seconds.
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	err = s.Subscribe(ctx, bot.ChatRef{Platform: "telegram", ID: "7"}, "ukraine")
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Subscribe while a %d-item feed is stored: %v after %v", n, err, took)
	}
	select {
	case err := <-stored:
		t.Fatalf("the feed was stored (err %v) before the subscription: the test proves nothing", err)
	default:
	}
	t.Logf("subscribed in %v while a %d-item feed was being stored", took, n)
	if err := <-stored; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}
