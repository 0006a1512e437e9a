package postgres

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
	"github.com/newsbrief/newsbrief/bot/store/storetest"
)

// serverURL returns the PostgreSQL server the tests use, or skips the test.
func serverURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if u == "" {
		t.Skip("NEWSBRIEF_TEST_POSTGRES is not set: PostgreSQL store tests skipped; .ci/run sets it")
	}
	return u
}

// freshSchema creates an empty schema for one test, dropped when the test
// ends, and returns a URL whose connections use it.
func freshSchema(t *testing.T) string {
	t.Helper()
	base := serverURL(t)
	name := fmt.Sprintf("newsbrief_test_%d_%d", time.Now().UnixNano(), rand.Uint32())
	admin, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatalf("connect to NEWSBRIEF_TEST_POSTGRES: %v", err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(t.Context(), "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("NEWSBRIEF_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", name) // pgx sends unknown parameters to the server
	u.RawQuery = q.Encode()
	return u.String()
}

// open opens a store on u, closed when the test ends. Cleanups run last in
// first out, so the store closes before its schema is dropped.
func open(t *testing.T, u string) *Store {
	t.Helper()
	s, err := Open(t.Context(), u)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	serverURL(t)
	storetest.Run(t, storetest.Opener{
		Open: func(t *testing.T) bot.Store { return open(t, freshSchema(t)) },
		Persistent: func(t *testing.T) func() bot.Store {
			u := freshSchema(t)
			return func() bot.Store { return open(t, u) }
		},
	})
}

func TestOpenUnreachable(t *testing.T) {
	// A loopback port that nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	u := "postgres://newsbrief:hunter2@" + addr + "/newsbrief?sslmode=disable&connect_timeout=5"
	s, err := Open(t.Context(), u)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%q) succeeded, want an error", u)
	}
	if msg := err.Error(); !strings.Contains(msg, "database unreachable") || !strings.Contains(msg, addr) {
		t.Errorf("Open(nothing listening) error = %q, want one saying %s is unreachable", msg, addr)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Open error shows the password: %q", err)
	}
}

