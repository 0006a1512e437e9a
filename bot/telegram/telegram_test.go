package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
	"github.com/newsbrief/newsbrief/brief"
)

const testToken = "123456:SECRET-token_abc"

func newAdapter(t *testing.T, f *telegramtest.Server, log *slog.Logger) *Adapter {
	t.Helper()
	a, err := New(t.Context(), Options{Token: testToken, APIURL: f.Endpoint(), PollTimeout: time.Second,
		HTTPClient: &http.Client{Timeout: 5 * time.Second}, PartGap: time.Millisecond, Log: log})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

func TestCommandsByPolling(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	b := bottest.NewBot(t)
	f.SetMember("-100", "8", "administrator")
	f.Command(42, "private", 42, "/subscribe ukraine")
	f.Command(42, "private", 42, "/schedule 08:00 Europe/Berlin")
	f.Command(42, "private", 42, "/summary")
	f.Command(-100, "supergroup", 7, "/summary@other_bot")             // for another bot: no reply
	f.Command(-100, "supergroup", 7, "/subscribe chips")               // a member
	f.Command(-100, "supergroup", 8, "/subscribe@NewsBrief_Bot chips") // an admin
	f.Command(-100, "supergroup", 8, "/topics")                        // the admin again: cached
	f.Command(42, "private", 42, "no command")                         // no reply

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()
	got := f.WaitMessages(t, 6)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	tests := []struct {
		chat, contains string
		digest         bool
	}{
		{"42", "Subscribed to ukraine.", false},
		{"42", "The daily brief comes at 08:00 Europe/Berlin", false},
		{"42", "<b>1. Ukraine and Poland agree on grain transit</b>", true},
		{"-100", "Only this chat's admins can change that.", false},
		{"-100", "Subscribed to chip.", false},
		{"-100", "This chat follows: chip.", false},
	}
	if len(got) != len(tests) {
		t.Fatalf("the fake got %d messages, want %d: %+v", len(got), len(tests), got)
	}
	// Chats are answered concurrently, each chat's commands in order.
	slices.SortStableFunc(got, func(a, b telegramtest.Message) int { return -strings.Compare(a.ChatID, b.ChatID) })
	for i, tt := range tests {
		m := got[i]
		if m.ChatID != tt.chat || !strings.Contains(m.Text, tt.contains) || m.ParseMode != "HTML" {
			t.Errorf("message %d = %+v, want HTML to %s with %q", i+1, m, tt.chat, tt.contains)
		}
		if noPreview := m.NoPreview == "true"; noPreview != tt.digest {
			t.Errorf("message %d: disable_web_page_preview = %q, want it set only for digests", i+1, m.NoPreview)
		}
	}
	if f.MemberCalls() != 2 {
		t.Errorf("getChatMember was called %d times, want 2 (once per user, then cached)", f.MemberCalls())
	}
}

// TestSlowChatDoesNotHoldUpOthers: while the reply to one chat is stuck
// on its way out, another chat's /help is answered.
func TestSlowChatDoesNotHoldUpOthers(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	b := bottest.NewBot(t)
	release := f.Hold("1")
	f.Command(1, "private", 1, "/help")

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()
	bottest.WaitFor(t, "the reply to chat 1 on the wire", 0, func() bool { return f.OnWire("1") > 0 })
	f.Command(2, "private", 2, "/help")
	got := f.WaitMessages(t, 1)
	if got[0].ChatID != "2" || !strings.Contains(got[0].Text, "/subscribe") {
		t.Errorf("first reply = %+v, want the help text to chat 2", got[0])
	}
	if f.GaveUp() > 0 {
		t.Errorf("chat 2 got its reply only after the reply to chat 1 timed out: chat 2 waited for chat 1")
	}
	release()
	got = f.WaitMessages(t, 2)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if got[1].ChatID != "1" {
		t.Errorf("second reply = %+v, want the held reply to chat 1", got[1])
	}
}

func TestWebhook(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	h := a.WebhookHandler(bottest.NewBot(t), "s3cret")
	body := `{"update_id":5,"message":{"message_id":1,"date":0,"text":"/help","message_thread_id":9,"is_topic_message":true,` +
		`"from":{"id":42,"is_bot":false,"first_name":"U"},"chat":{"id":-1001,"type":"supergroup"}}}`
	tests := []struct {
		name, secret string
		set          bool
		want         int
	}{
		{"missing secret", "", false, http.StatusUnauthorized},
		{"wrong secret", "guess", true, http.StatusUnauthorized},
		{"empty secret", "", true, http.StatusUnauthorized},
		{"right secret", "s3cret", true, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(body))
			if tt.set {
				r.Header.Set("X-Telegram-Bot-Api-Secret-Token", tt.secret)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Errorf("webhook with secret %q = %d, want %d", tt.secret, w.Code, tt.want)
			}
		})
	}
	got := f.Messages()
	if len(got) != 1 || got[0].ChatID != "-1001" || got[0].ThreadID != "9" || !strings.Contains(got[0].Text, "/subscribe") {
		t.Errorf("sent %+v, want the help text once, to chat -1001 topic 9", got)
	}
}

