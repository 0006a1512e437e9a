package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
)

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

// sourcesListCmd is `newsbrief sources list`.
func sourcesListCmd(m *Main, f *cmdFlags) runner {
	format := f.formatFlag("output `format`: text or json (one line per source)", "text", "json")
	return func(ctx context.Context, args []string) error {
		srcs, store, err := m.storedSources(ctx, "sources list")
		if err != nil {
			return err
		}
		states := make([]bot.SourceState, len(srcs))
		for i, src := range srcs {
			if states[i], err = store.State(ctx, src.ID); err != nil {
				return fmt.Errorf("sources list: %w", err)
			}
		}
		var out strings.Builder
		if *format == "json" {
			err = writeSourceJSON(&out, srcs, states)
		} else {
			writeSourceTable(&out, srcs, states, time.Now())
		}
		if err != nil {
			return err
		}
		// Titles and errors come from the feeds.
		_, err = io.WriteString(m.stdout, console.Printable(out.String()))
		return err
	}
}

// writeSourceJSON writes the sources as JSON lines.
func writeSourceJSON(w io.Writer, srcs []bot.Source, states []bot.SourceState) error {
	enc := json.NewEncoder(w)
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
	return nil
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
		if h := st.MoreHint(); h != "" {
			fmt.Fprintf(w, "   hint: %s\n", h)
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
