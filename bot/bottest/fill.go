package bottest

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// Sizes is how much Fill stores.
type Sizes struct {
	Sources  int
	Chats    int
	Articles int // spread over the sources and the week before Now
	// Deliveries are spread over the chats: most sent, some waiting to be
	// retried, some dead, a few waiting for their first try.
	Deliveries int
	// TopicsPerChat is each chat's subscriptions (default 2).
	TopicsPerChat int
	// Now is the time the data leads up to (default time.Now()).
	Now time.Time
}

// Filled is what Fill stored.
type Filled struct {
	Sources []bot.Source
	Chats   []bot.ChatRef
}

// fillWorkers is how many writers Fill runs at once: PostgreSQL takes
// them side by side, SQLite one after another.
const fillWorkers = 8

// Fill stores a realistic spread of data in s, through bot.Store alone so
// that it fills any store: sources (one in 20 failing, one in 50
// paused, one in 10 untitled), chats on Telegram and Slack (one in 4
// with a daily brief, one in 3 named) following topics, articles stored
// in batches, and an outbox of deliveries in every state. It fails the
// test on any error.
func Fill(tb testing.TB, s bot.Store, sz Sizes) Filled {
	tb.Helper()
	ctx := context.Background()
	now := sz.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Microsecond)
	topics := cmp.Or(sz.TopicsPerChat, 2)
	var f Filled

	f.Sources = make([]bot.Source, sz.Sources)
	run(tb, sz.Sources, func(i int) error {
		title := fmt.Sprintf("Source %04d News", i)
		if i%10 == 9 {
			title = ""
		}
		src, err := s.AddSource(ctx, bot.Source{URL: fmt.Sprintf("https://feed%04d.example/rss", i), Title: title, Added: now.Add(-30 * 24 * time.Hour)})
		if err != nil {
			return err
		}
		f.Sources[i] = src
		st := bot.SourceState{SourceID: src.ID, LastPoll: now.Add(-5 * time.Minute), LastSuccess: now.Add(-5 * time.Minute),
			Status: 200, Polls: 100 + i, NextPoll: now.Add(time.Duration(i%15) * time.Minute)}
		if i%20 == 7 {
			st.Status, st.Failures, st.LastError, st.Hint = 503, 1+i%5, "503 Service Unavailable", "the site is down; it is tried again later"
			st.LastSuccess = now.Add(-time.Duration(i%48) * time.Hour)
		}
		if err := s.SaveState(ctx, st); err != nil {
			return err
		}
		if i%50 == 11 {
			return s.PauseSource(ctx, src.ID, true)
		}
		return nil
	})

	f.Chats = make([]bot.ChatRef, sz.Chats)
	run(tb, sz.Chats, func(i int) error {
		c := bot.ChatRef{Platform: "telegram", ID: fmt.Sprint(-1001000000000 - int64(i))}
		if i%3 == 2 {
			c = bot.ChatRef{Platform: "slack", ID: fmt.Sprintf("C%08X", i)}
		}
		f.Chats[i] = c
		for k := range topics {
			if err := s.Subscribe(ctx, c, fmt.Sprintf("topic%d", (i+k*7)%40)); err != nil {
				return err
			}
		}
		if i%4 == 0 {
			cs := bot.ChatSettings{Chat: c, Schedule: "08:00 Europe/Berlin", Quiet: "22:00-07:00", Backfill: 3,
				LastDigest: now.Add(-24 * time.Hour), NextDigest: now.Add(time.Duration(i%1440) * time.Minute)}
			if err := s.SaveChat(ctx, cs); err != nil {
				return err
			}
		}
		if i%3 == 0 {
			return s.SetChatTitle(ctx, c, fmt.Sprintf("Newsroom %d", i))
		}
		return nil
	})

	const batch = 1000
	batches := (sz.Articles + batch - 1) / batch
	if sz.Sources == 0 && sz.Articles > 0 {
		tb.Fatalf("Fill: %d articles need sources", sz.Articles)
	}
	run(tb, batches, func(b int) error {
		arts := make([]bot.Article, 0, batch)
		for i := b * batch; i < min((b+1)*batch, sz.Articles); i++ {
			u := fmt.Sprintf("https://site%d.example/2025/story-%d", i%997, i)
			at := now.Add(-time.Duration(i%(7*24*60)) * time.Minute)
			arts = append(arts, bot.Article{
				Article: brief.Article{ID: u, URL: u, Title: fmt.Sprintf("Council votes on plan %d", i),
					Text:      fmt.Sprintf("The council met to vote on plan %d. \"We agreed,\" the mayor said.", i),
					Published: at.Add(-time.Hour)},
				SourceID: f.Sources[i%len(f.Sources)].ID, GUID: u, CanonicalURL: u,
				Fingerprint: fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15), Fetched: at,
			})
		}
		_, err := s.AddArticles(ctx, arts)
		return err
	})

	if sz.Deliveries > 0 && sz.Chats == 0 {
		tb.Fatalf("Fill: %d deliveries need chats", sz.Deliveries)
	}
	run(tb, sz.Deliveries, func(i int) error {
		_, err := s.Enqueue(ctx, bot.Delivery{Chat: f.Chats[i%len(f.Chats)], Key: fmt.Sprintf("digest:%d", i),
			Payload: []byte(fmt.Sprintf(`{"Text":"brief %d"}`, i)), NextAttempt: now.Add(-time.Hour), Created: now.Add(-time.Hour)})
		return err
	})
	// Claimed in one go, so that the outcome of each depends on its place
	// in the claim alone: 7 in 10 sent, 1 retrying, 1 dead, 1 left waiting
	// (its lease run out by now).
	var claimed []bot.Delivery
	for len(claimed) < sz.Deliveries {
		more, err := s.Claim(ctx, now.Add(-time.Hour), time.Minute, 1000)
		if err != nil {
			tb.Fatalf("Fill: claim: %v", err)
		}
		if len(more) == 0 {
			break
		}
		claimed = append(claimed, more...)
	}
	run(tb, len(claimed), func(i int) error {
		d := claimed[i]
		switch i % 10 {
		case 7:
			return s.Retry(ctx, d.ID, now.Add(time.Duration(i%60)*time.Minute), "429 Too Many Requests: retry after 30")
		case 8:
			return s.Drop(ctx, d.ID, "gave up after 12 attempts: 400 Bad Request: chat not found")
		case 9:
			return nil
		}
		return s.MarkSent(ctx, d.ID, now.Add(-time.Duration(i%(24*60))*time.Minute))
	})
	return f
}

// run calls do for 0..n-1 on fillWorkers goroutines and fails tb with the
// first error.
func run(tb testing.TB, n int, do func(i int) error) {
	tb.Helper()
	var (
		wg    sync.WaitGroup
		next  = make(chan int)
		once  sync.Once
		first error
	)
	for range min(fillWorkers, n) {
		wg.Go(func() {
			for i := range next {
				if err := do(i); err != nil {
					once.Do(func() { first = fmt.Errorf("item %d: %w", i, err) })
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		tb.Fatalf("Fill: %v", first)
	}
}
