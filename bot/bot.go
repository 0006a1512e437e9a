// Package bot is the application: the sources it polls, the articles it has
// seen, and (as the bot grows) subscriptions, schedules and deliveries. It
// declares the interfaces it needs (Store, Fetcher) and knows nothing of
// HTTP, SQL or any chat platform; cmd/newsbrief wires the implementations.
package bot

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
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

// Name is how chats see the source: its title, else its site ("example.org")
// or, for a local file or folder, its name without the path, which is the
// operator's business.
func (s Source) Name() string {
	if s.Title != "" {
		return s.Title
	}
	if u, err := url.Parse(s.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	base := filepath.Base(strings.TrimPrefix(s.URL, "file://"))
	for ext := filepath.Ext(base); ext != "" && ext != base; ext = filepath.Ext(base) {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// showSourceURL is how a source's URL is shown in chats and logs when no
// redactor is configured: its scheme and host only, since the path and
// query may hold a token. A local path is shown as it is.
func showSourceURL(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "[source]"
	}
	return u.Scheme + "://" + u.Host
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

// ChatRef names one chat on one platform: a Telegram chat, a Slack
// channel, the console.
type ChatRef struct {
	Platform string // "telegram", "slack", "console"
	ID       string
	// Thread is a forum topic (Telegram) or a thread (Slack) the bot posts
	// in; empty for the chat itself.
	Thread string
}

func (c ChatRef) String() string {
	if c.Thread != "" {
		return c.Platform + ":" + c.ID + "/" + c.Thread
	}
	return c.Platform + ":" + c.ID
}

// ChatSettings is what a chat chose: its daily brief's schedule, quiet
// hours and the like, and where its deliveries stand.
type ChatSettings struct {
	Chat ChatRef
	// Schedule is the daily brief's time in canonical form ("08:00
	// Europe/Berlin weekdays"); empty for no daily brief.
	Schedule string
	// Quiet is the quiet hours ("22:00-07:00", in the schedule's zone);
	// empty for none.
	Quiet string
	// QuietDayNotice sends a one-line "nothing new" on days without news
	// instead of nothing.
	QuietDayNotice bool
	// Backfill is how many recent articles a new subscription brings.
	Backfill int
	// Paused holds why deliveries stopped (the bot was blocked, say);
	// empty while they flow.
	Paused string
	// LastDigest is the time up to which the chat has had the news.
	LastDigest time.Time
	// NextDigest is when the next daily brief is due; zero for none.
	NextDigest time.Time
}

// Delivery is one message in the outbox.
type Delivery struct {
	ID   int64
	Chat ChatRef
	// Key makes enqueueing idempotent: one daily brief per chat per day
	// has one key, however often it is enqueued.
	Key         string
	Payload     []byte // the Message, JSON-encoded
	Attempts    int    // claims so far, this one included
	NextAttempt time.Time
	LastError   string
	Created     time.Time
	Sent        time.Time
	// PartsSent counts the parts of a multi-part message that went out
	// already: a retry sends only the rest.
	PartsSent int
	// PartState is what the platform needs to go on with the next part,
	// such as the Slack thread a digest's first post opened.
	PartState string
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
	// DueSources claims up to limit sources whose next poll is at or
	// before now, those never polled first: in the same transaction it
	// moves their next poll to now+lease, so that no other instance polls
	// them meanwhile. SaveState after the poll writes the real next poll;
	// if the instance dies first, the lease runs out and another takes the
	// source.
	DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Source, error)
	// AddArticles stores the articles that are not already known, by GUID
	// within the source, by canonical URL or by fingerprint across all
	// sources, and returns the ones it added, in order. It writes in
	// bounded transactions, so a huge feed never holds the database from
	// other writers for long; on an error the batches before it stay
	// stored and are returned with it.
	AddArticles(ctx context.Context, arts []Article) ([]Article, error)
	// Articles returns the articles fetched after since that are not muted,
	// newest first, at most limit.
	Articles(ctx context.Context, since time.Time, limit int) ([]Article, error)

	// Chat returns a chat's settings; a chat never seen has zero settings
	// with its ChatRef set.
	Chat(ctx context.Context, c ChatRef) (ChatSettings, error)
	// SaveChat stores a chat's settings.
	SaveChat(ctx context.Context, cs ChatSettings) error
	// DueChats claims up to limit chats with a schedule, not paused, whose
	// next daily brief is due at now, moving their next brief to now+lease
	// as DueSources does for sources. The settings it returns carry the
	// slot that was due in NextDigest, not the lease, since the slot names
	// the brief's delivery. SaveChat after the brief writes the real next
	// one; an instance taking over an expired lease sees the lease's end as
	// the slot.
	DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]ChatSettings, error)

	// Subscribe adds a topic to a chat; ErrExists if it is there.
	Subscribe(ctx context.Context, c ChatRef, topic string) error
	// Unsubscribe removes a topic, or every topic when topic is ""; it
	// returns how many it removed.
	Unsubscribe(ctx context.Context, c ChatRef, topic string) (int, error)
	// Subscriptions returns a chat's topics in the order they were added.
	Subscriptions(ctx context.Context, c ChatRef) ([]string, error)

	// Enqueue writes a delivery to the outbox unless one with the same chat
	// and key is there; it reports whether it wrote one.
	Enqueue(ctx context.Context, d Delivery) (bool, error)
	// Claim leases up to limit deliveries due at now (pending, or leased
	// by a sender whose lease ran out) for lease, counting the attempt.
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// MarkSent records a delivery as sent.
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkPart records that the first sent parts of a multi-part delivery
	// went out, with the state the next part needs.
	MarkPart(ctx context.Context, id int64, sent int, state string) error
	// Retry releases a delivery to be tried again at next.
	Retry(ctx context.Context, id int64, next time.Time, reason string) error
	// Drop gives up on a delivery (its chat is gone), keeping the reason.
	Drop(ctx context.Context, id int64, reason string) error
	// Outbox returns how many deliveries wait to be sent.
	Outbox(ctx context.Context) (int, error)
	// LastSent returns the chat's most recent sent delivery time.
	LastSent(ctx context.Context, c ChatRef) (time.Time, error)

	// ReserveSlot atomically takes the next free slot for key, at or after
	// now, and moves the key's next free slot interval past it, so that
	// callers sharing the store, in any process, get slots at least
	// interval apart.
	ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error)

	// Close releases the store.
	Close() error
}
