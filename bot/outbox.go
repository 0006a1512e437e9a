package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// OutboxStore is what the outbox needs of the store.
type OutboxStore interface {
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
	// ChatStore pauses the chats that blocked the bot.
	ChatStore
	// SlotStore shares the platforms' send rates between instances.
	SlotStore
}

// Enqueuer writes deliveries to the outbox.
type Enqueuer interface {
	// Enqueue writes a delivery to the outbox unless one with the same chat
	// and key is there; it reports whether it wrote one.
	Enqueue(ctx context.Context, d Delivery) (bool, error)
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
	// SendTimeout bounds the send of one part of a message (default 30s).
	SendTimeout time.Duration
	// MaxAttempts gives up on a delivery after this many failures
	// (default 12, about a day of backoff).
	MaxAttempts int
	// Idle is how long to wait when nothing is due (default 1s).
	Idle time.Duration
	Log  *slog.Logger
	// Observer hears every send attempt (default: nobody).
	Observer Observer
	// Pacer hands out the send slots. Give the adapters the same one, so
	// that command replies count against the same limits (default: a
	// pacer of the outbox's own, shared through the store with
	// SharedRate).
	Pacer *Pacer
	// SharedRate takes each platform's send slots from the store
	// (Store.ReserveSlot) instead of from memory, so that several
	// instances on one database keep to the platform's rate together; see
	// Pacer. It only shapes the default pacer.
	SharedRate bool
}

// Outbox sends the deliveries in the store through the chat adapters,
// within each platform's limits, retrying what fails.
type Outbox struct {
	store OutboxStore
	chats map[string]Chat
	opts  OutboxOptions
	pacer *Pacer

	inFlight sync.WaitGroup
	slots    chan struct{}
}

// NewOutbox returns an outbox that sends through chats.
func NewOutbox(store OutboxStore, chats []Chat, opts OutboxOptions) *Outbox {
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
	if opts.Pacer == nil {
		opts.Pacer = NewPacer(store, opts.Clock, opts.SharedRate)
	}
	o := &Outbox{
		store: store,
		chats: map[string]Chat{},
		opts:  opts,
		pacer: opts.Pacer,
		slots: make(chan struct{}, opts.Workers),
	}
	for _, c := range chats {
		o.chats[c.Platform()] = c
		// Claim no more than half a lease can send at the platform's rate,
		// so that no lease runs out while its message waits its turn.
		if iv := withMargin(c.Limits().Global.Interval()); iv > 0 {
			o.opts.Batch = max(1, min(o.opts.Batch, int(o.opts.Lease/(2*iv))))
		}
	}
	return o
}

// Enqueue writes a message to the outbox under key (see Delivery.Key).
func Enqueue(ctx context.Context, s Enqueuer, m Message, key string, at time.Time) (bool, error) {
	payload, err := encodePayload(m)
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
		inTime, err := o.pacer.WaitBefore(ctx, d.Chat, c.Limits(), leaseEnd)
		if err != nil || !inTime {
			// Shutting down, or its turn comes after our lease runs out,
			// when another instance may claim it too: what was claimed
			// and not sent goes back, instead of going out twice.
			// (Instances sharing one rate each wait longer than the batch
			// size allowed for.)
			for _, rest := range batch[i:] {
				o.release(rest, time.Time{}, "")
			}
			if ctx.Err() != nil {
				return i, nil
			}
			return i, err
		}
		if o.opts.Workers == 1 {
			o.send(ctx, c, d, leaseEnd) // in order, in the dispatcher: what a virtual clock needs
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
			o.send(ctx, c, d, leaseEnd)
		}()
	}
	return len(batch), nil
}

// wholeMessage is a Chat's message as one part, for chats that send a
// message in one go.
type wholeMessage struct {
	c Chat
	m Message
}

func (w wholeMessage) Len() int { return 1 }
func (w wholeMessage) Send(ctx context.Context, _ int, state string) (string, error) {
	return state, w.c.Send(ctx, w.m)
}

