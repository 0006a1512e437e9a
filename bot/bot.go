// Package bot is the application: the sources it polls, the articles it has
// seen, and (as the bot grows) subscriptions, schedules and deliveries. It
// declares the interfaces it needs (Store, Fetcher) and knows nothing of
// HTTP, SQL or any chat platform; cmd/newsbrief wires the implementations.
package bot

import (
	"context"
	"errors"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// Errors a Store returns.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
)

// Source is a feed, web page or local file or folder that the bot polls.
type Source struct {
	ID       int64
	URL      string // http(s) URL or local path
	Title    string
	Interval time.Duration // between polls; 0 means DefaultInterval
	// Backfill is how many of the items found on the first poll count as
	// new; the rest are only remembered, so adding a feed does not flood
	// the chats with its archive.
	Backfill int
	Added    time.Time
}

// DefaultInterval is how often a source is polled unless it says otherwise.
const DefaultInterval = 15 * time.Minute

// interval returns the source's polling interval.
func (s Source) interval() time.Duration {
	if s.Interval <= 0 {
		return DefaultInterval
	}
	return s.Interval
}

// SourceState is what the bot knows of a source's health and how to poll
// it next.
type SourceState struct {
	SourceID     int64
	ETag         string
	LastModified string
	LastPoll     time.Time // last attempt
	LastSuccess  time.Time
	Status       int    // HTTP status of the last answer; 0 for local files or no answer
	Failures     int    // consecutive failed polls
	LastError    string // empty after a success
	Hint         string // what a person might do about the failure
	NextPoll     time.Time
	Polls        int // successful polls so far
}

// Article is an article as the bot stores it.
type Article struct {
	brief.Article
	StoreID      int64
	SourceID     int64
	GUID         string // the feed's id for the item, or its link
	CanonicalURL string
	Fingerprint  string // hash of the normalised text: same text, same story
	Fetched      time.Time
	// Muted articles were already there when the source was added: they are
	// remembered so they never count as new, but they are not delivered.
	Muted bool
}

// Store keeps the bot's state. Implementations live in bot/store/...; every
// one passes the conformance suite in bot/store/storetest.
type Store interface {
	// AddSource stores a new source and returns it with its ID; ErrExists
	// if one with the same URL is there.
	AddSource(ctx context.Context, s Source) (Source, error)
	// RemoveSource deletes a source and its state; its articles stay, so
	// they are still recognised if the source is added again.
	RemoveSource(ctx context.Context, id int64) error
	// SourceByURL returns the source with that URL or ErrNotFound.
	SourceByURL(ctx context.Context, url string) (Source, error)
	// Sources returns every source, oldest first.
	Sources(ctx context.Context) ([]Source, error)
	// State returns a source's state; a source never polled has a zero
	// state with its SourceID set.
	State(ctx context.Context, sourceID int64) (SourceState, error)
	// SaveState records a source's state after a poll.
	SaveState(ctx context.Context, st SourceState) error
	// DueSources returns up to limit sources whose next poll is at or
	// before now, those never polled first.
	DueSources(ctx context.Context, now time.Time, limit int) ([]Source, error)
	// AddArticles stores the articles that are not already known, by GUID
	// within the source, by canonical URL or by fingerprint across all
	// sources, and returns the ones it added, in order.
	AddArticles(ctx context.Context, arts []Article) ([]Article, error)
	// Articles returns the articles fetched after since that are not muted,
	// newest first, at most limit.
	Articles(ctx context.Context, since time.Time, limit int) ([]Article, error)
	// Close releases the store.
	Close() error
}