func TestSendLongDigest(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	var d brief.Digest
	for i := range 40 {
		d.Stories = append(d.Stories, brief.Story{
			Headline: fmt.Sprintf("Story %d: <tags> & entities_", i),
			Brief:    brief.Brief{KeyPoints: []string{strings.Repeat("A long key point & more. ", 8)}},
			Sources:  []brief.StorySource{{Name: "One", URL: "https://one.example/?a=1&b=2"}},
		})
	}
	chat := bot.ChatRef{Platform: Platform, ID: "-100", Thread: "7"}
	if err := a.Send(t.Context(), bot.Message{Chat: chat, Digest: &d}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := f.Messages()
	if len(got) < 2 || len(got) > MaxBriefParts {
		t.Fatalf("the digest went out in %d messages, want several, at most %d", len(got), MaxBriefParts)
	}
	if len(f.Refused()) > 0 {
		t.Errorf("the fake refused %d parts as bad HTML: %+v", len(f.Refused()), f.Refused()[0])
	}
	var text strings.Builder
	for i, m := range got {
		if m.ChatID != "-100" || m.ThreadID != "7" || m.NoPreview != "true" || m.ParseMode != "HTML" {
			t.Errorf("part %d = %+v, want chat -100, topic 7, HTML, no preview", i+1, m)
		}
		text.WriteString(plainText(m.Text))
	}
	if err := shownPrefix(text.String(), plainText(whole(bot.Message{Digest: &d}))); err != nil || !strings.HasSuffix(text.String(), "more with /summary.") {
		t.Errorf("the parts do not show the digest's first stories and how many more there are: %v", err)
	}
}

// TestRateLimitMidMessage: a 429 after some parts went out is waited for
// in Send, so that no part is sent twice.
func TestRateLimitMidMessage(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	f.LimitAt(2)
	text := strings.Repeat("a line of news\n", 600)
	start := time.Now()
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: text}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("Send took %v, want at least the 1s asked for", d)
	}
	var got strings.Builder
	for _, m := range f.Messages() {
		got.WriteString(plainText(m.Text))
	}
	if want := strings.TrimRight(text, "\n"); got.String() != want {
		t.Errorf("the chat got %d bytes of text, want %d, each part once", got.Len(), len(want))
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		mode  telegramtest.Failure
		check func(error) error
	}{
		{telegramtest.TooManyRequests, func(err error) error {
			var rl interface{ RetryAfter() time.Duration }
			if !errors.As(err, &rl) || rl.RetryAfter() != 3*time.Second {
				return errors.New("want RetryAfter() = 3s")
			}
			return nil
		}},
		{telegramtest.Blocked, func(err error) error {
			if !errors.Is(err, bot.ErrChatGone) {
				return errors.New("want ErrChatGone")
			}
			return nil
		}},
		{telegramtest.ChatNotFound, func(err error) error {
			if !errors.Is(err, bot.ErrChatGone) {
				return errors.New("want ErrChatGone")
			}
			return nil
		}},
		{telegramtest.NoHTML, func(err error) error { return err }},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			f := telegramtest.NewServer(t, testToken)
			a := newAdapter(t, f, nil)
			f.Fail(tt.mode)
			err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: "a <b> & c"})
			if e := tt.check(err); e != nil {
				t.Errorf("Send() in mode %s = %v: %v", tt.mode, err, e)
			}
		})
	}
}

func TestPlainTextRetry(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	f.Fail(telegramtest.NoHTML)
	b := brief.Brief{Title: "Chips & <cars>", URL: "https://one.example/x"}
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Brief: &b}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := f.Messages()
	for i := range got {
		got[i].At = time.Time{}
	}
	want := telegramtest.Message{ChatID: "42", Text: "Chips & <cars>\none.example",
		ReplyMarkup: `{"inline_keyboard":[[{"text":"Source","url":"https://one.example/x"}]]}`}
	if len(f.Refused()) != 1 || len(got) != 1 || got[0] != want {
		t.Errorf("refused %d, then sent %+v; want one refusal, then %+v", len(f.Refused()), got, want)
	}
}

func TestRegisterCommands(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	if err := a.RegisterCommands(t.Context()); err != nil {
		t.Fatalf("RegisterCommands: %v", err)
	}
	var got []struct{ Command string }
	if err := json.Unmarshal([]byte(f.Commands()), &got); err != nil || len(got) != len(commands) || got[0].Command != "summary" {
		t.Errorf("setMyCommands got %s (%v), want the %d commands", f.Commands(), err, len(commands))
	}
}

