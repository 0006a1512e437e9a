// Package sqlite is the embedded store: one SQLite file in WAL mode, pure
// Go (no cgo), with its schema migrations compiled into the binary.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a bot.Store in one SQLite file.
type Store struct {
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

var _ bot.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and brings its
// schema up to date. ":memory:" gives a private in-memory store.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := path
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		if err := restrictFiles(path); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath()
	}
	dsn += "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if path != ":memory:" {
		dsn += "&_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit(67108864)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Every connection to :memory: is a separate database.
		db.SetMaxOpenConns(1)
	}
	s := &Store{db: db, writing: make(chan struct{}, 1)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if path == ":memory:" {
		return s, nil
	}
	if s.writer, err = db.Conn(ctx); err == nil {
		_, err = s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", writerCacheKiB))
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.wrote, s.quit, s.stopped = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go s.checkpoints()
	return s, nil
}

// checkpoints copies the write-ahead log into the database after writes,
// until Close. A passive checkpoint runs beside the writers without
// holding them up; should the log still grow past maxWALFrames under a
// steady stream of writes, the checkpointer waits for the writers' turn,
// so that it catches up and the next writer starts the log afresh.
func (s *Store) checkpoints() {
	defer close(s.stopped)
	for {
		select {
		case <-s.wrote:
		case <-s.quit:
			return
		}
		var busy, frames, copied int
		// A failed checkpoint is tried again after the next write; the
		// log only grows meanwhile.
		if err := s.db.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil || frames <= maxWALFrames {
			continue
		}
		select {
		case s.writing <- struct{}{}:
		case <-s.quit:
			return
		}
		s.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		<-s.writing
	}
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

// migrate applies the embedded migrations that the database has not seen;
// PRAGMA user_version counts the ones applied.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(names) {
		return fmt.Errorf("database schema version %d is newer than this binary knows (%d): upgrade newsbrief", version, len(names))
	}
	for i, name := range names[version:] {
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version+i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
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

// Times are stored as microseconds since the Unix epoch, 0 for none.
func us(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromUS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// write runs f in a transaction, after this process's writers before it.
// The transaction takes SQLite's write lock at once (_txlock=immediate);
// busy_timeout waits for other processes holding it.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	select {
	case s.writing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.writing }()
	var (
		tx  *sql.Tx
		err error
	)
	if s.writer != nil {
		tx, err = s.writer.BeginTx(ctx, nil)
	} else {
		tx, err = s.db.BeginTx(ctx, nil)
	}
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if s.wrote != nil {
		select {
		case s.wrote <- struct{}{}:
		default: // the checkpointer has a wake-up waiting already
		}
	}
	return nil
}

// exec runs one statement that writes, in its turn.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = tx.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// AddSource stores a new source.
func (s *Store) AddSource(ctx context.Context, src bot.Source) (bot.Source, error) {
	if src.Added.IsZero() {
		src.Added = time.Now().UTC()
	}
	// The state row comes with the source, due at once: DueSources finds
	// sources through the index on their next poll.
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO sources (url, title, interval_seconds, backfill, added_us) VALUES (?, ?, ?, ?, ?)`,
			src.URL, src.Title, int64(src.Interval/time.Second), src.Backfill, us(src.Added))
		if err != nil {
			return err
		}
		if src.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO source_state (source_id) VALUES (?)`, src.ID)
		return err
	})
	if isUnique(err) {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, bot.ErrExists)
	}
	if err != nil {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, err)
	}
	return src, nil
}

// RemoveSource deletes a source and its state.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM sources WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("remove source %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("remove source %d: %w", id, bot.ErrNotFound)
	}
	return nil
}

const sourceColumns = `id, url, title, interval_seconds, backfill, added_us`

func scanSource(row interface{ Scan(...any) error }) (bot.Source, error) {
	var src bot.Source
	var interval, added int64
	err := row.Scan(&src.ID, &src.URL, &src.Title, &interval, &src.Backfill, &added)
	src.Interval = time.Duration(interval) * time.Second
	src.Added = fromUS(added)
	return src, err
}

