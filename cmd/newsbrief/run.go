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

// runBot is `newsbrief run`: the fetcher, the scheduler, the outbox and
// every configured adapter in one process, until SIGINT or SIGTERM.
func runBot(ctx context.Context, m *Main, args []string) error {
	cfg, topics, store, err := m.openChecked(ctx)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log, m.stderr)
	if cfg.MemoryLimitMB > 0 && m.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMB) << 20)
	}
	if err := addConfiguredSources(ctx, store, cfg); err != nil {
		return err
	}
	// Every part runs until ctx ends; the first to fail stops the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	d := newDaemon(cfg, topics, store, log)
	d.parts = &parts{ctx: ctx, cancel: cancel}
	if err := d.start(ctx, m.stdout, m.stdin); err != nil {
		cancel()
		d.parts.wait()
		return err
	}
	err = d.parts.wait()
	log.Info("newsbrief stopped")
	return err
}

// openChecked reads the configuration and opens the store it names,
// reporting every mistake in the configuration at once, the database
// reachable or not among them: nothing starts until they are fixed.
func (m *Main) openChecked(ctx context.Context) (config.Config, []bot.Topic, bot.Store, error) {
	var store bot.Store
	cfg, topics, err := m.loadConfig(func(cfg config.Config) error {
		s, err := m.openStore(ctx, cfg)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		store = s
		return nil
	})
	return cfg, topics, store, err
}

// daemon is what `run` runs: the bot, its adapters and its loops, and the
// one HTTP listener they share.
type daemon struct {
	cfg     config.Config
	log     *slog.Logger
	store   bot.Store // watched by health
	metrics *metrics
	health  *bot.StoreHealth
	bot     *bot.Bot
	mux     *http.ServeMux
	// pacer paces briefs and command replies alike: every message counts
	// against the platform's limits, shared through PostgreSQL by every
	// instance on it.
	pacer *bot.Pacer
	chats []bot.Chat
	parts *parts
}

func newDaemon(cfg config.Config, topics []bot.Topic, store bot.Store, log *slog.Logger) *daemon {
	d := &daemon{cfg: cfg, log: log, metrics: newMetrics(store), mux: http.NewServeMux()}
	// Every part uses the store through the watch: a failure anywhere
	// (a full disk, a database down) shows in /status, /readyz and the
	// metrics.
	d.health = bot.NewStoreHealth(d.metrics, nil)
	d.store = bot.WatchStore(store, d.health)
	d.bot = bot.New(d.store, brief.New(brief.Options{}), bot.Options{
		Topics: topics, MaxStories: cfg.MaxStories, Operators: append(cfg.Operators, console.Platform+":local"),
		Pages: newPageFetcher(), RedactURL: sources.RedactURL, Log: log, Observer: d.metrics, Health: d.health,
		NewSource: bot.Source{Interval: cfg.Interval, Backfill: cfg.Backfill},
	})
	d.mux.Handle("GET /metrics", d.metrics.Handler())
	d.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	d.mux.Handle("GET /readyz", readyHandler(d.store, d.health, log))
	d.pacer = bot.NewPacer(d.store, nil, cfg.Database != "")
	return d
}

// start starts every part: the adapters that are configured, the HTTP
// listener, the poller, the scheduler and the outbox.
func (d *daemon) start(ctx context.Context, stdout io.Writer, stdin input) error {
	var term *console.Adapter
	if d.cfg.Console {
		term = console.New(stdout)
		term.Log = d.log
		d.chats = append(d.chats, term)
	}
	if err := d.startTelegram(ctx); err != nil {
		return err
	}
	if err := d.startSlack(ctx); err != nil {
		return err
	}
	if err := d.startWeb(); err != nil {
		return err
	}
	if err := d.startHTTP(); err != nil {
		return err
	}
	if len(d.chats) == 0 {
		d.log.Warn("no adapter is on: sources are polled, but nobody can ask for or receive a brief; set telegram.token or slack.bot_token, or console: true")
	}
	box := bot.NewOutbox(d.store, d.chats, bot.OutboxOptions{Log: d.log, Lease: d.cfg.Outbox.Lease, Observer: d.metrics, Pacer: d.pacer})
	poller := newPoller(d.store, newFetcher(d.cfg.Sources.AllowPrivateLinks), d.log, d.metrics)
	d.log.Info("newsbrief running", "version", version, "adapters", len(d.chats))

	d.parts.start("poller", func(ctx context.Context) error { return poller.Run(ctx, d.cfg.Poll) })
	d.parts.start("scheduler", func(ctx context.Context) error {
		return d.bot.RunScheduler(ctx, 30*time.Second)
	})
	d.parts.start("outbox", box.Run)
	if term != nil {
		d.parts.start("console", func(ctx context.Context) error { return term.Run(ctx, stdin, d.bot, stdin.prompt()) })
	}
	return nil
}

