package bot

import (
	"context"
	"sync"
	"time"
)

// SlotStore hands out send slots shared by every instance on one store.
type SlotStore interface {
	// ReserveSlot atomically takes the next free slot for key, at or after
	// now, and moves the key's next free slot interval past it, so that
	// callers sharing the store, in any process, get slots at least
	// interval apart.
	ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error)
}

// Pacer spaces the messages sent to each platform, and to each chat, a
// little below the platform's limits. Every message that reaches a
// platform takes a slot from it: each part of a brief the outbox sends,
// and each part of a command's reply, so that replies and briefs share
// one budget. With shared set, a platform's slots come from the store
// (SlotStore.ReserveSlot), so that every instance on one database shares
// them too; their clocks must agree. A chat's slots stay in memory: its
// deliveries are claimed by one instance at a time.
type Pacer struct {
	store  SlotStore
	clock  Clock
	shared bool

	mu      sync.Mutex
	global  map[string]time.Time  // platform -> earliest next send
	perChat map[ChatRef]time.Time // chat -> earliest next send
}

// NewPacer returns a pacer on clock (nil: the wall clock).
func NewPacer(store SlotStore, clock Clock, shared bool) *Pacer {
	if clock == nil {
		clock = RealClock{}
	}
	return &Pacer{store: store, clock: clock, shared: shared, global: map[string]time.Time{}, perChat: map[ChatRef]time.Time{}}
}

// withMargin widens the spacing of a rate by a tenth. Sends spaced at
// exactly the limit arrive bunched by the network's jitter: 33.3 ms apart
// showed 31 in some 1-second windows at the receiver.
func withMargin(iv time.Duration) time.Duration { return iv + iv/10 }

// Reserve books the earliest time at which one message may go to chat
// within l, and returns it. Should the shared slots be out of reach (the
// database is down), the slot comes from memory, so that a reply saying
// so still goes out.
func (p *Pacer) Reserve(ctx context.Context, chat ChatRef, l Limits) (time.Time, error) {
	global := withMargin(l.Global.Interval())
	if !p.shared || global == 0 {
		return p.reserveLocal(chat, l), nil
	}
	p.mu.Lock()
	now := p.clock.Now()
	from := later(now, p.perChat[chat])
	p.mu.Unlock()
	// Asking from the chat's own next slot leaves no global slot unused
	// while the chat waits.
	at, err := p.store.ReserveSlot(ctx, "send:"+chat.Platform, from, global)
	if err != nil {
		if ctx.Err() != nil {
			return time.Time{}, err
		}
		return p.reserveLocal(chat, l), nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// Hold may have moved the chat's next slot meanwhile; keep the later.
	p.perChat[chat] = later(p.perChat[chat], at.Add(withMargin(l.perChat(chat))))
	p.forgetChats(now)
	return at, nil
}

// reserveLocal is Reserve with the platform's slots kept in memory.
func (p *Pacer) reserveLocal(chat ChatRef, l Limits) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	at := later(later(now, p.global[chat.Platform]), p.perChat[chat])
	p.global[chat.Platform] = at.Add(withMargin(l.Global.Interval()))
	p.perChat[chat] = at.Add(withMargin(l.perChat(chat)))
	p.forgetChats(now)
	return at
}

// Wait takes a slot for one message to chat and sleeps until it; see
// WaitBefore.
func (p *Pacer) Wait(ctx context.Context, chat ChatRef, l Limits) error {
	_, err := p.WaitBefore(ctx, chat, l, time.Time{})
	return err
}

// lateTries is how often a sender woken well after its slot takes a new
// one before it sends late all the same.
const lateTries = 3

// WaitBefore takes a slot for one message to chat, no later than deadline
// (zero: any), and sleeps until it; it reports false if the slot would
// come after the deadline. A sender that wakes, or hears from a shared
// store, well after its slot (a loaded machine, a slow database) takes a
// new slot instead of sending at once: a late message lands among the
// messages of the slots after its own and bunches them past the limit.
func (p *Pacer) WaitBefore(ctx context.Context, chat ChatRef, l Limits, deadline time.Time) (bool, error) {
	late := withMargin(l.Global.Interval()) / 2
	for try := 0; ; try++ {
		at, err := p.Reserve(ctx, chat, l)
		if err != nil {
			return false, err
		}
		if !deadline.IsZero() && at.After(deadline) {
			return false, nil
		}
		if err := p.clock.Sleep(ctx, at.Sub(p.clock.Now())); err != nil {
			return false, err
		}
		if late == 0 || try == lateTries || p.clock.Now().Sub(at) <= late {
			return true, nil
		}
	}
}

// Hold keeps a chat quiet until t, after the platform asked to slow down.
func (p *Pacer) Hold(chat ChatRef, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.perChat[chat] = later(p.perChat[chat], t)
}

// forgetChats drops the chats whose next slot has passed, once there are
// many; they need no pacing. p.mu is held.
func (p *Pacer) forgetChats(now time.Time) {
	if len(p.perChat) > 200000 {
		for k, t := range p.perChat {
			if t.Before(now) {
				delete(p.perChat, k)
			}
		}
	}
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
