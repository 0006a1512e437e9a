package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunServesTheConsoleUntilStopped starts `newsbrief run` on a local
// feed folder, asks through the console, and stops it like SIGTERM would.
func TestRunServesTheConsoleUntilStopped(t *testing.T) {
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds")
	os.MkdirAll(feeds, 0o755)
	os.WriteFile(filepath.Join(feeds, "bridge.txt"), []byte(article), 0o644)
	env := map[string]string{"NEWSBRIEF_DATA_DIR": dir, "NEWSBRIEF_SOURCES": feeds, "NEWSBRIEF_LOG_LEVEL": "warn"}
	pr, pw, _ := os.Pipe()
	var errOut bytes.Buffer
	out := &syncWriter{w: &bytes.Buffer{}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"run"}, func(k string) string { return env[k] }, pr, out, &errOut)
	}()
	// The first poll runs at start; give it a moment, then ask.
	deadline := time.Now().Add(10 * time.Second)
	for {
		pw.WriteString("/summary\n")
		time.Sleep(200 * time.Millisecond)
		if strings.Contains(out.String(), "Council approves new bridge") || time.Now().After(deadline) {
			break
		}
	}
	cancel()
	pw.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v\n%s", err, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after its context ended")
	}
	if !strings.Contains(out.String(), "Council approves new bridge") {
		t.Errorf("console never showed the polled article:\n%s\n%s", out.String(), errOut.String())
	}
}

func TestRunRefusesBadConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("interval: 1s\nmax_stories: 99\ntopics: {tech: {query: '\"unbalanced'}}\n"), 0o644)
	_, _, err := runCmd(t, "", "run", "--config", file)
	if err == nil {
		t.Fatal("run with a bad config started")
	}
	for _, want := range []string{"interval", "max_stories", "topics.tech.query"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}
