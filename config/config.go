// Package config is newsbrief's configuration: one plain struct filled
// from defaults, then a YAML file, then NEWSBRIEF_* environment variables
// (the key's path in upper case, "_" for "."). It reads nothing else and
// is read once, in cmd, and handed down as plain values.
package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
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
	Outbox   Outbox   `yaml:"outbox"`
	Log      Log      `yaml:"log"`
	// MemoryLimitMB is a soft limit on the Go heap, in MiB (0 for none):
	// the garbage collector works harder near it instead of letting the
	// heap double. GOMEMLIMIT, when set, wins.
	MemoryLimitMB int `yaml:"memory_limit_mb"`
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
		Log:           Log{Level: "info"},
	}
}

// Load reads the file at path (none if empty) over the defaults, then
// the environment. It reports every problem at once.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	var errs []error
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	errs = append(errs, applyEnv(reflect.ValueOf(&c).Elem(), "NEWSBRIEF", getenv)...)
	errs = append(errs, c.Validate()...)
	return c, errors.Join(errs...)
}

// applyEnv sets every scalar field whose variable is set.
func applyEnv(v reflect.Value, prefix string, getenv func(string) string) []error {
	var errs []error
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		name := prefix + "_" + strings.ToUpper(key)
		if env := f.Tag.Get("env"); env != "" {
			name = env
		}
		fv := v.Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Duration]() {
			errs = append(errs, applyEnv(fv, name, getenv)...)
			continue
		}
		raw := getenv(name)
		if raw == "" {
			continue
		}
		switch {
		case f.Type == reflect.TypeFor[time.Duration]():
			d, err := time.ParseDuration(raw)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: not a duration (e.g. 90s, 15m, 1h)", name, raw))
				continue
			}
			fv.SetInt(int64(d))
		case f.Type.Kind() == reflect.String:
			fv.SetString(raw)
		case f.Type.Kind() == reflect.Int:
			n, err := strconv.Atoi(raw)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: not a whole number", name, raw))
				continue
			}
			fv.SetInt(int64(n))
		case f.Type.Kind() == reflect.Bool:
			b, err := strconv.ParseBool(raw)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want true or false", name, raw))
				continue
			}
			fv.SetBool(b)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			var list []string
			for _, s := range strings.Split(raw, ",") {
				if s = strings.TrimSpace(s); s != "" {
					list = append(list, s)
				}
			}
			fv.Set(reflect.ValueOf(list))
		}
	}
	return errs
}

// Validate returns every problem with the configuration, each naming its
// setting.
func (c Config) Validate() []error {
	var errs []error
	if c.Poll < time.Second {
		errs = append(errs, fmt.Errorf("poll: %v is too short; use at least 1s", c.Poll))
	}
	if c.Interval < time.Minute {
		errs = append(errs, fmt.Errorf("interval: %v is too short; be polite to publishers and use at least 1m", c.Interval))
	}
	if db := c.Database.Reveal(); db != "" && !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://") {
		errs = append(errs, errors.New("database: want a postgres:// URL, or nothing for SQLite"))
	}
	if c.Outbox.Lease < time.Second {
		errs = append(errs, fmt.Errorf("outbox.lease: %v is too short; use at least 1s", c.Outbox.Lease))
	}
	if c.MemoryLimitMB < 0 {
		errs = append(errs, fmt.Errorf("memory_limit_mb: %d is negative; 0 turns the limit off", c.MemoryLimitMB))
	}
	if c.Backfill < 0 {
		errs = append(errs, fmt.Errorf("backfill: %d is negative", c.Backfill))
	}
	if c.MaxStories < 1 || c.MaxStories > 50 {
		errs = append(errs, fmt.Errorf("max_stories: %d is out of range 1 to 50", c.MaxStories))
	}
	if !slices.Contains([]string{"", "debug", "info", "warn", "error"}, strings.ToLower(c.Log.Level)) {
		errs = append(errs, fmt.Errorf("log.level: %q is not one of debug, info, warn, error", c.Log.Level))
	}
	if !slices.Contains([]string{"", "text", "json"}, c.Log.Format) {
		errs = append(errs, fmt.Errorf("log.format: %q is not text or json", c.Log.Format))
	}
	switch c.Telegram.Mode {
	case "", "polling":
	case "webhook":
		if c.Telegram.WebhookURL == "" {
			errs = append(errs, errors.New("telegram.webhook_url: webhook mode needs the public URL Telegram posts to"))
		}
		if c.Telegram.WebhookSecret == "" {
			errs = append(errs, errors.New("telegram.webhook_secret: webhook mode needs a secret to check requests with"))
		}
		if c.HTTP.Listen == "" {
			errs = append(errs, errors.New("http.listen: telegram webhook mode needs an address to listen on"))
		}
	default:
		errs = append(errs, fmt.Errorf("telegram.mode: %q is not polling or webhook", c.Telegram.Mode))
	}
	if c.Slack.BotToken != "" && c.Slack.AppToken == "" {
		if c.Slack.SigningSecret == "" {
			errs = append(errs, errors.New("slack.signing_secret: without slack.app_token (Socket Mode) Slack posts to us and needs the signing secret"))
		}
		if c.HTTP.Listen == "" {
			errs = append(errs, errors.New("http.listen: slack HTTP mode (no slack.app_token) needs an address to listen on"))
		}
	}
	if c.Slack.BotToken == "" && (c.Slack.AppToken != "" || c.Slack.SigningSecret != "") {
		errs = append(errs, errors.New("slack.bot_token: set it too, or remove the other slack settings"))
	}
	if c.HTTP.Listen != "" {
		if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
			errs = append(errs, fmt.Errorf("http.listen: %q is not host:port (e.g. :8080)", c.HTTP.Listen))
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"http.read_timeout", c.HTTP.ReadTimeout}, {"http.write_timeout", c.HTTP.WriteTimeout}, {"http.idle_timeout", c.HTTP.IdleTimeout}} {
		if d.v < time.Second {
			errs = append(errs, fmt.Errorf("%s: %v is too short; use at least 1s", d.name, d.v))
		}
	}
	if c.HTTP.MaxConnections < 1 {
		errs = append(errs, fmt.Errorf("http.max_connections: %d; want at least 1", c.HTTP.MaxConnections))
	}
	for _, name := range slices.Sorted(maps.Keys(c.Topics)) {
		t := c.Topics[name]
		if len(t.Feeds) == 0 && strings.TrimSpace(t.Query) == "" {
			errs = append(errs, fmt.Errorf("topics.%s: give it feeds, a query, or both", name))
		}
	}
	return errs
}
