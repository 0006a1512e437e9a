package postgres

import (
	"context"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// database is the store as the shared queries see it. Each statement
// runs on the pool as a transaction of its own: its row locks (FOR
// UPDATE SKIP LOCKED, the upsert's) keep concurrent writers apart.
type database Store

func (d *database) Query(ctx context.Context, read func(sqlstore.Rows) error, query string, args ...any) error {
	rows, err := d.pool.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := read(rows); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

func (d *database) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := d.pool.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}

// WriteQuery is Query: a statement that writes locks its rows itself.
func (d *database) WriteQuery(ctx context.Context, read func(sqlstore.Rows) error, query string, args ...any) error {
	return d.Query(ctx, read, query, args...)
}
