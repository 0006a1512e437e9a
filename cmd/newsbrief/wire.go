package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/postgres"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// withDataDir returns cfg with its data folder filled in when neither
// data_dir nor NEWSBRIEF_DATA_DIR set it: $XDG_DATA_HOME/newsbrief, else
// ~/.local/share/newsbrief.
func withDataDir(cfg config.Config, getenv func(string) string) (config.Config, error) {
	switch {
	case cfg.DataDir != "" || cfg.Database != "":
		return cfg, nil
	case getenv("XDG_DATA_HOME") != "":
		cfg.DataDir = filepath.Join(getenv("XDG_DATA_HOME"), "newsbrief")
		return cfg, nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return cfg, errors.New("no data folder: set NEWSBRIEF_DATA_DIR")
		}
	}
	cfg.DataDir = filepath.Join(home, ".local", "share", "newsbrief")
	return cfg, nil
}

// openStore opens the PostgreSQL database cfg.Database names (for several
// instances), or else the SQLite store in cfg.DataDir.
func openStore(ctx context.Context, cfg config.Config) (bot.Store, error) {
	if url := cfg.Database.Reveal(); url != "" {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return postgres.Open(ctx, url)
	}
	if cfg.DataDir == "" {
		return nil, errors.New("no data folder: set data_dir or NEWSBRIEF_DATA_DIR")
	}
	return sqlite.Open(ctx, filepath.Join(cfg.DataDir, "newsbrief.db"))
}

// newFetcher returns the fetcher for the operator's own sources, which it
// reads as configured (they may sit on the operator's network), and which
// fetches their items' pages for the full text.
func newFetcher(allowPrivateLinks bool) *sources.Fetcher {
	return sources.NewFetcher(newSourceClient(allowPrivateLinks), 20)
}

// newSourceClient returns the client for the operator's sources. The links,
// redirects and announced feeds in what they serve are content, not
// configuration: they go through the URL guard, unless they stay on the
// source's own host or the operator set sources.allow_private_links.
func newSourceClient(allowPrivateLinks bool) *sources.Client {
	opts := []sources.Option{sources.WithUserAgent(sources.UserAgent(version))}
	if !allowPrivateLinks {
		opts = append(opts, sources.WithGuard())
	}
	return sources.NewClient(opts...)
}

// botFetcher adapts a sources.Fetcher to the bot's Fetcher.
func botFetcher(f *sources.Fetcher) bot.Fetcher {
	return bot.FetcherFunc(func(ctx context.Context, src bot.Source, st bot.SourceState) (bot.Fetched, error) {
		r, err := f.Fetch(ctx, src.URL, sources.Validators{ETag: st.ETag, LastModified: st.LastModified})
		if err != nil {
			return bot.Fetched{}, err
		}
		return bot.Fetched{
			Title:        r.Title,
			Items:        r.Articles,
			NotModified:  r.NotModified,
			ETag:         r.Validators.ETag,
			LastModified: r.Validators.LastModified,
			Status:       r.Status,
		}, nil
	})
}

// newPoller wires a poller over the store and the web.
func newPoller(store bot.Store, f *sources.Fetcher, log *slog.Logger, obs bot.Observer) *bot.Poller {
	return bot.NewPoller(store, botFetcher(f), bot.PollerOptions{Canonical: sources.CanonicalURL, RedactURL: sources.RedactURL,
		Workers: 8, Log: log, Observer: obs})
}

// pageFetcher fetches user-sent URLs for /summary through the guard that
// refuses private and loopback addresses.
type pageFetcher struct{ f *sources.Fetcher }

func newPageFetcher() pageFetcher {
	c := sources.NewClient(sources.WithGuard(), sources.WithUserAgent(sources.UserAgent(version)),
		sources.WithMaxBodySize(5<<20), sources.WithTimeouts(sources.Timeouts{Request: 20 * time.Second}))
	return pageFetcher{sources.NewFetcher(c, 0)}
}

// CheckURL reports whether the guard lets url be fetched.
func (p pageFetcher) CheckURL(ctx context.Context, url string) error { return p.f.CheckLink(ctx, url) }

// FetchArticle returns the article at url.
func (p pageFetcher) FetchArticle(ctx context.Context, url string) (brief.Article, error) {
	if sources.IsLocal(url) {
		return brief.Article{}, fmt.Errorf("%s: only http and https links can be briefed", url)
	}
	r, err := p.f.FetchLink(ctx, url)
	if err != nil {
		return brief.Article{}, err
	}
	if len(r.Articles) == 0 {
		return brief.Article{}, fmt.Errorf("%s: no article found", url)
	}
	return r.Articles[0], nil
}
