// Package postgres is the shared store: a PostgreSQL database that several
// instances of the bot use at once. It touches only the database it is
// given; its schema migrations are compiled into the binary and applied at
// Open under an advisory lock, so instances starting together migrate once.
// The queries it shares with the SQLite store are in sqlstore; here are
// what PostgreSQL does its own way: the pool, the migration lock, claims
// that skip each other's locked rows, and articles sent in batches.
package postgres

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// connectTimeout bounds Open's first connection when the URL sets none.
const connectTimeout = 10 * time.Second

// lockTimeout is the session's lock_timeout when the URL sets none.
const lockTimeout = "10s"

// Store is a bot.Store in a PostgreSQL database.
type Store struct {
	*sqlstore.Store
	pool *pgxpool.Pool
}

var _ bot.Store = (*Store)(nil)

// dialect is PostgreSQL's side of the shared queries.
var dialect = sqlstore.Dialect{
	Greatest:       "GREATEST",
	SkipLocked:     "FOR UPDATE SKIP LOCKED",
	InsertionOrder: "seq",
	Lower:          "lower",
	ChatSearch:     "ch.search",
	ByteOrder:      ` COLLATE "C"`,
	Classify:       classify,
}

// Open connects to the database at url (postgres://user@host:port/db?...),
// checks that it answers, and brings its schema up to date. Parameters the
// driver does not know, such as search_path, are sent to the server.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx leaves the password out of its parse errors.
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	// A statement waits at most this long for another's row or table lock
	// (SQLite's busy_timeout), then fails with an error the user is told
	// of, instead of hanging a command.
	if _, ok := cfg.ConnConfig.RuntimeParams["lock_timeout"]; !ok {
		cfg.ConnConfig.RuntimeParams["lock_timeout"] = lockTimeout
	}
	where := net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))) + "/" + cfg.ConnConfig.Database
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: database unreachable: %w", where, err)
	}
	s := &Store{pool: pool}
	s.Store = sqlstore.New((*database)(s), dialect)
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	return s, nil
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}
