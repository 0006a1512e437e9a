package sqlite

import (
	"context"
	"embed"
	"fmt"
	"strconv"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrate applies the embedded migrations that the database has not seen;
// PRAGMA user_version counts the ones applied.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	pending, err := sqlstore.Pending(migrations, version)
	if err != nil {
		return err
	}
	for _, m := range pending {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, m.SQL)
		if err == nil {
			_, err = tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.Version))
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}