// send delivers what is left of one message, part by part, and records
// the outcome. The first part's slot was taken by the dispatcher; each
// later part takes its own, and a part whose slot comes after leaseEnd
// goes back to the outbox with the parts sent so far recorded.
func (o *Outbox) send(ctx context.Context, c Chat, d Delivery, leaseEnd time.Time) {
	m, err := decodePayload(d.Payload)
	if errors.Is(err, errNewerPayload) {
		// Mid-upgrade: an instance of the newer version sends it.
		o.release(d, o.opts.Clock.Now().Add(time.Minute), err.Error())
		return
	}
	if err != nil {
		o.drop(d, "message cannot be decoded: "+err.Error())
		return
	}
	m.Chat = d.Chat
	var parts Parts = wholeMessage{c, m}
	if ps, ok := c.(PartSender); ok {
		if parts, err = ps.Parts(m); err != nil {
			o.drop(d, "message cannot be rendered: "+err.Error())
			return
		}
	}
	state := d.PartState
	for i := d.PartsSent; i < parts.Len(); i++ {
		if i > d.PartsSent {
			if inTime, err := o.pacer.WaitBefore(ctx, d.Chat, c.Limits(), leaseEnd); err != nil || !inTime {
				// Shutting down, or out of time: the rest goes back, to
				// be sent from this part on.
				o.release(d, time.Time{}, "")
				return
			}
		}
		// A part already started finishes even while shutting down.
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.opts.SendTimeout)
		next, err := parts.Send(pctx, i, state)
		cancel()
		o.opts.Observer.Sent(d.Chat.Platform, err)
		if err != nil {
			o.failed(d, i > d.PartsSent, err)
			return
		}
		state = next
		if i+1 < parts.Len() {
			if err := o.markPart(d, i+1, state); err != nil {
				// Unrecorded, the part would go out again on a retry:
				// stop here and let the lease run out.
				o.opts.Log.Error("mark part sent", "chat", d.Chat.String(), "delivery", d.ID, "part", i+1, "err", err)
				return
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := o.store.MarkSent(ctx, d.ID, o.opts.Clock.Now()); err != nil {
		o.opts.Log.Error("mark sent", "chat", d.Chat.String(), "delivery", d.ID, "err", err)
	}
}

func (o *Outbox) markPart(d Delivery, sent int, state string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return o.store.MarkPart(ctx, d.ID, sent, state)
}

// failed records a failed send. progressed tells whether parts of the
// message went out in this attempt: the message is then moving, so it is
// neither given up on nor backed off for long.
func (o *Outbox) failed(d Delivery, progressed bool, err error) {
	now := o.opts.Clock.Now()
	var ra RetryAfterer
	switch {
	case errors.Is(err, ErrChatGone):
		o.drop(d, err.Error())
		o.pause(d.Chat, err.Error())
	case errors.As(err, &ra):
		wait := max(ra.RetryAfter(), time.Second)
		o.pacer.Hold(d.Chat, now.Add(wait))
		o.release(d, now.Add(wait), err.Error())
	case d.Attempts >= o.opts.MaxAttempts && !progressed:
		o.drop(d, fmt.Sprintf("gave up after %d attempts: %v", d.Attempts, err))
	default:
		attempts := d.Attempts
		if progressed {
			attempts = 1
		}
		wait := min(time.Duration(1<<min(attempts, 14))*5*time.Second, 6*time.Hour)
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

func (o *Outbox) drop(d Delivery, reason string) {
	o.opts.Log.Warn("delivery dropped", "chat", d.Chat.String(), "delivery", d.ID, "err", reason)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := o.store.Drop(ctx, d.ID, reason); err != nil {
		o.opts.Log.Error("drop delivery", "chat", d.Chat.String(), "delivery", d.ID, "err", err)
	}
}

// pause stops scheduled briefs to a chat that blocked or removed the bot.
func (o *Outbox) pause(chat ChatRef, reason string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cs, err := o.store.Chat(ctx, chat)
	if err == nil {
		cs.Paused = reason
		err = o.store.SaveChat(ctx, cs)
	}
	if err != nil {
		o.opts.Log.Error("pause chat", "chat", chat.String(), "err", err)
	}
}
