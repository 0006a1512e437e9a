package config

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	file := filepath.Join(t.TempDir(), "newsbrief.yaml")
	os.WriteFile(file, []byte(`
data_dir: /var/lib/newsbrief
interval: 30m
topics:
  tech:
    description: chips and computers
    feeds: [https://example.org/tech.rss]
    query: 'ai OR chips -"press release"'
log:
  level: debug
`), 0o644)
	env := map[string]string{"NEWSBRIEF_DATA_DIR": "/srv/nb", "NEWSBRIEF_LOG_FORMAT": "json", "NEWSBRIEF_SOURCES": "a, b", "NEWSBRIEF_CONSOLE": "false"}
	c, err := Load(file, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.DataDir != "/srv/nb" || c.Interval != 30*time.Minute || c.Poll != time.Minute || c.Log.Level != "debug" ||
		c.Log.Format != "json" || len(c.Sources.Feeds) != 2 || c.Sources.Feeds[1] != "b" || c.Console || c.Topics["tech"].Query == "" {
		t.Errorf("Load = %+v", c)
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("interval: 5s\nmax_stories: 0\nlog: {level: loud}\ntopics: {empty: {}}\n"), 0o644)
	env := map[string]string{"NEWSBRIEF_POLL": "soon"}
	_, err := Load(file, func(k string) string { return env[k] })
	if err == nil {
		t.Fatal("Load of a bad file returned no error")
	}
	for _, want := range []string{"NEWSBRIEF_POLL", "interval: 5s", "max_stories: 0", `log.level: "loud"`, "topics.empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), func(string) string { return "" }); err == nil {
		t.Error("a missing file gave no error")
	}
	os.WriteFile(file, []byte("unknown_key: 1\n"), 0o644)
	if _, err := Load(file, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "unknown_key") {
		t.Errorf("unknown key error = %v", err)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	c := Default()
	c.Telegram.Token = "123:SECRET"
	for _, out := range []string{fmt.Sprintf("%v %+v %s %q %#v", c, c, c.Telegram.Token, c.Telegram.Token, c)} {
		if strings.Contains(out, "SECRET") {
			t.Errorf("the token printed: %s", out)
		}
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("config", "telegram", c.Telegram, "token", c.Telegram.Token)
	if strings.Contains(buf.String(), "SECRET") {
		t.Errorf("the token reached the log: %s", buf.String())
	}
	if c.Telegram.Token.Reveal() != "123:SECRET" {
		t.Error("Reveal lost the token")
	}
}

func TestAdapterSettings(t *testing.T) {
	env := map[string]string{"NEWSBRIEF_TELEGRAM_MODE": "webhook", "NEWSBRIEF_SLACK_BOT_TOKEN": "xoxb-1", "NEWSBRIEF_HTTP_LISTEN": "nope"}
	_, err := Load("", func(k string) string { return env[k] })
	for _, want := range []string{"telegram.webhook_url", "telegram.webhook_secret", "slack.signing_secret", `http.listen: "nope"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	env = map[string]string{"NEWSBRIEF_TELEGRAM_TOKEN": "1:x", "NEWSBRIEF_TELEGRAM_API_URL": "http://127.0.0.1:9/bot%s/%s",
		"NEWSBRIEF_SLACK_BOT_TOKEN": "xoxb-1", "NEWSBRIEF_SLACK_APP_TOKEN": "xapp-1"}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil || c.Telegram.Token.Reveal() != "1:x" || c.Telegram.APIURL != "http://127.0.0.1:9/bot%s/%s" || c.Slack.AppToken.Reveal() != "xapp-1" {
		t.Errorf("Load = %+v, %v", c, err)
	}
}

func TestExampleLoads(t *testing.T) {
	file := filepath.Join(t.TempDir(), "example.yaml")
	os.WriteFile(file, []byte(Example), 0o644)
	c, err := Load(file, func(string) string { return "" })
	if err != nil {
		t.Fatalf("the example configuration does not load: %v", err)
	}
	if c.Topics["tech"].Query == "" || c.Outbox.Lease != 2*time.Minute || c.Console {
		t.Errorf("example loaded as %+v", c)
	}
}

func TestSourcesListOrMapping(t *testing.T) {
	tests := []struct {
		name, yaml string
		env        map[string]string
		want       Sources
		wantErr    string
	}{
		{"list", "sources: [https://a.example/feed, https://b.example/feed]\n", nil,
			Sources{Feeds: []string{"https://a.example/feed", "https://b.example/feed"}}, ""},
		{"mapping", "sources:\n  feeds: [https://a.example/feed]\n  allow_private_links: true\n", nil,
			Sources{Feeds: []string{"https://a.example/feed"}, AllowPrivateLinks: true}, ""},
		{"default off", "", nil, Sources{}, ""},
		{"environment", "sources: [https://a.example/feed]\n",
			map[string]string{"NEWSBRIEF_SOURCES_ALLOW_PRIVATE_LINKS": "true", "NEWSBRIEF_SOURCES": "https://c.example/feed"},
			Sources{Feeds: []string{"https://c.example/feed"}, AllowPrivateLinks: true}, ""},
		{"unknown key", "sources:\n  allow_private_link: true\n", nil, Sources{}, "sources.allow_private_link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "nb.yaml")
			os.WriteFile(file, []byte(tt.yaml), 0o644)
			c, err := Load(file, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load(%q) error = %v, want one naming %s", tt.yaml, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%q) = %v", tt.yaml, err)
			}
			if fmt.Sprint(c.Sources) != fmt.Sprint(tt.want) {
				t.Errorf("Load(%q).Sources = %+v, want %+v", tt.yaml, c.Sources, tt.want)
			}
		})
	}
}
