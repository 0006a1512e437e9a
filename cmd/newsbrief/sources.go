package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// sourceFlags are the settings a new source takes, shared by add and
// import; those the command line leaves out are the configuration's
// (interval and backfill), as for the sources the configuration lists.
type sourceFlags struct {
	m        *Main
	f        *cmdFlags
	interval time.Duration
	backfill int
}

// newSourceFlags registers --config, --interval and --backfill on f.
func newSourceFlags(m *Main, f *cmdFlags) *sourceFlags {
	sf := &sourceFlags{m: m, f: f}
	f.DurationVar(&sf.interval, "interval", 0, "time between polls (e.g. 15m, 1h; default: the configuration's interval)")
	f.IntVar(&sf.backfill, "backfill", 0, "how many of the items already there count as new on the first poll (default: the configuration's backfill)")
	return sf
}

// load reads the configuration and takes from it what the command line
// left out, then checks.
func (sf *sourceFlags) load() (config.Config, error) {
	cfg, _, err := sf.m.loadConfig(nil)
	if err != nil {
		return cfg, err
	}
	set := map[string]bool{}
	sf.f.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["interval"] {
		sf.interval = cfg.Interval
	}
	if !set["backfill"] {
		sf.backfill = cfg.Backfill
	}
	return cfg, sf.check(sf.f.cmd.name)
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

// sourcesAddCmd is `newsbrief sources add`.
func sourcesAddCmd(m *Main, f *cmdFlags) runner {
	sf := newSourceFlags(m, f)
	title := f.String("title", "", "the source's `title` (default: the feed's own)")
	return func(ctx context.Context, args []string) error {
		cfg, err := sf.load()
		if err != nil {
			return err
		}
		loc, err := sourceLocation(args[0])
		if err != nil {
			return fmt.Errorf("sources add: %w", err)
		}
		if sources.IsLocal(loc) {
			// Read it now, as every poll will: a file that holds no
			// article is refused here, not found failing later.
			if _, err := sources.ReadLocal(loc); err != nil {
				return fmt.Errorf("sources add: %w; nothing was added", err)
			}
		}
		store, err := m.openStore(ctx, cfg)
		if err != nil {
			return err
		}
		// Ask the store first: a source already there needs no request.
		if src, err := store.SourceByURL(ctx, loc); err == nil {
			return fmt.Errorf("sources add: %s is already a source (id %d)", loc, src.ID)
		}
		// No full text: only the feed and its title are wanted.
		fetcher := sources.NewFetcher(newSourceClient(cfg.Sources.AllowPrivateLinks), 0)
		feed, err := findFeed(ctx, fetcher, loc, title, m.stderr)
		if err != nil {
			return fmt.Errorf("sources add: %w", err)
		}
		return addSource(ctx, store, bot.Source{URL: feed, Title: *title, Interval: sf.interval, Backfill: sf.backfill}, loc, m.stdout)
	}
}

// findFeed returns the feed of the page at loc (loc itself for a feed or a
// local path), and sets *title to the feed's if it is empty.
func findFeed(ctx context.Context, fetcher *sources.Fetcher, loc string, title *string, stderr io.Writer) (string, error) {
	feed := loc
	if !sources.IsLocal(loc) {
		stop := startProgress(stderr, func() string { return "looking for the feed of " + loc })
		defer stop()
		var err error
		if feed, err = fetcher.Discover(ctx, loc); err != nil {
			return "", err
		}
	}
	if *title == "" {
		*title = feedTitle(ctx, fetcher, feed)
	}
	return feed, nil
}

// addSource stores src, found at loc, and says so.
func addSource(ctx context.Context, store bot.Store, src bot.Source, loc string, stdout io.Writer) error {
	feed := src.URL
	src, err := store.AddSource(ctx, src)
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
func feedTitle(ctx context.Context, fetcher *sources.Fetcher, feed string) string {
	r, err := fetcher.Fetch(ctx, feed, bot.Validators{})
	if err != nil {
		return ""
	}
	return strings.TrimSpace(r.Title)
}

// sourcesRemoveCmd is `newsbrief sources remove`.
func sourcesRemoveCmd(m *Main, f *cmdFlags) runner {
	return func(ctx context.Context, args []string) error {
		srcs, store, err := m.storedSources(ctx, "sources remove")
		if err != nil {
			return err
		}
		want := args[0]
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
			fmt.Fprintf(m.stdout, "removed source %d: %s\n", src.ID, src.URL)
			return nil
		}
		return fmt.Errorf(`sources remove: no source %s: "newsbrief sources list" shows them`, want)
	}
}

// storedSources opens the configured store and returns its sources; cmd
// names the command in errors.
func (m *Main) storedSources(ctx context.Context, cmd string) ([]bot.Source, bot.Store, error) {
	_, store, err := m.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	srcs, err := store.Sources(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return srcs, store, nil
}

// sourcesImportCmd is `newsbrief sources import`.
func sourcesImportCmd(m *Main, f *cmdFlags) runner {
	sf := newSourceFlags(m, f)
	return func(ctx context.Context, args []string) error {
		cfg, err := sf.load()
		if err != nil {
			return err
		}
		name := args[0]
		subs, locs, err := readOPML(name)
		if err != nil {
			return fmt.Errorf("sources import: %w", err)
		}
		store, err := m.openStore(ctx, cfg)
		if err != nil {
			return err
		}
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
		fmt.Fprintf(m.stdout, "imported %s: added %d, skipped %d already there\n", name, added, skipped)
		return nil
	}
}

// readOPML reads the feeds of an OPML file and checks every one before any
// is added, so that a bad file adds nothing rather than half of itself;
// locs are the feeds as they are stored.
func readOPML(name string) (subs []sources.Subscription, locs []string, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	subs, err = sources.ParseOPML(f)
	f.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w; nothing was added", name, err)
	}
	if len(subs) == 0 {
		return nil, nil, fmt.Errorf("%s lists no feeds (no outline has an xmlUrl)", name)
	}
	locs = make([]string, len(subs))
	var bad []error
	for i, s := range subs {
		if locs[i], err = sourceLocation(s.FeedURL); err != nil {
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 {
		return nil, nil, fmt.Errorf("%s: %w; nothing was added", name, errors.Join(bad...))
	}
	return subs, locs, nil
}

// sourcesExportCmd is `newsbrief sources export`.
func sourcesExportCmd(m *Main, f *cmdFlags) runner {
	return func(ctx context.Context, args []string) error {
		srcs, _, err := m.storedSources(ctx, "sources export")
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := sources.WriteOPML(&out, "newsbrief sources", subscriptions(srcs)); err != nil {
			return fmt.Errorf("sources export: %w", err)
		}
		_, err = out.WriteTo(m.stdout)
		return err
	}
}

// subscriptions are the sources as an OPML file lists them.
func subscriptions(srcs []bot.Source) []sources.Subscription {
	subs := make([]sources.Subscription, len(srcs))
	for i, src := range srcs {
		subs[i] = sources.Subscription{Title: src.Title, FeedURL: src.URL}
	}
	return subs
}
