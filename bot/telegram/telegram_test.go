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
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
)

const testToken = "123456:SECRET-token_abc"

// sentMessage is one sendMessage call the fake answered, as it was asked.
type sentMessage struct {
	ChatID, Text, ParseMode, ThreadID, NoPreview, ReplyMarkup string
}

// fakeAPI is a Bot API on loopback: getMe, sendMessage (which checks the
// HTML and the inline keyboard as Telegram would), getUpdates,
// getChatMember, answerCallbackQuery and setMyCommands.
type fakeAPI struct {
	srv *httptest.Server

	mu       sync.Mutex
	mode     string // "", "429", "403", "gone", "nohtml"
	sent     []sentMessage
	refused  []sentMessage // answered 400 "can't parse entities"
	updates  []map[string]any
	members  map[string]string // "chat:user" -> status
	asked    int               // getChatMember calls
	commands string
	calls    int      // sendMessage calls
	answered []string // callback_query_id of each answerCallbackQuery
	limitAt  int      // the sendMessage call to answer 429 retry_after 1, once
	// hold keeps sendMessage to a chat waiting until its channel closes
	// (or the client gives up), like a slow network under a long reply;
	// held counts the calls waiting, gaveUp those the client gave up on.
	hold         map[string]chan struct{}
	held, gaveUp int
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{members: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) endpoint() string { return f.srv.URL + "/bot%s/%s" }

func reply(w http.ResponseWriter, code int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

func refuse(w http.ResponseWriter, code int, desc string) {
	reply(w, code, map[string]any{"ok": false, "error_code": code, "description": desc})
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + testToken + "/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		refuse(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if err := r.ParseForm(); err != nil {
		refuse(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	ok := func(result any) { reply(w, http.StatusOK, map[string]any{"ok": true, "result": result}) }
	f.mu.Lock()
	defer f.mu.Unlock()
	switch method := strings.TrimPrefix(r.URL.Path, prefix); method {
	case "getMe":
		ok(map[string]any{"id": 1, "is_bot": true, "first_name": "News", "username": "newsbrief_bot"})
	case "sendMessage":
		m := sentMessage{ChatID: r.Form.Get("chat_id"), Text: r.Form.Get("text"), ParseMode: r.Form.Get("parse_mode"),
			ThreadID: r.Form.Get("message_thread_id"), NoPreview: r.Form.Get("disable_web_page_preview"),
			ReplyMarkup: r.Form.Get("reply_markup")}
		if hold := f.hold[m.ChatID]; hold != nil {
			f.held++
			f.mu.Unlock()
			select {
			case <-hold:
			case <-r.Context().Done():
				f.mu.Lock()
				f.gaveUp++
				f.mu.Unlock()
			}
			f.mu.Lock()
			f.held--
		}
		f.calls++
		if f.calls == f.limitAt {
			reply(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
				"description": "Too Many Requests: retry after 1", "parameters": map[string]any{"retry_after": 1}})
			return
		}
		switch f.mode {
		case "429":
			reply(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
				"description": "Too Many Requests: retry after 3", "parameters": map[string]any{"retry_after": 3}})
			return
		case "403":
			refuse(w, http.StatusForbidden, "Forbidden: bot was blocked by the user")
			return
		case "gone":
			refuse(w, http.StatusBadRequest, "Bad Request: chat not found")
			return
		}
		if m.ReplyMarkup != "" {
			if err := checkMarkup(m.ReplyMarkup); err != nil {
				refuse(w, http.StatusBadRequest, "Bad Request: can't parse inline keyboard button: "+err.Error())
				return
			}
		}
		if m.ParseMode == "HTML" {
			_, err := checkHTML(m.Text)
			if err == nil && f.mode == "nohtml" {
				err = errors.New("unsupported start tag")
			}
			if err != nil {
				f.refused = append(f.refused, m)
				refuse(w, http.StatusBadRequest, "Bad Request: can't parse entities: "+err.Error())
				return
			}
		}
		f.sent = append(f.sent, m)
		ok(map[string]any{"message_id": len(f.sent), "date": 0, "chat": map[string]any{"id": 1}})
	case "getUpdates":
		offset, _ := strconv.Atoi(r.Form.Get("offset"))
		var out []map[string]any
		for _, u := range f.updates {
			if u["update_id"].(int) >= offset {
				out = append(out, u)
			}
		}
		if len(out) == 0 {
			// A short wait stands in for the long poll.
			f.mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			f.mu.Lock()
		}
		ok(out)
	case "getChatMember":
		f.asked++
		ok(map[string]any{"status": cmpOr(f.members[r.Form.Get("chat_id")+":"+r.Form.Get("user_id")], "member"),
			"user": map[string]any{"id": 2}})
	case "answerCallbackQuery":
		f.answered = append(f.answered, r.Form.Get("callback_query_id"))
		ok(true)
	case "setMyCommands":
		f.commands = r.Form.Get("commands")
		ok(true)
	default:
		refuse(w, http.StatusNotFound, "Not Found: method "+method)
	}
}

// checkMarkup checks an inline keyboard as Telegram does: rows of 1 to 8
// buttons, at most 100 in all, each with a text and exactly one of an
// http(s) url and a callback_data of 1 to 64 bytes.
func checkMarkup(js string) error {
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string  `json:"text"`
			URL          *string `json:"url"`
			CallbackData *string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(js), &kb); err != nil {
		return err
	}
	if len(kb.InlineKeyboard) == 0 {
		return errors.New("no rows")
	}
	total := 0
	for _, row := range kb.InlineKeyboard {
		if len(row) == 0 || len(row) > 8 {
			return fmt.Errorf("a row of %d buttons", len(row))
		}
		for _, b := range row {
			total++
			switch {
			case b.Text == "":
				return errors.New("text must be non-empty")
			case (b.URL == nil) == (b.CallbackData == nil):
				return fmt.Errorf("button %q needs exactly one of url and callback_data", b.Text)
			case b.URL != nil && !strings.HasPrefix(*b.URL, "https://") && !strings.HasPrefix(*b.URL, "http://"):
				return fmt.Errorf("button %q: unsupported URL", b.Text)
			case b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > 64):
				return fmt.Errorf("button %q: BUTTON_DATA_INVALID", b.Text)
			}
		}
	}
	if total > 100 {
		return fmt.Errorf("%d buttons", total)
	}
	return nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (f *fakeAPI) setMode(mode string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mode = mode
}

