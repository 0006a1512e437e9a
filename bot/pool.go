package bot

import (
	"context"
	"path/filepath"
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

// loadPool reads the articles fetched after since.
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
	if p.arts, err = b.store.Articles(ctx, since, maxDigestArticles); err != nil {
		return nil, err
	}
	for i, a := range p.arts {
		if filepath.IsAbs(a.Source) {
			// Stored before sources were named: a local file's path is
			// the operator's business, not the chat's.
			p.arts[i].Source = names[a.SourceID]
		}
	}
	p.texts = make([]*MatchText, len(p.arts))
	for i, a := range p.arts {
		p.texts[i] = NewMatchText(a.Article)
	}
	return p, nil
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
