// Package postgres is the shared store: a PostgreSQL database that several
// instances of the bot use at once. It touches only the database it is
// given; its schema migrations are compiled into the binary and applied at
// Open under an advisory lock, so instances starting together migrate once.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/newsbrief/newsbrief/bot"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the pg_advisory_lock key held while migrating: any
// constant works as long as every instance uses the same one.
const migrationLock = 0x6e657773627269 // "newsbri"

// PostgreSQL error codes (SQLSTATE) the store translates.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
)

// connectTimeout bounds Open's first connection when the URL sets none.
const connectTimeout = 10 * time.Second

// lockTimeout is the session's lock_timeout when the URL sets none.
const lockTimeout = "10s"

// Store is a bot.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
}

var _ bot.Store = (*Store)(nil)

// Open connects to the database at url (postgres://user@host:port/db?...),
// checks that it answers, and brings its schema up to date. Parameters the
// driver does not know, such as search_path, are sent to the server.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx leaves the password out of its parse errors.
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	// A statement waits at most this long for another's row or table lock
	// (SQLite's busy_timeout), then fails with an error the user is told
	// of, instead of hanging a command.
	if _, ok := cfg.ConnConfig.RuntimeParams["lock_timeout"]; !ok {
		cfg.ConnConfig.RuntimeParams["lock_timeout"] = lockTimeout
	}
	where := net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))) + "/" + cfg.ConnConfig.Database
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: database unreachable: %w", where, err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	return s, nil
}

// migrate applies the embedded migrations the database has not seen,
// recording each in schema_migrations. It holds a session advisory lock
// throughout, so of several instances starting at once one migrates and
// the others then find nothing to do.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("migrate: take lock: %w", err)
	}
	defer func() {
		// Unlock even if ctx is done; should that fail too, closing the
		// connection ends the session and with it the lock.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, `SELECT pg_advisory_unlock($1)`, int64(migrationLock)); err != nil {
			conn.Conn().Close(uctx)
		}
	}()
	if _, err := conn.Exec(ctx, `
		CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_us BIGINT  NOT NULL
		)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var version int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
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
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// Without arguments pgx uses the simple protocol, which
			// runs a file of several statements.
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_us) VALUES ($1, $2)`,
				version+i+1, time.Now().UnixMicro())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
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

func hasCode(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}

// AddSource stores a new source.
func (s *Store) AddSource(ctx context.Context, src bot.Source) (bot.Source, error) {
	if src.Added.IsZero() {
		src.Added = time.Now().UTC()
	}
	// The state row comes with the source, due at once: DueSources finds
	// sources through the index on their next poll.
	err := s.pool.QueryRow(ctx, `
		WITH s AS (
			INSERT INTO sources (url, title, interval_seconds, backfill, added_us) VALUES ($1, $2, $3, $4, $5) RETURNING id
		)
		INSERT INTO source_state (source_id) SELECT id FROM s RETURNING source_id`,
		src.URL, src.Title, int64(src.Interval/time.Second), src.Backfill, us(src.Added)).Scan(&src.ID)
	if hasCode(err, codeUniqueViolation) {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, bot.ErrExists)
	}
	if err != nil {
		return bot.Source{}, fmt.Errorf("add source %s: %w", src.URL, err)
	}
	return src, nil
}

// RemoveSource deletes a source and its state.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sources WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("remove source %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("remove source %d: %w", id, bot.ErrNotFound)
	}
	return nil
}

const sourceColumns = `id, url, title, interval_seconds, backfill, added_us`

func scanSource(row pgx.Row) (bot.Source, error) {
	var src bot.Source
	var interval, added int64
	err := row.Scan(&src.ID, &src.URL, &src.Title, &interval, &src.Backfill, &added)
	src.Interval = time.Duration(interval) * time.Second
	src.Added = fromUS(added)
	return src, err
}

const qSourceByURL = `SELECT ` + sourceColumns + ` FROM sources WHERE url = $1`

