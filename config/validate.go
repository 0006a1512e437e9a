package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Minimums that keep a mistake from hammering publishers or the database.
const (
	minPoll     = 10 * time.Second
	minInterval = time.Minute
)

// Validate returns every problem with the configuration, each a *Problem
// naming its setting. A new rule is a few lines here: check the value,
// and append problem(key, message) saying what to write instead.
func (c Config) Validate() []error {
	var errs []error
	add := func(key, format string, a ...any) { errs = append(errs, problem(key, format, a...)) }
	if c.Poll < minPoll {
		add("poll", "%v is too short: due sources are checked this often; use at least %v", c.Poll, minPoll)
	}
	if c.Interval < minInterval {
		add("interval", "%v is too short; be polite to publishers and use at least 1m", c.Interval)
	}
	if db := c.Database.Reveal(); db != "" && !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://") {
		add("database", "want a postgres:// URL, or nothing for SQLite")
	}
	if c.DataDir != "" {
		if fi, err := os.Stat(c.DataDir); err == nil && !fi.IsDir() {
			add("data_dir", "%s is a file; give a folder (it is made if missing)", c.DataDir)
		}
	}
	if c.Outbox.Lease < time.Second {
		add("outbox.lease", "%v is too short; use at least 1s", c.Outbox.Lease)
	}
	if c.MemoryLimitMB < 0 {
		add("memory_limit_mb", "%d is negative; 0 turns the limit off", c.MemoryLimitMB)
	}
	if c.Backfill < 0 {
		add("backfill", "%d is negative; 0 counts no old item as new", c.Backfill)
	}
	if c.MaxStories < 1 || c.MaxStories > 50 {
		add("max_stories", "%d is out of range 1 to 50", c.MaxStories)
	}
	if !slices.Contains([]string{"", "debug", "info", "warn", "error"}, strings.ToLower(c.Log.Level)) {
		add("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	if !slices.Contains([]string{"", "text", "json"}, c.Log.Format) {
		add("log.format", "%q is not text or json", c.Log.Format)
	}
	for i, src := range c.Sources.Feeds {
		if msg := checkSource(src); msg != "" {
			add(fmt.Sprintf("sources.feeds[%d]", i), "%s", msg)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Topics)) {
		t := c.Topics[name]
		if len(t.Feeds) == 0 && strings.TrimSpace(t.Query) == "" {
			add("topics."+name, "give it feeds, a query, or both")
		}
		for i, src := range t.Feeds {
			if msg := checkSource(src); msg != "" {
				add(fmt.Sprintf("topics.%s.feeds[%d]", name, i), "%s", msg)
			}
		}
	}
	for i, op := range c.Operators {
		if msg := checkOperator(op); msg != "" {
			add(fmt.Sprintf("operators[%d]", i), "%s", msg)
		}
	}
	errs = append(errs, c.validateWeb()...)
	errs = append(errs, c.validateTelegram()...)
	errs = append(errs, c.validateSlack()...)
	if c.HTTP.Listen != "" {
		if msg := checkListen(c.HTTP.Listen); msg != "" {
			add("http.listen", "%s", msg)
		}
	}
	for _, d := range []struct {
		key string
		v   time.Duration
	}{{"http.read_timeout", c.HTTP.ReadTimeout}, {"http.write_timeout", c.HTTP.WriteTimeout}, {"http.idle_timeout", c.HTTP.IdleTimeout}} {
		if d.v < time.Second {
			add(d.key, "%v is too short; use at least 1s", d.v)
		}
	}
	if c.HTTP.MaxConnections < 1 {
		add("http.max_connections", "%d; want at least 1", c.HTTP.MaxConnections)
	}
	return errs
}

func (c Config) validateWeb() []error {
	var errs []error
	add := func(key, format string, a ...any) { errs = append(errs, problem(key, format, a...)) }
	if c.Web.SessionLifetime < 5*time.Minute || c.Web.SessionLifetime > 30*24*time.Hour {
		add("web.session_lifetime", "%v is out of range 5m to 720h", c.Web.SessionLifetime)
	}
	hash := c.Web.AdminPasswordHash.Reveal()
	if hash == "" {
		return errs
	}
	if !passwordHash.MatchString(hash) {
		add("web.admin_password_hash", "not an argon2id or bcrypt hash; paste what newsbrief web hash-password prints, quoted: '$argon2id$v=19$...'")
	}
	if c.HTTP.Listen == "" {
		add("http.listen", "the web console needs an address to listen on (e.g. 127.0.0.1:8080)")
	}
	return errs
}

// passwordHash is the shape of an argon2id hash in the PHC format, or a
// bcrypt hash.
var passwordHash = regexp.MustCompile(`^(\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+|\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53})$`)

