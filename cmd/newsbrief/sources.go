package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

func runSources(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	remove := func(args []string) error { return runSourcesRemove(ctx, args, getenv, stdout) }
	return runGroup("sources", args, stdout, stderr, map[string]func([]string) error{
		"add":    func(args []string) error { return runSourcesAdd(ctx, args, getenv, stdout, stderr) },
		"list":   func(args []string) error { return runSourcesList(ctx, args, getenv, stdout) },
		"remove": remove,
		"rm":     remove,
		"import": func(args []string) error { return runSourcesImport(ctx, args, getenv, stdout) },
		"export": func(args []string) error { return runSourcesExport(ctx, args, getenv, stdout) },
	})
}

// configFlag registers --config: the configuration file whose database
// (and, for new sources, interval and backfill) the command uses.
func configFlag(fs *cmdFlags, getenv func(string) string) *string {
	return fs.String("config", getenv("NEWSBRIEF_CONFIG"), "configuration `file` (YAML): its database, interval and backfill")
}

// openConfigured reads the configuration (file, then environment) and
// opens the database it names.
func openConfigured(ctx context.Context, file string, getenv func(string) string) (config.Config, bot.Store, error) {
	cfg, _, err := loadConfig(file, getenv, nil)
	if err != nil {
		return cfg, nil, err
	}
	store, err := openStore(ctx, configuredEnv(cfg, getenv))
	return cfg, store, err
}

// sourceFlags are the settings a new source takes, shared by add and
// import; those the command line leaves out are the configuration's
// (interval and backfill), as for the sources the configuration lists.
type sourceFlags struct {
	interval time.Duration
	backfill int
}

func (sf *sourceFlags) register(fs *cmdFlags) {
	fs.DurationVar(&sf.interval, "interval", 0, "time between polls (e.g. 15m, 1h; default: the configuration's interval)")
	fs.IntVar(&sf.backfill, "backfill", 0, "how many of the items already there count as new on the first poll (default: the configuration's backfill)")
}

// configure takes what the command line left out from cfg, then checks.
func (sf *sourceFlags) configure(fs *cmdFlags, cfg config.Config, cmd string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["interval"] {
		sf.interval = cfg.Interval
	}
	if !set["backfill"] {
		sf.backfill = cfg.Backfill
	}
	return sf.check(cmd)
}

func (sf *sourceFlags) check(cmd string) error {
	if sf.interval < time.Minute {
		return usagef("%s: --interval %s is too short: poll at most once a minute", cmd, sf.interval)
	}
	if sf.backfill < 0 {
		return usagef("%s: --backfill %d is negative", cmd, sf.backfill)
	}
	return nil
}

// sourceLocation checks a URL or path given for a source and returns it as
// it is stored: URLs as they are, local paths absolute so that the source
// works from any folder.
func sourceLocation(loc string) (string, error) {
	if !sources.IsLocal(loc) {
		u, err := url.Parse(loc)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("%s is not a valid URL", loc)
		}
		return loc, nil
	}
	if i := strings.Index(loc, "://"); i > 0 && !strings.HasPrefix(loc, "file://") {
		return "", fmt.Errorf("%s: only http and https URLs and local paths can be sources", loc)
	}
	path, err := filepath.Abs(strings.TrimPrefix(loc, "file://"))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err != nil {
		return "", fileError(err)
	}
	return path, nil
}

func runSourcesAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("sources add", stdout)
	file := configFlag(fs, getenv)
	var sf sourceFlags
	sf.register(fs)
	title := fs.String("title", "", "the source's `title` (default: the feed's own)")
	pos, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("sources add: want one URL or PATH, got %d arguments", len(pos))
	}
	cfg, _, err := loadConfig(*file, getenv, nil)
	if err != nil {
		return err
	}
	if err := sf.configure(fs, cfg, "sources add"); err != nil {
		return err
	}
	loc, err := sourceLocation(pos[0])
	if err != nil {
		return fmt.Errorf("sources add: %w", err)
	}
	if sources.IsLocal(loc) {
		// Read it now, as every poll will: a file that holds no article
		// is refused here, not found failing later.
		if _, err := sources.ReadLocal(loc); err != nil {
			return fmt.Errorf("sources add: %w; nothing was added", err)
		}
	}
	store, err := openStore(ctx, configuredEnv(cfg, getenv))
	if err != nil {
		return err
	}
	defer store.Close()
	// Ask the store first: a source already there needs no request.
	if src, err := store.SourceByURL(ctx, loc); err == nil {
		return fmt.Errorf("sources add: %s is already a source (id %d)", loc, src.ID)
	}
	feed := loc
	if !sources.IsLocal(loc) {
		stop := startProgress(stderr, func() string { return "looking for the feed of " + loc })
		feed, err = newFetcher(envAllowsPrivateLinks(getenv)).Discover(ctx, loc)
		if err == nil && *title == "" {
			*title = feedTitle(ctx, feed)
		}
		stop()
		if err != nil {
			return fmt.Errorf("sources add: %w", err)
		}
	} else if *title == "" {
		*title = feedTitle(ctx, feed)
	}
	src, err := store.AddSource(ctx, bot.Source{URL: feed, Title: *title, Interval: sf.interval, Backfill: sf.backfill})
	if errors.Is(err, bot.ErrExists) {
		return fmt.Errorf("sources add: %s is already a source (its feed %s is)", loc, feed)
	}
	if err != nil {
		return fmt.Errorf("sources add: %w", err)
	}
	if feed != loc {
		fmt.Fprintf(stdout, "added source %d: %s (the feed of %s)\n", src.ID, feed, loc)
	} else {
		fmt.Fprintf(stdout, "added source %d: %s\n", src.ID, feed)
	}
	return nil
}

