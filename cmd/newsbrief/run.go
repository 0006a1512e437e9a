package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/bot/slack"
	"github.com/newsbrief/newsbrief/bot/telegram"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// runRun is `newsbrief run`: the fetcher, the scheduler, the outbox and
// every configured adapter in one process, until SIGINT or SIGTERM.
func runRun(ctx context.Context, args []string, getenv func(string) string, stdin input, stdout, stderr io.Writer) error {
	f := newFlags("run", stdout)
	file := f.String("config", getenv("NEWSBRIEF_CONFIG"), "configuration `file` (YAML)")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return usagef("run: want no arguments, got %d (the file goes in --config)", f.NArg())
	}
	// Every mistake in the configuration is reported at once, the
	// database reachable or not among them, and nothing starts.
	var store bot.Store
	cfg, topics, err := loadConfig(*file, getenv, func(cfg config.Config) error {
		getenv = configuredEnv(cfg, getenv)
		s, err := openStore(ctx, getenv)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		store = s
		return nil
	})
	if err != nil {
		if store != nil {
			store.Close()
		}
		return err
	}
	log := newLogger(cfg.Log, stderr)
	if cfg.MemoryLimitMB > 0 && getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMB) << 20)
	}
	defer store.Close()
	if err := addConfiguredSources(ctx, store, cfg); err != nil {
		return err
	}
	m := newMetrics(store)
	// Every part uses the store through the watch: a failure anywhere
	// (a full disk, a database down) shows in /status, /readyz and the
	// metrics.
	health := bot.NewStoreHealth(m, nil)
	store = bot.WatchStore(store, health)
	b := bot.New(store, brief.New(brief.Options{}), bot.Options{
		Topics: topics, MaxStories: cfg.MaxStories, Operators: append(cfg.Operators, console.Platform+":local"),
		Pages: newPageFetcher(), RedactURL: sources.RedactURL, Log: log, Observer: m, Health: health,
		NewSource: bot.Source{Interval: cfg.Interval, Backfill: cfg.Backfill},
	})

	// Every part runs until ctx ends; the first to fail stops the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		firstErr error
		once     sync.Once
	)
	start := func(name string, f func(context.Context) error) {
		wg.Go(func() {
			if err := f(ctx); err != nil && !errors.Is(err, context.Canceled) {
				once.Do(func() { firstErr = fmt.Errorf("%s: %w", name, err) })
				cancel()
			}
		})
	}

	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	mux.Handle("GET /readyz", readyHandler(store, health, log))
	// One pacer for briefs and command replies alike: every message counts
	// against the platform's limits, shared through PostgreSQL by every
	// instance on it.
	pacer := bot.NewPacer(store, nil, getenv("NEWSBRIEF_DATABASE") != "")
	var chats []bot.Chat
	var term *console.Adapter
	if cfg.Console {
		term = console.New(stdout)
		term.Log = log
		chats = append(chats, term)
	}
	if cfg.Telegram.Token != "" {
		tg, err := telegram.New(ctx, telegram.Options{Token: cfg.Telegram.Token.Reveal(), APIURL: cfg.Telegram.APIURL, Log: log, Pacer: pacer})
		if errors.Is(err, telegram.ErrUnauthorized) {
			return usagef("telegram.token: %v; copy it again from @BotFather into telegram.token or NEWSBRIEF_TELEGRAM_TOKEN", err)
		}
		if err != nil {
			return fmt.Errorf("%w; check telegram.api_url and the network", err)
		}
		chats = append(chats, tg)
		if err := tg.RegisterCommands(ctx); err != nil {
			log.Warn("register telegram commands", "err", err)
		}
		if cfg.Telegram.Mode == "webhook" {
			secret := cfg.Telegram.WebhookSecret.Reveal()
			if err := tg.SetWebhook(ctx, cfg.Telegram.WebhookURL, secret); err != nil {
				return err
			}
			mux.Handle("POST /telegram/webhook", tg.WebhookHandler(b, secret))
		} else {
			start("telegram", func(ctx context.Context) error { return tg.Run(ctx, b) })
		}
	}
	if cfg.Slack.BotToken != "" {
		sl := slack.New(slack.Options{
			BotToken: cfg.Slack.BotToken.Reveal(), AppToken: cfg.Slack.AppToken.Reveal(),
			SigningSecret: cfg.Slack.SigningSecret.Reveal(), APIURL: cfg.Slack.APIURL, Admins: cfg.Slack.Admins, Pacer: pacer,
		})
		if err := sl.Check(ctx); err != nil {
			if errors.Is(err, slack.ErrUnauthorized) {
				return usagef("%v; copy the Bot User OAuth Token (xoxb-) from the app's OAuth & Permissions page, and the app-level token (xapp-) from Basic Information", err)
			}
			return fmt.Errorf("%w; check slack.api_url and the network", err)
		}
		chats = append(chats, sl)
		srv := slack.NewServer(sl, b, log)
		start("slack", srv.Run)
		if cfg.Slack.AppToken != "" {
			start("slack socket mode", srv.RunSocketMode)
		} else {
			mux.Handle("POST /slack/events", srv.EventsHandler())
			mux.Handle("POST /slack/commands", srv.CommandsHandler())
			mux.Handle("POST /slack/interactions", srv.InteractionsHandler())
		}
	}
	if cfg.HTTP.Listen != "" {
		ln, err := net.Listen("tcp", cfg.HTTP.Listen)
		if err != nil {
			return fmt.Errorf("http.listen: %w", err)
		}
		start("http", func(ctx context.Context) error { return serveHTTP(ctx, ln, mux, cfg.HTTP) })
		log.Info("listening", "addr", ln.Addr().String())
	}
	if len(chats) == 0 {
		log.Warn("no adapter is on: sources are polled, but nobody can ask for or receive a brief; set telegram.token or slack.bot_token, or console: true")
	}
	box := bot.NewOutbox(store, chats, bot.OutboxOptions{Log: log, Lease: cfg.Outbox.Lease, Observer: m, Pacer: pacer})
	poller := newPoller(store, newFetcher(cfg.Sources.AllowPrivateLinks), log, m)
	log.Info("newsbrief running", "version", version, "adapters", len(chats))

	start("poller", func(ctx context.Context) error { return poller.Run(ctx, cfg.Poll) })
	start("scheduler", func(ctx context.Context) error { return b.RunScheduler(ctx, 30*time.Second) })
	start("outbox", box.Run)
	if term != nil {
		prompt := ""
		if stdin.tty {
			prompt = "> "
		}
		start("console", func(ctx context.Context) error { return term.Run(ctx, stdin, b, prompt) })
	}
	wg.Wait()
	log.Info("newsbrief stopped")
	return firstErr
}

