package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// vclock is a virtual clock shared by the outbox and the fake Bot API:
// Sleep moves time on at once, so a fan-out of minutes runs in seconds.
type vclock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *vclock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *vclock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	if d > 0 {
		c.t = c.t.Add(d)
	}
	c.mu.Unlock()
	return nil
}

// pacedAPI is the fake Bot API with Telegram's send limits on the virtual
// clock: a sendMessage beyond 30 a second overall, or 1 a second to one
// chat, is answered 429 with retry_after, as Telegram would.
type pacedAPI struct {
	*fakeAPI
	clock *vclock

	mu       sync.Mutex
	attempts []time.Time            // every sendMessage, refused ones too
	perChat  map[string][]time.Time // sendMessage calls by chat
	stamps   []time.Time            // the accepted ones
	limited  int                    // 429s answered
}

func newPacedAPI(t testing.TB, clock *vclock) *pacedAPI {
	t.Helper()
	p := &pacedAPI{fakeAPI: &fakeAPI{members: map[string]string{}}, clock: clock, perChat: map[string][]time.Time{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

var (
	telegramGlobal  = bot.Rate{N: 30, Per: time.Second}
	telegramPerChat = bot.Rate{N: 1, Per: time.Second}
)

func (p *pacedAPI) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/sendMessage") {
		p.fakeAPI.serve(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		refuse(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	chat := r.Form.Get("chat_id")
	p.mu.Lock()
	now := p.clock.Now()
	p.attempts = append(p.attempts, now)
	p.perChat[chat] = append(p.perChat[chat], now)
	limited := over(p.attempts, telegramGlobal) || over(p.perChat[chat], telegramPerChat)
	if limited {
		p.limited++
	} else {
		p.stamps = append(p.stamps, now)
	}
	p.mu.Unlock()
	if limited {
		reply(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
			"description": "Too Many Requests: retry after 1", "parameters": map[string]any{"retry_after": 1}})
		return
	}
	p.fakeAPI.serve(w, r)
}

// over reports whether the last request broke rate: more than N requests
// within Per.
func over(ts []time.Time, rate bot.Rate) bool {
	if len(ts) <= rate.N {
		return false
	}
	return ts[len(ts)-1].Sub(ts[len(ts)-1-rate.N]) < rate.Per
}

// fanOutResult is what a fan-out through the paced fake measured.
type fanOutResult struct {
	sent, limited int
	// rate is the share of 30 msg/s achieved, in percent: the messages
	// after the first over the virtual seconds from the first to the last.
	rate float64
}

// fanOut queues one brief for each of n private chats, drains the outbox
// through the real Adapter and the paced fake, and measures the result.
func fanOut(t testing.TB, n int) fanOutResult {
	t.Helper()
	ctx := context.Background()
	clock := &vclock{t: time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC)}
	api := newPacedAPI(t, clock)
	a, err := New(ctx, Options{Token: testToken, APIURL: api.endpoint(), HTTPClient: &http.Client{Timeout: 5 * time.Second}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range n {
		m := bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: fmt.Sprint(1000 + i)},
			Text: "Good morning: three stories on grain, chips & <ports>."}
		if _, err := bot.Enqueue(ctx, s, m, "digest:2025-06-02", clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	box := bot.NewOutbox(s, []bot.Chat{a}, bot.OutboxOptions{Clock: clock, Workers: 1})
	if _, err := box.Drain(ctx); err != nil {
		t.Fatalf("Drain: %v", err)
	}
	api.mu.Lock()
	defer api.mu.Unlock()
	res := fanOutResult{sent: len(api.stamps), limited: api.limited}
	if res.sent > 1 {
		secs := api.stamps[len(api.stamps)-1].Sub(api.stamps[0]).Seconds()
		res.rate = float64(res.sent-1) / secs / float64(telegramGlobal.N) * 100
	}
	if got := len(api.messages()); got != res.sent {
		t.Errorf("the fake stored %d messages, but stamped %d", got, res.sent)
	}
	return res
}

// TestFanOutPace sends to 600 chats through the real adapter and a fake
// Bot API that answers 429 to any send beyond Telegram's limits: none may
// be refused, and the outbox must use most of 30 msg/s while keeping its
// margin of a tenth below it (network jitter bunches sends at the
// receiver). The 10,000-chat run is BenchmarkFanOut.
func TestFanOutPace(t *testing.T) {
	const n = 600
	res := fanOut(t, n)
	if res.sent != n || res.limited != 0 {
		t.Errorf("fan-out to %d chats: sent %d, fake answered %d 429s; want %d sent, 0 429s", n, res.sent, res.limited, n)
	}
	if res.rate < 88 || res.rate > 92 {
		t.Errorf("fan-out to %d chats ran at %.2f%% of 30 msg/s, want 88%% to 92%%: the limit less a tenth", n, res.rate)
	}
}

// BenchmarkFanOut sends one message to each of 10,000 chats through the
// real adapter, the outbox on a virtual clock and the paced fake Bot API;
// it reports the share of 30 msg/s reached and the 429s the fake answered.
//
//	go test ./bot/telegram -run '^$' -bench FanOut -benchtime 1x
func BenchmarkFanOut(b *testing.B) {
	const n = 10000
	for b.Loop() {
		res := fanOut(b, n)
		if res.sent != n || res.limited != 0 {
			b.Fatalf("sent %d of %d, fake answered %d 429s", res.sent, n, res.limited)
		}
		b.ReportMetric(res.rate, "%-of-30/s")
		b.ReportMetric(float64(res.limited), "429s")
	}
}

// TestPacedAPIRefuses checks the fake's limits, without which zero 429s in
// TestFanOutPace would prove nothing: a second message to a chat within a
// second, and a 31st message within a second, are answered 429.
func TestPacedAPIRefuses(t *testing.T) {
	var distinct []string
	for i := range telegramGlobal.N + 1 {
		distinct = append(distinct, fmt.Sprint(i+1))
	}
	tests := []struct {
		name  string
		chats []string
	}{
		{"same chat twice", []string{"1", "1"}},
		{"31 chats at once", distinct},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &vclock{t: time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC)}
			api := newPacedAPI(t, clock)
			a := newAdapter(t, api.fakeAPI, nil)
			var last error
			for _, id := range tt.chats {
				last = a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: id}, Text: "hi"})
			}
			var rl interface{ RetryAfter() time.Duration }
			if !errors.As(last, &rl) || rl.RetryAfter() != time.Second || api.limited != 1 {
				t.Errorf("last Send = %v with %d 429s, want one 429 with retry_after 1", last, api.limited)
			}
		})
	}
}
