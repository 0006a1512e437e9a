package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSourceSecretsStayHidden is the credential leak: a source URL
// with a password and an api_key, failing, must not show them in /sources,
// /status, the log's feed field or config check; `sources list` on the
// machine still shows the URL whole.
func TestSourceSecretsStayHidden(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	secretURL := strings.Replace(srv.URL, "http://", "http://reader:hunter2@", 1) + "/feed?api_key=k3y&page=2"
	secrets := []string{"hunter2", "k3y"}

	dir := t.TempDir()
	env := map[string]string{"NEWSBRIEF_DATA_DIR": dir, "NEWSBRIEF_SOURCES": secretURL, "NEWSBRIEF_LOG_LEVEL": "warn", "NEWSBRIEF_LOG_FORMAT": "json"}
	b := startBackground(t, env)
	out, logs := b.out, b.log
	waitUntil(t, "the failing poll's log line", func() bool { return strings.Contains(logs.String(), "poll failed") })
	b.stdin.WriteString("/sources\n/status\n")
	waitUntil(t, "the /status reply", func() bool { return strings.Contains(out.String(), "Sources: 1, 0 healthy") })
	if err := b.stop(); err != nil {
		t.Fatalf("run: %v", err)
	}

	file := writeFile(t, "nb.yaml", []byte("sources: ['"+secretURL+"']\ntopics: {local: {feeds: ['"+secretURL+"']}}\n"))
	check, _, err := runCmd(t, "", "config", "check", "--config", file)
	if err != nil {
		t.Fatalf("config check: %v", err)
	}
	for what, text := range map[string]string{"chat replies": out.String(), "log": logs.String(), "config check": check} {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s show the secret %q:\n%s", what, s, text)
			}
		}
	}
	if want := "reader:***@"; !strings.Contains(check, want) || !strings.Contains(check, "api_key=***") {
		t.Errorf("config check does not show the redacted URL (%s..., api_key=***):\n%s", want, check)
	}
	if !strings.Contains(out.String(), "- http://reader:***@") {
		t.Errorf("/sources does not show the redacted URL:\n%s", out.String())
	}
	if !strings.Contains(logs.String(), `"feed":"http://reader:***@`) {
		t.Errorf("the log's feed field is not the redacted URL:\n%s", logs.String())
	}

	list := mustRun(t, dir, "sources", "list", "--format", "json")
	if !strings.Contains(list, "hunter2") || !strings.Contains(list, "k3y") {
		t.Errorf("sources list on the machine should show the whole URL:\n%s", list)
	}
}
