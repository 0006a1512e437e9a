package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/postgres"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// dataDir is where newsbrief keeps its database: NEWSBRIEF_DATA_DIR, else
// $XDG_DATA_HOME/newsbrief, else ~/.local/share/newsbrief.
func dataDir(getenv func(string) string) (string, error) {
	if d := getenv("NEWSBRIEF_DATA_DIR"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "newsbrief"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("no data folder: set NEWSBRIEF_DATA_DIR")
		}
	}
	return filepath.Join(home, ".local", "share", "newsbrief"), nil
}

// configuredEnv is getenv with the database the configuration names, its
// data_dir or database, in the variables openStore reads.
func configuredEnv(cfg config.Config, getenv func(string) string) func(string) string {
	if cfg.DataDir != "" {
		getenv = withEnv(getenv, "NEWSBRIEF_DATA_DIR", cfg.DataDir)
	}
	if cfg.Database != "" {
		getenv = withEnv(getenv, "NEWSBRIEF_DATABASE", cfg.Database.Reveal())
	}
	return getenv
}

// openStore opens the PostgreSQL database NEWSBRIEF_DATABASE names (for
// several instances), or else the SQLite store in the data folder.
func openStore(ctx context.Context, getenv func(string) string) (bot.Store, error) {
	if url := getenv("NEWSBRIEF_DATABASE"); url != "" {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return postgres.Open(ctx, url)
	}
	dir, err := dataDir(getenv)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, filepath.Join(dir, "newsbrief.db"))
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

// envAllowsPrivateLinks reads sources.allow_private_links from the
// environment, for the commands that read no configuration file.
func envAllowsPrivateLinks(getenv func(string) string) bool {
	ok, _ := strconv.ParseBool(getenv("NEWSBRIEF_SOURCES_ALLOW_PRIVATE_LINKS"))
	return ok
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
