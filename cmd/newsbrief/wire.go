package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/postgres"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
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

// newPoller wires a poller over the store and the web.
func newPoller(store bot.Store, f *sources.Fetcher, log *slog.Logger, obs bot.Observer) *bot.Poller {
	return bot.NewPoller(store, f, bot.PollerOptions{RedactURL: sources.RedactURL,
		Workers: 8, Log: log, Observer: obs})
}

// newPageFetcher returns the fetcher for user-sent URLs (/summary <url>):
// its client's guard refuses private and loopback addresses.
func newPageFetcher() *sources.Fetcher {
	c := sources.NewClient(sources.WithGuard(), sources.WithUserAgent(sources.UserAgent(version)),
		sources.WithMaxBodySize(5<<20), sources.WithTimeouts(sources.Timeouts{Request: 20 * time.Second}))
	return sources.NewFetcher(c, 0)
}
