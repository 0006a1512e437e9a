package bot

import (
	"context"
	"errors"
	"sync"
	"time"
)

// StoreHealth keeps track of the store's failures, as a WatchStore
// reports them: a store failing now (a full disk, a database that does not
// answer) shows in /status and readiness, and each failure reaches the
// Observer for the metrics.
type StoreHealth struct {
	obs   Observer
	clock Clock

	mu       sync.Mutex
	lastFail time.Time
	lastErr  error
}

// healthWindow is how long after its last failure the store counts as
// failing: a store that cannot write fails again at the next poll or
// brief, a minute or so later.
const healthWindow = time.Minute

// NewStoreHealth returns a StoreHealth telling obs (nil: nobody) of each
// failure, on clock (nil: RealClock).
func NewStoreHealth(obs Observer, clock Clock) *StoreHealth {
	if obs == nil {
		obs = noObserver{}
	}
	if clock == nil {
		clock = RealClock{}
	}
	return &StoreHealth{obs: obs, clock: clock}
}

// note records err if it is a failure of the store: not an answer such as
// ErrNotFound, and not a caller that gave up.
func (h *StoreHealth) note(err error) error {
	if err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, ErrExists) || errors.Is(err, context.Canceled) {
		return err
	}
	h.obs.StoreFailed(err)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lastFail, h.lastErr = h.clock.Now(), err
	return err
}

