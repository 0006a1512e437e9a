package bot

import (
	"errors"
	"fmt"
	"time"
)

// Errors a Store returns.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
)

// ErrChatGone means the chat blocked or removed the bot, or no longer
// exists: the bot pauses deliveries to it instead of retrying.
var ErrChatGone = errors.New("chat blocked or removed the bot")

// RateLimitError is a "slow down", with the delay asked for: from a chat
// platform (a Chat's Send) or from a source's server (a Fetcher's Fetch).
// The outbox and the poller wait at least Delay before trying again.
type RateLimitError struct {
	Platform string        // the chat platform; empty for a source
	Delay    time.Duration // zero when the server did not say
	// Err is what the server answered, when there is more to tell than
	// the delay: for a source, the *sources.StatusError with its URL,
	// status and hint. errors.As finds it.
	Err error
}

func (e *RateLimitError) Error() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s: rate limited, retry after %s", e.Platform, e.Delay)
}

// RetryAfter returns the delay the platform or server asked for.
func (e *RateLimitError) RetryAfter() time.Duration { return e.Delay }

func (e *RateLimitError) Unwrap() error { return e.Err }

// The behaviours of errors that the poller and the outbox act on. They
// find them with errors.As anywhere in an error's chain; the types that
// implement them assert so at compile time.
type (
	// RetryAfterer is an error that says how long to wait before trying
	// again (a rate limit).
	RetryAfterer interface{ RetryAfter() time.Duration }
	// Hinter is an error that says what a person might do about it; /status
	// shows the hint next to a failing source.
	Hinter interface{ Hint() string }
	// StatusCoder is an error that carries the HTTP status a server
	// answered.
	StatusCoder interface{ StatusCode() int }
)

var _ RetryAfterer = (*RateLimitError)(nil)
