// Package bot is the application. It polls the sources (Poller) and stores
// what is new, answers chat commands (Bot), builds each chat's daily brief
// on its schedule (Bot.EnqueueDue) and sends what is queued through the
// chat adapters within each platform's limits (Outbox). The domain types
// are in model.go, the error behaviours it acts on in errors.go. It
// declares the interfaces it needs (Store and its parts, Fetcher, Chat,
// PageFetcher) and knows nothing of HTTP, SQL or any chat platform:
// sources, bot/store/... and the adapters implement them, and
// cmd/newsbrief wires them together.
package bot

import (
	"context"
	"time"
)

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
