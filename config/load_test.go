package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/ten-mistakes.yaml has ten mistakes of different kinds (one
// line has two), each on its own line; tenWant lists what each message
// must say, by where it starts.
var tenWant = []struct {
	line string
	says []string
}{
	{":1:7: poll:", []string{`"fast" is not a duration`, "15m"}},
	{":2:1: intervall:", []string{`did you mean "interval"?`}},
	{":3:14: max_stories:", []string{"out of range 1 to 50"}},
	{":5:5: sources[0]:", []string{"only http:// and https:// URLs and local paths"}},
	{":6:5: sources[1]:", []string{"no such file or folder"}},
	{":7:13: operators[0]:", []string{`"bob": write platform:user-id`}},
	{":7:18: operators[1]:", []string{"a Telegram user ID is a number"}},
	{":9:9: telegram.mode:", []string{`did you mean "polling"?`}},
	{":11:11: http.listen:", []string{`did you mean ":8080"?`}},
	{":12:14: log.level:", []string{`"loud" is not one of`}},
	{":14:14: slack.bot_token:", []string{"starts with xoxb-", "goes in slack.app_token"}},
}

// TestLoadTenMistakesAtOnce is the target: one Load lists every
// mistake, each with its line and column and the key as the file writes
// it.
func TestLoadTenMistakesAtOnce(t *testing.T) {
	file := filepath.Join("testdata", "ten-mistakes.yaml")
	_, err := Load(file, func(string) string { return "" })
	if err == nil {
		t.Fatal("Load of ten mistakes returned no error")
	}
	lines := strings.Split(err.Error(), "\n")
	for _, w := range tenWant {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, file+w.line) {
				found = true
				for _, s := range w.says {
					if !strings.Contains(l, s) {
						t.Errorf("the message for %s lacks %q: %s", w.line, s, l)
					}
				}
			}
		}
		if !found {
			t.Errorf("no message starts %s%s", file, w.line)
		}
	}
	if len(lines) != len(tenWant) {
		t.Errorf("%d messages, want %d:\n%v", len(lines), len(tenWant), err)
	}
	var p *Problem
	if !errors.As(err, &p) {
		t.Errorf("Load's error holds no *Problem")
	}
}

