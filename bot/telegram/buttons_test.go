package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
	"github.com/newsbrief/newsbrief/brief"
)

// button is an inline button as the tests compare them.
type button struct {
	Text         string `json:"text"`
	URL          string `json:"url,omitempty"`
	CallbackData string `json:"callback_data,omitempty"`
}

func decodeKeyboard(t *testing.T, js string) [][]button {
	t.Helper()
	if js == "" {
		return nil
	}
	var kb struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(js), &kb); err != nil {
		t.Fatalf("reply_markup %s: %v", js, err)
	}
	return kb.InlineKeyboard
}

func story(i int, urls ...string) brief.Story {
	st := brief.Story{Headline: fmt.Sprintf("Story %d", i)}
	for _, u := range urls {
		st.Sources = append(st.Sources, brief.StorySource{Name: "One", URL: u})
	}
	return st
}

func TestKeyboard(t *testing.T) {
	more := []button{{Text: "More", CallbackData: "/summary"}}
	var ten brief.Digest
	for i := range 10 {
		ten.Stories = append(ten.Stories, story(i, fmt.Sprintf("https://one.example/%d", i+1)))
	}
	var tenRow []button
	for i := range 8 {
		tenRow = append(tenRow, button{Text: fmt.Sprint(i + 1), URL: fmt.Sprintf("https://one.example/%d", i+1)})
	}
	tests := []struct {
		name string
		m    bot.Message
		want [][]button
	}{
		{"text", bot.Message{Text: "Subscribed to ukraine."}, nil},
		{"brief", bot.Message{Brief: &brief.Brief{Title: "T", URL: "https://one.example/a?b=1&c=2"}},
			[][]button{{{Text: "Source", URL: "https://one.example/a?b=1&c=2"}}}},
		{"brief without URL", bot.Message{Brief: &brief.Brief{Title: "T"}}, nil},
		{"brief with a javascript URL", bot.Message{Brief: &brief.Brief{Title: "T", URL: "javascript:alert(1)"}}, nil},
		{"empty digest", bot.Message{Digest: &brief.Digest{}}, nil},
		{"digest", bot.Message{Digest: &brief.Digest{Stories: []brief.Story{
			story(1, "ftp://one.example/x", "https://two.example/b"), // the first usable source
			story(2), // none: no button 2
			story(3, "https://three.example/c"),
		}}}, [][]button{{{Text: "1", URL: "https://two.example/b"}, {Text: "3", URL: "https://three.example/c"}}, more}},
		{"digest without links", bot.Message{Digest: &brief.Digest{Stories: []brief.Story{story(1)}}}, [][]button{more}},
		{"ten stories: eight buttons", bot.Message{Digest: &ten}, [][]button{tenRow, more}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]button
			if kb := keyboard(tt.m); kb != nil {
				js, err := json.Marshal(kb)
				if err != nil {
					t.Fatal(err)
				}
				got = decodeKeyboard(t, string(js))
				if err := telegramtest.CheckKeyboard(string(js)); err != nil {
					t.Errorf("Telegram would refuse %s: %v", js, err)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keyboard(%s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

// TestButtonsUnderLastPart: a digest long enough for several parts has
// its buttons under the last part only, and the fake accepts them.
func TestButtonsUnderLastPart(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	var d brief.Digest
	for i := range 30 {
		st := story(i, fmt.Sprintf("https://one.example/%d", i))
		st.Brief.KeyPoints = []string{strings.Repeat("A long key point & more. ", 8)}
		d.Stories = append(d.Stories, st)
	}
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Digest: &d}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := f.Messages()
	if len(got) < 2 {
		t.Fatalf("the digest went out in %d messages, want several", len(got))
	}
	for i, m := range got[:len(got)-1] {
		if m.ReplyMarkup != "" {
			t.Errorf("part %d of %d has buttons %s, want them under the last part only", i+1, len(got), m.ReplyMarkup)
		}
	}
	kb := decodeKeyboard(t, got[len(got)-1].ReplyMarkup)
	if len(kb) != 2 || len(kb[0]) != maxURLButtons || kb[1][0] != (button{Text: "More", CallbackData: "/summary"}) {
		t.Errorf("the last part's buttons = %+v, want 8 sources and More", kb)
	}
}

// TestMoreButton presses More under a digest, by polling in a private chat
// and by webhook in a forum topic: each press is answered, and the presser
// gets the latest brief in that chat; a press whose data is no command
// only stops the spinner.
func TestMoreButton(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	b := bottest.NewBot(t)
	f.Press("cb1", 42, "private", 0, 42, "/summary")
	f.Press("cb2", 42, "private", 0, 42, "noop")

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()
	f.WaitMessages(t, 1)
	// The second press is answered without a message.
	bottest.WaitFor(t, "the second press answered", 0, func() bool { return len(f.Callbacks()) >= 2 })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}

	press := telegramtest.PressUpdate("cb3", -1001, "supergroup", 9, 8, "/summary@newsbrief_bot")
	press["update_id"] = 7
	body, err := json.Marshal(press)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(string(body)))
	r.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret")
	w := httptest.NewRecorder()
	a.WebhookHandler(b, "s3cret").ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("webhook with a button press = %d, want 200", w.Code)
	}

	got := f.Messages()
	if diff := cmp.Diff([]string{"cb1", "cb2", "cb3"}, f.Callbacks()); diff != "" {
		t.Errorf("answerCallbackQuery ids mismatch (-want +got):\n%s", diff)
	}
	if len(got) != 2 {
		t.Fatalf("the fake got %d messages, want 2 briefs: %+v", len(got), got)
	}
	for i, want := range []struct{ chat, thread string }{{"42", ""}, {"-1001", "9"}} {
		m := got[i]
		if m.ChatID != want.chat || m.ThreadID != want.thread || !strings.Contains(m.Text, "<b>1. Ukraine and Poland agree on grain transit</b>") {
			t.Errorf("reply %d = %+v, want the digest in chat %s topic %q", i+1, m, want.chat, want.thread)
		}
		if kb := decodeKeyboard(t, m.ReplyMarkup); len(kb) == 0 || kb[len(kb)-1][0].CallbackData != "/summary" {
			t.Errorf("reply %d has buttons %s, want More again", i+1, m.ReplyMarkup)
		}
	}
}
