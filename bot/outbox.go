package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Clock is the time the outbox and scheduler live in; tests inject a
// virtual one.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx ends.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx ends.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OutboxOptions configure an Outbox; zero values take the defaults.
type OutboxOptions struct {
	Clock Clock
	// Workers bounds the sends in flight (default 8). With 1, sends happen
	// one after the other in the dispatcher.
	Workers int
	// Lease is how long a claimed delivery is ours (default 2m): a process
	// that dies mid-send leaves it to run out, then another sends it.
	Lease time.Duration
	// Batch is how many deliveries are claimed at once (default 100).
	Batch int
	// SendTimeout bounds one send (default 30s).
	SendTimeout time.Duration
	// MaxAttempts gives up on a delivery after this many failures
	// (default 12, about a day of backoff).
	MaxAttempts int
	// Idle is how long to wait when nothing is due (default 1s).
	Idle time.Duration
	Log  *slog.Logger
	// Observer hears every send attempt (default: nobody).
	Observer Observer
	// SharedRate takes each platform's send slots from the store
	// (Store.ReserveSlot) instead of from memory, so that several
	// instances on one database keep to the platform's rate together.
	// Their clocks must agree. Per-chat pacing stays in memory: a chat's
	// deliveries are claimed by one instance at a time.
	SharedRate bool
}

// Outbox sends the deliveries in the store through the chat adapters,
// within each platform's limits, retrying what fails.
type Outbox struct {
	store Store
	chats map[string]Chat
	opts  OutboxOptions

	mu       sync.Mutex
	global   map[string]time.Time  // platform -> earliest next send
	perChat  map[ChatRef]time.Time // chat -> earliest next send
	inFlight sync.WaitGroup
	slots    chan struct{}
}

