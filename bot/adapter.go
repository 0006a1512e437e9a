package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// This file is what the chat adapters (bot/telegram, bot/slack,
// bot/console) share and nothing else uses: the handler they hand
// commands to, the pacing and retrying of a reply's parts, and the cache
// of who runs a chat.

// Handler answers a command; *Bot is one.
type Handler interface {
	Handle(ctx context.Context, req Request) (Message, error)
}

var _ Handler = (*Bot)(nil)

// SlotWaiter hands out send slots within a platform's limits; *Pacer is
// one. Adapters take a slot for each part of a command's reply from the
// same budget as the outbox's briefs.
type SlotWaiter interface {
	Wait(ctx context.Context, chat ChatRef, l Limits) error
}

var _ SlotWaiter = (*Pacer)(nil)

// ReplyPacing spaces the parts of a command's reply that an adapter sends
// itself (the outbox paces its own).
type ReplyPacing struct {
	// Slots, when set, gives each part a slot (a *Pacer).
	Slots SlotWaiter
	// Limits are the platform's.
	Limits Limits
	// Gap is the pause between parts without Slots; zero for the
	// platform's spacing per chat (its group spacing in groups).
	Gap time.Duration
	// Clock times the pauses (nil: RealClock).
	Clock Clock
}

func (p ReplyPacing) clock() Clock { return cmp.Or[Clock](p.Clock, RealClock{}) }

// Turn waits until part i of a message to chat may go: for a slot, or
// without Slots Gap after the part before.
func (p ReplyPacing) Turn(ctx context.Context, chat ChatRef, i int) error {
	if p.Slots != nil {
		return p.Slots.Wait(ctx, chat, p.Limits)
	}
	if i == 0 {
		return nil
	}
	return p.clock().Sleep(ctx, cmp.Or(p.Gap, p.Limits.perChat(chat)))
}

// PartRetry says when a part after the first that met a rate limit is
// sent again in place: the parts before it went out, and a retry of the
// whole message by the outbox would send them twice.
type PartRetry struct {
	Times int // how often one part is retried
	// MaxWait is the longest delay waited for; a longer one is returned.
	// Zero for no bound.
	MaxWait time.Duration
}

// SendReply sends the parts of a reply in order, each in its turn,
// retrying as retry says. A failed wait is returned wrapped with the
// part's number, a failed part as Send returned it.
func SendReply(ctx context.Context, ps Parts, chat ChatRef, pace ReplyPacing, retry PartRetry) error {
	state := ""
	for i := range ps.Len() {
		if err := pace.Turn(ctx, chat, i); err != nil {
			return fmt.Errorf("send to %s: part %d of %d: %w", chat, i+1, ps.Len(), err)
		}
		for attempt := 0; ; attempt++ {
			next, err := ps.Send(ctx, i, state)
			if err == nil {
				state = next
				break
			}
			var rl *RateLimitError
			if i == 0 || attempt >= retry.Times || !errors.As(err, &rl) || (retry.MaxWait > 0 && rl.Delay > retry.MaxWait) {
				return err
			}
			if err := pace.clock().Sleep(ctx, rl.RetryAfter()); err != nil {
				return fmt.Errorf("send to %s: part %d of %d: %w", chat, i+1, ps.Len(), err)
			}
		}
	}
	return nil
}

// AdminCache keeps a platform's word on who runs a chat for a while, so
// that each command in a group does not ask again. It holds at most
// adminCacheMax answers; beyond that it starts afresh.
type AdminCache struct {
	ttl   time.Duration
	clock Clock

	mu      sync.Mutex
	answers map[string]adminAnswer
}

type adminAnswer struct {
	admin bool
	at    time.Time
}

const adminCacheMax = 10000

// NewAdminCache returns a cache whose answers last ttl on clock (nil:
// RealClock).
func NewAdminCache(ttl time.Duration, clock Clock) *AdminCache {
	return &AdminCache{ttl: ttl, clock: cmp.Or[Clock](clock, RealClock{}), answers: map[string]adminAnswer{}}
}

// Get returns the answer kept for key, if it is fresh.
func (c *AdminCache) Get(key string) (admin, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ans, ok := c.answers[key]
	if !ok || c.clock.Now().Sub(ans.at) >= c.ttl {
		return false, false
	}
	return ans.admin, true
}

// Put keeps the answer for key, from now.
func (c *AdminCache) Put(key string, admin bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.answers) > adminCacheMax {
		clear(c.answers) // bound memory; the answers are asked again
	}
	c.answers[key] = adminAnswer{admin: admin, at: c.clock.Now()}
}
