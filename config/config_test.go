package config

import (
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
		c.Log.Format != "json" || len(c.Sources) != 2 || c.Sources[1] != "b" || c.Console || c.Topics["tech"].Query == "" {
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
