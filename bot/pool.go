package bot

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// ArticleReader reads the sources and the articles the briefs are made of.
type ArticleReader interface {
	// Sources returns every source, oldest first.
	Sources(ctx context.Context) ([]Source, error)
	// Articles returns the articles fetched after since that are not muted,
	// newest first, at most limit.
	Articles(ctx context.Context, since time.Time, limit int) ([]Article, error)
}

// pool is a set of recent articles prepared for matching, so that many
// chats' topics are matched against one tokenisation of each article.
type pool struct {
	arts      []Article
	texts     []*MatchText
	sourceURL map[int64]string
}

// loadPool returns the articles fetched after since, at most
// maxDigestArticles, newest first. It keeps what it read: a later call
// whose since is no earlier asks the store only for the articles fetched
// since the newest one held (less poolOverlap), so /summary, the console's
// previews and the scheduler do not each read and tokenise thousands of
// articles. What is held is dropped after poolIdle unused.
func (b *Bot) loadPool(ctx context.Context, since time.Time) (*pool, error) {
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	p := &pool{sourceURL: make(map[int64]string, len(srcs))}
	names := make(map[int64]string, len(srcs))
	for _, s := range srcs {
		p.sourceURL[s.ID] = s.URL
		names[s.ID] = s.Name()
	}
	c := &b.pools
	c.mu.Lock()
	defer c.mu.Unlock()
	now := b.opts.Clock.Now()
	held := c.arts != nil && !since.Before(c.floor) && now.Sub(c.used) <= poolIdle
	from := since
	if held {
		from = c.newest.Add(-poolOverlap)
	}
	fresh, err := b.store.Articles(ctx, from, maxDigestArticles)
	if err != nil {
		return nil, err
	}
	texts := make([]*MatchText, len(fresh))
	for i, a := range fresh {
		if filepath.IsAbs(a.Source) {
			// Stored before sources were named: a local file's path is
			// the operator's business, not the chat's.
			fresh[i].Source = names[a.SourceID]
		}
		texts[i] = NewMatchText(fresh[i].Article)
	}
	if held {
		fresh, texts = mergeNewer(fresh, texts, c.arts, c.texts)
	} else {
		c.floor = since
	}
	c.arts, c.texts, c.used = fresh, texts, now
	if len(fresh) > 0 {
		c.newest = fresh[0].Fetched
	}
	if c.drop == nil {
		c.drop = time.AfterFunc(poolIdle, c.forget)
	} else {
		c.drop.Reset(poolIdle)
	}
	p.arts, p.texts = fresh, texts
	return p, nil
}

// poolCache is the articles loadPool read last. Its slices are never
// changed once made, so the pools handed out share them safely.
type poolCache struct {
	mu     sync.Mutex
	arts   []Article
	texts  []*MatchText
	floor  time.Time // arts are the newest articles fetched after floor
	newest time.Time
	used   time.Time
	drop   *time.Timer
}

// forget frees what the cache holds.
func (c *poolCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.arts, c.texts = nil, nil
}

const (
	// poolIdle is how long loadPool keeps the articles it read unused.
	poolIdle = 2 * time.Minute
	// poolOverlap is how far before the newest article held loadPool
	// reads again: a poll stores its articles, all with one fetch time,
	// in several commits, and a read between two of them must not lose
	// the rest.
	poolOverlap = 10 * time.Minute
)

// mergeNewer puts the fresh articles (newest first) before the held ones
// they do not repeat, keeping at most maxDigestArticles.
func mergeNewer(fresh []Article, freshTexts []*MatchText, held []Article, heldTexts []*MatchText) ([]Article, []*MatchText) {
	seen := make(map[int64]bool, len(fresh))
	for _, a := range fresh {
		seen[a.StoreID] = true
	}
	arts := make([]Article, len(fresh), min(len(fresh)+len(held), maxDigestArticles))
	texts := make([]*MatchText, len(fresh), cap(arts))
	copy(arts, fresh)
	copy(texts, freshTexts)
	for i, a := range held {
		if len(arts) == cap(arts) {
			break
		}
		if !seen[a.StoreID] {
			arts = append(arts, a)
			texts = append(texts, heldTexts[i])
		}
	}
	return arts, texts
}

// maxDigestArticles bounds the articles one brief reads.
const maxDigestArticles = 5000

// digest builds the brief of the articles fetched in (since, now] that
// match topics.
func (b *Bot) digest(ctx context.Context, topics []string, since, now time.Time, maxStories int) (brief.Digest, error) {
	p, err := b.loadPool(ctx, since)
	if err != nil {
		return brief.Digest{}, err
	}
	return b.digestFrom(p, topics, since, now, maxStories)
}

func (b *Bot) digestFrom(p *pool, topics []string, since, now time.Time, maxStories int) (brief.Digest, error) {
	match, err := b.matcher(topics, p.sourceURL)
	if err != nil {
		return brief.Digest{}, err
	}
	var picked []brief.Article
	for i, a := range p.arts {
		if a.Fetched.After(since) && !a.Fetched.After(now) && match(a, p.texts[i]) {
			picked = append(picked, a.Article)
		}
	}
	start := time.Now()
	d, err := b.sum.Digest(picked, brief.DigestOptions{MaxStories: maxStories, Now: now})
	b.opts.Observer.Built(time.Since(start))
	return d, err
}