// Failing returns when the store last failed, and how, if it was in the
// last minute; a nil error otherwise.
func (h *StoreHealth) Failing() (time.Time, error) {
	if h == nil {
		return time.Time{}, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lastErr == nil || h.clock.Now().Sub(h.lastFail) > healthWindow {
		return time.Time{}, nil
	}
	return h.lastFail, h.lastErr
}

// WatchStore returns s with every failure of its methods recorded in h.
func WatchStore(s Store, h *StoreHealth) Store { return watched{s, h} }

type watched struct {
	s Store
	h *StoreHealth
}

var _ Store = watched{}

func (w watched) AddSource(ctx context.Context, s Source) (Source, error) {
	src, err := w.s.AddSource(ctx, s)
	return src, w.h.note(err)
}
func (w watched) RemoveSource(ctx context.Context, id int64) error {
	return w.h.note(w.s.RemoveSource(ctx, id))
}
func (w watched) SourceByURL(ctx context.Context, url string) (Source, error) {
	src, err := w.s.SourceByURL(ctx, url)
	return src, w.h.note(err)
}
func (w watched) Sources(ctx context.Context) ([]Source, error) {
	srcs, err := w.s.Sources(ctx)
	return srcs, w.h.note(err)
}
func (w watched) State(ctx context.Context, id int64) (SourceState, error) {
	st, err := w.s.State(ctx, id)
	return st, w.h.note(err)
}
func (w watched) SaveState(ctx context.Context, st SourceState) error {
	return w.h.note(w.s.SaveState(ctx, st))
}
func (w watched) DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Source, error) {
	srcs, err := w.s.DueSources(ctx, now, lease, limit)
	return srcs, w.h.note(err)
}
func (w watched) AddArticles(ctx context.Context, arts []Article) ([]Article, error) {
	added, err := w.s.AddArticles(ctx, arts)
	return added, w.h.note(err)
}
func (w watched) Articles(ctx context.Context, since time.Time, limit int) ([]Article, error) {
	arts, err := w.s.Articles(ctx, since, limit)
	return arts, w.h.note(err)
}
func (w watched) Chat(ctx context.Context, c ChatRef) (ChatSettings, error) {
	cs, err := w.s.Chat(ctx, c)
	return cs, w.h.note(err)
}
func (w watched) SaveChat(ctx context.Context, cs ChatSettings) error {
	return w.h.note(w.s.SaveChat(ctx, cs))
}
func (w watched) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]ChatSettings, error) {
	due, err := w.s.DueChats(ctx, now, lease, limit)
	return due, w.h.note(err)
}
func (w watched) Subscribe(ctx context.Context, c ChatRef, topic string) error {
	return w.h.note(w.s.Subscribe(ctx, c, topic))
}
func (w watched) Unsubscribe(ctx context.Context, c ChatRef, topic string) (int, error) {
	n, err := w.s.Unsubscribe(ctx, c, topic)
	return n, w.h.note(err)
}
func (w watched) Subscriptions(ctx context.Context, c ChatRef) ([]string, error) {
	topics, err := w.s.Subscriptions(ctx, c)
	return topics, w.h.note(err)
}
func (w watched) Enqueue(ctx context.Context, d Delivery) (bool, error) {
	ok, err := w.s.Enqueue(ctx, d)
	return ok, w.h.note(err)
}
func (w watched) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error) {
	ds, err := w.s.Claim(ctx, now, lease, limit)
	return ds, w.h.note(err)
}
func (w watched) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return w.h.note(w.s.MarkSent(ctx, id, at))
}
func (w watched) MarkPart(ctx context.Context, id int64, sent int, state string) error {
	return w.h.note(w.s.MarkPart(ctx, id, sent, state))
}
func (w watched) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return w.h.note(w.s.Retry(ctx, id, next, reason))
}
func (w watched) Drop(ctx context.Context, id int64, reason string) error {
	return w.h.note(w.s.Drop(ctx, id, reason))
}
func (w watched) Outbox(ctx context.Context) (int, error) {
	n, err := w.s.Outbox(ctx)
	return n, w.h.note(err)
}
func (w watched) LastSent(ctx context.Context, c ChatRef) (time.Time, error) {
	t, err := w.s.LastSent(ctx, c)
	return t, w.h.note(err)
}
func (w watched) ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error) {
	t, err := w.s.ReserveSlot(ctx, key, now, interval)
	return t, w.h.note(err)
}
func (w watched) Overview(ctx context.Context, since time.Time, n int) (Overview, error) {
	o, err := w.s.Overview(ctx, since, n)
	return o, w.h.note(err)
}
func (w watched) SourceRows(ctx context.Context, p Page) ([]SourceRow, int, error) {
	rows, n, err := w.s.SourceRows(ctx, p)
	return rows, n, w.h.note(err)
}
func (w watched) SourceRow(ctx context.Context, id int64) (SourceRow, error) {
	r, err := w.s.SourceRow(ctx, id)
	return r, w.h.note(err)
}
func (w watched) PauseSource(ctx context.Context, id int64, paused bool) error {
	return w.h.note(w.s.PauseSource(ctx, id, paused))
}
func (w watched) PollSoon(ctx context.Context, id int64, at time.Time) error {
	return w.h.note(w.s.PollSoon(ctx, id, at))
}
func (w watched) ChatRows(ctx context.Context, p Page) ([]ChatRow, int, error) {
	rows, n, err := w.s.ChatRows(ctx, p)
	return rows, n, w.h.note(err)
}
func (w watched) ChatRow(ctx context.Context, c ChatRef) (ChatRow, error) {
	r, err := w.s.ChatRow(ctx, c)
	return r, w.h.note(err)
}
func (w watched) SetChatTitle(ctx context.Context, c ChatRef, title string) error {
	return w.h.note(w.s.SetChatTitle(ctx, c, title))
}
func (w watched) Deliveries(ctx context.Context, status DeliveryStatus, p Page) ([]Delivery, int, error) {
	ds, n, err := w.s.Deliveries(ctx, status, p)
	return ds, n, w.h.note(err)
}
func (w watched) Delivery(ctx context.Context, id int64) (Delivery, error) {
	d, err := w.s.Delivery(ctx, id)
	return d, w.h.note(err)
}
func (w watched) RetryNow(ctx context.Context, id int64, at time.Time) error {
	return w.h.note(w.s.RetryNow(ctx, id, at))
}
func (w watched) SaveSession(ctx context.Context, s WebSession) error {
	return w.h.note(w.s.SaveSession(ctx, s))
}
func (w watched) Session(ctx context.Context, tokenHash string, now time.Time) (WebSession, error) {
	ws, err := w.s.Session(ctx, tokenHash, now)
	return ws, w.h.note(err)
}
func (w watched) DeleteSession(ctx context.Context, tokenHash string, now time.Time) error {
	return w.h.note(w.s.DeleteSession(ctx, tokenHash, now))
}
func (w watched) Close() error { return w.s.Close() }
