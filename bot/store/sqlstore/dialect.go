package sqlstore

import (
	"regexp"
	"strings"
)

// Dialect is what a database's SQL needs beside the shared text. The
// shared queries are written in PostgreSQL's form, with numbered $n
// placeholders, and with {markers} where the databases part ways.
type Dialect struct {
	// QuestionMarks rewrites $n placeholders to SQLite's ?n.
	QuestionMarks bool
	// Greatest is the function giving the larger of two values: max in
	// SQLite, GREATEST in PostgreSQL.
	Greatest string
	// SkipLocked ends the selects of rows being claimed: FOR UPDATE SKIP
	// LOCKED in PostgreSQL, where claimers run side by side, and nothing
	// in SQLite, whose one writer claims alone.
	SkipLocked string
	// InsertionOrder is the column that orders a chat's subscriptions as
	// they were added: SQLite's rowid, a seq column in PostgreSQL.
	InsertionOrder string
	// Lower is the function that folds a text's case before LIKE
	// matches it to a pattern in lower case: lower in PostgreSQL, none in
	// SQLite, whose LIKE folds ASCII letters itself.
	Lower string
	// ChatSearch is what a search of the chats ch matches: their id,
	// title and platform, in lower case but for SQLite, joined by the
	// unit separator. PostgreSQL keeps it in a column written with the
	// row; SQLite joins them as it reads.
	ChatSearch string
	// ByteOrder follows a text to compare it byte by byte, not by the
	// database's locale: COLLATE "C" in PostgreSQL, where sorting a
	// thousand names by the locale took most of a page's time; nothing
	// in SQLite, which compares bytes by default.
	ByteOrder string
	// Classify tells what kind of failure err is.
	Classify func(err error) Kind
}

var placeholder = regexp.MustCompile(`\$([0-9]+)`)

// SQL rewrites a query written in the shared form into the dialect.
func (d Dialect) SQL(query string) string {
	query = strings.NewReplacer(
		"{greatest}", d.Greatest,
		"{skip_locked}", d.SkipLocked,
		"{insertion_order}", d.InsertionOrder,
		"{lower}", d.Lower,
		"{chat_search}", d.ChatSearch,
		"{byte_order}", d.ByteOrder,
	).Replace(query)
	if d.QuestionMarks {
		query = placeholder.ReplaceAllString(query, "?$1")
	}
	return query
}

// Is tells whether err is a failure of kind k.
func (d Dialect) Is(err error, k Kind) bool {
	return err != nil && d.Classify(err) == k
}

// Kind is what went wrong in a statement, as far as a store tells
// failures apart.
type Kind int

// The kinds of failure the stores recognise, by the database's error code.
const (
	Other      Kind = iota
	Unique          // a row with the same key exists
	ForeignKey      // the row referred to does not exist
	Busy            // another writer held the lock past the wait
	Full            // the disk or the database is full
	ReadOnly        // the database may not be written
)

func (k Kind) String() string {
	switch k {
	case Unique:
		return "unique"
	case ForeignKey:
		return "foreign key"
	case Busy:
		return "busy"
	case Full:
		return "full"
	case ReadOnly:
		return "read-only"
	}
	return "other"
}
