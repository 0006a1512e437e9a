package sqlite

import (
	"errors"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
	sqlitedriver "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// classify tells SQLite's failures apart by their result code. The driver
// turns on extended result codes, so a constraint failure says which
// constraint; busy, full and read-only are told by the primary code in
// the low byte, whatever their extended detail.
func classify(err error) sqlstore.Kind {
	var e *sqlitedriver.Error
	if !errors.As(err, &e) {
		return sqlstore.Other
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqlstore.Unique
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return sqlstore.ForeignKey
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return sqlstore.Busy
	case sqlite3.SQLITE_FULL:
		return sqlstore.Full
	case sqlite3.SQLITE_READONLY:
		return sqlstore.ReadOnly
	}
	return sqlstore.Other
}
