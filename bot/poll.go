package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newsbrief/newsbrief/brief"
)

// Fetcher reads one source: a feed, a page or a local file. location is
// the source's URL or path, v the validators of the last fetch. Errors
// may implement RetryAfterer, Hinter and StatusCoder; the poller acts on
// them. sources.Fetcher is the implementation.
//
// A fetch under a context from WithGuard is of a source added from a
// chat or the console: the fetcher must guard even the source's own host.
type Fetcher interface {
	Fetch(ctx context.Context, location string, v Validators) (*Fetched, error)
}

// guardKey marks a context whose fetches are all guarded.
type guardKey struct{}

// WithGuard returns ctx under which a Fetcher or FeedFinder trusts
// nothing, not even the host of the URL it was given.
func WithGuard(ctx context.Context) context.Context {
	return context.WithValue(ctx, guardKey{}, true)
}

// Guarded reports whether ctx came from WithGuard.
func Guarded(ctx context.Context) bool {
	g, _ := ctx.Value(guardKey{}).(bool)
	return g
}

// FetcherFunc lets a function be a Fetcher.
type FetcherFunc func(ctx context.Context, location string, v Validators) (*Fetched, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, location string, v Validators) (*Fetched, error) {
	return f(ctx, location, v)
}

// PollStore is what the poller needs of the store.
type PollStore interface {
	// DueSources claims up to limit sources whose next poll is at or
	// before now, those never polled first: in the same transaction it
	// moves their next poll to now+lease, so that no other instance polls
	// them meanwhile. SaveState after the poll writes the real next poll;
	// if the instance dies first, the lease runs out and another takes the
	// source.
	DueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Source, error)
	// State returns a source's state; a source never polled has a zero
	// state with its SourceID set.
	State(ctx context.Context, sourceID int64) (SourceState, error)
	// SaveState records a source's state after a poll.
	SaveState(ctx context.Context, st SourceState) error
	// AddArticles stores the articles that are not already known, by GUID
	// within the source, by canonical URL or by fingerprint across all
	// sources, and returns the ones it added, in order. It writes in
	// bounded transactions, so a huge feed never holds the database from
	// other writers for long; on an error the batches before it stay
	// stored and are returned with it.
	AddArticles(ctx context.Context, arts []Article) ([]Article, error)
}

// MaxBackoff caps the wait after repeated failures, so that a source that
// comes back is noticed within a day.
const MaxBackoff = 24 * time.Hour

// Poller polls the sources that are due and stores what is new.
type Poller struct {
	store    PollStore
	fetcher  Fetcher
	clock    Clock
	log      *slog.Logger
	workers  int
	lease    time.Duration
	observer Observer
	redact   func(string) string
}

// PollerOptions configure a Poller; zero values take the defaults.
type PollerOptions struct {
	// Workers bounds the sources polled at once (default 8). The fetcher
	// bounds requests per host on its own.
	Workers int
	Clock   Clock // default RealClock
	Log     *slog.Logger
	// Observer hears every poll (default: nobody).
	Observer Observer
	// RedactURL shows a source's URL in logs, errors and article source
	// names with its secrets hidden, as Options.RedactURL does.
	RedactURL func(string) string
	// Lease is how long a claimed source stays away from other instances
	// sharing the store (default DefaultPollLease). Set it well above the
	// longest poll: should a poll outlast it, another instance may poll the
	// same source too (harmless, articles are deduplicated, but wasted).
	Lease time.Duration
}

// DefaultPollLease is how long a source claimed for polling is held, twice
// a generous fetch time-out. An instance that dies mid-poll delays the
// source by at most this much.
const DefaultPollLease = 10 * time.Minute

