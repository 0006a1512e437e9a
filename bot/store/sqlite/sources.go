package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

const qAddSource = `
	INSERT INTO sources (url, title, interval_seconds, backfill, added_us, guarded) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`

// AddSource stores a new source. The state row comes with it, due at
// once, in the same transaction: DueSources finds sources through the
// index on their next poll.
func (s *Store) AddSource(ctx context.Context, src bot.Source) (bot.Source, error) {
	if src.Added.IsZero() {
		src.Added = time.Now().UTC()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, qAddSource, src.URL, src.Title, int64(src.Interval/time.Second),
			src.Backfill, sqlstore.Micros(src.Added), src.Guarded).Scan(&src.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO source_state (source_id) VALUES (?)`, src.ID)
		return err
	})
	if err != nil {
		return bot.Source{}, s.AddSourceError(src, err)
	}
	return src, nil
}

// qDueSources finds the sources due for a poll through the index on
// source_state's next poll: every source has a state row. A paused
// source is passed over, however long overdue.
const qDueSources = `
	SELECT s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us, s.guarded
	FROM source_state st JOIN sources s ON s.id = st.source_id
	WHERE st.next_poll_us <= ? AND NOT s.paused
	ORDER BY st.next_poll_us, st.source_id
	LIMIT ?`

const qLeaseSource = `UPDATE source_state SET next_poll_us = ? WHERE source_id = ?`

// DueSources claims the sources due for a poll at now and leases them
// until now+lease.
func (s *Store) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Source, error) {
	out, err := claim(ctx, s, sqlstore.ScanSource, func(tx *sql.Tx, src bot.Source) error {
		_, err := tx.ExecContext(ctx, qLeaseSource, sqlstore.Micros(now.Add(lease)), src.ID)
		return err
	}, qDueSources, sqlstore.Micros(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return out, nil
}

// claim finds the rows due by query and leases each, in one transaction
// that holds SQLite's write lock from its start, so that two processes
// never claim the same row.
func claim[T any](ctx context.Context, s *Store, scan func(sqlstore.Row) (T, error), lease func(*sql.Tx, T) error, query string, args ...any) ([]T, error) {
	var out []T
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		out, err = sqlstore.Collect(rows, scan)
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		for _, v := range out {
			if err := lease(tx, v); err != nil {
				return fmt.Errorf("lease: %w", err)
			}
		}
		return nil
	})
	return out, err
}