func TestOpenNewerSchema(t *testing.T) {
	u := freshSchema(t)
	s := open(t, u)
	if _, err := s.pool.Exec(t.Context(), `INSERT INTO schema_migrations (version, applied_us) VALUES (99, 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(t.Context(), u); err == nil || !strings.Contains(err.Error(), "upgrade newsbrief") {
		t.Errorf("Open(newer schema) error = %v, want one asking to upgrade", err)
	}
}

// TestOpenConcurrent starts several instances on one empty database at
// once: the advisory lock lets one migrate and the rest find it done.
func TestOpenConcurrent(t *testing.T) {
	u := freshSchema(t)
	const n = 5
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(t.Context(), u) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Open #%d: %v", i, errs[i])
		}
		defer stores[i].Close()
	}
	var versions int
	if err := stores[0].pool.QueryRow(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&versions); err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if versions != len(names) {
		t.Errorf("schema_migrations has %d rows after %d concurrent opens, want %d", versions, n, len(names))
	}
}

// TestClaimConcurrent has three instances (pools) with several senders
// each drain one outbox: every delivery is claimed exactly once.
func TestClaimConcurrent(t *testing.T) {
	u := freshSchema(t)
	const (
		deliveries = 2000
		instances  = 3
		senders    = 4 // per instance
		batch      = 25
	)
	stores := make([]*Store, instances)
	for i := range stores {
		stores[i] = open(t, u)
	}
	ctx := t.Context()
	now := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	rows := make([][]any, deliveries)
	for i := range rows {
		rows[i] = []any{"telegram", fmt.Sprint(i), "", "digest:1", []byte(`{}`), sqlstore.Micros(now), sqlstore.Micros(now)}
	}
	if _, err := stores[0].pool.CopyFrom(ctx, pgx.Identifier{"deliveries"},
		[]string{"platform", "chat_id", "thread", "dedup_key", "payload", "next_attempt_us", "created_us"},
		pgx.CopyFromRows(rows)); err != nil {
		t.Fatalf("fill the outbox: %v", err)
	}

	var (
		mu      sync.Mutex
		claimed = map[int64]int{}
		wrong   []bot.Delivery
		wg      sync.WaitGroup
		errc    = make(chan error, instances*senders)
	)
	for _, s := range stores {
		for range senders {
			wg.Go(func() {
				for {
					got, err := s.Claim(ctx, now, time.Hour, batch)
					if err != nil {
						errc <- err
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, d := range got {
						claimed[d.ID]++
						if d.Attempts != 1 {
							wrong = append(wrong, d)
						}
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Errorf("Claim: %v", err)
	}
	if len(claimed) != deliveries {
		t.Errorf("%d deliveries claimed, want %d", len(claimed), deliveries)
	}
	for id, n := range claimed {
		if n != 1 {
			t.Errorf("delivery %d claimed %d times, want once", id, n)
		}
	}
	for _, d := range wrong {
		t.Errorf("delivery %d claimed with Attempts = %d, want 1", d.ID, d.Attempts)
	}
	if n, err := stores[1].Outbox(ctx); err != nil || n != deliveries {
		t.Errorf("Outbox() = %d, %v; want %d pending (leased, not sent)", n, err, deliveries)
	}
}

// TestDueConcurrent has three instances claim due daily briefs and due
// sources at once, a few at a time: each chat and each source is claimed
// exactly once, sources never polled (no state row yet) included.
func TestDueConcurrent(t *testing.T) {
	u := freshSchema(t)
	const (
		chats     = 500
		sources   = 200 // half never polled
		instances = 3
		workers   = 2 // per instance
		batch     = 10
	)
	stores := make([]*Store, instances)
	for i := range stores {
		stores[i] = open(t, u)
	}
	ctx := t.Context()
	now := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	rows := make([][]any, chats)
	for i := range rows {
		rows[i] = []any{"telegram", fmt.Sprint(i), "08:00 UTC", sqlstore.Micros(now.Add(-time.Duration(i) * time.Second))}
	}
	if _, err := stores[0].pool.CopyFrom(ctx, pgx.Identifier{"chats"},
		[]string{"platform", "chat_id", "schedule", "next_digest_us"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatalf("fill chats: %v", err)
	}
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
		mu        sync.Mutex
		gotChats  = map[bot.ChatRef]int{}
		gotSource = map[int64]int{}
		wrongSlot []bot.ChatSettings
		wg        sync.WaitGroup
		errc      = make(chan error, 2*instances*workers)
	)
	for _, s := range stores {
		for range workers {
			wg.Go(func() {
				for {
					due, err := s.DueChats(ctx, now, time.Hour, batch)
					if err != nil {
						errc <- err
						return
					}
					if len(due) == 0 {
						return
					}
					mu.Lock()
					for _, cs := range due {
						gotChats[cs.Chat]++
						if !cs.NextDigest.Before(now.Add(time.Second)) {
							wrongSlot = append(wrongSlot, cs)
						}
					}
					mu.Unlock()
				}
			})
			wg.Go(func() {
				for {
					due, err := s.DueSources(ctx, now, time.Hour, batch)
					if err != nil {
						errc <- err
						return
					}
					if len(due) == 0 {
						return
					}
					mu.Lock()
					for _, src := range due {
						gotSource[src.ID]++
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Errorf("claim: %v", err)
	}
	if len(gotChats) != chats {
		t.Errorf("%d chats claimed, want %d", len(gotChats), chats)
	}
	for c, n := range gotChats {
		if n != 1 {
			t.Errorf("chat %v claimed %d times, want once", c, n)
		}
	}
	for _, cs := range wrongSlot {
		t.Errorf("chat %v claimed with NextDigest %v, want its slot (at or before %v)", cs.Chat, cs.NextDigest, now)
	}
	if len(gotSource) != sources {
		t.Errorf("%d sources claimed, want %d", len(gotSource), sources)
	}
	for id, n := range gotSource {
		if n != 1 {
			t.Errorf("source %d claimed %d times, want once", id, n)
		}
	}
}

// TestUpgradeKeepsRows opens a database written by the schema before
// multi-part progress and source state rows: its pending delivery is
// claimed from its first part, and its source, never polled and without a
// state row, is due.
func TestUpgradeKeepsRows(t *testing.T) {
	u := freshSchema(t)
	conn, err := pgx.Connect(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_us BIGINT NOT NULL)`}
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_rate_slots.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(body))
	}
	stmts = append(stmts, `INSERT INTO schema_migrations (version, applied_us) VALUES (1, 0), (2, 0)`)
	stmts = append(stmts, storetest.UpgradeRows...)
	for _, q := range stmts {
		if _, err := conn.Exec(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(t.Context())

	storetest.CheckUpgraded(t, open(t, u))
}
