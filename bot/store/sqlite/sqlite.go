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
	"time"

	"github.com/newsbrief/newsbrief/bot"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a bot.Store in one SQLite file.
type Store struct {
	db *sql.DB
}

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
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Every connection to :memory: is a separate database.
		db.SetMaxOpenConns(1)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
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

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

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

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// AddSource stores a new source.
func (s *Store) AddSource(ctx context.Context, src bot.Source) (bot.Source, error) {
	if src.Added.IsZero() {
		src.Added = time.Now().UTC()
	}
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO sources (url, title, interval_seconds, backfill, added_us) VALUES (?, ?, ?, ?, ?)`,
		src.URL, src.Title, int64(src.Interval/time.Second), src.Backfill, us(src.Added))
	if isUnique(err) {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, bot.ErrExists)
	}
	if err != nil {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, err)
	}
	src.ID, err = res.LastInsertId()
	return src, err
}

// RemoveSource deletes a source and its state.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
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

// SourceByURL returns the source with that URL.
func (s *Store) SourceByURL(ctx context.Context, u string) (bot.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE url = ?`, u))
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

// DueSources claims the sources due for a poll at now and leases them
// until now+lease. The transaction takes SQLite's write lock at once
// (_txlock=immediate), so two processes never claim the same source.
func (s *Store) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Source, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us
		FROM sources s LEFT JOIN source_state st ON st.source_id = s.id
		WHERE COALESCE(st.next_poll_us, 0) <= ?
		ORDER BY COALESCE(st.next_poll_us, 0), s.id
		LIMIT ?`, us(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	var out []bot.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("due sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	for _, src := range out {
		// A source never polled has no state yet: it gets one holding the lease.
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO source_state (source_id, next_poll_us) VALUES (?, ?)
			ON CONFLICT (source_id) DO UPDATE SET next_poll_us = excluded.next_poll_us`,
			src.ID, us(now.Add(lease))); err != nil {
			return nil, fmt.Errorf("due sources: lease %d: %w", src.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return out, nil
}

// State returns a source's fetch state.
func (s *Store) State(ctx context.Context, id int64) (bot.SourceState, error) {
	st := bot.SourceState{SourceID: id}
	var lastPoll, lastSuccess, next int64
	err := s.db.QueryRowContext(ctx, `
		SELECT etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls
		FROM source_state WHERE source_id = ?`, id).Scan(
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
	_, err := s.db.ExecContext(ctx, `
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

// AddArticles stores the articles not already known and returns them.
func (s *Store) AddArticles(ctx context.Context, arts []bot.Article) ([]bot.Article, error) {
	if len(arts) == 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("add articles: %w", err)
	}
	defer tx.Rollback()
	var added []bot.Article
	for _, a := range arts {
		var one int
		err := tx.QueryRowContext(ctx, `
			SELECT 1 FROM articles WHERE source_id = ? AND guid = ?
			UNION ALL SELECT 1 FROM articles WHERE ? <> '' AND canonical_url = ?
			UNION ALL SELECT 1 FROM articles WHERE ? <> '' AND fingerprint = ?
			LIMIT 1`,
			a.SourceID, a.GUID, a.CanonicalURL, a.CanonicalURL, a.Fingerprint, a.Fingerprint).Scan(&one)
		if err == nil {
			continue // seen before
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("add articles: %w", err)
		}
		if a.Fetched.IsZero() {
			a.Fetched = time.Now().UTC()
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO articles (source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us, muted)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.SourceID, a.GUID, a.URL, a.CanonicalURL, a.Fingerprint, a.Title, a.Text, a.Source,
			us(a.Published), us(a.Fetched), a.Muted)
		if err != nil {
			return nil, fmt.Errorf("add article %s: %w", a.GUID, err)
		}
		a.StoreID, _ = res.LastInsertId()
		added = append(added, a)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("add articles: %w", err)
	}
	return added, nil
}

// Articles returns recent articles that are not muted, newest first.
func (s *Store) Articles(ctx context.Context, since time.Time, limit int) ([]bot.Article, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us
		FROM articles WHERE fetched_us > ? AND muted = 0
		ORDER BY fetched_us DESC, id DESC LIMIT ?`, us(since), limit)
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

// Chat returns a chat's settings.
func (s *Store) Chat(ctx context.Context, c bot.ChatRef) (bot.ChatSettings, error) {
	cs := bot.ChatSettings{Chat: c}
	var last, next int64
	err := s.db.QueryRowContext(ctx, `
		SELECT schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us
		FROM chats WHERE platform = ? AND chat_id = ? AND thread = ?`, c.Platform, c.ID, c.Thread).Scan(
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
	_, err := s.db.ExecContext(ctx, `
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

// DueChats claims the chats whose daily brief is due at now and leases
// them until now+lease, returning each with the slot that was due. Like
// Claim it relies on the immediate transaction for exclusion.
func (s *Store) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.ChatSettings, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us
		FROM chats WHERE schedule <> '' AND paused = '' AND next_digest_us <= ?
		ORDER BY next_digest_us, platform, chat_id, thread LIMIT ?`, us(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	var out []bot.ChatSettings
	for rows.Next() {
		var cs bot.ChatSettings
		var last, next int64
		if err := rows.Scan(&cs.Chat.Platform, &cs.Chat.ID, &cs.Chat.Thread, &cs.Schedule, &cs.Quiet,
			&cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next); err != nil {
			rows.Close()
			return nil, fmt.Errorf("due chats: %w", err)
		}
		cs.LastDigest, cs.NextDigest = fromUS(last), fromUS(next)
		out = append(out, cs)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	for _, cs := range out {
		c := cs.Chat
		if _, err := tx.ExecContext(ctx, `
			UPDATE chats SET next_digest_us = ? WHERE platform = ? AND chat_id = ? AND thread = ?`,
			us(now.Add(lease)), c.Platform, c.ID, c.Thread); err != nil {
			return nil, fmt.Errorf("due chats: lease %s: %w", c, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	return out, nil
}

// Subscribe adds a topic to a chat.
func (s *Store) Subscribe(ctx context.Context, c bot.ChatRef, topic string) error {
	_, err := s.db.ExecContext(ctx, `
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
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe %s from %q: %w", c, topic, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Subscriptions returns a chat's topics, oldest first.
func (s *Store) Subscriptions(ctx context.Context, c bot.ChatRef) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT topic FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread = ?
		ORDER BY created_us, rowid`, c.Platform, c.ID, c.Thread)
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
	res, err := s.db.ExecContext(ctx, `
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

// Claim leases due deliveries. The transaction takes SQLite's write lock
// at once (_txlock=immediate), so two processes never claim the same row.
func (s *Store) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Delivery, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		UPDATE deliveries SET lease_until_us = ?, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM deliveries
			WHERE status = 'pending' AND next_attempt_us <= ? AND lease_until_us <= ?
			ORDER BY next_attempt_us, id LIMIT ?)
		RETURNING id, platform, chat_id, thread, dedup_key, payload, attempts, next_attempt_us, last_error, created_us`,
		us(now.Add(lease)), us(now), us(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	var out []bot.Delivery
	for rows.Next() {
		var d bot.Delivery
		var next, created int64
		if err := rows.Scan(&d.ID, &d.Chat.Platform, &d.Chat.ID, &d.Chat.Thread, &d.Key, &d.Payload,
			&d.Attempts, &next, &d.LastError, &created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("claim deliveries: %w", err)
		}
		d.NextAttempt, d.Created = fromUS(next), fromUS(created)
		out = append(out, d)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	if err := tx.Commit(); err != nil {
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
	res, err := s.db.ExecContext(ctx, query, args...)
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

// Outbox returns how many deliveries wait to be sent.
func (s *Store) Outbox(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM deliveries WHERE status = 'pending'`).Scan(&n)
	return n, err
}

// LastSent returns when the chat last got a message.
func (s *Store) LastSent(ctx context.Context, c bot.ChatRef) (time.Time, error) {
	var t sql.NullInt64
	err := s.db.QueryRowContext(ctx, `
		SELECT max(sent_us) FROM deliveries WHERE platform = ? AND chat_id = ? AND thread = ? AND status = 'sent'`,
		c.Platform, c.ID, c.Thread).Scan(&t)
	if err != nil {
		return time.Time{}, fmt.Errorf("last delivery to %s: %w", c, err)
	}
	return fromUS(t.Int64), nil
}

// ReserveSlot takes the next free slot for key. The statement runs in an
// immediate transaction (_txlock=immediate), which holds SQLite's write
// lock from the start, so concurrent callers, in this process or another,
// take their slots one after the other.
func (s *Store) ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	defer tx.Rollback()
	var slot int64
	err = tx.QueryRowContext(ctx, `
		INSERT INTO rate_slots (key, next_us) VALUES (?1, ?2 + ?3)
		ON CONFLICT (key) DO UPDATE SET next_us = max(rate_slots.next_us, ?2) + ?3
		RETURNING next_us - ?3`,
		key, now.UnixMicro(), interval.Microseconds()).Scan(&slot)
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	if err := tx.Commit(); err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	return time.UnixMicro(slot).UTC(), nil
}
