package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/store/postgres"
)

// busiestSecond returns the most messages that arrived within any one
// second: the count the Bot API's limit is about.
func busiestSecond(stamps []time.Time) int {
	ts := slices.Clone(stamps)
	slices.SortFunc(ts, time.Time.Compare)
	most, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= time.Second {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

// TestThreeInstancesCommandsShareTheRate runs three real processes on one
// PostgreSQL against a fake Telegram: 400 chats' daily briefs are due at
// once while other chats send five /help a second. Replies take their
// slots from the same shared budget as the briefs, so no second at the
// Bot API holds more than 30 messages; command replies used to bypass it
// (35 in a second).
func TestThreeInstancesCommandsShareTheRate(t *testing.T) {
	base := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if base == "" {
		t.Skip("NEWSBRIEF_TEST_POSTGRES is not set: the several-instance test needs PostgreSQL; .ci/run sets it")
	}
	if testing.Short() {
		t.Skip("runs three processes for about 20 s; skipped with -short")
	}
	const chats = 400
	dbURL := freshPostgresSchema(t, base)
	dir := t.TempDir()
	bin := buildBinary(t)
	store, err := postgres.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	seedDueChats(t, store, chats, 5000)
	store.Close()

	api := &fakeBotAPI{sent: map[string]int{}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			p.Process.Kill()
			p.Wait()
		}
	}()
	for i := range 3 {
		cmd := exec.Command(bin, "run")
		cmd.Env = append(os.Environ(),
			"NEWSBRIEF_DATABASE="+dbURL,
			"NEWSBRIEF_DATA_DIR="+filepath.Join(dir, fmt.Sprint(i)),
			"NEWSBRIEF_CONSOLE=false",
			"NEWSBRIEF_TELEGRAM_TOKEN=123:fake",
			"NEWSBRIEF_TELEGRAM_API_URL="+srv.URL+"/bot%s/%s",
			"NEWSBRIEF_LOG_LEVEL=error",
		)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}

	// Five commands a second, each from a chat of its own, until every
	// brief is out.
	briefed := func() bool {
		api.mu.Lock()
		defer api.mu.Unlock()
		for i := range chats {
			if api.sent[fmt.Sprint(5000+i)] == 0 {
				return false
			}
		}
		return true
	}
	commands := 0
	tick := time.NewTicker(200 * time.Millisecond)
	deadline := time.Now().Add(2 * time.Minute)
	for !briefed() {
		if time.Now().After(deadline) {
			n, c := api.count()
			t.Fatalf("after 2 minutes %d messages to %d chats, want every one of the %d briefed", n, c, chats)
		}
		<-tick.C
		api.command(int64(900000+commands), "/help")
		commands++
	}
	tick.Stop()
	waitUntilFor(t, "the replies to every command", time.Minute, func() bool {
		api.mu.Lock()
		defer api.mu.Unlock()
		for i := range commands {
			if api.sent[fmt.Sprint(900000+i)] == 0 {
				return false
			}
		}
		return true
	})
	for _, p := range procs {
		p.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range procs {
		if err := p.Wait(); err != nil {
			t.Errorf("instance exited with %v after SIGTERM", err)
		}
	}
	procs = nil

	api.mu.Lock()
	defer api.mu.Unlock()
	most := busiestSecond(api.stamps)
	t.Logf("3 instances: %d briefs and %d command replies, %d messages in all; at most %d in one second", chats, commands, len(api.stamps), most)
	if most > 30 {
		t.Errorf("%d messages reached the Bot API within one second, want at most 30", most)
	}
	if len(api.stamps) != chats+commands {
		t.Errorf("%d messages for %d briefs and %d commands: some went twice or not at all", len(api.stamps), chats, commands)
	}
}
