package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// Fetcher reads any source: a local file or folder, a feed, or a web page.
// For feed items that carry only a summary it fetches the page and takes
// the article's full text from it.
type Fetcher struct {
	client   *Client
	fullText int // pages fetched per poll for summary-only items; 0: none
}

// NewFetcher returns a Fetcher that reads the web through client and
// fetches the full text of up to fullText summary-only items per poll.
func NewFetcher(client *Client, fullText int) *Fetcher {
	return &Fetcher{client: client, fullText: fullText}
}

// A Fetcher is both what the poller reads sources with and what the
// commands read user-sent links with (give the latter a guarded client).
var (
	_ bot.Fetcher     = (*Fetcher)(nil)
	_ bot.PageFetcher = (*Fetcher)(nil)
)

// IsLocal reports whether a source location is a local path rather than a
// URL.
func IsLocal(location string) bool {
	return !strings.HasPrefix(location, "http://") && !strings.HasPrefix(location, "https://")
}

// Fetch reads the source at location; v are the validators from the last
// fetch (for local sources, the modification time). The location is the
// operator's own, as configured: with a guarded client, its host is
// trusted, and the links and redirects in what it serves go through the
// guard unless they stay on that host. Under bot.WithGuard (a source
// added from a chat or the console) nothing is trusted and local paths
// are refused.
func (f *Fetcher) Fetch(ctx context.Context, location string, v bot.Validators) (*bot.Fetched, error) {
	if bot.Guarded(ctx) {
		if err := notLocal(location); err != nil {
			return nil, err
		}
		return f.fetch(ctx, location, v)
	}
	if IsLocal(location) {
		return f.fetchLocal(location, v)
	}
	return f.fetch(trust(ctx, location), location, v)
}

// FetchLink reads a URL that came from a chat or from content: nothing
// about it is trusted, and local paths are refused.
func (f *Fetcher) FetchLink(ctx context.Context, url string) (*bot.Fetched, error) {
	if err := notLocal(url); err != nil {
		return nil, err
	}
	return f.fetch(ctx, url, bot.Validators{})
}

// notLocal refuses a local path given as a link: a chat user may not make
// the bot read the machine's files.
func notLocal(url string) error {
	if IsLocal(url) {
		return fmt.Errorf("%s: only http and https links can be read", bot.Clip(url, 200))
	}
	return nil
}

// FetchArticle returns the article at a URL a chat user sent (the bot's
// /summary <url>), read as FetchLink reads it: the first article found.
func (f *Fetcher) FetchArticle(ctx context.Context, url string) (brief.Article, error) {
	r, err := f.FetchLink(ctx, url)
	if err != nil {
		return brief.Article{}, err
	}
	if len(r.Articles) == 0 {
		return brief.Article{}, fmt.Errorf("%s: no article found", url)
	}
	return r.Articles[0].Article, nil
}

// CheckURL reports, without fetching, whether FetchLink would pass the
// guard for url: nil, or the *BlockedError.
func (f *Fetcher) CheckURL(ctx context.Context, url string) error {
	if err := notLocal(url); err != nil {
		return err
	}
	return f.client.Check(ctx, url)
}

func (f *Fetcher) fetch(ctx context.Context, location string, v bot.Validators) (*bot.Fetched, error) {
	resp, err := f.client.Get(ctx, location, v)
	if err != nil {
		return nil, err
	}
	r := &bot.Fetched{Status: resp.Status, Validators: resp.Validators(), NotModified: resp.NotModified}
	if resp.NotModified {
		return r, nil
	}
	shown := RedactURL(location)
	if looksLikeFeed(resp.ContentType, resp.Body) {
		feed, err := ParseFeed(bytes.NewReader(resp.Body), resp.FinalURL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", shown, err)
		}
		r.Title = feed.Title
		for _, it := range feed.Items {
			r.Articles = append(r.Articles, article(it.Article))
		}
		f.fillFullText(ctx, r)
		return r, nil
	}
	page, err := ExtractHTML(bytes.NewReader(resp.Body), resp.FinalURL)
	if err != nil {
		return nil, fmt.Errorf("%s: not a feed, and no article in the page: %w", shown, err)
	}
	r.Articles = []bot.Article{article(pageArticle(page, resp.FinalURL))}
	return r, nil
}

