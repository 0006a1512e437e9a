//go:build unix

package sqlite

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
)

// TestFilesOwnerOnly checks that the database and its -wal and -shm files
// are created readable and writable by their owner only, whatever the
// umask lets through, and that files an older version left open are
// narrowed on the next start.
func TestFilesOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022) // the usual umask, which makes 0644 files
	defer syscall.Umask(old)
	check := func(path string) {
		t.Helper()
		for _, name := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatalf("stat %s: %v (a write should have made it)", name, err)
			}
			if perm := fi.Mode().Perm(); perm != 0o600 {
				t.Errorf("%s has mode %04o, want 0600", filepath.Base(name), perm)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "newsbrief.db")
	s := open(t, path)
	if _, err := s.AddSource(t.Context(), bot.Source{URL: "https://example.org/feed"}); err != nil {
		t.Fatal(err)
	}
	check(path)
	s.Close()

	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		os.Chmod(name, 0o644)
	}
	s = open(t, path)
	if _, err := s.AddSource(t.Context(), bot.Source{URL: "https://example.org/other"}); err != nil {
		t.Fatal(err)
	}
	check(path)
}
