package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// fetchWorkers bounds the sources polled at once by fetch --once; the
// client bounds requests per host on its own.
const fetchWorkers = 8

// fetchedJSON is one line of "fetch --format json". The names match what
// "brief --jsonl" reads, so the two commands pipe into each other; keep
// them stable.
type fetchedJSON struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"` // RFC 3339 or empty
	Source    string `json:"source"`
	Text      string `json:"text"`
}

// fetchCmd is `newsbrief fetch --once`. It reads the configuration as run
// does: its database, and sources.allow_private_links for what the feeds
// link to.
func fetchCmd(m *Main, f *cmdFlags) runner {
	once := f.Bool("once", false, "poll once now and exit (required)")
	source := f.String("source", "", "poll only this `URL or FILE`, without storing it or its articles")
	format := f.formatFlag("output `format`: text, or json (one line per article)", "text", "json")
	return func(ctx context.Context, args []string) error {
		if !*once {
			return usagef("fetch: want --once (polling on a schedule is the bot's job)")
		}
		cfg, _, err := m.loadConfig(nil)
		if err != nil {
			return err
		}
		fetcher := newFetcher(cfg.Sources.AllowPrivateLinks)
		var arts []brief.Article
		if *source != "" {
			arts, err = fetchOne(ctx, fetcher, *source, m.stderr)
		} else {
			arts, err = m.fetchAll(ctx, cfg, fetcher)
		}
		// What was found is printed even when some sources failed.
		if werr := writeArticles(m.stdout, arts, *format); werr != nil {
			return werr
		}
		return err
	}
}

// fetchOne reads one source without the store: nothing is remembered, so
// every article it holds is printed.
func fetchOne(ctx context.Context, fetcher *sources.Fetcher, loc string, stderr io.Writer) ([]brief.Article, error) {
	stop := startProgress(stderr, func() string { return "fetching " + loc })
	r, err := fetcher.Fetch(ctx, loc, bot.Validators{})
	stop()
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	arts := r.BriefArticles()
	for i := range arts {
		arts[i].Source = cmp.Or(arts[i].Source, r.Title, loc)
		// The same id the poller would store the article under.
		arts[i].ID = cmp.Or(arts[i].ID, arts[i].URL, brief.Fingerprint(arts[i]))
	}
	return arts, nil
}

// fetchAll polls every stored source now, whatever its next poll time, a
// bounded number at once, and returns the articles that are new. A failing
// source is reported on stderr and the others carry on; the error is nil
// unless every source failed.
func (m *Main) fetchAll(ctx context.Context, cfg config.Config, fetcher *sources.Fetcher) ([]brief.Article, error) {
	store, err := m.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	srcs, err := store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf(`fetch: no sources: add one with "newsbrief sources add URL", or name one with --source`)
	}
	// No logger: Poll returns its errors and fetch reports them itself.
	results := pollAll(ctx, newPoller(store, fetcher, nil, nil), srcs, m.stderr)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Results are reported in the order of the sources, not of the
	// answers, so that two runs over the same feeds print the same.
	var arts []brief.Article
	failed := 0
	for i, r := range results {
		if r.err != nil {
			failed++
			fmt.Fprintf(m.stderr, "newsbrief: fetch: source %d: %s\n", srcs[i].ID, console.Printable(r.err.Error()))
			continue
		}
		for _, a := range r.added {
			a.Article.ID = cmp.Or(a.Article.ID, a.GUID)
			arts = append(arts, a.Article)
		}
	}
	noun := "sources"
	if len(srcs) == 1 {
		noun = "source"
	}
	fmt.Fprintf(m.stderr, "polled %d %s: %d new, %d failed\n", len(srcs), noun, len(arts), failed)
	if failed == len(srcs) {
		return nil, fmt.Errorf("fetch: all %d sources failed", failed)
	}
	return arts, nil
}

// pollResult is what polling one source gave.
type pollResult struct {
	added []bot.Article
	err   error
}

// pollAll polls srcs with fetchWorkers at once, showing progress on
// stderr, and returns their results in the order of srcs.
func pollAll(ctx context.Context, poller *bot.Poller, srcs []bot.Source, stderr io.Writer) []pollResult {
	results := make([]pollResult, len(srcs))
	var polled, found atomic.Int64
	stop := startProgress(stderr, func() string {
		return fmt.Sprintf("polled %d/%d sources, %d new", polled.Load(), len(srcs), found.Load())
	})
	defer stop()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(fetchWorkers, len(srcs)) {
		wg.Go(func() {
			for i := range jobs {
				added, err := poller.Poll(ctx, srcs[i])
				results[i] = pollResult{added, err}
				found.Add(int64(len(added)))
				polled.Add(1)
			}
		})
	}
	for i := range srcs {
		if ctx.Err() != nil {
			break
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	return results
}

// writeArticles prints articles as text blocks (title, source, URL) or as
// JSON lines.
func writeArticles(w io.Writer, arts []brief.Article, format string) error {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	for i, a := range arts {
		if format == "json" {
			if err := enc.Encode(fetchedJSON{ID: a.ID, URL: a.URL, Title: a.Title, Published: rfc3339(a.Published), Source: a.Source, Text: a.Text}); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			out.WriteByte('\n')
		}
		fmt.Fprintln(&out, cmp.Or(a.Title, "(no title)"))
		fmt.Fprintln(&out, a.Source)
		if a.URL != "" {
			fmt.Fprintln(&out, a.URL)
		}
	}
	// What the feeds wrote may hold escape sequences; JSON escapes only
	// some of the control characters.
	_, err := io.WriteString(w, console.Printable(out.String()))
	return err
}