// queue adds a message update from user in chat.
func (f *fakeAPI) queue(chat int64, chatType string, user int64, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, map[string]any{
		"update_id": 100 + len(f.updates),
		"message": map[string]any{"message_id": len(f.updates) + 1, "date": 0, "text": text,
			"from": map[string]any{"id": user, "is_bot": false, "first_name": "U"},
			"chat": map[string]any{"id": chat, "type": chatType}},
	})
}

// queueCallback adds the press, by user, of a button with data under a
// message in chat (in topic thread, unless 0).
func (f *fakeAPI) queueCallback(id string, chat int64, chatType string, thread int, user int64, data string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, callbackUpdate(100+len(f.updates), id, chat, chatType, thread, user, data))
}

func callbackUpdate(updateID int, id string, chat int64, chatType string, thread int, user int64, data string) map[string]any {
	msg := map[string]any{"message_id": 1, "date": 0, "text": "the digest",
		"from": map[string]any{"id": 1, "is_bot": true, "first_name": "News"},
		"chat": map[string]any{"id": chat, "type": chatType}}
	if thread != 0 {
		msg["message_thread_id"], msg["is_topic_message"] = thread, true
	}
	return map[string]any{"update_id": updateID, "callback_query": map[string]any{"id": id, "chat_instance": "1", "data": data,
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "U"}, "message": msg}}
}

func (f *fakeAPI) callbacks() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.answered...)
}

func (f *fakeAPI) messages() []sentMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sentMessage(nil), f.sent...)
}