func (c Config) validateTelegram() []error {
	var errs []error
	add := func(key, format string, a ...any) { errs = append(errs, problem(key, format, a...)) }
	if c.Telegram.APIURL != "" && !isHTTP(c.Telegram.APIURL) {
		add("telegram.api_url", "%q is not an http:// or https:// URL", c.Telegram.APIURL)
	}
	switch c.Telegram.Mode {
	case "", "polling":
	case "webhook":
		switch {
		case c.Telegram.WebhookURL == "":
			add("telegram.webhook_url", "webhook mode needs the public https:// URL Telegram posts to")
		case !strings.HasPrefix(c.Telegram.WebhookURL, "https://"):
			add("telegram.webhook_url", "%q: Telegram posts only to https:// URLs", c.Telegram.WebhookURL)
		}
		if c.Telegram.WebhookSecret == "" {
			add("telegram.webhook_secret", "webhook mode needs a secret to check requests with")
		}
		if c.HTTP.Listen == "" {
			add("http.listen", "telegram webhook mode needs an address to listen on (e.g. :8080)")
		}
	default:
		msg := fmt.Sprintf("%q is not polling or webhook", c.Telegram.Mode)
		if near := nearest(c.Telegram.Mode, []string{"polling", "webhook"}); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		add("telegram.mode", "%s", msg)
	}
	if tok := c.Telegram.Token.Reveal(); tok != "" && !telegramToken.MatchString(tok) {
		add("telegram.token", "does not look like a bot token (digits, a colon, then letters, as @BotFather gives it)")
	}
	return errs
}

// telegramToken is the shape of a Bot API token: "123456:ABC-def_...".
var telegramToken = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

func (c Config) validateSlack() []error {
	var errs []error
	add := func(key, format string, a ...any) { errs = append(errs, problem(key, format, a...)) }
	if c.Slack.APIURL != "" && !isHTTP(c.Slack.APIURL) {
		add("slack.api_url", "%q is not an http:// or https:// URL", c.Slack.APIURL)
	}
	if tok := c.Slack.BotToken.Reveal(); tok != "" && !strings.HasPrefix(tok, "xoxb-") {
		hint := ""
		if strings.HasPrefix(tok, "xapp-") {
			hint = " (this is an app-level token: it goes in slack.app_token)"
		}
		add("slack.bot_token", "a bot token starts with xoxb-%s", hint)
	}
	if tok := c.Slack.AppToken.Reveal(); tok != "" && !strings.HasPrefix(tok, "xapp-") {
		hint := ""
		if strings.HasPrefix(tok, "xoxb-") {
			hint = " (this is a bot token: it goes in slack.bot_token)"
		}
		add("slack.app_token", "an app-level token starts with xapp-%s", hint)
	}
	if c.Slack.BotToken != "" && c.Slack.AppToken == "" {
		if c.Slack.SigningSecret == "" {
			add("slack.signing_secret", "without slack.app_token (Socket Mode) Slack posts to us and needs the signing secret")
		}
		if c.HTTP.Listen == "" {
			add("http.listen", "slack HTTP mode (no slack.app_token) needs an address to listen on (e.g. :8080)")
		}
	}
	if c.Slack.BotToken == "" && (c.Slack.AppToken != "" || c.Slack.SigningSecret != "") {
		add("slack.bot_token", "set it too, or remove the other slack settings")
	}
	return errs
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// checkSource says what is wrong with a source's location: an http(s)
// URL, or a local file or folder that exists.
func checkSource(src string) string {
	if scheme, _, ok := strings.Cut(src, "://"); ok && scheme != "file" {
		if scheme != "http" && scheme != "https" {
			return fmt.Sprintf("%q: only http:// and https:// URLs and local paths can be sources", src)
		}
		if u, err := url.Parse(src); err != nil || u.Host == "" {
			return fmt.Sprintf("%q is not a valid URL", src)
		}
		return ""
	}
	path := strings.TrimPrefix(src, "file://")
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf("%q: no such file or folder (a source is an http(s) URL or a local path)", src)
		}
		return fmt.Sprintf("%q: %v", src, err)
	}
	return ""
}

// operatorID is what a user ID looks like on each platform.
var operatorID = map[string]*regexp.Regexp{
	"telegram": regexp.MustCompile(`^[0-9]+$`),           // a user's number
	"slack":    regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`), // U0123ABCD
	"console":  regexp.MustCompile(`^local$`),            // the terminal's one user
}

var operatorExamples = "telegram:12345678, slack:U0123ABCD or console:local"

// checkOperator says what is wrong with an operator: platform:user-id.
func checkOperator(op string) string {
	platform, id, ok := strings.Cut(op, ":")
	re, known := operatorID[platform]
	switch {
	case !ok:
		return fmt.Sprintf("%q: write platform:user-id, e.g. %s", op, operatorExamples)
	case !known:
		return fmt.Sprintf("%q: unknown platform %q; want telegram, slack or console", op, platform)
	case !re.MatchString(id):
		switch platform {
		case "telegram":
			return fmt.Sprintf("%q: a Telegram user ID is a number (the user's, not the @name; @userinfobot tells it)", op)
		case "slack":
			return fmt.Sprintf("%q: a Slack user ID looks like U0123ABCD (profile, \"Copy member ID\")", op)
		}
		return fmt.Sprintf("%q: the console's user is console:local", op)
	}
	return ""
}

// checkListen says what is wrong with a listen address.
func checkListen(addr string) string {
	if _, err := strconv.Atoi(addr); err == nil {
		return fmt.Sprintf("%q is a port alone; did you mean \":%s\"?", addr, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Sprintf("%q is not host:port (e.g. :8080, 127.0.0.1:8080)", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Sprintf("%q: the port %q is not a number from 0 to 65535", addr, port)
	}
	if host != "" && net.ParseIP(host) == nil && !hostName.MatchString(host) {
		return fmt.Sprintf("%q: %q is not an IP address or host name", addr, host)
	}
	return ""
}

var hostName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)
