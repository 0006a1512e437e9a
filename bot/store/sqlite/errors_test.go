package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// TestClassify makes SQLite fail in each way the store tells apart, on a
// real database, and checks that the error's code, not its text, gives
// the kind.
func TestClassify(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "errors.db")
	rw := openRaw(t, "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	for _, q := range []string{
		`CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE)`,
		`CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))`,
		`CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a, b))`,
		`INSERT INTO parent (id, name) VALUES (1, 'a')`,
		`INSERT INTO pair VALUES ('x', 'y')`,
	} {
		if _, err := rw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ro := openRaw(t, "file:"+path+"?mode=ro")
	// A second connection that waits for no lock, while the first holds
	// the write lock.
	busy := openRaw(t, "file:"+path+"?_pragma=busy_timeout(0)")
	holder, err := rw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	full := openRaw(t, "file:"+filepath.Join(t.TempDir(), "full.db")+"?_pragma=max_page_count(8)")

	tests := []struct {
		name string
		db   *sql.DB
		run  func(db *sql.DB) error
		want sqlstore.Kind
	}{
		{"unique column", rw, execs(`INSERT INTO parent (name) VALUES ('a')`), sqlstore.Unique},
		{"primary key", rw, execs(`INSERT INTO pair VALUES ('x', 'y')`), sqlstore.Unique},
		{"foreign key", rw, execs(`INSERT INTO child VALUES (42)`), sqlstore.ForeignKey},
		{"read-only", ro, execs(`INSERT INTO parent (name) VALUES ('b')`), sqlstore.ReadOnly},
		{"full", full, execs(`CREATE TABLE big (v BLOB)`, `INSERT INTO big VALUES (zeroblob(1000000))`), sqlstore.Full},
		{"busy", busy, func(db *sql.DB) error {
			if _, err := holder.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
				t.Fatal(err)
			}
			defer holder.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
			_, err := db.ExecContext(ctx, `INSERT INTO parent (name) VALUES ('c')`)
			return err
		}, sqlstore.Busy},
		{"syntax", rw, execs(`INSERT INTO nowhere VALUES (1)`), sqlstore.Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run(tt.db)
			if err == nil {
				t.Fatal("the statement succeeded, want a failure")
			}
			if got := classify(err); got != tt.want {
				t.Errorf("classify(%v) = %v, want %v", err, got, tt.want)
			}
		})
	}
	if got := classify(context.Canceled); got != sqlstore.Other {
		t.Errorf("classify(context.Canceled) = %v, want other", got)
	}
}

func openRaw(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// execs runs statements one after the other, stopping at the first error.
func execs(queries ...string) func(*sql.DB) error {
	return func(db *sql.DB) error {
		for _, q := range queries {
			if _, err := db.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}
}