func TestLoadPlacesProblems(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, yaml string
		env        map[string]string
		want       []string
	}{
		{"syntax", "poll: 1m\n  interval: [\n", nil, []string{":2: (file): not valid YAML", "nothing else was checked"}},
		{"type in a nested mapping", "outbox:\n  lease: soon\n", nil, []string{":2:10: outbox.lease: \"soon\" is not a duration"}},
		{"number", "backfill: ten\n", nil, []string{":1:11: backfill: \"ten\" is not a whole number"}},
		{"bool", "console: maybe\n", nil, []string{":1:10: console: \"maybe\" is not true or false"}},
		{"list for a scalar", "poll: [1m]\n", nil, []string{":1:7: poll: a list is not a duration"}},
		{"scalar for a list", "operators: telegram:1\n", nil, []string{":1:12: operators: \"telegram:1\" is not a list"}},
		{"unknown nested key", "telegram:\n  tokn: x\n", nil, []string{":2:3: telegram.tokn: unknown setting; did you mean \"token\"? (telegram has "}},
		{"unknown key far from any", "zzzzzz: 1\n", nil, []string{":1:1: zzzzzz: unknown setting"}},
		{"topic without feeds or query", "topics:\n  tech:\n    description: chips\n", nil, []string{":3:5: topics.tech: give it feeds"}},
		{"topic feed scheme", "topics:\n  tech:\n    feeds: [gopher://x.example/feed]\n", nil, []string{":3:13: topics.tech.feeds[0]: \"gopher://x.example/feed\": only http://"}},
		{"sources mapping", "sources:\n  feeds: [\"not a url\"]\n  allow_private_link: true\n", nil,
			[]string{":2:11: sources.feeds[0]: \"not a url\": no such file or folder", ":3:3: sources.allow_private_link: unknown setting; did you mean \"allow_private_links\"?"}},
		{"poll too short", "poll: 1s\n", nil, []string{":1:7: poll: 1s is too short"}},
		{"from the environment", "", map[string]string{"NEWSBRIEF_POLL": "1s", "NEWSBRIEF_HTTP_LISTEN": "localhost:http"}, []string{
			"NEWSBRIEF_POLL: poll: 1s is too short", `NEWSBRIEF_HTTP_LISTEN: http.listen: "localhost:http": the port "http" is not a number`}},
		{"environment type", "", map[string]string{"NEWSBRIEF_MAX_STORIES": "many"}, []string{`NEWSBRIEF_MAX_STORIES="many": max_stories: not a whole number`}},
		{"webhook needs", "telegram: {mode: webhook, webhook_url: \"http://bot.example/telegram/webhook\"}\n", nil, []string{
			":1:40: telegram.webhook_url: \"http://bot.example/telegram/webhook\": Telegram posts only to https://",
			"telegram.webhook_secret: webhook mode needs a secret", "http.listen: telegram webhook mode needs"}},
		{"web password hash", "web:\n  admin_password_hash: hunter2\n  session_lifetime: 1m\n", nil, []string{
			":2:24: web.admin_password_hash: not an argon2id or bcrypt hash", ":3:21: web.session_lifetime: 1m0s is out of range",
			"http.listen: the web console needs an address"}},
		{"web password hash from the environment", "http: {listen: ':8080'}\n", map[string]string{"NEWSBRIEF_WEB_ADMIN_PASSWORD_HASH": "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA"},
			[]string{"NEWSBRIEF_WEB_ADMIN_PASSWORD_HASH: web.admin_password_hash: not an argon2id"}},
		{"slack operator", "operators: [slack:bob]\n", nil, []string{":1:13: operators[0]: \"slack:bob\": a Slack user ID looks like U0123ABCD"}},
		{"unknown platform", "operators: [\"irc:bob\"]\n", nil, []string{"unknown platform \"irc\""}},
		{"data_dir is a file", "data_dir: " + filepath.Join(dir, "f") + "\n", nil, []string{":1:11: data_dir: " + filepath.Join(dir, "f") + " is a file"}},
	}
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "nb.yaml")
			os.WriteFile(file, []byte(tt.yaml), 0o644)
			_, err := Load(file, func(k string) string { return tt.env[k] })
			if err == nil {
				t.Fatalf("Load(%q) = nil error", tt.yaml)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%q) error lacks %q:\n%v", tt.yaml, w, err)
				}
			}
		})
	}
}

func TestLoadAcceptsGoodValues(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "nb.yaml")
	os.WriteFile(file, []byte(`
poll: 30s
sources: [https://a.example/feed.xml, `+dir+`, "file://`+dir+`"]
operators: ["telegram:12345678", "slack:U0123ABCD", "console:local"]
http: {listen: "127.0.0.1:8080"}
topics:
  tech:
    query: chips
log:
`), 0o644)
	c, err := Load(file, func(string) string { return "" })
	if err != nil {
		t.Fatalf("Load = %v", err)
	}
	if len(c.Sources.Feeds) != 3 || len(c.Operators) != 3 || c.Log.Level != "info" {
		t.Errorf("Load = %+v", c)
	}
	for _, listen := range []string{":8080", "[::1]:8080", "localhost:0", "0.0.0.0:443"} {
		if msg := checkListen(listen); msg != "" {
			t.Errorf("checkListen(%q) = %q, want it accepted", listen, msg)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"poll", "interval", "backfill", "max_stories", "sources", "operators"}
	for in, want := range map[string]string{"intervall": "interval", "pol": "poll", "max_storeis": "max_stories", "operator": "operators", "zzzzzz": "", "sorces": "sources"} {
		if got := nearest(in, keys); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
