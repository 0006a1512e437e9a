package main

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// TestRunSurvivesSIGKILL runs the real binary against a fake Telegram,
// kills it with SIGKILL in the middle of a fan-out, and starts it again:
// every chat gets its brief, and only messages in flight at the kill may
// come twice.
func TestRunSurvivesSIGKILL(t *testing.T) {
	longTest(t, "builds the binary and runs it for about 20 s")
	dir := t.TempDir()
	bin := buildBinary(t)
	const chats = 300
	store, err := sqlite.Open(t.Context(), filepath.Join(dir, "newsbrief.db"))
	if err != nil {
		t.Fatal(err)
	}
	seedDueChats(t, store, chats, 1000)
	store.Close()

	api := newBotAPI(t)
	env := append(fakeTelegramEnv(api), "NEWSBRIEF_DATA_DIR="+dir, "NEWSBRIEF_OUTBOX_LEASE=3s", "NEWSBRIEF_LOG_LEVEL=warn")

	first := startBinary(t, bin, env...)
	waitUntilFor(t, "the fan-out to start", 60*time.Second, func() bool { n, _ := api.Count(); return n >= 60 })
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	killedAt, _ := api.Count()
	if killedAt >= chats {
		t.Fatalf("the first process sent all %d before it was killed; the test proves nothing", killedAt)
	}

	second := startBinary(t, bin, env...)
	waitUntilFor(t, "every chat", 90*time.Second, func() bool { _, c := api.Count(); return c == chats })
	time.Sleep(500 * time.Millisecond) // anything more would be a duplicate
	second.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- second.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("second run exited with %v after SIGTERM, want a clean stop", err)
		}
	case <-time.After(20 * time.Second):
		second.Process.Kill()
		t.Error("second run did not stop on SIGTERM")
	}
	n, c := api.Count()
	twice := n - c
	t.Logf("killed after %d messages; in all %d messages to %d chats", killedAt, n, c)
	if twice > 8 { // the outbox sends at most 8 at once
		t.Errorf("%d chats got the brief twice, want at most the messages in flight (8)", twice)
	}
}
