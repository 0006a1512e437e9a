package bot

import (
	"context"
	"time"
)

// What the operator's web console (bot/web) reads and changes. The
// console lists and pages through everything the bot keeps, so each list
// comes a page at a time, and each query is served by an index: the
// console must stay fast with thousands of sources and chats and hundreds
// of thousands of articles.

// Page asks for one page of a list.
type Page struct {
	// Query keeps the rows whose name, URL or chat id contains it, without
	// regard to case; empty for all.
	Query  string
	Offset int
	Limit  int // at most MaxPage; 0 means MaxPage
}

// MaxPage is the most rows one page of the console shows.
const MaxPage = 100

// SourceRow is a source as the console lists it.
type SourceRow struct {
	Source
	State    SourceState
	Paused   bool
	Articles int // stored articles that came from it
}

// ChatRow is a chat as the console lists it.
type ChatRow struct {
	ChatSettings
	Title    string   // the chat's name on its platform, when known
	Topics   []string // its subscriptions
	LastSent time.Time
	// Pending counts its deliveries waiting to be sent; LastError is why
	// the newest failed one failed, empty if none did.
	Pending   int
	LastError string
}

// Overview is the figures on the console's first page.
type Overview struct {
	Sources, SourcesFailing, SourcesPaused int
	ArticlesSince                          int // stored since the time asked for
	SentSince                              int // deliveries sent since then
	Pending                                int // waiting, including those retrying
	Retrying                               int // waiting after a failed attempt
	Dead                                   int // given up on or dropped
	// NextBriefs are the chats whose daily brief is due soonest.
	NextBriefs []ChatSettings
}

// DeliveryStatus selects the outbox rows the console lists.
type DeliveryStatus string

const (
	DeliveryPending DeliveryStatus = "pending" // waiting, first try or retry
	DeliveryDead    DeliveryStatus = "dead"    // given up on or dropped
)

// WebSession is a signed-in operator's session. Only a hash of its token
// is stored, so a copy of the database signs nobody in.
type WebSession struct {
	TokenHash string
	Created   time.Time
	Expires   time.Time
}

// AdminStore is what the console needs of the store besides ChatStore,
// SubscriptionReader and the outbox's Drop.
type AdminStore interface {
	// Overview counts articles stored and deliveries sent since since, and
	// returns the next (at most) n chats to get their daily brief.
	Overview(ctx context.Context, since time.Time, n int) (Overview, error)
	// SourceRows returns a page of sources, failing ones first, then by
	// name, and how many match in all.
	SourceRows(ctx context.Context, p Page) ([]SourceRow, int, error)
	// SourceRow returns one source, or ErrNotFound.
	SourceRow(ctx context.Context, id int64) (SourceRow, error)
	// PauseSource stops (or resumes) polling a source; paused sources are
	// never due.
	PauseSource(ctx context.Context, id int64, paused bool) error
	// PollSoon makes a source due at at (now, for "fetch now").
	PollSoon(ctx context.Context, id int64, at time.Time) error

	// ChatRows returns a page of chats in platform and id order, and how
	// many match in all.
	ChatRows(ctx context.Context, p Page) ([]ChatRow, int, error)
	// ChatRow returns one chat, or ErrNotFound.
	ChatRow(ctx context.Context, c ChatRef) (ChatRow, error)
	// SetChatTitle records a chat's name on its platform.
	SetChatTitle(ctx context.Context, c ChatRef, title string) error

	// Deliveries returns a page of the outbox with that status, oldest
	// first, and how many there are in all.
	Deliveries(ctx context.Context, status DeliveryStatus, p Page) ([]Delivery, int, error)
	// Delivery returns one delivery, or ErrNotFound.
	Delivery(ctx context.Context, id int64) (Delivery, error)
	// RetryNow makes a pending or dead delivery pending and due at at, with
	// its parts already sent kept, so a retry sends only what is owed.
	RetryNow(ctx context.Context, id int64, at time.Time) error

	// SaveSession stores a session; Session returns the unexpired one
	// with that token hash, or ErrNotFound; DeleteSession ends one, and
	// also removes every session expired before now.
	SaveSession(ctx context.Context, s WebSession) error
	Session(ctx context.Context, tokenHash string, now time.Time) (WebSession, error)
	DeleteSession(ctx context.Context, tokenHash string, now time.Time) error
}
