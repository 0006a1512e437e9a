// Package config is newsbrief's configuration: one plain struct filled
// from defaults, then a YAML file, then NEWSBRIEF_* environment variables
// (the key's path in upper case, "_" for "."). It reads nothing else but
// the local paths it names, to check that they exist, and is read once, in
// cmd, and handed down as plain values.
//
// A new setting is a field with a yaml tag: Load then reads it from the
// file and the environment, reports a value of the wrong type with its
// line, and suggests it for a misspelt key; a rule for its value goes in
// Validate.
package config

import (
	"fmt"
	"log/slog"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is every setting.
type Config struct {
	// DataDir holds the SQLite database.
	DataDir string `yaml:"data_dir"`
	// Database is a PostgreSQL URL (postgres://...) that several instances
	// share; empty for the SQLite database in DataDir.
	Database Secret `yaml:"database"`
	// Poll is how often due sources are checked; each source has its own
	// interval on top.
	Poll time.Duration `yaml:"poll"`
	// Interval is a new source's default polling interval.
	Interval time.Duration `yaml:"interval"`
	// Backfill is how many of a new source's existing items count as new;
	// the rest are remembered but not delivered.
	Backfill int `yaml:"backfill"`
	// MaxStories caps the stories of a daily brief.
	MaxStories int `yaml:"max_stories"`
	// Sources are polled in addition to those added with
	// "newsbrief sources add".
	Sources Sources `yaml:"sources"`
	// Topics are the named topics chats can subscribe to.
	Topics map[string]Topic `yaml:"topics"`
	// Operators may add sources from a chat: "telegram:12345".
	Operators []string `yaml:"operators"`
	// Console turns on the terminal adapter for `newsbrief run`.
	Console  bool     `yaml:"console"`
	Telegram Telegram `yaml:"telegram"`
	Slack    Slack    `yaml:"slack"`
	HTTP     HTTP     `yaml:"http"`
	Web      Web      `yaml:"web"`
	Outbox   Outbox   `yaml:"outbox"`
	Log      Log      `yaml:"log"`
	// MemoryLimitMB is a soft limit on the Go heap, in MiB (0 for none):
	// the garbage collector works harder near it instead of letting the
	// heap double. GOMEMLIMIT, when set, wins.
	MemoryLimitMB int `yaml:"memory_limit_mb"`

	// where each setting was set, for messages; filled by Load.
	where map[string]place
}

// Sources are the configured feeds and how far their content may reach.
// In the file, sources is either the list of feeds or a mapping with feeds
// and allow_private_links; in the environment, NEWSBRIEF_SOURCES is the
// list.
type Sources struct {
	Feeds []string `yaml:"feeds" env:"NEWSBRIEF_SOURCES"`
	// AllowPrivateLinks lets the links, redirects and announced feeds in
	// what the sources serve reach loopback, private, link-local and
	// metadata addresses. Off (the default), only a source's own host may
	// be such an address.
	AllowPrivateLinks bool `yaml:"allow_private_links"`
}

// UnmarshalYAML reads the list form as well as the mapping.
func (s *Sources) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		return n.Decode(&s.Feeds)
	}
	if n.Kind == yaml.MappingNode {
		// Node.Decode does not check for unknown keys as Load does.
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; k != "feeds" && k != "allow_private_links" {
				return fmt.Errorf("line %d: sources.%s: unknown setting; want feeds or allow_private_links", n.Content[i].Line, k)
			}
		}
	}
	type plain Sources
	return n.Decode((*plain)(s))
}

// Outbox configures delivery.
type Outbox struct {
	// Lease is how long a claimed message belongs to this process; after
	// a crash, another process (or the restart) sends it once it runs out.
	Lease time.Duration `yaml:"lease"`
}

// Secret is a token or password: it prints as [redacted] in %v, %s, %q,
// JSON and log lines, so it cannot leak by accident.
type Secret string

const redacted = "[redacted]"

// String hides the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString hides the secret in %#v.
func (s Secret) GoString() string { return s.String() }

