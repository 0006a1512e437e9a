package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// TestClassify makes PostgreSQL fail in each way the store tells apart
// and checks that the SQLSTATE gives the kind. A full disk cannot be
// brought about in a test: its error is made by hand.
func TestClassify(t *testing.T) {
	ctx := t.Context()
	u := freshSchema(t)
	conn := func() *pgx.Conn {
		c, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(context.Background()) })
		return c
	}
	db, holder := conn(), conn()
	for _, q := range []string{
		`CREATE TABLE parent (id BIGINT PRIMARY KEY, name TEXT UNIQUE)`,
		`CREATE TABLE child (parent_id BIGINT REFERENCES parent (id))`,
		`INSERT INTO parent VALUES (1, 'a')`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec := func(queries ...string) func() error {
		return func() error {
			for _, q := range queries {
				if _, err := db.Exec(ctx, q); err != nil {
					return err
				}
			}
			return nil
		}
	}
	tests := []struct {
		name string
		run  func() error
		want sqlstore.Kind
	}{
		{"unique", exec(`INSERT INTO parent VALUES (2, 'a')`), sqlstore.Unique},
		{"foreign key", exec(`INSERT INTO child VALUES (42)`), sqlstore.ForeignKey},
		{"read-only", exec(`BEGIN READ ONLY`, `INSERT INTO parent VALUES (3, 'c')`), sqlstore.ReadOnly},
		{"busy", func() error {
			if _, err := holder.Exec(ctx, `BEGIN; SELECT * FROM parent WHERE id = 1 FOR UPDATE`); err != nil {
				t.Fatal(err)
			}
			defer holder.Exec(context.WithoutCancel(ctx), `ROLLBACK`)
			return exec(`SET lock_timeout = '50ms'`, `UPDATE parent SET name = 'b' WHERE id = 1`)()
		}, sqlstore.Busy},
		{"full", func() error { return fmt.Errorf("insert: %w", &pgconn.PgError{Code: codeDiskFull}) }, sqlstore.Full},
		{"syntax", exec(`INSERT INTO nowhere VALUES (1)`), sqlstore.Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil {
				t.Fatal("the statement succeeded, want a failure")
			}
			db.Exec(ctx, `ROLLBACK`) // end a failed transaction
			if got := classify(err); got != tt.want {
				t.Errorf("classify(%v) = %v, want %v", err, got, tt.want)
			}
		})
	}
}
