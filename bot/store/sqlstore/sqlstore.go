// Package sqlstore is the part of the SQL stores that SQLite and
// PostgreSQL share: the queries whose text differs only in the dialect,
// the scanning of rows into bot types, the migration bookkeeping and the
// classification of database errors. It opens no database itself: the
// sqlite and postgres packages hand it a DB and embed its Store, and keep
// what truly differs (SQLite's single writer, PostgreSQL's row locks and
// advisory lock) to themselves.
package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// Row is one result row: *sql.Row, *sql.Rows and pgx's rows all have Scan.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a result set being read: *sql.Rows and pgx.Rows both are one.
type Rows interface {
	Row
	Next() bool
	Err() error
}

// DB runs the shared statements on a store's database. Every call is one
// statement, atomic in both databases; the store decides how a write
// takes its turn (SQLite's single writer) or its locks (PostgreSQL's
// rows). The rows handed to read are closed when it returns.
type DB interface {
	// Query runs a statement that reads and hands its rows to read.
	Query(ctx context.Context, read func(Rows) error, query string, args ...any) error
	// Exec runs a statement that writes and returns how many rows it
	// changed.
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	// WriteQuery runs a statement that writes and returns rows, and hands
	// them to read before the write's turn ends.
	WriteQuery(ctx context.Context, read func(Rows) error, query string, args ...any) error
}

// Store implements the methods of bot.Store whose SQL both databases
// share. The sqlite and postgres stores embed it and add the rest.
type Store struct {
	db DB
	d  Dialect
	q  queries
	a  adminQueries
}

// New returns the shared part of a store on db, speaking dialect d.
func New(db DB, d Dialect) *Store {
	return &Store{db: db, d: d, q: d.queries(), a: d.adminQueries()}
}

// Micros is how times are stored: microseconds since the Unix epoch, 0
// for none.
func Micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// Time reads a time stored by Micros, in UTC.
func Time(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// Collect scans every row of rows with scan.
func Collect[T any](rows Rows, scan func(Row) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// queryAll runs a read and scans every row.
func queryAll[T any](ctx context.Context, db DB, scan func(Row) (T, error), query string, args ...any) (out []T, err error) {
	err = db.Query(ctx, func(rows Rows) (err error) {
		out, err = Collect(rows, scan)
		return err
	}, query, args...)
	return out, err
}

// queryOne runs a read and scans its first row; found is false when it
// returned none.
func queryOne[T any](ctx context.Context, db DB, scan func(Row) (T, error), query string, args ...any) (v T, found bool, err error) {
	err = db.Query(ctx, func(rows Rows) (err error) {
		if !rows.Next() {
			return rows.Err()
		}
		v, err = scan(rows)
		found = err == nil
		return err
	}, query, args...)
	return v, found, err
}

// queryOr runs a read and scans its first row, or returns none when it
// returned no row or failed.
func queryOr[T any](ctx context.Context, db DB, none T, scan func(Row) (T, error), query string, args ...any) (T, error) {
	v, found, err := queryOne(ctx, db, scan, query, args...)
	if !found {
		return none, err
	}
	return v, err
}

// queryFound runs a read and scans its first row, or fails with
// bot.ErrNotFound when there is none; errors begin with what.
func queryFound[T any](ctx context.Context, db DB, scan func(Row) (T, error), what, query string, args ...any) (T, error) {
	v, found, err := queryOne(ctx, db, scan, query, args...)
	if err == nil && !found {
		err = bot.ErrNotFound
	}
	if err != nil {
		var none T
		return none, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// update runs a statement that changes the row id, or fails with
// bot.ErrNotFound if it changed none.
func (s *Store) update(ctx context.Context, what string, id int64, query string, args ...any) error {
	n, err := s.db.Exec(ctx, query, args...)
	if err == nil && n == 0 {
		err = bot.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	return nil
}
