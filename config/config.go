// Package config is newsbrief's configuration: one plain struct filled
// from defaults, then a YAML file, then NEWSBRIEF_* environment variables
// (the key's path in upper case, "_" for "."). It reads nothing else and
// is read once, in cmd, and handed down as plain values.
package config

import (
	"errors"
	"fmt"
	"io"
	"maps"
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
	Sources []string `yaml:"sources"`
	// Topics are the named topics chats can subscribe to.
	Topics map[string]Topic `yaml:"topics"`
	// Operators may add sources from a chat: "telegram:12345".
	Operators []string `yaml:"operators"`
	// Console turns on the terminal adapter for `newsbrief run`.
	Console bool `yaml:"console"`
	Log     Log  `yaml:"log"`
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
		Log:        Log{Level: "info"},
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
	for _, name := range slices.Sorted(maps.Keys(c.Topics)) {
		t := c.Topics[name]
		if len(t.Feeds) == 0 && strings.TrimSpace(t.Query) == "" {
			errs = append(errs, fmt.Errorf("topics.%s: give it feeds, a query, or both", name))
		}
	}
	return errs
}
