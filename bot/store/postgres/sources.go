package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// qAddSource stores a source and its state row, due at once, in one
// statement: DueSources finds sources through the index on their next
// poll.
const qAddSource = `
	WITH s AS (
		INSERT INTO sources (url, title, interval_seconds, backfill, added_us, guarded) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
	)
	INSERT INTO source_state (source_id) SELECT id FROM s RETURNING source_id`

// AddSource stores a new source.
func (s *Store) AddSource(ctx context.Context, src bot.Source) (bot.Source, error) {
	if src.Added.IsZero() {
		src.Added = time.Now().UTC()
	}
	err := s.pool.QueryRow(ctx, qAddSource, src.URL, src.Title, int64(src.Interval/time.Second), src.Backfill,
		sqlstore.Micros(src.Added), src.Guarded).Scan(&src.ID)
	if err != nil {
		return bot.Source{}, s.AddSourceError(src, err)
	}
	return src, nil
}

// qDueSources claims due sources through the index on source_state's
// next poll (every source has a state row). FOR UPDATE SKIP LOCKED makes
// instances claiming at the same moment pass over each other's rows, and
// the lease keeps the rows from being due again once the claim commits.
// A paused source is passed over, however long overdue.
const qDueSources = `
	WITH due AS (
		SELECT st.source_id, st.next_poll_us FROM source_state st JOIN sources s ON s.id = st.source_id
		WHERE st.next_poll_us <= $1 AND NOT s.paused
		ORDER BY st.next_poll_us, st.source_id LIMIT $3
		FOR UPDATE OF st SKIP LOCKED
	), leased AS (
		UPDATE source_state st SET next_poll_us = $2
		FROM due WHERE st.source_id = due.source_id
		RETURNING st.source_id, due.next_poll_us AS slot
	)
	SELECT s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us, s.guarded
	FROM sources s JOIN leased l ON l.source_id = s.id
	ORDER BY l.slot, s.id`

// DueSources claims the sources due for a poll at now and leases them
// until now+lease.
func (s *Store) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Source, error) {
	out, err := query(ctx, s.pool, sqlstore.ScanSource, qDueSources,
		sqlstore.Micros(now), sqlstore.Micros(now.Add(lease)), limit)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return out, nil
}

// query runs a statement of this store's own and scans every row.
func query[T any](ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, scan func(sqlstore.Row) (T, error), sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return sqlstore.Collect(rows, scan)
}
