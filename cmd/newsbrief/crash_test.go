package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// fakeBotAPI is the least of Telegram's Bot API that `newsbrief run`
// needs, on loopback, counting the messages each chat gets.
type fakeBotAPI struct {
	mu         sync.Mutex
	sent       map[string]int
	texts      map[string][]string // by chat, when recorded
	n          int
	updates    []string // JSON updates served once by getUpdates
	nextUpdate int
	stamps     []time.Time // when each message arrived
	// slow makes sendMessage to a chat take this long, like a slow
	// network under a long reply; onWire counts such calls under way.
	slow   map[string]time.Duration
	onWire map[string]int
}

// command queues an update with a command from user in a private chat of
// the same id, for getUpdates to serve.
func (f *fakeBotAPI) command(user int64, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	word, _, _ := strings.Cut(text, " ")
	js, _ := json.Marshal(map[string]any{"update_id": f.nextUpdate, "message": map[string]any{
		"message_id": f.nextUpdate, "date": 0, "text": text,
		"from":     map[string]any{"id": user, "is_bot": false, "first_name": "U"},
		"chat":     map[string]any{"id": user, "type": "private"},
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len(word)}}}})
	f.updates = append(f.updates, string(js))
}

func (f *fakeBotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"nb","username":"nb_bot"}}`)
	case "getUpdates":
		f.mu.Lock()
		ups := f.updates
		f.updates = nil
		f.mu.Unlock()
		if len(ups) > 0 {
			fmt.Fprintf(w, `{"ok":true,"result":[%s]}`, strings.Join(ups, ","))
			return
		}
		select { // a long poll with nothing to say
		case <-time.After(300 * time.Millisecond):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, `{"ok":true,"result":[]}`)
	case "sendMessage":
		chat := r.Form.Get("chat_id")
		f.mu.Lock()
		delay := f.slow[chat]
		if delay > 0 {
			f.onWire[chat]++
		}
		f.mu.Unlock()
		time.Sleep(delay)
		f.mu.Lock()
		if delay > 0 {
			f.onWire[chat]--
		}
		f.stamps = append(f.stamps, time.Now())
		f.sent[r.Form.Get("chat_id")]++
		if f.texts != nil {
			f.texts[r.Form.Get("chat_id")] = append(f.texts[r.Form.Get("chat_id")], r.Form.Get("text"))
		}
		f.n++
		n := f.n
		f.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": map[string]any{
			"message_id": n, "date": 0, "chat": map[string]any{"id": 1, "type": "private"}}})
	default:
		fmt.Fprint(w, `{"ok":true,"result":true}`)
	}
}

func (f *fakeBotAPI) count() (messages, chats int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n, len(f.sent)
}

// TestRunSurvivesSIGKILL runs the real binary against a fake Telegram,
// kills it with SIGKILL in the middle of a fan-out, and starts it again:
// every chat gets its brief, and only messages in flight at the kill may
// come twice.
func TestRunSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it for about 20 s; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	const chats = 300
	store, err := sqlite.Open(t.Context(), filepath.Join(dir, "newsbrief.db"))
	if err != nil {
		t.Fatal(err)
	}
	seedDueChats(t, store, chats, 1000)
	store.Close()

	api := &fakeBotAPI{sent: map[string]int{}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	env := append(os.Environ(),
		"NEWSBRIEF_DATA_DIR="+dir,
		"NEWSBRIEF_CONSOLE=false",
		"NEWSBRIEF_TELEGRAM_TOKEN=123:fake",
		"NEWSBRIEF_TELEGRAM_API_URL="+srv.URL+"/bot%s/%s",
		"NEWSBRIEF_OUTBOX_LEASE=3s",
		"NEWSBRIEF_LOG_LEVEL=warn",
	)
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "run")
		cmd.Env = env
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	waitFor := func(what string, ok func() bool, limit time.Duration) {
		t.Helper()
		deadline := time.Now().Add(limit)
		for !ok() {
			if time.Now().After(deadline) {
				n, c := api.count()
				t.Fatalf("timed out waiting for %s: %d messages to %d chats", what, n, c)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	first := start()
	waitFor("the fan-out to start", func() bool { n, _ := api.count(); return n >= 60 }, 60*time.Second)
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	killedAt, _ := api.count()
	if killedAt >= chats {
		t.Fatalf("the first process sent all %d before it was killed; the test proves nothing", killedAt)
	}

	second := start()
	waitFor("every chat", func() bool { _, c := api.count(); return c == chats }, 90*time.Second)
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
	n, c := api.count()
	twice := n - c
	t.Logf("killed after %d messages; in all %d messages to %d chats", killedAt, n, c)
	if twice > 8 { // the outbox sends at most 8 at once
		t.Errorf("%d chats got the brief twice, want at most the messages in flight (8)", twice)
	}
}

// buildBinary builds newsbrief into a temporary folder for tests that run
// the real process.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "newsbrief")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// seedDueChats stores n Telegram chats, IDs from firstID, whose daily
// brief (a quiet-day note when there is no news) is due now.
func seedDueChats(tb testing.TB, store bot.Store, n, firstID int) {
	tb.Helper()
	due := time.Now().Add(-time.Minute)
	for i := range n {
		cs := bot.ChatSettings{Chat: bot.ChatRef{Platform: "telegram", ID: fmt.Sprint(firstID + i)},
			Schedule: "00:00 UTC daily", QuietDayNotice: true, NextDigest: due}
		if err := store.SaveChat(tb.Context(), cs); err != nil {
			tb.Fatal(err)
		}
	}
}