// NewOutbox returns an outbox that sends through chats.
func NewOutbox(store Store, chats []Chat, opts OutboxOptions) *Outbox {
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.Lease <= 0 {
		opts.Lease = 2 * time.Minute
	}
	if opts.Batch <= 0 {
		opts.Batch = 100
	}
	if opts.SendTimeout <= 0 {
		opts.SendTimeout = 30 * time.Second
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 12
	}
	if opts.Idle <= 0 {
		opts.Idle = time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Observer == nil {
		opts.Observer = noObserver{}
	}
	o := &Outbox{
		store:   store,
		chats:   map[string]Chat{},
		opts:    opts,
		global:  map[string]time.Time{},
		perChat: map[ChatRef]time.Time{},
		slots:   make(chan struct{}, opts.Workers),
	}
	for _, c := range chats {
		o.chats[c.Platform()] = c
		// Claim no more than half a lease can send at the platform's rate,
		// so that no lease runs out while its message waits its turn.
		if iv := c.Limits().Global.Interval(); iv > 0 {
			o.opts.Batch = max(1, min(o.opts.Batch, int(o.opts.Lease/(2*iv))))
		}
	}
	return o
}

// Enqueue writes a message to the outbox under key (see Delivery.Key).
func Enqueue(ctx context.Context, s Store, m Message, key string, at time.Time) (bool, error) {
	payload, err := json.Marshal(m)
	if err != nil {
		return false, fmt.Errorf("encode message for %s: %w", m.Chat, err)
	}
	return s.Enqueue(ctx, Delivery{Chat: m.Chat, Key: key, Payload: payload, NextAttempt: at, Created: at})
}

// Run sends deliveries until ctx ends. Sends in flight then finish (each
// within its time-out); claimed deliveries not yet sent go back to the
// outbox at once, so a restart or another instance sends them.
func (o *Outbox) Run(ctx context.Context) error {
	defer o.inFlight.Wait()
	for {
		n, err := o.round(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			o.opts.Log.Error("outbox round", "err", err)
		}
		if n == 0 {
			if o.opts.Clock.Sleep(ctx, o.opts.Idle) != nil {
				return nil
			}
		}
	}
}

// Drain sends everything due now and returns how many deliveries it
// handled; for tests, the demo and one-shot runs.
func (o *Outbox) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := o.round(ctx)
		total += n
		o.inFlight.Wait()
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// round claims one batch and dispatches it, pacing sends so that no
// platform or chat limit is exceeded.
func (o *Outbox) round(ctx context.Context) (int, error) {
	now := o.opts.Clock.Now()
	batch, err := o.store.Claim(ctx, now, o.opts.Lease, o.opts.Batch)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	// Sends must start well inside the lease: a quarter of it is left for
	// the send itself.
	leaseEnd := now.Add(o.opts.Lease - o.opts.Lease/4)
	for i, d := range batch {
		c, ok := o.chats[d.Chat.Platform]
		if !ok {
			o.release(d, now.Add(time.Hour), "no adapter for "+d.Chat.Platform+" is running")
			continue
		}
		at, err := o.reserve(ctx, d.Chat, c.Limits())
		if err != nil {
			for _, rest := range batch[i:] {
				o.release(rest, time.Time{}, "")
			}
			return i, err
		}
		if at.After(leaseEnd) {
			// Its turn comes after our lease runs out, when another
			// instance may claim it too: give back the rest instead of
			// sending it twice. (Instances sharing one rate each wait
			// longer than the batch size allowed for.)
			for _, rest := range batch[i:] {
				o.release(rest, time.Time{}, "")
			}
			return i, nil
		}
		if err := o.opts.Clock.Sleep(ctx, at.Sub(o.opts.Clock.Now())); err != nil {
			// Shutting down: what was claimed and not sent goes back.
			for _, rest := range batch[i:] {
				o.release(rest, time.Time{}, "")
			}
			return i, nil
		}
		if o.opts.Workers == 1 {
			o.send(ctx, c, d) // in order, in the dispatcher: what a virtual clock needs
			continue
		}
		select {
		case o.slots <- struct{}{}:
		case <-ctx.Done():
			for _, rest := range batch[i:] {
				o.release(rest, time.Time{}, "")
			}
			return i, nil
		}
		o.inFlight.Add(1)
		go func() {
			defer func() { <-o.slots; o.inFlight.Done() }()
			o.send(ctx, c, d)
		}()
	}
	return len(batch), nil
}

// reserve books the earliest send time for a chat within the platform's
// global and per-chat rates and returns it.
func (o *Outbox) reserve(ctx context.Context, chat ChatRef, l Limits) (time.Time, error) {
	if !o.opts.SharedRate {
		return o.reserveLocal(chat, l), nil
	}
	o.mu.Lock()
	now := o.opts.Clock.Now()
	from := later(now, o.perChat[chat])
	o.mu.Unlock()
	at := from
	if iv := l.Global.Interval(); iv > 0 {
		// Asking from the chat's own next slot leaves no global slot
		// unused while the chat waits.
		var err error
		if at, err = o.store.ReserveSlot(ctx, "send:"+chat.Platform, from, iv); err != nil {
			return time.Time{}, err
		}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	// holdChat may have moved the chat's next slot meanwhile; keep the later.
	o.perChat[chat] = later(o.perChat[chat], at.Add(l.perChat(chat)))
	o.forgetChats(now)
	return at, nil
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// reserveLocal is reserve with the platform's slots kept in memory.
func (o *Outbox) reserveLocal(chat ChatRef, l Limits) time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.opts.Clock.Now()
	at := now
	if g := o.global[chat.Platform]; g.After(at) {
		at = g
	}
	if c := o.perChat[chat]; c.After(at) {
		at = c
	}
	o.global[chat.Platform] = at.Add(l.Global.Interval())
	o.perChat[chat] = at.Add(l.perChat(chat))
	o.forgetChats(now)
	return at
}

// forgetChats drops the chats whose next slot has passed, once there are
// many; they need no pacing. o.mu is held.
func (o *Outbox) forgetChats(now time.Time) {
	if len(o.perChat) > 200000 {
		for k, t := range o.perChat {
			if t.Before(now) {
				delete(o.perChat, k)
			}
		}
	}
}

// holdChat keeps a chat (or with global, the whole platform) quiet until
// t, after the platform asked us to slow down.
func (o *Outbox) holdChat(chat ChatRef, t time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if t.After(o.perChat[chat]) {
		o.perChat[chat] = t
	}
}

// send delivers one message and records the outcome.
func (o *Outbox) send(ctx context.Context, c Chat, d Delivery) {
	// A send already started finishes even while shutting down.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.opts.SendTimeout)
	defer cancel()
	var m Message
	if err := json.Unmarshal(d.Payload, &m); err != nil {
		o.drop(sctx, d, "message cannot be decoded: "+err.Error())
		return
	}
	m.Chat = d.Chat
	err := c.Send(sctx, m)
	o.opts.Observer.Sent(d.Chat.Platform, err)
	now := o.opts.Clock.Now()
	if err == nil {
		if err := o.store.MarkSent(sctx, d.ID, now); err != nil {
			o.opts.Log.Error("mark sent", "chat", d.Chat.String(), "delivery", d.ID, "err", err)
		}
		return
	}
	var ra interface{ RetryAfter() time.Duration }
	switch {
	case errors.Is(err, ErrChatGone):
		o.drop(sctx, d, err.Error())
		o.pause(sctx, d.Chat, err.Error())
	case errors.As(err, &ra):
		wait := max(ra.RetryAfter(), time.Second)
		o.holdChat(d.Chat, now.Add(wait))
		o.release(d, now.Add(wait), err.Error())
	case d.Attempts >= o.opts.MaxAttempts:
		o.drop(sctx, d, fmt.Sprintf("gave up after %d attempts: %v", d.Attempts, err))
	default:
		wait := min(time.Duration(1<<min(d.Attempts, 14))*5*time.Second, 6*time.Hour)
		o.release(d, now.Add(wait), err.Error())
		o.opts.Log.Warn("send failed", "chat", d.Chat.String(), "delivery", d.ID, "attempt", d.Attempts, "retry_in", wait, "err", err)
	}
}

// release gives a claimed delivery back, to be tried at next (zero: now).
func (o *Outbox) release(d Delivery, next time.Time, reason string) {
	if next.IsZero() {
		next = o.opts.Clock.Now()
	}
	if reason == "" {
		reason = d.LastError
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := o.store.Retry(ctx, d.ID, next, reason); err != nil {
		o.opts.Log.Error("release delivery", "chat", d.Chat.String(), "delivery", d.ID, "err", err)
	}
}

func (o *Outbox) drop(ctx context.Context, d Delivery, reason string) {
	o.opts.Log.Warn("delivery dropped", "chat", d.Chat.String(), "delivery", d.ID, "err", reason)
	if err := o.store.Drop(ctx, d.ID, reason); err != nil {
		o.opts.Log.Error("drop delivery", "chat", d.Chat.String(), "delivery", d.ID, "err", err)
	}
}

// pause stops scheduled briefs to a chat that blocked or removed the bot.
func (o *Outbox) pause(ctx context.Context, chat ChatRef, reason string) {
	cs, err := o.store.Chat(ctx, chat)
	if err == nil {
		cs.Paused = reason
		err = o.store.SaveChat(ctx, cs)
	}
	if err != nil {
		o.opts.Log.Error("pause chat", "chat", chat.String(), "err", err)
	}
}
