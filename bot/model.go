package bot

import (
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// The domain types: what the bot knows of its sources, the articles found
// in them, the chats it serves and what it delivers to them. The other
// packages speak these: sources returns Fetched and Articles, the stores
// keep them all, the adapters are told a ChatRef. A chat's topics are
// plain strings (a named Topic's name or a Query's canonical form), kept
// by the store per ChatRef.

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
	// Guarded sources were added from a chat or the console: even their
	// own host is fetched through the guard on every poll, so a name that
	// was public when it was added cannot later point the bot inside.
	// Sources the operator added on the machine are trusted.
	Guarded bool
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
	SourceID int64
	// Validators are sent with the next poll, so that an unchanged source
	// costs a 304 and no parsing.
	Validators
	LastPoll    time.Time // last attempt
	LastSuccess time.Time
	Status      int    // HTTP status of the last answer; 0 for local files or no answer
	Failures    int    // consecutive failed polls
	LastError   string // empty after a success
	Hint        string // what a person might do about the failure
	NextPoll    time.Time
	Polls       int // successful polls so far
}

// MoreHint is Hint when LastError does not already say it: most fetch
// errors end with their hint, and a page or a reply that shows both
// would say it twice.
func (st SourceState) MoreHint() string {
	if strings.Contains(st.LastError, st.Hint) {
		return ""
	}
	return st.Hint
}

// Validators are what a server said about the version of a source the bot
// holds (for a local file or folder, its modification time in
// LastModified); sent back, they let the server answer 304 Not Modified.
type Validators struct {
	ETag         string
	LastModified string
}

// Fetched is what one fetch of a source found: what a Fetcher returns and
// the poller stores.
type Fetched struct {
	Title string // the source's own title, if it has one
	// Articles are the items found, in the source's order. The fetcher
	// fills the embedded brief.Article (its ID is the feed's GUID for the
	// item) and CanonicalURL; the poller fills the rest.
	Articles    []Article
	NotModified bool // the server answered 304: nothing new
	Validators  Validators
	Status      int // HTTP status; 0 for local sources
	// FullText counts the items whose page was fetched for their text, and
	// FullTextFailed those whose page could not be read (they keep their
	// summary).
	FullText, FullTextFailed int
}

// BriefArticles returns the articles found as package brief takes them.
func (f *Fetched) BriefArticles() []brief.Article {
	out := make([]brief.Article, len(f.Articles))
	for i, a := range f.Articles {
		out[i] = a.Article
	}
	return out
}

// Article is an article as the bot stores it.
type Article struct {
	brief.Article
	StoreID      int64
	SourceID     int64
	GUID         string // the feed's id for the item, or its link
	CanonicalURL string // the URL without tracking parameters: same URL, same story
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
	Payload     []byte // the Message, as payload.go encodes it
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
