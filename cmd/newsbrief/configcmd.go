package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/newsbrief/newsbrief/bot"
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
	cfg, _, err := loadConfig(*file, getenv, nil)
	if err != nil {
		return err
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

// loadConfig reads the configuration and parses its topics' queries;
// more, when not nil, adds problems found outside the file (an
// unreachable database). Every mistake comes back at once, as a usage
// error: nothing can start until they are fixed.
func loadConfig(file string, getenv func(string) string, more func(config.Config) error) (config.Config, []bot.Topic, error) {
	cfg, err := config.Load(file, getenv)
	topics, terr := botTopics(cfg)
	var merr error
	if more != nil {
		merr = more(cfg)
	}
	if err = errors.Join(err, terr, merr); err != nil {
		return cfg, nil, usageError{configErrors{err}}
	}
	return cfg, topics, nil
}

// configErrors shows the mistakes in a configuration one a line, under a
// line that counts them.
type configErrors struct{ err error }

func (e configErrors) Error() string {
	lines := strings.Split(e.err.Error(), "\n")
	noun := "mistakes"
	if len(lines) == 1 {
		noun = "mistake"
	}
	return fmt.Sprintf("the configuration has %d %s; fix them and try again:\n  %s", len(lines), noun, strings.Join(lines, "\n  "))
}

func (e configErrors) Unwrap() error { return e.err }