// feedTitle returns the feed's own title so that lists read better than a
// column of URLs, or "" if the feed has none or cannot be read now (it is
// added all the same: feeds go down and come back).
func feedTitle(ctx context.Context, feed string) string {
	f := sources.NewFetcher(newSourceClient(false), 0)
	r, err := f.Fetch(ctx, feed, bot.Validators{})
	if err != nil {
		return ""
	}
	return strings.TrimSpace(r.Title)
}

// sourceJSON is one line of "sources list --format json"; scripts read
// these names, so keep them stable. Times are RFC 3339 or empty.
type sourceJSON struct {
	ID          int64  `json:"id"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	Interval    string `json:"interval"`
	Backfill    int    `json:"backfill"`
	Added       string `json:"added"`
	Health      string `json:"health"` // new, ok or failing
	LastPoll    string `json:"last_poll"`
	LastSuccess string `json:"last_success"`
	Status      int    `json:"status"` // HTTP status of the last answer, 0 for none
	Failures    int    `json:"failures"`
	LastError   string `json:"last_error"`
	Hint        string `json:"hint"`
	NextPoll    string `json:"next_poll"`
	Polls       int    `json:"polls"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// health sums up a source's state in a word.
func health(st bot.SourceState) string {
	switch {
	case st.Failures > 0:
		return "failing"
	case st.LastPoll.IsZero():
		return "new"
	}
	return "ok"
}

func runSourcesList(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("sources list", stdout)
	file := configFlag(fs, getenv)
	format := fs.String("format", "text", "output `format`: text or json (one line per source)")
	pos, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("sources list: unknown format %q: want text or json", *format)
	}
	if len(pos) != 0 {
		return usagef("sources list: want no arguments, got %d", len(pos))
	}
	_, store, err := openConfigured(ctx, *file, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	srcs, err := store.Sources(ctx)
	if err != nil {
		return fmt.Errorf("sources list: %w", err)
	}
	states := make([]bot.SourceState, len(srcs))
	for i, src := range srcs {
		if states[i], err = store.State(ctx, src.ID); err != nil {
			return fmt.Errorf("sources list: %w", err)
		}
	}
	var out bytes.Buffer
	if *format == "json" {
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		for i, src := range srcs {
			st := states[i]
			if err := enc.Encode(sourceJSON{
				ID: src.ID, URL: src.URL, Title: src.Title, Interval: cmp.Or(src.Interval, bot.DefaultInterval).String(),
				Backfill: src.Backfill, Added: rfc3339(src.Added), Health: health(st),
				LastPoll: rfc3339(st.LastPoll), LastSuccess: rfc3339(st.LastSuccess), Status: st.Status,
				Failures: st.Failures, LastError: st.LastError, Hint: st.Hint, NextPoll: rfc3339(st.NextPoll), Polls: st.Polls,
			}); err != nil {
				return err
			}
		}
	} else {
		writeSourceTable(&out, srcs, states, time.Now())
	}
	// Titles and errors come from the feeds.
	_, err = io.WriteString(stdout, console.Printable(out.String()))
	return err
}

// writeSourceTable writes the sources as a table, then the errors of the
// failing ones below it, where long messages do not break the columns.
func writeSourceTable(w io.Writer, srcs []bot.Source, states []bot.SourceState, now time.Time) {
	if len(srcs) == 0 {
		fmt.Fprintln(w, `no sources yet: add one with "newsbrief sources add URL"`)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tHEALTH\tHTTP\tFAILS\tLAST POLL\tNEXT POLL\tEVERY\tTITLE\tURL")
	for i, src := range srcs {
		st := states[i]
		status := "-"
		if st.Status != 0 {
			status = strconv.Itoa(st.Status)
		}
		lastPoll := "never"
		if !st.LastPoll.IsZero() {
			lastPoll = ago(now.Sub(st.LastPoll))
		}
		next := "now"
		if d := st.NextPoll.Sub(now); d > 0 {
			next = "in " + roughly(d)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", src.ID, health(st), status, st.Failures,
			lastPoll, next, shortDuration(cmp.Or(src.Interval, bot.DefaultInterval)), cmp.Or(bot.Clip(src.Title, 30), "-"), src.URL)
	}
	tw.Flush()
	for i, src := range srcs {
		st := states[i]
		if st.LastError == "" {
			continue
		}
		fmt.Fprintf(w, "\n%d: %s\n", src.ID, st.LastError)
		if st.Hint != "" && !strings.Contains(st.LastError, st.Hint) {
			fmt.Fprintf(w, "   hint: %s\n", st.Hint)
		}
	}
}

// ago says how long ago something was, to the minute.
func ago(d time.Duration) string {
	if d < time.Minute {
		return "just now"
	}
	return roughly(d) + " ago"
}

// roughly rounds a duration to what a person reads at a glance: minutes,
// hours and minutes, or days and hours.
func roughly(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, d%time.Hour/time.Minute)
	}
	return fmt.Sprintf("%dd%dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
}

// shortDuration prints 15m rather than 15m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func runSourcesRemove(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("sources remove", stdout)
	file := configFlag(fs, getenv)
	pos, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("sources remove: want one URL or ID, got %d arguments", len(pos))
	}
	_, store, err := openConfigured(ctx, *file, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	srcs, err := store.Sources(ctx)
	if err != nil {
		return fmt.Errorf("sources remove: %w", err)
	}
	want := pos[0]
	abs := want
	if sources.IsLocal(want) {
		abs, _ = filepath.Abs(strings.TrimPrefix(want, "file://"))
	}
	for _, src := range srcs {
		if src.URL != want && src.URL != abs && strconv.FormatInt(src.ID, 10) != want {
			continue
		}
		if err := store.RemoveSource(ctx, src.ID); err != nil {
			return fmt.Errorf("sources remove: %w", err)
		}
		fmt.Fprintf(stdout, "removed source %d: %s\n", src.ID, src.URL)
		return nil
	}
	return fmt.Errorf(`sources remove: no source %s: "newsbrief sources list" shows them`, want)
}