// SourceByURL returns the source with that URL.
func (s *Store) SourceByURL(ctx context.Context, u string) (bot.Source, error) {
	src, err := scanSource(s.pool.QueryRow(ctx, qSourceByURL, u))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Source{}, fmt.Errorf("source %s: %w", u, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Source{}, fmt.Errorf("source %s: %w", u, err)
	}
	return src, nil
}

// Sources returns every source, oldest first.
func (s *Store) Sources(ctx context.Context) ([]bot.Source, error) {
	return s.querySources(ctx, `SELECT `+sourceColumns+` FROM sources ORDER BY id`)
}

func (s *Store) querySources(ctx context.Context, query string, args ...any) ([]bot.Source, error) {
	rows, err := s.pool.Query(ctx, query, args...)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return out, nil
}

// qDueSources claims due sources through the index on source_state's
// next poll (every source has a state row). FOR UPDATE SKIP LOCKED makes
// instances claiming at the same moment pass over each other's rows, and
// the lease keeps the rows from being due again once the claim commits.
const qDueSources = `
	WITH due AS (
		SELECT source_id, next_poll_us FROM source_state
		WHERE next_poll_us <= $1
		ORDER BY next_poll_us, source_id LIMIT $3
		FOR UPDATE SKIP LOCKED
	), leased AS (
		UPDATE source_state st SET next_poll_us = $2
		FROM due WHERE st.source_id = due.source_id
		RETURNING st.source_id, due.next_poll_us AS slot
	)
	SELECT s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us
	FROM sources s JOIN leased l ON l.source_id = s.id
	ORDER BY l.slot, s.id`

