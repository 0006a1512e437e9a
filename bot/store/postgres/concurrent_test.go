package postgres

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// instances opens n stores (pools) on one database, as n instances of
// the bot would.
func instances(t *testing.T, u string, n int) []*Store {
	stores := make([]*Store, n)
	for i := range stores {
		stores[i] = open(t, u)
	}
	return stores
}

// drain has workers goroutines per store claim with claim until it
// returns nothing, and returns what was claimed by key.
func drain[T any, K comparable](t *testing.T, stores []*Store, workers int, claim func(*Store) ([]T, error), key func(T) K) map[K][]T {
	var (
		mu  sync.Mutex
		got = map[K][]T{}
		wg  sync.WaitGroup
	)
	for _, s := range stores {
		for range workers {
			wg.Go(func() {
				for {
					batch, err := claim(s)
					if err != nil {
						t.Errorf("claim: %v", err)
						return
					}
					if len(batch) == 0 {
						return
					}
					mu.Lock()
					for _, v := range batch {
						got[key(v)] = append(got[key(v)], v)
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	return got
}

// claimedOnce checks that want things were claimed, each exactly once.
func claimedOnce[T any, K comparable](t *testing.T, what string, got map[K][]T, want int) {
	t.Helper()
	if len(got) != want {
		t.Errorf("%d %s claimed, want %d", len(got), what, want)
	}
	for k, claims := range got {
		if len(claims) != 1 {
			t.Errorf("%s %v claimed %d times, want once", what, k, len(claims))
		}
	}
}

// fill copies rows into table, faster than inserting them one by one.
func fill(t *testing.T, s *Store, table string, columns []string, rows [][]any) {
	t.Helper()
	if _, err := s.pool.CopyFrom(t.Context(), pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
		t.Fatalf("fill %s: %v", table, err)
	}
}

// TestClaimConcurrent has three instances (pools) with several senders
// each drain one outbox: every delivery is claimed exactly once.
func TestClaimConcurrent(t *testing.T) {
	const deliveries = 2000
	stores := instances(t, freshSchema(t), 3)
	now := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	rows := make([][]any, deliveries)
	for i := range rows {
		rows[i] = []any{"telegram", fmt.Sprint(i), "", "digest:1", []byte(`{}`), sqlstore.Micros(now), sqlstore.Micros(now)}
	}
	fill(t, stores[0], "deliveries",
		[]string{"platform", "chat_id", "thread", "dedup_key", "payload", "next_attempt_us", "created_us"}, rows)

	got := drain(t, stores, 4, func(s *Store) ([]bot.Delivery, error) {
		return s.Claim(t.Context(), now, time.Hour, 25)
	}, func(d bot.Delivery) int64 { return d.ID })
	claimedOnce(t, "deliveries", got, deliveries)
	for _, claims := range got {
		if d := claims[0]; d.Attempts != 1 {
			t.Errorf("delivery %d claimed with Attempts = %d, want 1", d.ID, d.Attempts)
		}
	}
	if n, err := stores[1].Outbox(t.Context()); err != nil || n != deliveries {
		t.Errorf("Outbox() = %d, %v; want %d pending (leased, not sent)", n, err, deliveries)
	}
}

// TestDueConcurrent has three instances claim due daily briefs and due
// sources at once, a few at a time: each chat and each source is claimed
// exactly once, sources never polled (no state row yet) included.
func TestDueConcurrent(t *testing.T) {
	const (
		chats   = 500
		sources = 200 // half never polled
		workers = 2   // per instance and kind
		batch   = 10
	)
	stores := instances(t, freshSchema(t), 3)
	ctx := t.Context()
	now := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	rows := make([][]any, chats)
	for i := range rows {
		rows[i] = []any{"telegram", fmt.Sprint(i), "08:00 UTC", sqlstore.Micros(now.Add(-time.Duration(i) * time.Second))}
	}
	fill(t, stores[0], "chats", []string{"platform", "chat_id", "schedule", "next_digest_us"}, rows)
	for i := range sources {
		src, err := stores[0].AddSource(ctx, bot.Source{URL: fmt.Sprintf("https://s%d.example/feed", i), Added: now})
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if err := stores[0].SaveState(ctx, bot.SourceState{SourceID: src.ID, NextPoll: now}); err != nil {
				t.Fatal(err)
			}
		}
	}

	var (
		gotChats   map[bot.ChatRef][]bot.ChatSettings
		gotSources map[int64][]bot.Source
		wg         sync.WaitGroup
	)
	wg.Go(func() {
		gotChats = drain(t, stores, workers, func(s *Store) ([]bot.ChatSettings, error) {
			return s.DueChats(ctx, now, time.Hour, batch)
		}, func(cs bot.ChatSettings) bot.ChatRef { return cs.Chat })
	})
	wg.Go(func() {
		gotSources = drain(t, stores, workers, func(s *Store) ([]bot.Source, error) {
			return s.DueSources(ctx, now, time.Hour, batch)
		}, func(src bot.Source) int64 { return src.ID })
	})
	wg.Wait()
	claimedOnce(t, "chats", gotChats, chats)
	for _, claims := range gotChats {
		if cs := claims[0]; !cs.NextDigest.Before(now.Add(time.Second)) {
			t.Errorf("chat %v claimed with NextDigest %v, want its slot (at or before %v)", cs.Chat, cs.NextDigest, now)
		}
	}
	claimedOnce(t, "sources", gotSources, sources)
}