// article is a found article as the bot takes it, with its canonical URL
// for deduplication.
func article(a brief.Article) bot.Article {
	return bot.Article{Article: a, CanonicalURL: CanonicalURL(a.URL)}
}

func pageArticle(p *Page, fallbackURL string) brief.Article {
	u := p.URL
	if u == "" {
		u = fallbackURL
	}
	return capArticle(brief.Article{ID: u, URL: u, Title: p.Title, Text: p.Text, Published: p.Published})
}

// looksLikeFeed tells a feed from a web page by its type, then its start.
func looksLikeFeed(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return false
	case strings.Contains(ct, "rss"), strings.Contains(ct, "atom"), strings.Contains(ct, "xml"), strings.Contains(ct, "json"):
		return true
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	for _, p := range []string{"<?xml", "<rss", "<feed", "<rdf:RDF", "{"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}

// fetchLocal reads a local file or folder, unless it has not changed since
// the time in v.LastModified.
func (f *Fetcher) fetchLocal(path string, v bot.Validators) (*bot.Fetched, error) {
	path = strings.TrimPrefix(path, "file://")
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	mod := fi.ModTime()
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.ModTime().After(mod) {
				mod = info.ModTime()
			}
		}
	}
	stamp := mod.UTC().Format(time.RFC3339Nano)
	if v.LastModified == stamp {
		return &bot.Fetched{NotModified: true, Validators: v}, nil
	}
	arts, err := ReadLocal(path)
	if err != nil {
		return nil, err
	}
	r := &bot.Fetched{Validators: bot.Validators{LastModified: stamp}}
	for _, a := range arts {
		r.Articles = append(r.Articles, article(a))
	}
	return r, nil
}

// summaryOnly reports whether a feed item's text is too short to be the
// article: a teaser of a sentence or two.
func summaryOnly(a bot.Article) bool {
	return a.URL != "" && len(a.Text) < 600
}

// fillFullText fetches the pages of summary-only items, a few at a time
// (the client limits requests per host), keeping the summary on failure.
func (f *Fetcher) fillFullText(ctx context.Context, r *bot.Fetched) {
	var todo []int
	for i, a := range r.Articles {
		if len(todo) < f.fullText && summaryOnly(a) && !IsLocal(a.URL) {
			todo = append(todo, i)
		}
	}
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	sem := make(chan struct{}, 4)
	for _, i := range todo {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			text, err := f.pageText(ctx, r.Articles[i].URL)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || len(text) <= len(r.Articles[i].Text) {
				r.FullTextFailed++
				return
			}
			r.Articles[i].Text = text
			r.FullText++
		})
	}
	wg.Wait()
}

func (f *Fetcher) pageText(ctx context.Context, url string) (string, error) {
	resp, err := f.client.Get(ctx, url, bot.Validators{})
	if err != nil {
		return "", err
	}
	if looksLikeFeed(resp.ContentType, resp.Body) {
		return "", errors.New("link leads to a feed, not a page")
	}
	page, err := ExtractHTML(bytes.NewReader(resp.Body), resp.FinalURL)
	if err != nil {
		return "", err
	}
	return clipText(page.Text, MaxText), nil
}

// Discover returns the feed to poll for a URL the operator gave: the URL
// itself if it is a feed, else the first feed the page links to, else the
// page (polled as a single article). The feed a page names is content: on
// another host, it must pass the guard, as redirects must.
func (f *Fetcher) Discover(ctx context.Context, url string) (string, error) {
	if IsLocal(url) {
		return url, nil
	}
	if !bot.Guarded(ctx) {
		ctx = trust(ctx, url)
	}
	resp, err := f.client.Get(ctx, url, bot.Validators{})
	if err != nil {
		return "", err
	}
	if looksLikeFeed(resp.ContentType, resp.Body) {
		return resp.FinalURL, nil
	}
	feeds, err := DiscoverFeeds(bytes.NewReader(resp.Body), resp.FinalURL)
	if err == nil && len(feeds) > 0 {
		if err := f.client.Check(ctx, feeds[0]); err != nil {
			return "", fmt.Errorf("the feed that %s names: %w", RedactURL(url), err)
		}
		return feeds[0], nil
	}
	return resp.FinalURL, nil
}