// startTelegram starts the Telegram adapter if it has a token: long
// polling, or a webhook on the HTTP listener.
func (d *daemon) startTelegram(ctx context.Context) error {
	c := d.cfg.Telegram
	if c.Token == "" {
		return nil
	}
	tg, err := telegram.New(ctx, telegram.Options{Token: c.Token.Reveal(), APIURL: c.APIURL, Log: d.log, Pacer: d.pacer})
	if errors.Is(err, telegram.ErrUnauthorized) {
		return usagef("telegram.token: %v; copy it again from @BotFather into telegram.token or NEWSBRIEF_TELEGRAM_TOKEN", err)
	}
	if err != nil {
		return fmt.Errorf("%w; check telegram.api_url and the network", err)
	}
	d.chats = append(d.chats, tg)
	if err := tg.RegisterCommands(ctx); err != nil {
		d.log.Warn("register telegram commands", "err", err)
	}
	if c.Mode != "webhook" {
		d.parts.start("telegram", func(ctx context.Context) error { return tg.Run(ctx, d.bot) })
		return nil
	}
	secret := c.WebhookSecret.Reveal()
	if err := tg.SetWebhook(ctx, c.WebhookURL, secret); err != nil {
		return err
	}
	d.mux.Handle("POST /telegram/webhook", tg.WebhookHandler(d.bot, secret))
	return nil
}

// startSlack starts the Slack adapter if it has a bot token: Socket Mode
// with an app token, else the Events API on the HTTP listener.
func (d *daemon) startSlack(ctx context.Context) error {
	c := d.cfg.Slack
	if c.BotToken == "" {
		return nil
	}
	sl := slack.New(slack.Options{
		BotToken: c.BotToken.Reveal(), AppToken: c.AppToken.Reveal(),
		SigningSecret: c.SigningSecret.Reveal(), APIURL: c.APIURL, Admins: c.Admins, Pacer: d.pacer,
	})
	if err := sl.Check(ctx); err != nil {
		if errors.Is(err, slack.ErrUnauthorized) {
			return usagef("%v; copy the Bot User OAuth Token (xoxb-) from the app's OAuth & Permissions page, and the app-level token (xapp-) from Basic Information", err)
		}
		return fmt.Errorf("%w; check slack.api_url and the network", err)
	}
	d.chats = append(d.chats, sl)
	srv := slack.NewServer(sl, d.bot, d.log)
	d.parts.start("slack", srv.Run)
	if c.AppToken != "" {
		d.parts.start("slack socket mode", srv.RunSocketMode)
		return nil
	}
	d.mux.Handle("POST /slack/events", srv.EventsHandler())
	d.mux.Handle("POST /slack/commands", srv.CommandsHandler())
	d.mux.Handle("POST /slack/interactions", srv.InteractionsHandler())
	return nil
}

// startHTTP serves the mux on http.listen, if set.
func (d *daemon) startHTTP() error {
	if d.cfg.HTTP.Listen == "" {
		return nil
	}
	ln, err := net.Listen("tcp", d.cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("http.listen: %w", err)
	}
	d.parts.start("http", func(ctx context.Context) error { return serveHTTP(ctx, ln, d.mux, d.cfg.HTTP) })
	d.log.Info("listening", "addr", ln.Addr().String())
	return nil
}

// parts runs the parts of the daemon until ctx ends; the first to fail
// ends ctx for the others, and wait returns its error.
type parts struct {
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	once     sync.Once
	firstErr error
}

// start runs f in a goroutine that wait waits for.
func (p *parts) start(name string, f func(context.Context) error) {
	p.wg.Go(func() {
		if err := f(p.ctx); err != nil && !errors.Is(err, context.Canceled) {
			p.once.Do(func() { p.firstErr = fmt.Errorf("%s: %w", name, err) })
			p.cancel()
		}
	})
}

// wait waits for every part to end and returns the first error.
func (p *parts) wait() error {
	p.wg.Wait()
	return p.firstErr
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