const qSourceByURL = `SELECT ` + sourceColumns + ` FROM sources WHERE url = ?`

// SourceByURL returns the source with that URL.
func (s *Store) SourceByURL(ctx context.Context, u string) (bot.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, qSourceByURL, u))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Source{}, fmt.Errorf("source %s: %w", u, bot.ErrNotFound)
	}
	return src, err
}

// Sources returns every source, oldest first.
func (s *Store) Sources(ctx context.Context) ([]bot.Source, error) {
	return s.querySources(ctx, `SELECT `+sourceColumns+` FROM sources ORDER BY id`)
}

func (s *Store) querySources(ctx context.Context, query string, args ...any) ([]bot.Source, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []bot.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// qDueSources finds the sources due for a poll through the index on
// source_state's next poll: every source has a state row.
const qDueSources = `
	SELECT s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us
	FROM source_state st JOIN sources s ON s.id = st.source_id
	WHERE st.next_poll_us <= ?
	ORDER BY st.next_poll_us, st.source_id
	LIMIT ?`

// DueSources claims the sources due for a poll at now and leases them
// until now+lease. The transaction holds SQLite's write lock from its
// start, so two processes never claim the same source.
func (s *Store) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Source, error) {
	var out []bot.Source
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		rows, err := tx.QueryContext(ctx, qDueSources, us(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			src, err := scanSource(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, src)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, src := range out {
			if _, err := tx.ExecContext(ctx, `UPDATE source_state SET next_poll_us = ? WHERE source_id = ?`,
				us(now.Add(lease)), src.ID); err != nil {
				return fmt.Errorf("lease %d: %w", src.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return out, nil
}

const qState = `
	SELECT etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls
	FROM source_state WHERE source_id = ?`

// State returns a source's fetch state.
func (s *Store) State(ctx context.Context, id int64) (bot.SourceState, error) {
	st := bot.SourceState{SourceID: id}
	var lastPoll, lastSuccess, next int64
	err := s.db.QueryRowContext(ctx, qState, id).Scan(
		&st.ETag, &st.LastModified, &lastPoll, &lastSuccess, &st.Status, &st.Failures, &st.LastError, &st.Hint, &next, &st.Polls)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("state of source %d: %w", id, err)
	}
	st.LastPoll, st.LastSuccess, st.NextPoll = fromUS(lastPoll), fromUS(lastSuccess), fromUS(next)
	return st, nil
}

// SaveState records a source's fetch state.
func (s *Store) SaveState(ctx context.Context, st bot.SourceState) error {
	_, err := s.exec(ctx, `
		INSERT INTO source_state (source_id, etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source_id) DO UPDATE SET
			etag = excluded.etag, last_modified = excluded.last_modified,
			last_poll_us = excluded.last_poll_us, last_success_us = excluded.last_success_us,
			status = excluded.status, failures = excluded.failures, last_error = excluded.last_error,
			hint = excluded.hint, next_poll_us = excluded.next_poll_us, polls = excluded.polls`,
		st.SourceID, st.ETag, st.LastModified, us(st.LastPoll), us(st.LastSuccess), st.Status,
		st.Failures, st.LastError, st.Hint, us(st.NextPoll), st.Polls)
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("save state of source %d: %w", st.SourceID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("save state of source %d: %w", st.SourceID, err)
	}
	return nil
}

// articleBatch bounds the articles stored in one transaction: a feed of
// 100,000 items holds the write lock a few milliseconds at a time, and
// other writers take their turn in between.
const articleBatch = 250

// qSeen tells whether an article is known. The canonical URL and
// fingerprint terms repeat the partial indexes' conditions, without which
// SQLite cannot use them and scans every article.
const qSeen = `
	SELECT 1 FROM articles WHERE source_id = ?1 AND guid = ?2
	UNION ALL SELECT 1 FROM articles WHERE canonical_url = ?3 AND canonical_url <> ''
	UNION ALL SELECT 1 FROM articles WHERE fingerprint = ?4 AND fingerprint <> ''
	LIMIT 1`

const qInsertArticle = `
	INSERT INTO articles (source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us, muted)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// AddArticles stores the articles not already known and returns them, a
// batch at a time.
func (s *Store) AddArticles(ctx context.Context, arts []bot.Article) ([]bot.Article, error) {
	var added []bot.Article
	for batch := range slices.Chunk(arts, articleBatch) {
		var more []bot.Article
		err := s.write(ctx, func(tx *sql.Tx) error {
			more = more[:0]
			seen, err := tx.PrepareContext(ctx, qSeen)
			if err != nil {
				return err
			}
			defer seen.Close()
			insert, err := tx.PrepareContext(ctx, qInsertArticle)
			if err != nil {
				return err
			}
			defer insert.Close()
			for _, a := range batch {
				var one int
				err := seen.QueryRowContext(ctx, a.SourceID, a.GUID, a.CanonicalURL, a.Fingerprint).Scan(&one)
				if err == nil {
					continue // seen before
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				if a.Fetched.IsZero() {
					a.Fetched = time.Now().UTC()
				}
				res, err := insert.ExecContext(ctx, a.SourceID, a.GUID, a.URL, a.CanonicalURL, a.Fingerprint,
					a.Title, a.Text, a.Source, us(a.Published), us(a.Fetched), a.Muted)
				if err != nil {
					return fmt.Errorf("article %s: %w", a.GUID, err)
				}
				a.StoreID, _ = res.LastInsertId()
				more = append(more, a)
			}
			return nil
		})
		if err != nil {
			return added, fmt.Errorf("add articles: %w", err)
		}
		added = append(added, more...)
	}
	return added, nil
}

const qArticles = `
	SELECT id, source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us
	FROM articles WHERE fetched_us > ? AND muted = 0
	ORDER BY fetched_us DESC, id DESC LIMIT ?`

// Articles returns recent articles that are not muted, newest first.
func (s *Store) Articles(ctx context.Context, since time.Time, limit int) ([]bot.Article, error) {
	rows, err := s.db.QueryContext(ctx, qArticles, us(since), limit)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []bot.Article
	for rows.Next() {
		var a bot.Article
		var published, fetched int64
		if err := rows.Scan(&a.StoreID, &a.SourceID, &a.GUID, &a.URL, &a.CanonicalURL, &a.Fingerprint,
			&a.Title, &a.Text, &a.Source, &published, &fetched); err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		a.ID = a.GUID
		a.Published, a.Fetched = fromUS(published), fromUS(fetched)
		out = append(out, a)
	}
	return out, rows.Err()
}

const qChat = `
	SELECT schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us
	FROM chats WHERE platform = ? AND chat_id = ? AND thread = ?`

// Chat returns a chat's settings.
func (s *Store) Chat(ctx context.Context, c bot.ChatRef) (bot.ChatSettings, error) {
	cs := bot.ChatSettings{Chat: c}
	var last, next int64
	err := s.db.QueryRowContext(ctx, qChat, c.Platform, c.ID, c.Thread).Scan(
		&cs.Schedule, &cs.Quiet, &cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next)
	if errors.Is(err, sql.ErrNoRows) {
		return cs, nil
	}
	if err != nil {
		return cs, fmt.Errorf("chat %s: %w", c, err)
	}
	cs.LastDigest, cs.NextDigest = fromUS(last), fromUS(next)
	return cs, nil
}

// SaveChat stores a chat's settings.
func (s *Store) SaveChat(ctx context.Context, cs bot.ChatSettings) error {
	c := cs.Chat
	_, err := s.exec(ctx, `
		INSERT INTO chats (platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, chat_id, thread) DO UPDATE SET
			schedule = excluded.schedule, quiet = excluded.quiet, quiet_day = excluded.quiet_day,
			backfill = excluded.backfill, paused = excluded.paused,
			last_digest_us = excluded.last_digest_us, next_digest_us = excluded.next_digest_us`,
		c.Platform, c.ID, c.Thread, cs.Schedule, cs.Quiet, cs.QuietDayNotice, cs.Backfill, cs.Paused,
		us(cs.LastDigest), us(cs.NextDigest))
	if err != nil {
		return fmt.Errorf("save chat %s: %w", c, err)
	}
	return nil
}

// qDueChats finds due chats through the partial index chats_next_digest,
// whose condition it repeats.
const qDueChats = `
	SELECT platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us
	FROM chats WHERE schedule <> '' AND paused = '' AND next_digest_us <= ?
	ORDER BY next_digest_us, platform, chat_id, thread LIMIT ?`

// DueChats claims the chats whose daily brief is due at now and leases
// them until now+lease, returning each with the slot that was due. Like
// Claim it relies on the immediate transaction for exclusion.
func (s *Store) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.ChatSettings, error) {
	var out []bot.ChatSettings
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		rows, err := tx.QueryContext(ctx, qDueChats, us(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var cs bot.ChatSettings
			var last, next int64
			if err := rows.Scan(&cs.Chat.Platform, &cs.Chat.ID, &cs.Chat.Thread, &cs.Schedule, &cs.Quiet,
				&cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next); err != nil {
				rows.Close()
				return err
			}
			cs.LastDigest, cs.NextDigest = fromUS(last), fromUS(next)
			out = append(out, cs)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, cs := range out {
			c := cs.Chat
			if _, err := tx.ExecContext(ctx, `
				UPDATE chats SET next_digest_us = ? WHERE platform = ? AND chat_id = ? AND thread = ?`,
				us(now.Add(lease)), c.Platform, c.ID, c.Thread); err != nil {
				return fmt.Errorf("lease %s: %w", c, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	return out, nil
}

// Subscribe adds a topic to a chat.
func (s *Store) Subscribe(ctx context.Context, c bot.ChatRef, topic string) error {
	_, err := s.exec(ctx, `
		INSERT INTO subscriptions (platform, chat_id, thread, topic, created_us) VALUES (?, ?, ?, ?, ?)`,
		c.Platform, c.ID, c.Thread, topic, us(time.Now()))
	if isUnique(err) {
		return fmt.Errorf("subscribe %s to %q: %w", c, topic, bot.ErrExists)
	}
	if err != nil {
		return fmt.Errorf("subscribe %s to %q: %w", c, topic, err)
	}
	return nil
}

// Unsubscribe removes one topic, or all when topic is empty.
func (s *Store) Unsubscribe(ctx context.Context, c bot.ChatRef, topic string) (int, error) {
	q := `DELETE FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread = ?`
	args := []any{c.Platform, c.ID, c.Thread}
	if topic != "" {
		q += ` AND topic = ?`
		args = append(args, topic)
	}
	res, err := s.exec(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe %s from %q: %w", c, topic, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

const qSubscriptions = `
	SELECT topic FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread = ?
	ORDER BY created_us, rowid`

// Subscriptions returns a chat's topics, oldest first.
func (s *Store) Subscriptions(ctx context.Context, c bot.ChatRef) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, qSubscriptions, c.Platform, c.ID, c.Thread)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %s: %w", c, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Enqueue writes a delivery unless its key is already in the outbox.
func (s *Store) Enqueue(ctx context.Context, d bot.Delivery) (bool, error) {
	if d.Created.IsZero() {
		d.Created = time.Now()
	}
	res, err := s.exec(ctx, `
		INSERT INTO deliveries (platform, chat_id, thread, dedup_key, payload, next_attempt_us, created_us)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, chat_id, thread, dedup_key) DO NOTHING`,
		d.Chat.Platform, d.Chat.ID, d.Chat.Thread, d.Key, d.Payload, us(d.NextAttempt), us(d.Created))
	if err != nil {
		return false, fmt.Errorf("enqueue %s for %s: %w", d.Key, d.Chat, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// qClaim leases due deliveries, found through the index deliveries_due.
const qClaim = `
	UPDATE deliveries SET lease_until_us = ?1, attempts = attempts + 1
	WHERE id IN (
		SELECT id FROM deliveries
		WHERE status = 'pending' AND next_attempt_us <= ?2 AND lease_until_us <= ?2
		ORDER BY next_attempt_us, id LIMIT ?3)
	RETURNING id, platform, chat_id, thread, dedup_key, payload, attempts, next_attempt_us, last_error, created_us, parts_sent, part_state`

// Claim leases due deliveries. The transaction takes SQLite's write lock
// at once (_txlock=immediate), so two processes never claim the same row.
func (s *Store) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Delivery, error) {
	var out []bot.Delivery
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		rows, err := tx.QueryContext(ctx, qClaim, us(now.Add(lease)), us(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d bot.Delivery
			var next, created int64
			if err := rows.Scan(&d.ID, &d.Chat.Platform, &d.Chat.ID, &d.Chat.Thread, &d.Key, &d.Payload,
				&d.Attempts, &next, &d.LastError, &created, &d.PartsSent, &d.PartState); err != nil {
				rows.Close()
				return err
			}
			d.NextAttempt, d.Created = fromUS(next), fromUS(created)
			out = append(out, d)
		}
		return rows.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	slices.SortFunc(out, func(a, b bot.Delivery) int {
		if c := a.NextAttempt.Compare(b.NextAttempt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

func (s *Store) updateDelivery(ctx context.Context, what string, id int64, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s delivery %d: %w", what, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s delivery %d: %w", what, id, bot.ErrNotFound)
	}
	return nil
}

// MarkSent records a delivery as sent.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.updateDelivery(ctx, "mark sent", id,
		`UPDATE deliveries SET status = 'sent', sent_us = ?, lease_until_us = 0, last_error = '' WHERE id = ?`, us(at), id)
}

// MarkPart records how many parts of a delivery went out.
func (s *Store) MarkPart(ctx context.Context, id int64, sent int, state string) error {
	return s.updateDelivery(ctx, "mark part of", id,
		`UPDATE deliveries SET parts_sent = ?, part_state = ? WHERE id = ? AND status = 'pending'`, sent, state, id)
}

// Retry releases a delivery to be tried again at next.
func (s *Store) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return s.updateDelivery(ctx, "retry", id,
		`UPDATE deliveries SET next_attempt_us = ?, lease_until_us = 0, last_error = ? WHERE id = ? AND status = 'pending'`,
		us(next), reason, id)
}

// Drop gives up on a delivery.
func (s *Store) Drop(ctx context.Context, id int64, reason string) error {
	return s.updateDelivery(ctx, "drop", id,
		`UPDATE deliveries SET status = 'dead', lease_until_us = 0, last_error = ? WHERE id = ?`, reason, id)
}

const qOutbox = `SELECT count(*) FROM deliveries WHERE status = 'pending'`

// Outbox returns how many deliveries wait to be sent.
func (s *Store) Outbox(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, qOutbox).Scan(&n)
	return n, err
}

const qLastSent = `
	SELECT max(sent_us) FROM deliveries WHERE platform = ? AND chat_id = ? AND thread = ? AND status = 'sent'`

// LastSent returns when the chat last got a message.
func (s *Store) LastSent(ctx context.Context, c bot.ChatRef) (time.Time, error) {
	var t sql.NullInt64
	err := s.db.QueryRowContext(ctx, qLastSent, c.Platform, c.ID, c.Thread).Scan(&t)
	if err != nil {
		return time.Time{}, fmt.Errorf("last delivery to %s: %w", c, err)
	}
	return fromUS(t.Int64), nil
}

// qReserveSlot takes the next free slot for key.
const qReserveSlot = `
	INSERT INTO rate_slots (key, next_us) VALUES (?1, ?2 + ?3)
	ON CONFLICT (key) DO UPDATE SET next_us = max(rate_slots.next_us, ?2) + ?3
	RETURNING next_us - ?3`

// ReserveSlot takes the next free slot for key. The statement runs in an
// immediate transaction (_txlock=immediate), which holds SQLite's write
// lock from the start, so concurrent callers, in this process or another,
// take their slots one after the other.
func (s *Store) ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error) {
	var slot int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, qReserveSlot, key, now.UnixMicro(), interval.Microseconds()).Scan(&slot)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	return time.UnixMicro(slot).UTC(), nil
}
