package sqlite

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Opener{
		Open: func(t *testing.T) bot.Store {
			return open(t, filepath.Join(t.TempDir(), "newsbrief.db"))
		},
		Persistent: func(t *testing.T) func() bot.Store {
			path := filepath.Join(t.TempDir(), "dir with space", "newsbrief.db")
			return func() bot.Store { return open(t, path) }
		},
	})
	t.Run("InMemory", func(t *testing.T) {
		storetest.Run(t, storetest.Opener{Open: func(t *testing.T) bot.Store { return open(t, ":memory:") }})
	})
}

func open(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsbrief.db")
	s := open(t, path)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(t.Context(), path); err == nil || !strings.Contains(err.Error(), "upgrade newsbrief") {
		t.Errorf("Open(newer schema) error = %v, want one asking to upgrade", err)
	}
}

// TestUpgradeKeepsRows opens a database written by the schema before
// multi-part progress and source state rows: its pending delivery is
// claimed from its first part, and its source, never polled and without a
// state row, is due.
func TestUpgradeKeepsRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsbrief.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_rate_slots.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range append([]string{`PRAGMA user_version = 2`}, storetest.UpgradeRows...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	storetest.CheckUpgraded(t, open(t, path))
}
