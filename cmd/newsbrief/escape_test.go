package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// terminalAttack is a headline that would retitle the window, clear the
// screen and turn the text red on a terminal that printed it raw.
const terminalAttack = "Harbour \x1b]0;pwned\x07reopens\x1b[2J\x1b[31m after \u009b1mrepairs\u202e"

// controls are the characters no terminal output may hold.
const controls = "\x1b\x07\u009b\u202e"

// TestTerminalOutputHasNoEscapes is the terminal escape injection:
// a feed whose titles carry escape sequences, read by fetch --once (text
// and JSON), brief, sources list and the console of run.
func TestTerminalOutputHasNoEscapes(t *testing.T) {
	feed := map[string]any{
		"version": "https://jsonfeed.org/version/1.1",
		"title":   "Port News " + terminalAttack,
		"items": []map[string]any{{
			"id": "1", "url": "https://news.example/harbour", "title": terminalAttack,
			"content_text": strings.Repeat("The harbour reopened on Monday after two weeks of repairs, the port authority said. ", 10) + terminalAttack,
		}},
	}
	body, _ := json.Marshal(feed)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		w.Write(body)
	}))
	defer srv.Close()
	url := srv.URL + "/feed.json"

	data := t.TempDir()
	outputs := map[string]string{}
	for _, args := range [][]string{
		{"fetch", "--once", "--source", url},
		{"fetch", "--once", "--source", url, "--format", "json"},
		{"brief", url},
		{"sources", "add", url, "--backfill", "5"},
		{"sources", "list"},
	} {
		out, errOut := mustRunErr(t, data, args...)
		outputs[strings.Join(args, " ")] = out + errOut
	}

	env := map[string]string{"NEWSBRIEF_DATA_DIR": data, "NEWSBRIEF_LOG_LEVEL": "error"}
	b := startBackground(t, env)
	waitUntil(t, "the console's /summary", func() bool {
		b.stdin.WriteString("/summary\n")
		return strings.Contains(b.out.String(), "reopens")
	})
	if err := b.stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	outputs["run console"] = b.out.String()

	for what, out := range outputs {
		if strings.ContainsAny(out, controls) {
			t.Errorf("%s printed control characters: %q", what, out)
		}
		if !strings.Contains(out, "Harbour") && !strings.HasPrefix(what, "sources add") {
			t.Errorf("%s lost the headline: %q", what, out)
		}
	}
}
