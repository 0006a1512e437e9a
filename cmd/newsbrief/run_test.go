package main

import (
	"errors"
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
	b := startBackground(t, env)
	out, errOut := b.out, b.log
	// The first poll runs at start; give it a moment, then ask.
	deadline := time.Now().Add(10 * time.Second)
	for {
		b.stdin.WriteString("/summary\n")
		time.Sleep(200 * time.Millisecond)
		if strings.Contains(out.String(), "Council approves new bridge") || time.Now().After(deadline) {
			break
		}
	}
	if err := b.stop(); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Council approves new bridge") {
		t.Errorf("console never showed the polled article:\n%s\n%s", out.String(), errOut.String())
	}
	if strings.Contains(out.String(), feeds) {
		t.Errorf("the brief shows the operator's folder %s to the chat:\n%s", feeds, out.String())
	}
}

func TestRunRefusesBadConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("interval: 1s\nmax_stories: 99\ntopics: {tech: {query: '\"unbalanced'}}\n"), 0o644)
	_, _, err := runCmd(t, "", "run", "--config", file)
	if err == nil {
		t.Fatal("run with a bad config started")
	}
	wantAll(t, "run's error", err.Error(), "interval", "max_stories", "topics.tech.query")
}

func TestConfigCommands(t *testing.T) {
	example, _, err := runCmd(t, "", "config", "example")
	if err != nil || !strings.Contains(example, "telegram:") {
		t.Fatalf("config example = %q, %v", example, err)
	}
	file := filepath.Join(t.TempDir(), "nb.yaml")
	os.WriteFile(file, []byte(example), 0o644)
	out, _, err := runEnv(t, map[string]string{"NEWSBRIEF_TELEGRAM_TOKEN": "123:TOPSECRET"}, "", "config", "check", "--config", file)
	if err != nil {
		t.Fatalf("config check: %v", err)
	}
	if strings.Contains(out, "TOPSECRET") || !strings.Contains(out, "token: '[redacted]'") || !strings.Contains(out, "interval: 15m0s") {
		t.Errorf("config check printed:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("interval: 1s\nmax_stories: 0\nlog: {level: loud}\ntelegram: {mode: carrier-pigeon}\ntopics: {tech: {query: '\"open'}}\n"), 0o644)
	_, _, err = runCmd(t, "", "config", "check", "--config", bad)
	if err == nil {
		t.Fatal("config check of a bad file passed")
	}
	wantAll(t, "config check's error", err.Error(), "interval", "max_stories", "log.level", "telegram.mode", "topics.tech.query")
}

// TestRunReportsFiveMistakesAtOnce is the misconfigured file: five
// different mistakes, one run, five messages, exit code 2, nothing started.
func TestRunReportsFiveMistakesAtOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte(`
interval: 5s
telegram: {mode: webhook}
topics: {tech: {query: '"unclosed'}}
database: postgres://nobody@127.0.0.1:1/none?connect_timeout=2
log: {level: loud}
`), 0o644)
	_, _, err := runCmd(t, "", "run", "--config", file)
	if err == nil {
		t.Fatal("run with five mistakes started")
	}
	var u usageError
	if !errors.As(err, &u) {
		t.Errorf("error %v is not a usage error (exit 2)", err)
	}
	wantAll(t, "run's error", err.Error(), "interval", "telegram.webhook_url", "topics.tech.query", "database:", "log.level")
	t.Logf("the messages:\n%v", err)
}

func TestMigrate(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"NEWSBRIEF_DATA_DIR": dir}
	out, _, err := runEnv(t, env, "", "migrate")
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !strings.Contains(out, "SQLite database is up to date") {
		t.Errorf("migrate said %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "newsbrief.db")); err != nil {
		t.Errorf("no database after migrate: %v", err)
	}
	env["NEWSBRIEF_DATABASE"] = "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"
	if _, _, err := runEnv(t, env, "", "migrate"); err == nil {
		t.Error("migrate of an unreachable database succeeded")
	}
}

// TestConfigCheckListsEveryMistake is the target: a file with ten
// mistakes of different kinds; one run of config check lists every one
// with its line and exits 2, and run refuses to start with the same list.
func TestConfigCheckListsEveryMistake(t *testing.T) {
	file := filepath.Join("..", "..", "config", "testdata", "ten-mistakes.yaml")
	for _, args := range [][]string{{"config", "check", "--config", file}, {"run", "--config", file}} {
		out, _, err := runIn(t, t.TempDir(), args...)
		if code := exitCode(err); code != exitUsage {
			t.Fatalf("newsbrief %s exits %d (%v), want %d", args[0], code, err, exitUsage)
		}
		lines := strings.Split(err.Error(), "\n")
		if !strings.HasPrefix(lines[0], "the configuration has 11 mistakes") {
			t.Errorf("newsbrief %s: first line %q, want the count", args[0], lines[0])
		}
		fileLines := map[string]bool{}
		for _, l := range lines[1:] {
			where, _, _ := strings.Cut(strings.TrimSpace(l), ": ")
			parts := strings.Split(where, ":")
			if len(parts) != 3 || parts[0] != file {
				t.Errorf("newsbrief %s: %q does not start with file:line:column", args[0], l)
				continue
			}
			fileLines[parts[1]] = true
		}
		if len(lines) != 12 || len(fileLines) != 10 {
			t.Errorf("newsbrief %s listed %d mistakes on %d lines, want 11 on 10:\n%v", args[0], len(lines)-1, len(fileLines), err)
		}
		if out != "" {
			t.Errorf("newsbrief %s printed %q, want nothing on stdout", args[0], out)
		}
	}
}

func TestRunWarnsWithoutAdapters(t *testing.T) {
	env := map[string]string{"NEWSBRIEF_DATA_DIR": t.TempDir(), "NEWSBRIEF_CONSOLE": "false", "NEWSBRIEF_LOG_FORMAT": "text"}
	b := startBackground(t, env)
	errOut := b.log
	waitUntil(t, "the warning", func() bool { return strings.Contains(errOut.String(), "no adapter is on") })
	if err := b.stop(); err != nil {
		t.Errorf("run = %v", err)
	}
	if !strings.Contains(errOut.String(), "set telegram.token or slack.bot_token, or console: true") {
		t.Errorf("the warning does not say what to set:\n%s", errOut.String())
	}
}
