package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/sources"
)

// runConfig is `newsbrief config check|example`.
func runConfig(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runGroup("config", args, stdout, stderr, map[string]func([]string) error{
		"check": func(args []string) error { return runConfigCheck(args, getenv, stdout) },
		"example": func(args []string) error {
			f := newFlags("config example", stdout)
			if err := f.parse(args); err != nil {
				return err
			}
			if f.NArg() > 0 {
				return usagef("config example: want no arguments, got %d", f.NArg())
			}
			_, err := io.WriteString(stdout, config.Example)
			return err
		},
	})
}

// runConfigCheck is `newsbrief config check`.
func runConfigCheck(args []string, getenv func(string) string, stdout io.Writer) error {
	f := newFlags("config check", stdout)
	file := f.String("config", getenv("NEWSBRIEF_CONFIG"), "configuration `file` (YAML)")
	pos, err := f.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("config check: want no arguments, got %d (the file goes in --config)", len(pos))
	}
	cfg, err := config.Load(*file, getenv)
	_, terr := botTopics(cfg.Topics)
	if err != nil || terr != nil {
		return usageError{errors.Join(err, terr)}
	}
	// The effective configuration, secrets redacted: tokens by their
	// type, passwords and keys inside URLs here.
	out, err := yaml.Marshal(redactConfigURLs(cfg))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "# effective configuration (file %q, then NEWSBRIEF_* variables)\n%s", *file, out)
	return nil
}

// redactConfigURLs returns c with the secrets inside its URLs hidden.
func redactConfigURLs(c config.Config) config.Config {
	redactAll := func(urls []string) []string {
		out := make([]string, len(urls))
		for i, u := range urls {
			out[i] = sources.RedactURL(u)
		}
		return out
	}
	c.Sources.Feeds = redactAll(c.Sources.Feeds)
	topics := make(map[string]config.Topic, len(c.Topics))
	for name, t := range c.Topics {
		t.Feeds = redactAll(t.Feeds)
		topics[name] = t
	}
	c.Topics = topics
	c.Telegram.APIURL = sources.RedactURL(c.Telegram.APIURL)
	c.Telegram.WebhookURL = sources.RedactURL(c.Telegram.WebhookURL)
	c.Slack.APIURL = sources.RedactURL(c.Slack.APIURL)
	return c
}
