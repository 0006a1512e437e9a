package config

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
	env := map[string]string{"NEWSBRIEF_DATA_DIR": "/srv/nb", "NEWSBRIEF_LOG_FORMAT": "json", "NEWSBRIEF_SOURCES": "https://a.example/feed, https://b.example/feed", "NEWSBRIEF_CONSOLE": "false"}
	c, err := Load(file, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.DataDir != "/srv/nb" || c.Interval != 30*time.Minute || c.Poll != time.Minute || c.Log.Level != "debug" ||
		c.Log.Format != "json" || len(c.Sources.Feeds) != 2 || c.Sources.Feeds[1] != "https://b.example/feed" || c.Console || c.Topics["tech"].Query == "" {
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

// TestExampleIsTheDefaults: the example loads, every setting in it is at
// its default, and every setting is in it.
func TestExampleIsTheDefaults(t *testing.T) {
	file := filepath.Join(t.TempDir(), "example.yaml")
	os.WriteFile(file, []byte(Example), 0o644)
	c, err := Load(file, func(string) string { return "" })
	if err != nil {
		t.Fatalf("the example configuration does not load: %v", err)
	}
	want := Default()
	// Empty lists and maps in the file are empty in the default too.
	if len(c.Sources.Feeds) != 0 || len(c.Topics) != 0 || len(c.Operators) != 0 || len(c.Slack.Admins) != 0 {
		t.Errorf("the example sets sources, topics, operators or slack admins: %+v", c)
	}
	c.Sources.Feeds, c.Topics, c.Operators, c.Slack.Admins = nil, nil, nil, nil
	if diff := cmp.Diff(want, c, cmpopts.IgnoreUnexported(Config{})); diff != "" {
		t.Errorf("config example differs from the defaults (-default +example):\n%s", diff)
	}
	for _, key := range settingKeys(reflect.TypeFor[Config](), "") {
		if !c.set(key) {
			t.Errorf("config example does not show %s", key)
		}
	}
}

// settingKeys lists the keys of every setting of a struct, nested ones as
// "log.level"; a map or list is one setting.
func settingKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for name, i := range yamlFields(t) {
		f := t.Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != durationType {
			keys = append(keys, settingKeys(f.Type, join(prefix, name))...)
			continue
		}
		keys = append(keys, join(prefix, name))
	}
	return keys
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
