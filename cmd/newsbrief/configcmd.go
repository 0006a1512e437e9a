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

// runConfigExample is `newsbrief config example`.
func runConfigExample(ctx context.Context, m *Main, args []string) error {
	_, err := io.WriteString(m.stdout, config.Example)
	return err
}

// runConfigCheck is `newsbrief config check`.
func runConfigCheck(ctx context.Context, m *Main, args []string) error {
	cfg, _, err := m.loadConfig(nil)
	if err != nil {
		return err
	}
	// The effective configuration, secrets redacted: tokens by their
	// type, passwords and keys inside URLs here.
	out, err := yaml.Marshal(redactConfigURLs(cfg))
	if err != nil {
		return err
	}
	fmt.Fprintf(m.stdout, "# effective configuration (file %q, then NEWSBRIEF_* variables)\n%s", m.configFile, out)
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
	noun, them := "mistakes", "them"
	if len(lines) == 1 {
		noun, them = "mistake", "it"
	}
	return fmt.Sprintf("the configuration has %d %s; fix %s and try again:\n  %s", len(lines), noun, them, strings.Join(lines, "\n  "))
}

func (e configErrors) Unwrap() error { return e.err }
