package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// telegramGlobal and telegramPerChat are Telegram's limits, which the
// paced fake enforces.
var (
	telegramGlobal  = telegramtest.Limit{N: 30, Per: time.Second}
	telegramPerChat = telegramtest.Limit{N: 1, Per: time.Second}
)

// newPacedAPI is the fake Bot API with Telegram's send limits on the
// virtual clock: a sendMessage beyond 30 a second overall, or 1 a second
// to one chat, is answered 429 with retry_after, as Telegram would.
func newPacedAPI(t testing.TB, clock *bottest.Clock) *telegramtest.Server {
	t.Helper()
	api := telegramtest.NewServer(t, testToken)
	api.Pace(clock.Now, telegramGlobal, telegramPerChat)
	return api
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
	clock := bottest.NewClock(time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC))
	api := newPacedAPI(t, clock)
	a, err := New(ctx, Options{Token: testToken, APIURL: api.Endpoint(), HTTPClient: &http.Client{Timeout: 5 * time.Second}})
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
	sent := api.Messages()
	res := fanOutResult{sent: len(sent), limited: api.Limited()}
	if res.sent > 1 {
		secs := sent[len(sent)-1].At.Sub(sent[0].At).Seconds()
		res.rate = float64(res.sent-1) / secs / float64(telegramGlobal.N) * 100
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
			clock := bottest.NewClock(time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC))
			api := newPacedAPI(t, clock)
			a := newAdapter(t, api, nil)
			var last error
			for _, id := range tt.chats {
				last = a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: id}, Text: "hi"})
			}
			var rl interface{ RetryAfter() time.Duration }
			if !errors.As(last, &rl) || rl.RetryAfter() != time.Second || api.Limited() != 1 {
				t.Errorf("last Send = %v with %d 429s, want one 429 with retry_after 1", last, api.Limited())
			}
		})
	}
}
