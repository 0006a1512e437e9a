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
)

// Store keeps the bot's state: the union of what the parts of the bot
// need (PollStore, CommandStore, DigestStore, OutboxStore), and what the
// command line needs besides. cmd/newsbrief opens one; implementations
// live in bot/store/..., and every one passes the conformance suite in
// bot/store/storetest.
type Store interface {
	PollStore
	CommandStore
	DigestStore
	OutboxStore

	// RemoveSource deletes a source and its state; its articles stay, so
	// they are still recognised if the source is added again.
	RemoveSource(ctx context.Context, id int64) error
	// SourceByURL returns the source with that URL or ErrNotFound.
	SourceByURL(ctx context.Context, url string) (Source, error)
	// Outbox returns how many deliveries wait to be sent.
	Outbox(ctx context.Context) (int, error)

	// Close releases the store.
	Close() error
}