// DueSources claims the sources due for a poll at now and leases them
// until now+lease.
func (s *Store) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Source, error) {
	rows, err := s.pool.Query(ctx, qDueSources, us(now), us(now.Add(lease)), limit)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	defer rows.Close()
	var out []bot.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("due sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return out, nil
}

const qState = `
	SELECT etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls
	FROM source_state WHERE source_id = $1`

// State returns a source's fetch state.
func (s *Store) State(ctx context.Context, id int64) (bot.SourceState, error) {
	st := bot.SourceState{SourceID: id}
	var lastPoll, lastSuccess, next int64
	err := s.pool.QueryRow(ctx, qState, id).Scan(
		&st.ETag, &st.LastModified, &lastPoll, &lastSuccess, &st.Status, &st.Failures, &st.LastError, &st.Hint, &next, &st.Polls)
	if errors.Is(err, pgx.ErrNoRows) {
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
	_, err := s.pool.Exec(ctx, `
		INSERT INTO source_state (source_id, etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (source_id) DO UPDATE SET
			etag = excluded.etag, last_modified = excluded.last_modified,
			last_poll_us = excluded.last_poll_us, last_success_us = excluded.last_success_us,
			status = excluded.status, failures = excluded.failures, last_error = excluded.last_error,
			hint = excluded.hint, next_poll_us = excluded.next_poll_us, polls = excluded.polls`,
		st.SourceID, st.ETag, st.LastModified, us(st.LastPoll), us(st.LastSuccess), st.Status,
		st.Failures, st.LastError, st.Hint, us(st.NextPoll), st.Polls)
	if hasCode(err, codeForeignKeyViolation) {
		return fmt.Errorf("save state of source %d: %w", st.SourceID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("save state of source %d: %w", st.SourceID, err)
	}
	return nil
}

// articleBatch bounds the articles stored in one transaction (and one
// round trip): a feed of 100,000 items holds its locks a moment at a time.
const articleBatch = 250

// qAddArticle stores an article unless it is known. The canonical URL and
// fingerprint terms repeat the partial indexes' conditions, without which
// a generic plan cannot use them. ON CONFLICT covers another instance
// adding the same GUID between the check and the insert.
const qAddArticle = `
	INSERT INTO articles (source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us, muted)
	SELECT $1::BIGINT, $2::TEXT, $3::TEXT, $4::TEXT, $5::TEXT, $6::TEXT, $7::TEXT, $8::TEXT, $9::BIGINT, $10::BIGINT, $11::BOOLEAN
	WHERE NOT EXISTS (SELECT 1 FROM articles WHERE source_id = $1 AND guid = $2)
		AND NOT EXISTS (SELECT 1 FROM articles WHERE canonical_url = $4 AND canonical_url <> '')
		AND NOT EXISTS (SELECT 1 FROM articles WHERE fingerprint = $5 AND fingerprint <> '')
	ON CONFLICT (source_id, guid) DO NOTHING
	RETURNING id`

// AddArticles stores the articles not already known and returns them, a
// batch at a time, each batch in one round trip.
func (s *Store) AddArticles(ctx context.Context, arts []bot.Article) ([]bot.Article, error) {
	var added []bot.Article
	for batch := range slices.Chunk(arts, articleBatch) {
		var more []bot.Article
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			more = more[:0]
			b := &pgx.Batch{}
			for i := range batch {
				a := &batch[i]
				if a.Fetched.IsZero() {
					a.Fetched = time.Now().UTC()
				}
				b.Queue(qAddArticle, a.SourceID, a.GUID, a.URL, a.CanonicalURL, a.Fingerprint, a.Title, a.Text, a.Source,
					us(a.Published), us(a.Fetched), a.Muted)
			}
			br := tx.SendBatch(ctx, b)
			for _, a := range batch {
				err := br.QueryRow().Scan(&a.StoreID)
				if errors.Is(err, pgx.ErrNoRows) {
					continue // known already
				}
				if err != nil {
					br.Close()
					return fmt.Errorf("article %s: %w", a.GUID, err)
				}
				more = append(more, a)
			}
			return br.Close()
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
	FROM articles WHERE fetched_us > $1 AND NOT muted
	ORDER BY fetched_us DESC, id DESC LIMIT $2`

// Articles returns recent articles that are not muted, newest first.
func (s *Store) Articles(ctx context.Context, since time.Time, limit int) ([]bot.Article, error) {
	rows, err := s.pool.Query(ctx, qArticles, us(since), limit)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

const chatColumns = `platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us`

func scanChat(row pgx.Row) (bot.ChatSettings, error) {
	var cs bot.ChatSettings
	var last, next int64
	err := row.Scan(&cs.Chat.Platform, &cs.Chat.ID, &cs.Chat.Thread, &cs.Schedule, &cs.Quiet,
		&cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next)
	cs.LastDigest, cs.NextDigest = fromUS(last), fromUS(next)
	return cs, err
}

const qChat = `SELECT ` + chatColumns + ` FROM chats WHERE platform = $1 AND chat_id = $2 AND thread = $3`

// Chat returns a chat's settings.
func (s *Store) Chat(ctx context.Context, c bot.ChatRef) (bot.ChatSettings, error) {
	cs, err := scanChat(s.pool.QueryRow(ctx, qChat, c.Platform, c.ID, c.Thread))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.ChatSettings{Chat: c}, nil
	}
	if err != nil {
		return bot.ChatSettings{Chat: c}, fmt.Errorf("chat %s: %w", c, err)
	}
	return cs, nil
}

// SaveChat stores a chat's settings.
func (s *Store) SaveChat(ctx context.Context, cs bot.ChatSettings) error {
	c := cs.Chat
	_, err := s.pool.Exec(ctx, `
		INSERT INTO chats (`+chatColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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

const qDueChats = `
	WITH due AS (
		SELECT platform, chat_id, thread, next_digest_us AS slot
		FROM chats WHERE schedule <> '' AND paused = '' AND next_digest_us <= $1
		ORDER BY next_digest_us, platform, chat_id, thread LIMIT $3
		FOR UPDATE SKIP LOCKED
	)
	UPDATE chats c SET next_digest_us = $2
	FROM due d
	WHERE c.platform = d.platform AND c.chat_id = d.chat_id AND c.thread = d.thread
	RETURNING c.platform, c.chat_id, c.thread, c.schedule, c.quiet, c.quiet_day, c.backfill, c.paused,
		c.last_digest_us, d.slot`

// DueChats claims the chats whose daily brief is due at now and leases
// them until now+lease. FOR UPDATE SKIP LOCKED keeps concurrent claimers
// off each other's rows; the update returns the slot it replaced, which
// the CTE kept, since RETURNING sees only the new next_digest_us.
func (s *Store) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.ChatSettings, error) {
	rows, err := s.pool.Query(ctx, qDueChats, us(now), us(now.Add(lease)), limit)
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	defer rows.Close()
	var out []bot.ChatSettings
	for rows.Next() {
		cs, err := scanChat(rows)
		if err != nil {
			return nil, fmt.Errorf("due chats: %w", err)
		}
		out = append(out, cs)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	// RETURNING gives no order.
	slices.SortFunc(out, func(a, b bot.ChatSettings) int {
		if c := a.NextDigest.Compare(b.NextDigest); c != 0 {
			return c
		}
		return strings.Compare(a.Chat.String(), b.Chat.String())
	})
	return out, nil
}

// Subscribe adds a topic to a chat.
func (s *Store) Subscribe(ctx context.Context, c bot.ChatRef, topic string) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO subscriptions (platform, chat_id, thread, topic, created_us) VALUES ($1, $2, $3, $4, $5)`,
		c.Platform, c.ID, c.Thread, topic, us(time.Now()))
	if hasCode(err, codeUniqueViolation) {
		return fmt.Errorf("subscribe %s to %q: %w", c, topic, bot.ErrExists)
	}
	if err != nil {
		return fmt.Errorf("subscribe %s to %q: %w", c, topic, err)
	}
	return nil
}

// Unsubscribe removes one topic, or all when topic is empty.
func (s *Store) Unsubscribe(ctx context.Context, c bot.ChatRef, topic string) (int, error) {
	q := `DELETE FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread = $3`
	args := []any{c.Platform, c.ID, c.Thread}
	if topic != "" {
		q += ` AND topic = $4`
		args = append(args, topic)
	}
	tag, err := s.pool.Exec(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe %s from %q: %w", c, topic, err)
	}
	return int(tag.RowsAffected()), nil
}

const qSubscriptions = `
	SELECT topic FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread = $3
	ORDER BY created_us, seq`

// Subscriptions returns a chat's topics, oldest first.
func (s *Store) Subscriptions(ctx context.Context, c bot.ChatRef) ([]string, error) {
	rows, err := s.pool.Query(ctx, qSubscriptions, c.Platform, c.ID, c.Thread)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %s: %w", c, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %s: %w", c, err)
	}
	return out, nil
}

// Enqueue writes a delivery unless its key is already in the outbox.
func (s *Store) Enqueue(ctx context.Context, d bot.Delivery) (bool, error) {
	if d.Created.IsZero() {
		d.Created = time.Now()
	}
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO deliveries (platform, chat_id, thread, dedup_key, payload, next_attempt_us, created_us)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (platform, chat_id, thread, dedup_key) DO NOTHING`,
		d.Chat.Platform, d.Chat.ID, d.Chat.Thread, d.Key, d.Payload, us(d.NextAttempt), us(d.Created))
	if err != nil {
		return false, fmt.Errorf("enqueue %s for %s: %w", d.Key, d.Chat, err)
	}
	return tag.RowsAffected() == 1, nil
}

const qClaim = `
	UPDATE deliveries SET lease_until_us = $1, attempts = attempts + 1
	WHERE id IN (
		SELECT id FROM deliveries
		WHERE status = 'pending' AND next_attempt_us <= $2 AND lease_until_us <= $2
		ORDER BY next_attempt_us, id LIMIT $3
		FOR UPDATE SKIP LOCKED)
	RETURNING id, platform, chat_id, thread, dedup_key, payload, attempts, next_attempt_us, last_error, created_us, parts_sent, part_state`

// Claim leases due deliveries. FOR UPDATE SKIP LOCKED makes concurrent
// claimers, in this process or another instance, pass over the rows one of
// them is leasing, so no row is claimed twice and none waits on another.
func (s *Store) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Delivery, error) {
	rows, err := s.pool.Query(ctx, qClaim, us(now.Add(lease)), us(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	defer rows.Close()
	var out []bot.Delivery
	for rows.Next() {
		var d bot.Delivery
		var next, created int64
		if err := rows.Scan(&d.ID, &d.Chat.Platform, &d.Chat.ID, &d.Chat.Thread, &d.Key, &d.Payload,
			&d.Attempts, &next, &d.LastError, &created, &d.PartsSent, &d.PartState); err != nil {
			return nil, fmt.Errorf("claim deliveries: %w", err)
		}
		d.NextAttempt, d.Created = fromUS(next), fromUS(created)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	// RETURNING gives no order.
	slices.SortFunc(out, func(a, b bot.Delivery) int {
		if c := a.NextAttempt.Compare(b.NextAttempt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

func (s *Store) updateDelivery(ctx context.Context, what string, id int64, query string, args ...any) error {
	tag, err := s.pool.Exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s delivery %d: %w", what, id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s delivery %d: %w", what, id, bot.ErrNotFound)
	}
	return nil
}

// MarkSent records a delivery as sent.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.updateDelivery(ctx, "mark sent", id,
		`UPDATE deliveries SET status = 'sent', sent_us = $1, lease_until_us = 0, last_error = '' WHERE id = $2`, us(at), id)
}

// MarkPart records how many parts of a delivery went out.
func (s *Store) MarkPart(ctx context.Context, id int64, sent int, state string) error {
	return s.updateDelivery(ctx, "mark part of", id,
		`UPDATE deliveries SET parts_sent = $1, part_state = $2 WHERE id = $3 AND status = 'pending'`, sent, state, id)
}

// Retry releases a delivery to be tried again at next.
func (s *Store) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return s.updateDelivery(ctx, "retry", id,
		`UPDATE deliveries SET next_attempt_us = $1, lease_until_us = 0, last_error = $2 WHERE id = $3 AND status = 'pending'`,
		us(next), reason, id)
}

// Drop gives up on a delivery.
func (s *Store) Drop(ctx context.Context, id int64, reason string) error {
	return s.updateDelivery(ctx, "drop", id,
		`UPDATE deliveries SET status = 'dead', lease_until_us = 0, last_error = $1 WHERE id = $2`, reason, id)
}

const qOutbox = `SELECT count(*) FROM deliveries WHERE status = 'pending'`

// Outbox returns how many deliveries wait to be sent.
func (s *Store) Outbox(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, qOutbox).Scan(&n); err != nil {
		return 0, fmt.Errorf("count outbox: %w", err)
	}
	return n, nil
}

const qLastSent = `
	SELECT COALESCE(max(sent_us), 0) FROM deliveries
	WHERE platform = $1 AND chat_id = $2 AND thread = $3 AND status = 'sent'`

// LastSent returns when the chat last got a message.
func (s *Store) LastSent(ctx context.Context, c bot.ChatRef) (time.Time, error) {
	var t int64
	err := s.pool.QueryRow(ctx, qLastSent,
		c.Platform, c.ID, c.Thread).Scan(&t)
	if err != nil {
		return time.Time{}, fmt.Errorf("last delivery to %s: %w", c, err)
	}
	return fromUS(t), nil
}

const qReserveSlot = `
	INSERT INTO rate_slots (key, next_us) VALUES ($1, $2::BIGINT + $3::BIGINT)
	ON CONFLICT (key) DO UPDATE SET next_us = GREATEST(rate_slots.next_us, $2::BIGINT) + $3::BIGINT
	RETURNING next_us - $3::BIGINT`

// ReserveSlot takes the next free slot for key in one statement: the row
// lock of the upsert orders concurrent callers. On insert the slot is now
// and the next free one now+interval.
func (s *Store) ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error) {
	var slot int64
	err := s.pool.QueryRow(ctx, qReserveSlot,
		key, now.UnixMicro(), interval.Microseconds()).Scan(&slot)
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	return time.UnixMicro(slot).UTC(), nil
}
