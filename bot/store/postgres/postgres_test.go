package postgres

import (
	"context"
	"errors"
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
	u, drop, err := createSchema(t.Context(), serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return u
}

// createSchema creates an empty schema on the server at base, and returns
// a URL whose connections use it and a function that drops it.
func createSchema(ctx context.Context, base string) (string, func() error, error) {
	name := fmt.Sprintf("newsbrief_test_%d_%d", time.Now().UnixNano(), rand.Uint32())
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("connect to NEWSBRIEF_TEST_POSTGRES: %w", err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	drop := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("drop schema %s: %w", name, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			return fmt.Errorf("drop schema %s: %w", name, err)
		}
		return nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, errors.Join(fmt.Errorf("NEWSBRIEF_TEST_POSTGRES: %w", err), drop())
	}
	q := u.Query()
	q.Set("search_path", name) // pgx sends unknown parameters to the server
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
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
