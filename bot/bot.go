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
	"cmp"
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/brief"
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
	AdminStore

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

// PageFetcher fetches the article at a URL a user sent, through the guard
// that keeps user URLs off private addresses.
type PageFetcher interface {
	FetchArticle(ctx context.Context, url string) (brief.Article, error)
	// CheckURL reports, without fetching, whether the guard lets url be
	// fetched: nil, or why not.
	CheckURL(ctx context.Context, url string) error
}

// Options configure the bot; zero values take the defaults.
type Options struct {
	// Topics are the named topics on offer.
	Topics []Topic
	// MaxStories caps the stories of a daily brief (default 8).
	MaxStories int
	// Window is how far back /summary looks (default 24h).
	Window time.Duration
	// CommandRate limits each user's commands (default 30 a minute), after
	// a burst of CommandBurst (default 15): a person exploring the bot at
	// human speed never meets it, a script flooding it does.
	CommandRate  Rate
	CommandBurst int
	// Operators may add sources from a chat ("telegram:12345").
	Operators []string
	// Pages fetches user-sent URLs for /summary <url>; nil turns that off.
	Pages PageFetcher
	// RedactURL shows a source's URL to chat users with its secrets
	// hidden (cmd/newsbrief passes sources.RedactURL); by default only its
	// host is shown.
	RedactURL func(string) string
	// Clock is the time (default RealClock).
	Clock Clock
	Log   *slog.Logger
	// Observer hears how long briefs take to build (default: nobody).
	Observer Observer
	// Health tells /status whether the store is failing (the store given
	// to New is then a WatchStore reporting to it); nil for not watched.
	Health *StoreHealth
	// NewSource holds the Interval and Backfill a source added with
	// /sources add gets: the configuration's interval and backfill.
	NewSource Source
}

// Bot answers commands and builds the briefs chats get.
type Bot struct {
	// store is what the commands and the daily briefs need.
	store interface {
		CommandStore
		DigestStore
	}
	sum     *brief.Summarizer
	opts    Options
	topics  map[string]Topic
	limitMu sync.Mutex
	limits  map[string]*userLimit
	pools   poolCache
	// titles are the chat names recorded by this Bot (noteTitle).
	titleMu sync.Mutex
	titles  map[ChatRef]string
}

// New returns a Bot over store, which may be any Store.
func New(store interface {
	CommandStore
	DigestStore
}, sum *brief.Summarizer, opts Options) *Bot {
	opts.MaxStories = cmp.Or(opts.MaxStories, 8)
	opts.Window = cmp.Or(opts.Window, 24*time.Hour)
	if opts.CommandRate.N == 0 {
		opts.CommandRate = Rate{N: 30, Per: time.Minute}
	}
	opts.CommandBurst = cmp.Or(opts.CommandBurst, 15)
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Observer == nil {
		opts.Observer = noObserver{}
	}
	if opts.RedactURL == nil {
		opts.RedactURL = showSourceURL
	}
	b := &Bot{store: store, sum: sum, opts: opts, topics: map[string]Topic{}, limits: map[string]*userLimit{},
		titles: map[ChatRef]string{}}
	for _, t := range opts.Topics {
		b.topics[strings.ToLower(t.Name)] = t
	}
	return b
}