func runSourcesImport(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("sources import", stdout)
	file := configFlag(fs, getenv)
	var sf sourceFlags
	sf.register(fs)
	pos, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("sources import: want one OPML file, got %d arguments", len(pos))
	}
	cfg, _, err := loadConfig(*file, getenv, nil)
	if err != nil {
		return err
	}
	if err := sf.configure(fs, cfg, "sources import"); err != nil {
		return err
	}
	name := pos[0]
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("sources import: %w", err)
	}
	subs, err := sources.ParseOPML(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("sources import: %s: %w; nothing was added", name, err)
	}
	if len(subs) == 0 {
		return fmt.Errorf("sources import: %s lists no feeds (no outline has an xmlUrl)", name)
	}
	// Every feed is checked before any is added, so a bad file adds
	// nothing rather than half of itself.
	locs := make([]string, len(subs))
	var bad []error
	for i, s := range subs {
		if locs[i], err = sourceLocation(s.FeedURL); err != nil {
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("sources import: %s: %w; nothing was added", name, errors.Join(bad...))
	}
	store, err := openStore(ctx, configuredEnv(cfg, getenv))
	if err != nil {
		return err
	}
	defer store.Close()
	added, skipped := 0, 0
	for i, s := range subs {
		_, err := store.AddSource(ctx, bot.Source{URL: locs[i], Title: s.Title, Interval: sf.interval, Backfill: sf.backfill})
		switch {
		case errors.Is(err, bot.ErrExists):
			skipped++
		case err != nil:
			return fmt.Errorf("sources import: %w (added %d before it)", err, added)
		default:
			added++
		}
	}
	fmt.Fprintf(stdout, "imported %s: added %d, skipped %d already there\n", name, added, skipped)
	return nil
}

func runSourcesExport(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("sources export", stdout)
	file := configFlag(fs, getenv)
	pos, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("sources export: want no arguments, got %d", len(pos))
	}
	_, store, err := openConfigured(ctx, *file, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	srcs, err := store.Sources(ctx)
	if err != nil {
		return fmt.Errorf("sources export: %w", err)
	}
	subs := make([]sources.Subscription, len(srcs))
	for i, src := range srcs {
		subs[i] = sources.Subscription{Title: src.Title, FeedURL: src.URL}
	}
	var out bytes.Buffer
	if err := sources.WriteOPML(&out, "newsbrief sources", subs); err != nil {
		return fmt.Errorf("sources export: %w", err)
	}
	_, err = out.WriteTo(stdout)
	return err
}
