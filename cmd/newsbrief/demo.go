package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/config"
)

// demoFeeds are two fictional outlets' feeds, written for the project: a
// dozen short articles with meetings and quotes, one story told by both.
//
//go:embed demo/*.xml
var demoFeeds embed.FS

// demoTopics are the named topics the demo offers.
var demoTopics = map[string]config.Topic{
	"trade":   {Description: "trade talks and deals", Query: "trade OR tariff"},
	"climate": {Description: "climate and energy", Query: "climate OR emissions"},
	"tech":    {Description: "chips and computers", Query: "chip OR semiconductor"},
}

// demoIntro comes before today's brief, demoGuide after it, where the
// person sees it when the brief has scrolled by.
const (
	demoIntro = "newsbrief demo: two sample outlets, read offline from local feed files.\n\nToday's brief:\n\n"
	demoGuide = `That was today's brief. Now type commands as in a chat, for example:
  /summary trade                  the brief on one topic
  /subscribe climate              follow a topic; /topics lists them
  /schedule 08:00 Europe/Berlin   when the daily brief comes
  /status                         what was fetched and what comes next
  /help                           every command
Ctrl-D (or Ctrl-C) ends the demo.

`
)

// runDemo is `newsbrief demo`: sample sources in a temporary data folder,
// polled once, a daily brief printed at once, then commands from stdin
// until EOF. It needs no network and no tokens.
func runDemo(ctx context.Context, m *Main, args []string) error {
	dir, err := os.MkdirTemp("", "newsbrief-demo-")
	if err != nil {
		return fmt.Errorf("demo: no temporary folder to work in (%w); set TMPDIR to a folder you can write", err)
	}
	defer os.RemoveAll(dir)
	store, err := openStore(ctx, config.Config{DataDir: dir})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer store.Close() // before the folder goes
	b, err := demoBot(ctx, store, filepath.Join(dir, "feeds"))
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	term := console.New(m.stdout)
	fmt.Fprint(m.stdout, demoIntro)
	first, err := b.Handle(ctx, bot.Request{Chat: term.Chat, User: term.User, Admin: true, Local: true, Text: "/summary"})
	if err != nil {
		return err
	}
	if err := term.Send(ctx, first); err != nil {
		return err
	}
	fmt.Fprint(m.stdout, demoGuide)
	return term.Run(ctx, m.stdin, b, m.stdin.prompt())
}

// demoBot adds the sample feeds, written into dir, to store, polls them
// and returns a bot over them with the demo's topics.
func demoBot(ctx context.Context, store bot.Store, dir string) (*bot.Bot, error) {
	feeds, err := writeDemoFeeds(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range feeds {
		if _, err := store.AddSource(ctx, bot.Source{URL: f, Backfill: 100}); err != nil {
			return nil, err
		}
	}
	if _, err := newPoller(store, newFetcher(false), nil, nil).PollDue(ctx); err != nil {
		return nil, fmt.Errorf("poll the sample feeds: %w", err)
	}
	topics, err := botTopics(config.Config{Topics: demoTopics})
	if err != nil {
		return nil, err
	}
	return bot.New(store, brief.New(brief.Options{}), bot.Options{Topics: topics, Operators: []string{"console:local"}}), nil
}

// writeDemoFeeds copies the embedded feeds into dir and returns their paths.
func writeDemoFeeds(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names, err := fs.Glob(demoFeeds, "demo/*.xml")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, n := range names {
		data, err := demoFeeds.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, filepath.Base(n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
