package postgres

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// PostgreSQL error codes (SQLSTATE) the store tells apart.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
	codeLockNotAvailable    = "55P03" // lock_timeout ran out
	codeDiskFull            = "53100"
	codeReadOnlyTransaction = "25006" // a standby, or default_transaction_read_only
)

// classify tells PostgreSQL's failures apart by their SQLSTATE.
func classify(err error) sqlstore.Kind {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return sqlstore.Other
	}
	switch e.Code {
	case codeUniqueViolation:
		return sqlstore.Unique
	case codeForeignKeyViolation:
		return sqlstore.ForeignKey
	case codeLockNotAvailable:
		return sqlstore.Busy
	case codeDiskFull:
		return sqlstore.Full
	case codeReadOnlyTransaction:
		return sqlstore.ReadOnly
	}
	return sqlstore.Other
}