func newAdapter(t *testing.T, f *fakeAPI, log *slog.Logger) *Adapter {
	t.Helper()
	a, err := New(t.Context(), Options{Token: testToken, APIURL: f.endpoint(), PollTimeout: time.Second,
		HTTPClient: &http.Client{Timeout: 5 * time.Second}, PartGap: time.Millisecond, Log: log})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

var grainTalks = brief.Article{ID: "k1", URL: "https://one.example/kyiv", Title: "Ukraine and Poland agree on grain transit",
	Text: "Ukrainian President Volodymyr Zelenskyy met Polish Prime Minister Donald Tusk in Warsaw on Monday to settle a dispute over grain transit.\nThe two leaders agreed to reopen the border crossings to Ukrainian grain trucks from next week.\n\"We have found a fair solution for farmers on both sides,\" Tusk said after the talks.\nThe deal includes joint inspections at three crossings."}

func newBot(t *testing.T) *bot.Bot {
	t.Helper()
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	src, err := s.AddSource(ctx, bot.Source{URL: "https://one.example/feed", Title: "One"})
	if err != nil {
		t.Fatal(err)
	}
	a := grainTalks
	a.Source, a.Published = src.URL, time.Now().Add(-time.Hour)
	if _, err := s.AddArticles(ctx, []bot.Article{{Article: a, SourceID: src.ID, GUID: a.ID, CanonicalURL: a.URL,
		Fingerprint: brief.Fingerprint(a), Fetched: time.Now().Add(-time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	return bot.New(s, brief.New(brief.Options{}), bot.Options{})
}

// waitFor polls until n messages were sent, or fails.
func waitFor(t *testing.T, f *fakeAPI, n int) []sentMessage {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := f.messages(); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the fake got %d messages, want %d: %+v", len(f.messages()), n, f.messages())
	return nil
}

func TestCommandsByPolling(t *testing.T) {
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	b := newBot(t)
	f.members["-100:8"] = "administrator"
	f.queue(42, "private", 42, "/subscribe ukraine")
	f.queue(42, "private", 42, "/schedule 08:00 Europe/Berlin")
	f.queue(42, "private", 42, "/summary")
	f.queue(-100, "supergroup", 7, "/summary@other_bot")             // for another bot: no reply
	f.queue(-100, "supergroup", 7, "/subscribe chips")               // a member
	f.queue(-100, "supergroup", 8, "/subscribe@NewsBrief_Bot chips") // an admin
	f.queue(-100, "supergroup", 8, "/topics")                        // the admin again: cached
	f.queue(42, "private", 42, "no command")                         // no reply

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()
	got := waitFor(t, f, 6)
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
	slices.SortStableFunc(got, func(a, b sentMessage) int { return -strings.Compare(a.ChatID, b.ChatID) })
	for i, tt := range tests {
		m := got[i]
		if m.ChatID != tt.chat || !strings.Contains(m.Text, tt.contains) || m.ParseMode != "HTML" {
			t.Errorf("message %d = %+v, want HTML to %s with %q", i+1, m, tt.chat, tt.contains)
		}
		if noPreview := m.NoPreview == "true"; noPreview != tt.digest {
			t.Errorf("message %d: disable_web_page_preview = %q, want it set only for digests", i+1, m.NoPreview)
		}
	}
	if f.asked != 2 {
		t.Errorf("getChatMember was called %d times, want 2 (once per user, then cached)", f.asked)
	}
}

// TestSlowChatDoesNotHoldUpOthers: while the reply to one chat is stuck
// on its way out, another chat's /help is answered.
func TestSlowChatDoesNotHoldUpOthers(t *testing.T) {
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	b := newBot(t)
	stuck := make(chan struct{})
	f.hold = map[string]chan struct{}{"1": stuck}
	f.queue(1, "private", 1, "/help")

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		f.mu.Lock()
		held := f.held
		f.mu.Unlock()
		if held > 0 {
			break // chat 1's reply is on the wire
		}
		if time.Now().After(deadline) {
			t.Fatal("no reply to chat 1 reached the wire")
		}
	}
	f.queue(2, "private", 2, "/help")
	got := waitFor(t, f, 1)
	if got[0].ChatID != "2" || !strings.Contains(got[0].Text, "/subscribe") {
		t.Errorf("first reply = %+v, want the help text to chat 2", got[0])
	}
	f.mu.Lock()
	gaveUp := f.gaveUp
	f.mu.Unlock()
	if gaveUp > 0 {
		t.Errorf("chat 2 got its reply only after the reply to chat 1 timed out: chat 2 waited for chat 1")
	}
	close(stuck)
	got = waitFor(t, f, 2)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if got[1].ChatID != "1" {
		t.Errorf("second reply = %+v, want the held reply to chat 1", got[1])
	}
}

func TestWebhook(t *testing.T) {
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	h := a.WebhookHandler(newBot(t), "s3cret")
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
	got := f.messages()
	if len(got) != 1 || got[0].ChatID != "-1001" || got[0].ThreadID != "9" || !strings.Contains(got[0].Text, "/subscribe") {
		t.Errorf("sent %+v, want the help text once, to chat -1001 topic 9", got)
	}
}

func TestSendLongDigest(t *testing.T) {
	f := newFakeAPI(t)
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
	got := f.messages()
	if len(got) < 2 || len(got) > MaxBriefParts {
		t.Fatalf("the digest went out in %d messages, want several, at most %d", len(got), MaxBriefParts)
	}
	if len(f.refused) > 0 {
		t.Errorf("the fake refused %d parts as bad HTML: %+v", len(f.refused), f.refused[0])
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
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	f.limitAt = 2
	text := strings.Repeat("a line of news\n", 600)
	start := time.Now()
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: text}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("Send took %v, want at least the 1s asked for", d)
	}
	var got strings.Builder
	for _, m := range f.messages() {
		got.WriteString(plainText(m.Text))
	}
	if want := strings.TrimRight(text, "\n"); got.String() != want {
		t.Errorf("the chat got %d bytes of text, want %d, each part once", got.Len(), len(want))
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		mode  string
		check func(error) error
	}{
		{"429", func(err error) error {
			var rl interface{ RetryAfter() time.Duration }
			if !errors.As(err, &rl) || rl.RetryAfter() != 3*time.Second {
				return errors.New("want RetryAfter() = 3s")
			}
			return nil
		}},
		{"403", func(err error) error {
			if !errors.Is(err, bot.ErrChatGone) {
				return errors.New("want ErrChatGone")
			}
			return nil
		}},
		{"gone", func(err error) error {
			if !errors.Is(err, bot.ErrChatGone) {
				return errors.New("want ErrChatGone")
			}
			return nil
		}},
		{"nohtml", func(err error) error { return err }},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			f := newFakeAPI(t)
			a := newAdapter(t, f, nil)
			f.setMode(tt.mode)
			err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: "a <b> & c"})
			if e := tt.check(err); e != nil {
				t.Errorf("Send() in mode %s = %v: %v", tt.mode, err, e)
			}
		})
	}
}

