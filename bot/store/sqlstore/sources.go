package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

const (
	sourceColumns = `id, url, title, interval_seconds, backfill, added_us, guarded`
	qSourceByURL  = `SELECT ` + sourceColumns + ` FROM sources WHERE url = $1`
	qSources      = `SELECT ` + sourceColumns + ` FROM sources ORDER BY id`
	qRemoveSource = `DELETE FROM sources WHERE id = $1`
	stateColumns  = `etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls`
	qState        = `SELECT ` + stateColumns + ` FROM source_state WHERE source_id = $1`
	qSaveState    = `
	INSERT INTO source_state (source_id, etag, last_modified, last_poll_us, last_success_us, status, failures, last_error, hint, next_poll_us, polls)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
	ON CONFLICT (source_id) DO UPDATE SET
		etag = excluded.etag, last_modified = excluded.last_modified,
		last_poll_us = excluded.last_poll_us, last_success_us = excluded.last_success_us,
		status = excluded.status, failures = excluded.failures, last_error = excluded.last_error,
		hint = excluded.hint, next_poll_us = excluded.next_poll_us, polls = excluded.polls`
)

// ScanSource reads a row of the columns id, url, title,
// interval_seconds, backfill, added_us, guarded.
func ScanSource(row Row) (bot.Source, error) {
	var src bot.Source
	var interval, added int64
	err := row.Scan(&src.ID, &src.URL, &src.Title, &interval, &src.Backfill, &added, &src.Guarded)
	src.Interval = time.Duration(interval) * time.Second
	src.Added = Time(added)
	return src, err
}

// AddSourceError is the error of adding src that failed with err:
// bot.ErrExists if its URL is taken.
func (s *Store) AddSourceError(src bot.Source, err error) error {
	if s.d.Is(err, Unique) {
		err = bot.ErrExists
	}
	return fmt.Errorf("add source %s: %w", src.URL, err)
}

// RemoveSource deletes a source and its state.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	n, err := s.db.Exec(ctx, s.q.removeSource, id)
	if err == nil && n == 0 {
		err = bot.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("remove source %d: %w", id, err)
	}
	return nil
}

// SourceByURL returns the source with that URL.
func (s *Store) SourceByURL(ctx context.Context, u string) (bot.Source, error) {
	return queryFound(ctx, s.db, ScanSource, "source "+u, s.q.sourceByURL, u)
}

// Sources returns every source, oldest first.
func (s *Store) Sources(ctx context.Context) ([]bot.Source, error) {
	out, err := queryAll(ctx, s.db, ScanSource, s.q.sources)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return out, nil
}

// State returns a source's fetch state.
func (s *Store) State(ctx context.Context, id int64) (bot.SourceState, error) {
	scan := func(row Row) (bot.SourceState, error) {
		st := bot.SourceState{SourceID: id}
		sc := stateScan(&st)
		err := row.Scan(sc.dest...)
		sc.done()
		return st, err
	}
	st, err := queryOr(ctx, s.db, bot.SourceState{SourceID: id}, scan, s.q.state, id)
	if err != nil {
		return st, fmt.Errorf("state of source %d: %w", id, err)
	}
	return st, nil
}

// SaveState records a source's fetch state.
func (s *Store) SaveState(ctx context.Context, st bot.SourceState) error {
	_, err := s.db.Exec(ctx, s.q.saveState,
		st.SourceID, st.ETag, st.LastModified, Micros(st.LastPoll), Micros(st.LastSuccess), st.Status,
		st.Failures, st.LastError, st.Hint, Micros(st.NextPoll), st.Polls)
	if s.d.Is(err, ForeignKey) {
		err = bot.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("save state of source %d: %w", st.SourceID, err)
	}
	return nil
}

// stateScanner holds the scan destinations of the columns stateColumns
// for st, and converts the times once the row is read.
type stateScanner struct {
	st                      *bot.SourceState
	lastPoll, success, next int64
	dest                    []any
}

func stateScan(st *bot.SourceState) *stateScanner {
	sc := &stateScanner{st: st}
	sc.dest = []any{&st.ETag, &st.LastModified, &sc.lastPoll, &sc.success, &st.Status, &st.Failures,
		&st.LastError, &st.Hint, &sc.next, &st.Polls}
	return sc
}

func (sc *stateScanner) done() {
	sc.st.LastPoll, sc.st.LastSuccess, sc.st.NextPoll = Time(sc.lastPoll), Time(sc.success), Time(sc.next)
}
