// Package sqlite is the embedded store: one SQLite file in WAL mode, pure
// Go (no cgo), with its schema migrations compiled into the binary. The
// queries it shares with the PostgreSQL store are in sqlstore; here are
// what SQLite does its own way: opening the file, one writer at a time,
// the checkpointer, and claims and article inserts under the write lock.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// Store is a bot.Store in one SQLite file.
type Store struct {
	*sqlstore.Store
	db *sql.DB
	// writing admits this process's writers one at a time, in the order
	// they came. SQLite has one write lock, and its busy handler polls for
	// it: a writer that commits and begins again in a loop (a big feed
	// stored batch by batch) would win it over and over while another (a
	// user subscribing) sleeps between polls. Waiters on a channel are
	// woken first come, first served.
	writing chan struct{}
	// writer is the connection every write goes through, so that its page
	// cache, which SQLite drops whenever another connection wrote, stays
	// warm; nil for :memory:, which has one connection for all.
	writer *sql.Conn
	// wrote wakes the checkpointer after a write; closing quit stops it,
	// and it closes stopped when it has.
	wrote, quit, stopped chan struct{}
	closing              sync.Once
}

var _ bot.Store = (*Store)(nil)

// dialect is SQLite's side of the shared queries.
var dialect = sqlstore.Dialect{
	QuestionMarks:  true,
	Greatest:       "max",
	InsertionOrder: "rowid",
	ChatSearch:     "(ch.chat_id || char(31) || ch.title || char(31) || ch.platform)",
	Classify:       classify,
}

// Write-ahead log tuning: the log is copied into the database (a
// checkpoint, which syncs the disk) in the background instead of by the
// writer whose commit filled it, and the writers' cache holds the indexes
// of a few hundred thousand articles.
const (
	writerCacheKiB = 32 << 10
	// maxWALFrames is how far the log may grow before the checkpointer
	// takes the writers' turn to catch up (64 MB of 4 KB pages).
	maxWALFrames = 16384
)

// Open opens (creating if needed) the database at path and brings its
// schema up to date. ":memory:" gives a private in-memory store.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := openFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

func openFile(ctx context.Context, path string) (*Store, error) {
	memory := path == ":memory:"
	dsn := path
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := restrictFiles(path); err != nil {
			return nil, err
		}
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath()
	}
	dsn += "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if !memory {
		dsn += "&_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit(67108864)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if memory {
		// Every connection to :memory: is a separate database.
		db.SetMaxOpenConns(1)
	}
	s := &Store{db: db, writing: make(chan struct{}, 1)}
	s.Store = sqlstore.New((*database)(s), dialect)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if memory {
		return s, nil
	}
	if s.writer, err = db.Conn(ctx); err == nil {
		_, err = s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", writerCacheKiB))
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	s.wrote, s.quit, s.stopped = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go s.checkpoints()
	return s, nil
}

// restrictFiles creates the database file readable by its owner only,
// before SQLite opens it: SQLite gives the -wal and -shm files it creates
// the database file's permissions, so they follow. Files an older version
// left readable by others are narrowed too, where this user may.
func restrictFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(name); err == nil && fi.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(name, fi.Mode().Perm()&0o700) // not ours to change: SQLite still opens it
		}
	}
	return nil
}

// Close stops the checkpointer and closes the database; SQLite copies
// what is left of the log into the database as the last connection closes.
func (s *Store) Close() error {
	if s.writer != nil {
		s.closing.Do(func() {
			close(s.quit)
			<-s.stopped
			s.writer.Close()
		})
	}
	return s.db.Close()
}
