package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/telegram"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// TestMultiPartResumes sends a 17-part message to a group through the
// real Telegram adapter and a Bot API that times out every third part:
// every part arrives exactly once, in order, because the outbox records
// each part that went out and a retry sends only the rest.
func TestMultiPartResumes(t *testing.T) {
	// Every third sendMessage times out: the fake answers nothing until
	// the client gives up, and delivers nothing.
	api := telegramtest.NewServer(t, "")
	api.DropEvery(3)
	tg, err := telegram.New(t.Context(), telegram.Options{Token: "123:fake", APIURL: api.Endpoint(), PartGap: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for i := range 17 {
		fmt.Fprintf(&text, "Part %02d: %s\n\n", i+1, strings.Repeat("the council met again. ", 170))
	}
	group := bot.ChatRef{Platform: telegram.Platform, ID: "-100123"}
	m := bot.Message{Chat: group, Text: text.String()}
	if n := len(telegram.Render(m)); n != 17 {
		t.Fatalf("the message renders as %d parts, want 17", n)
	}

	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	clock := bottest.NewClock(time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC))
	if _, err := bot.Enqueue(t.Context(), s, m, "digest:2025-06-02", clock.Now()); err != nil {
		t.Fatal(err)
	}
	box := bot.NewOutbox(s, []bot.Chat{tg}, bot.OutboxOptions{Clock: clock, Workers: 1, SendTimeout: 300 * time.Millisecond})
	for range 30 {
		if _, err := box.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Outbox(t.Context()); n == 0 {
			break
		}
		clock.Sleep(t.Context(), time.Hour) // the retry's backoff passes
	}

	var got []string
	for _, m := range api.Messages() {
		got = append(got, m.Text[:len("Part 01")])
	}
	var want []string
	for i := range 17 {
		want = append(want, fmt.Sprintf("Part %02d", i+1))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("the group got %d messages:\n%v\nwant each of the 17 parts once, in order:\n%v", len(got), got, want)
	}
	if calls := api.Calls(); calls <= 17 {
		t.Errorf("the fake was called %d times: no part timed out, the test proves nothing", calls)
	}
}