// NewPoller returns a Poller over store and fetcher.
func NewPoller(store PollStore, fetcher Fetcher, opts PollerOptions) *Poller {
	p := &Poller{
		store:    store,
		fetcher:  fetcher,
		clock:    opts.Clock,
		log:      opts.Log,
		workers:  opts.Workers,
		lease:    opts.Lease,
		observer: opts.Observer,
		redact:   opts.RedactURL,
	}
	if p.lease <= 0 {
		p.lease = DefaultPollLease
	}
	if p.redact == nil {
		p.redact = showSourceURL
	}
	if p.observer == nil {
		p.observer = noObserver{}
	}
	if p.workers <= 0 {
		p.workers = 8
	}
	if p.clock == nil {
		p.clock = RealClock{}
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	return p
}

// PollStats sums up one round of polling.
type PollStats struct {
	Polled, Failed, New int
}

// Run polls due sources every tick until ctx ends, one round at a time: a
// round still running when the next tick comes is not doubled.
func (p *Poller) Run(ctx context.Context, every time.Duration) error {
	c := cron.New(cron.WithLocation(time.UTC), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))
	round := func() {
		stats, err := p.PollDue(ctx)
		if err != nil && ctx.Err() == nil {
			p.log.Error("poll round", "err", err)
			return
		}
		p.log.Debug("poll round", "polled", stats.Polled, "failed", stats.Failed, "new", stats.New)
	}
	if _, err := c.AddFunc(fmt.Sprintf("@every %s", every), round); err != nil {
		return fmt.Errorf("schedule polling every %s: %w", every, err)
	}
	c.Start()
	round()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// PollDue claims the sources due now and polls them, a bounded number at
// once. A failing source is logged and backed off; it never stops the
// others. A source claimed but not polled, because ctx ended, waits for
// its lease to run out.
func (p *Poller) PollDue(ctx context.Context) (PollStats, error) {
	var stats PollStats
	due, err := p.store.DueSources(ctx, p.clock.Now(), p.lease, 10000)
	if err != nil {
		return stats, fmt.Errorf("due sources: %w", err)
	}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		jobs = make(chan Source)
	)
	for range min(p.workers, len(due)) {
		wg.Go(func() {
			for src := range jobs {
				added, err := p.Poll(ctx, src)
				p.observer.Polled(src, len(added), err)
				mu.Lock()
				stats.Polled++
				stats.New += len(added)
				if err != nil {
					stats.Failed++
				}
				mu.Unlock()
				if err != nil && ctx.Err() == nil {
					p.log.Warn("poll failed", "feed", p.redact(src.URL), "err", err)
				}
			}
		})
	}
	for _, src := range due {
		select {
		case jobs <- src:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	return stats, ctx.Err()
}

// Poll fetches one source now, stores its new articles and records its
// health, and returns the articles that were new.
func (p *Poller) Poll(ctx context.Context, src Source) ([]Article, error) {
	st, err := p.store.State(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	now := p.clock.Now().UTC()
	st.LastPoll = now
	fctx := ctx
	if src.Guarded {
		fctx = WithGuard(ctx)
	}
	f, ferr := p.fetcher.Fetch(fctx, src.URL, st.Validators)
	if ferr != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // shutting down: not the source's fault
		}
		p.recordFailure(&st, src, now, ferr)
		if err := p.store.SaveState(ctx, st); err != nil {
			return nil, errors.Join(ferr, err)
		}
		return nil, ferr
	}
	first := st.Polls == 0
	st.Polls++
	st.Failures, st.LastError, st.Hint = 0, "", ""
	st.LastSuccess = now
	st.Status = f.Status
	st.NextPoll = now.Add(src.interval())
	if !f.NotModified {
		st.Validators = f.Validators
	}
	var added []Article
	if !f.NotModified && len(f.Articles) > 0 {
		arts := p.articles(src, f, now, first)
		added, err = p.store.AddArticles(ctx, arts)
		if err != nil {
			return nil, fmt.Errorf("store articles of %s: %w", p.redact(src.URL), err)
		}
	}
	if err := p.store.SaveState(ctx, st); err != nil {
		return nil, err
	}
	added = slices.DeleteFunc(added, func(a Article) bool { return a.Muted })
	return added, nil
}

// MaxItemsPerPoll bounds the items taken from one poll of a source: its
// newest, so that a feed of 100,000 items costs no more than one of a
// thousand. The rest are not stored, as if the feed had not listed them.
const MaxItemsPerPoll = 1000

// articles turns fetched items into articles to store, the newest
// MaxItemsPerPoll of them in feed order. On a source's first poll only
// the newest Backfill items count as new; the rest are muted.
func (p *Poller) articles(src Source, f *Fetched, now time.Time, first bool) []Article {
	// Newest first by date; undated items keep feed order (newest first in
	// nearly every feed).
	order := make([]int, len(f.Articles))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return f.Articles[b].Published.Compare(f.Articles[a].Published)
	})
	rank := make([]int, len(f.Articles))
	for r, i := range order {
		rank[i] = r
	}
	arts := make([]Article, 0, min(len(f.Articles), MaxItemsPerPoll))
	for i, a := range f.Articles {
		if rank[i] >= MaxItemsPerPoll {
			continue
		}
		a.GUID = cmp.Or(a.ID, a.URL, brief.Fingerprint(a.Article))
		if a.Source == "" {
			a.Source = cmp.Or(f.Title, src.Title, src.URL)
		}
		a.SourceID = src.ID
		a.CanonicalURL = cmp.Or(a.CanonicalURL, a.URL)
		a.Fingerprint = brief.Fingerprint(a.Article)
		a.Fetched = now
		a.Muted = first && rank[i] >= src.Backfill
		arts = append(arts, a)
	}
	return arts
}

// recordFailure counts a failed poll and schedules the next one with
// exponential backoff, or later if the server asked for it.
func (p *Poller) recordFailure(st *SourceState, src Source, now time.Time, err error) {
	st.Failures++
	st.LastError = err.Error()
	st.Hint = ""
	var h Hinter
	if errors.As(err, &h) {
		st.Hint = h.Hint()
	}
	var sc StatusCoder
	if errors.As(err, &sc) {
		st.Status = sc.StatusCode()
	} else {
		st.Status = 0
	}
	wait := src.interval() << min(st.Failures-1, 10)
	wait = min(wait, MaxBackoff)
	var ra RetryAfterer
	if errors.As(err, &ra) {
		wait = max(wait, ra.RetryAfter())
	}
	st.NextPoll = now.Add(wait)
}