// TestTokenNeverLeaks makes every kind of call fail with the server gone
// and looks for the token in the errors and the log.
func TestTokenNeverLeaks(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := newAdapter(t, f, log)
	f.Close()

	var errs []error
	errs = append(errs, a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: "hi"}))
	errs = append(errs, a.RegisterCommands(t.Context()))
	_, err := New(t.Context(), Options{Token: testToken, APIURL: f.Endpoint()})
	errs = append(errs, err)
	b := bottest.NewBot(t)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	if err := a.Run(ctx, b); err != nil {
		t.Errorf("Run: %v", err)
	}
	a.WebhookHandler(b, "s").ServeHTTP(httptest.NewRecorder(), func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"update_id":1,"message":{"text":"/help","chat":{"id":5,"type":"private"},"from":{"id":5}}}`))
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
		return r
	}())

	for i, err := range errs {
		if err == nil {
			t.Fatalf("call %d did not fail with the server closed", i)
		}
		if strings.Contains(err.Error(), testToken) || strings.Contains(fmt.Sprintf("%+v", err), "SECRET") {
			t.Errorf("error %d holds the token: %v", i, err)
		}
		if !strings.Contains(err.Error(), "[redacted]") {
			t.Errorf("error %d = %v, want the URL with the token redacted", i, err)
		}
	}
	if !strings.Contains(logs.String(), "telegram poll") || !strings.Contains(logs.String(), "telegram update") {
		t.Errorf("the log lacks the failed poll and update:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "SECRET") {
		t.Errorf("the log holds the token:\n%s", logs.String())
	}
}

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"no token", Options{APIURL: "http://127.0.0.1:1/bot%s/%s"}},
		{"endpoint without method", Options{Token: testToken, APIURL: "http://127.0.0.1:1/bot%s"}},
		{"endpoint with stray verb", Options{Token: testToken, APIURL: "http://127.0.0.1:1/%d/bot%s/%s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(t.Context(), tt.opts); !errors.Is(err, ErrOptions) {
				t.Errorf("New(%+v) = %v, want ErrOptions", tt.opts, err)
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a, err := New(t.Context(), Options{Token: testToken, APIURL: f.URL + "/"})
	if err != nil {
		t.Fatalf("New with a base URL: %v", err)
	}
	if a.BotName() != "newsbrief_bot" {
		t.Errorf("BotName() = %q, want newsbrief_bot from getMe", a.BotName())
	}
}

func TestForUs(t *testing.T) {
	a := &Adapter{name: "newsbrief_bot"}
	tests := []struct {
		text string
		want bool
	}{
		{"/summary", true},
		{"/summary@newsbrief_bot ukraine", true},
		{"/summary@NewsBrief_Bot", true},
		{"/summary@other_bot", false},
		{"summary", false},
		{"/", true},
		{"/help\nmore", true},
	}
	for _, tt := range tests {
		if got := a.forUs(tt.text); got != tt.want {
			t.Errorf("forUs(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestLimits(t *testing.T) {
	l := (&Adapter{}).Limits()
	if l.Global.Interval() > 34*time.Millisecond || l.PerChat.Interval() != time.Second || l.PerGroup.Interval() != 3*time.Second {
		t.Errorf("Limits() = %+v, want 30/s, 1/s, 20/min", l)
	}
	if !l.IsGroup("-100123") || l.IsGroup("42") {
		t.Errorf("IsGroup tells groups by a leading minus")
	}
}

// TestBadTokenAtStart: a token the Bot API refuses is found by getMe at
// start, as ErrUnauthorized with Telegram's own words and no token.
func TestBadTokenAtStart(t *testing.T) {
	for _, code := range []int{http.StatusUnauthorized, http.StatusNotFound} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			telegramtest.WriteError(w, code, http.StatusText(code))
		}))
		_, err := New(t.Context(), Options{Token: testToken, APIURL: srv.URL + "/bot%s/%s"})
		srv.Close()
		if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), http.StatusText(code)) {
			t.Errorf("New with a refused token (%d) = %v, want ErrUnauthorized saying %q", code, err, http.StatusText(code))
		}
		if err != nil && strings.Contains(err.Error(), testToken) {
			t.Errorf("the error holds the token: %v", err)
		}
	}
}

// TestErrorsWithoutDescription: an answer with ok false and no
// description (the npm emulator's for a method it lacks, a proxy's error
// page) still says what happened.
func TestErrorsWithoutDescription(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			telegramtest.WriteResult(w, map[string]any{"id": 1, "is_bot": true, "username": "nb_bot"})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"message": "API method 'setMyCommands' is not supported (token %s)"}`, testToken)
	}))
	defer srv.Close()
	a, err := New(t.Context(), Options{Token: testToken, APIURL: srv.URL + "/bot%s/%s"})
	if err != nil {
		t.Fatal(err)
	}
	err = a.RegisterCommands(t.Context())
	if err == nil || strings.Contains(err.Error(), "bot api 0: ") || !strings.Contains(err.Error(), "500 Internal Server Error") || !strings.Contains(err.Error(), "is not supported") {
		t.Errorf("RegisterCommands = %v, want the HTTP status and the body's words", err)
	}
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Errorf("the error holds the token: %v", err)
	}
}