func TestPlainTextRetry(t *testing.T) {
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	f.setMode("nohtml")
	b := brief.Brief{Title: "Chips & <cars>", URL: "https://one.example/x"}
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Brief: &b}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := f.messages()
	want := sentMessage{ChatID: "42", Text: "Chips & <cars>\none.example",
		ReplyMarkup: `{"inline_keyboard":[[{"text":"Source","url":"https://one.example/x"}]]}`}
	if len(f.refused) != 1 || len(got) != 1 || got[0] != want {
		t.Errorf("refused %d, then sent %+v; want one refusal, then %+v", len(f.refused), got, want)
	}
}

func TestRegisterCommands(t *testing.T) {
	f := newFakeAPI(t)
	a := newAdapter(t, f, nil)
	if err := a.RegisterCommands(t.Context()); err != nil {
		t.Fatalf("RegisterCommands: %v", err)
	}
	var got []struct{ Command string }
	if err := json.Unmarshal([]byte(f.commands), &got); err != nil || len(got) != len(commands) || got[0].Command != "summary" {
		t.Errorf("setMyCommands got %s (%v), want the %d commands", f.commands, err, len(commands))
	}
}

// TestTokenNeverLeaks makes every kind of call fail with the server gone
// and looks for the token in the errors and the log.
func TestTokenNeverLeaks(t *testing.T) {
	f := newFakeAPI(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := newAdapter(t, f, log)
	f.srv.Close()

	var errs []error
	errs = append(errs, a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "42"}, Text: "hi"}))
	errs = append(errs, a.RegisterCommands(t.Context()))
	_, err := New(t.Context(), Options{Token: testToken, APIURL: f.endpoint()})
	errs = append(errs, err)
	b := newBot(t)
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
	f := newFakeAPI(t)
	a, err := New(t.Context(), Options{Token: testToken, APIURL: f.srv.URL + "/"})
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
			refuse(w, code, http.StatusText(code))
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
			reply(w, http.StatusOK, map[string]any{"ok": true, "result": map[string]any{"id": 1, "is_bot": true, "username": "nb_bot"}})
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
