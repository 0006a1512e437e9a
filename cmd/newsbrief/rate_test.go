package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
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
	longTest(t, "runs three processes for about 20 s")
	const chats = 400
	dbURL := sharedPostgres(t)
	bin := buildBinary(t)
	seedPostgres(t, dbURL, chats)
	api := newBotAPI(t)
	polls := newPollOnce(t, api)
	procs := startInstances(t, bin, dbURL, 3, "NEWSBRIEF_CONSOLE=false", "NEWSBRIEF_TELEGRAM_TOKEN=123:fake",
		"NEWSBRIEF_TELEGRAM_API_URL="+polls.URL+"/bot%s/%s", "NEWSBRIEF_LOG_LEVEL=error")

	// Five commands a second, each from a chat of its own, until every
	// brief is out.
	commands := 0
	tick := time.NewTicker(200 * time.Millisecond)
	deadline := time.Now().Add(2 * time.Minute)
	for !api.allSent(5000, chats) {
		if time.Now().After(deadline) {
			n, c := api.count()
			t.Fatalf("after 2 minutes %d messages to %d chats, want every one of the %d briefed", n, c, chats)
		}
		<-tick.C
		polls.command(int64(900000+commands), "/help")
		commands++
	}
	tick.Stop()
	waitUntilFor(t, "the replies to every command", time.Minute, func() bool { return api.allSent(900000, commands) })
	stopAll(t, procs...)

	var stamps []time.Time
	for _, m := range api.Messages() {
		stamps = append(stamps, m.At)
	}
	most := busiestSecond(stamps)
	t.Logf("3 instances: %d briefs and %d command replies, %d messages in all; at most %d in one second", chats, commands, len(stamps), most)
	if most > 30 {
		t.Errorf("%d messages reached the Bot API within one second, want at most 30", most)
	}
	if len(stamps) != chats+commands {
		t.Errorf("%d messages for %d briefs and %d commands: some went twice or not at all", len(stamps), chats, commands)
	}
}

// pollOnce stands in front of the shared fake Bot API and hands each
// update it queues to one getUpdates call, as Telegram does when several
// instances poll one bot; the shared fake keeps an update for every
// poller until an offset confirms it. Everything else goes to the fake.
type pollOnce struct {
	*httptest.Server
	mu      sync.Mutex
	updates []string
	next    int
}

func newPollOnce(t *testing.T, api botAPI) *pollOnce {
	t.Helper()
	target, err := url.Parse(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	p := &pollOnce{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/getUpdates") {
			proxy.ServeHTTP(w, r)
			return
		}
		p.mu.Lock()
		ups := p.updates
		p.updates = nil
		p.mu.Unlock()
		if len(ups) == 0 {
			select { // a long poll with nothing to say
			case <-time.After(300 * time.Millisecond):
			case <-r.Context().Done():
			}
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"result":[%s]}`, strings.Join(ups, ","))
	}))
	t.Cleanup(p.Close)
	return p
}

// command queues a command from user in a private chat of the same id.
func (p *pollOnce) command(user int64, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	word, _, _ := strings.Cut(text, " ")
	js, _ := json.Marshal(map[string]any{"update_id": p.next, "message": map[string]any{
		"message_id": p.next, "date": 0, "text": text,
		"from":     map[string]any{"id": user, "is_bot": false, "first_name": "U"},
		"chat":     map[string]any{"id": user, "type": "private"},
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len(word)}}}})
	p.updates = append(p.updates, string(js))
}
