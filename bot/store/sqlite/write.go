package sqlite

import (
	"context"
	"database/sql"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

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

// database is the store as the shared queries see it: reads on the pool,
// each write in its turn through write.
type database Store

func (d *database) Query(ctx context.Context, read func(sqlstore.Rows) error, query string, args ...any) error {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return readRows(rows, read)
}

func (d *database) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	var n int64
	err := (*Store)(d).write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func (d *database) WriteQuery(ctx context.Context, read func(sqlstore.Rows) error, query string, args ...any) error {
	return (*Store)(d).write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		return readRows(rows, read)
	})
}

// readRows hands rows to read and closes them, with the error that ended
// them if read did not fail first.
func readRows(rows *sql.Rows, read func(sqlstore.Rows) error) error {
	if err := read(rows); err != nil {
		rows.Close()
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	return rows.Err()
}