func withEnv(getenv func(string) string, key, value string) func(string) string {
	return func(k string) string {
		if k == key {
			return value
		}
		return getenv(k)
	}
}

// botTopics turns the configured topics into the bot's, parsing their
// queries; every bad one is reported where the file sets it.
func botTopics(cfg config.Config) ([]bot.Topic, error) {
	var out []bot.Topic
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(cfg.Topics)) {
		t := cfg.Topics[name]
		bt := bot.Topic{Name: name, Description: t.Description, Sources: t.Feeds}
		if strings.TrimSpace(t.Query) != "" {
			q, err := bot.ParseQuery(t.Query)
			if err != nil {
				errs = append(errs, cfg.Problem("topics."+name+".query", err))
				continue
			}
			bt.Query = q
		}
		out = append(out, bt)
	}
	return out, errors.Join(errs...)
}

// addConfiguredSources adds the sources the configuration lists, and the
// feeds of its topics, that the store does not have yet.
func addConfiguredSources(ctx context.Context, store bot.Store, cfg config.Config) error {
	urls := slices.Clone(cfg.Sources.Feeds)
	for _, t := range cfg.Topics {
		urls = append(urls, t.Feeds...)
	}
	for _, u := range urls {
		_, err := store.AddSource(ctx, bot.Source{URL: u, Interval: cfg.Interval, Backfill: cfg.Backfill})
		if err != nil && !errors.Is(err, bot.ErrExists) {
			return err
		}
	}
	return nil
}

// newLogger returns the process's logger: text on a terminal, JSON
// otherwise, unless the configuration says.
func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(strings.ToUpper(c.Level))) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	format := c.Format
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok && isTerminal(f) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