// MarshalText hides the secret in JSON and YAML output.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue hides the secret in slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret itself, for the one place that needs it.
func (s Secret) Reveal() string { return string(s) }

// Telegram configures the Telegram adapter; it is on when Token is set.
type Telegram struct {
	Token Secret `yaml:"token"`
	// APIURL points at a self-hosted Bot API server (or a test fake).
	APIURL string `yaml:"api_url"`
	// Mode is polling (default) or webhook.
	Mode          string `yaml:"mode"`
	WebhookURL    string `yaml:"webhook_url"`
	WebhookSecret Secret `yaml:"webhook_secret"`
}

// Slack configures the Slack adapter; it is on when BotToken is set.
type Slack struct {
	BotToken Secret `yaml:"bot_token"`
	// AppToken turns on Socket Mode: no public URL needed.
	AppToken Secret `yaml:"app_token"`
	// SigningSecret checks requests in HTTP mode.
	SigningSecret Secret `yaml:"signing_secret"`
	APIURL        string `yaml:"api_url"`
	// Admins are user IDs (U012AB3CD) that may change a channel's
	// settings besides the workspace's admins and owners.
	Admins []string `yaml:"admins"`
}

// HTTP configures the one listener for webhooks and health checks. Its
// limits keep slow and idle clients from holding connections (and file
// descriptors) for long.
type HTTP struct {
	Listen string `yaml:"listen"` // "127.0.0.1:8080", ":8080"; empty for none
	// ReadTimeout bounds reading one request, headers and body.
	ReadTimeout time.Duration `yaml:"read_timeout"`
	// WriteTimeout bounds handling a request and writing its answer.
	WriteTimeout time.Duration `yaml:"write_timeout"`
	// IdleTimeout closes a kept-alive connection that sends nothing for
	// this long; behind a load balancer, make it longer than the
	// balancer's own.
	IdleTimeout time.Duration `yaml:"idle_timeout"`
	// MaxConnections caps the connections served at once; more wait to be
	// accepted.
	MaxConnections int `yaml:"max_connections"`
}

// Web configures the operator's web console, served on http.listen; it
// is on when AdminPasswordHash is set.
type Web struct {
	// AdminPasswordHash is the operator's password as newsbrief web
	// hash-password prints it (argon2id), or a bcrypt hash.
	AdminPasswordHash Secret `yaml:"admin_password_hash"`
	// BehindProxy trusts the X-Forwarded-Proto and X-Forwarded-For
	// headers of a reverse proxy in front: the session cookie is then
	// Secure when the proxy says the request came over HTTPS, and wrong
	// passwords are counted per client.
	BehindProxy bool `yaml:"behind_proxy"`
	// SessionLifetime is how long a sign-in lasts.
	SessionLifetime time.Duration `yaml:"session_lifetime"`
}

// Topic is a named topic: feeds, a query, or both.
type Topic struct {
	Description string   `yaml:"description"`
	Feeds       []string `yaml:"feeds"`
	Query       string   `yaml:"query"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // text or json; empty: text on a terminal, else json
}

// Default returns the configuration newsbrief runs with when nothing is
// set.
func Default() Config {
	return Config{
		Poll:       time.Minute,
		Interval:   15 * time.Minute,
		Backfill:   10,
		MaxStories: 8,
		Console:    true,
		Outbox:     Outbox{Lease: 2 * time.Minute},
		// A webhook is a few KB read in well under a second; a Telegram
		// webhook answers within the update, so /summary <url> (a 20s
		// fetch and the brief) must fit in the write time-out.
		HTTP: HTTP{ReadTimeout: 30 * time.Second, WriteTimeout: 90 * time.Second,
			IdleTimeout: 2 * time.Minute, MaxConnections: 256},
		// Measured: one instance with 1,000 sources and 10,000 chats peaks
		// at 108 MB resident with 80 MiB, 154 MB with no limit.
		MemoryLimitMB: 80,
		Telegram:      Telegram{Mode: "polling"},
		Web:           Web{SessionLifetime: 12 * time.Hour},
		Log:           Log{Level: "info"},
	}
}
