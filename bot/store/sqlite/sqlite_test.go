package sqlite

import (
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

func open(t *testing.T, path string) *Store {
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
