package slack

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/slack/slacktest"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// world is a Server over a real bot and store, answering through the fake.
type world struct {
	fake *slacktest.Server
	srv  *httptest.Server
}

func newWorld(t *testing.T, opts Options) *world {
	t.Helper()
	return newWorldLog(t, opts, nil)
}

func newWorldLog(t *testing.T, opts Options, log *slog.Logger) *world {
	t.Helper()
	return newWorldHandler(t, opts, bottest.NewBot(t), log)
}

// newWorldHandler is a world whose commands h answers.
func newWorldHandler(t *testing.T, opts Options, h bot.Handler, log *slog.Logger) *world {
	t.Helper()
	f := newFake(t)
	opts.BotToken, opts.APIURL, opts.SigningSecret = testToken, f.APIURL(), testSecret
	s := NewServer(New(opts), h, log)
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() { _ = s.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	mux := http.NewServeMux()
	mux.Handle("/slack/commands", s.CommandsHandler())
	mux.Handle("/slack/events", s.EventsHandler())
	mux.Handle("/slack/interactions", s.InteractionsHandler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &world{fake: f, srv: srv}
}

// post sends a signed request and returns the status and body.
func (w *world) post(t *testing.T, path, contentType, body string, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, w.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if header == nil {
		slacktest.Sign(req.Header, body, time.Now(), testSecret)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (w *world) command(t *testing.T, channel, user, command, text string) {
	t.Helper()
	w.commandIn(t, channel, "", user, command, text)
}

// commandIn is command in a channel whose name the payload carries.
func (w *world) commandIn(t *testing.T, channel, channelName, user, command, text string) {
	t.Helper()
	form := url.Values{"command": {command}, "text": {text}, "channel_id": {channel}, "user_id": {user},
		"response_url": {w.fake.ResponseURL()}, "team_id": {"T1"}}
	if channelName != "" {
		form.Set("channel_name", channelName)
	}
	if code, body := w.post(t, "/slack/commands", "application/x-www-form-urlencoded", form.Encode(), nil); code != http.StatusOK || body != "" {
		t.Fatalf("POST /slack/commands %s %s = %d %q, want 200 and no body", command, text, code, body)
	}
}

// wait returns the posts once the fake holds n, or fails.
func (w *world) wait(t *testing.T, n int) []slacktest.Post {
	t.Helper()
	return w.fake.WaitPosts(t, n)
}

func TestCommands(t *testing.T) {
	w := newWorld(t, Options{})
	steps := []struct {
		command, text string
		posts         int    // posts after this step
		method        string // of the first new post
		want          string
	}{
		{"/newsbrief", "", 1, "response_url", "newsbrief sends a daily brief"},
		{"/newsbrief", "subscribe ukraine", 2, "response_url", "Subscribed to ukraine."},
		{"/newsbrief", "schedule 08:00 UTC", 3, "response_url", "The daily brief comes at 08:00 UTC"},
		{"/summary", "", 5, "chat.postMessage", "Ukraine and Poland agree on grain transit"},
		{"/topics", "", 6, "response_url", "ukraine"},
	}
	for _, st := range steps {
		before := len(w.fake.Posts())
		w.command(t, "C1", "U1", st.command, st.text)
		got := w.wait(t, st.posts)[before]
		if got.Method != st.method || !strings.Contains(got.Mrkdwn(), st.want) {
			t.Errorf("%s %s: got %s %q, want %s with %q", st.command, st.text, got.Method, got.Mrkdwn(), st.method, st.want)
		}
		if st.method == "response_url" && got.Response != "ephemeral" {
			t.Errorf("%s %s: response_type %q, want ephemeral", st.command, st.text, got.Response)
		}
	}
	got := w.fake.Posts()
	if top, reply := got[3], got[4]; top.Channel != "C1" || top.Unfurl != "false" || reply.ThreadTS == "" || !strings.Contains(reply.Mrkdwn(), "Tusk") {
		t.Errorf("/summary posted top %+v and reply %+v, want the digest in C1 with the story in its thread", top, reply)
	}
}

func TestCommandsAdmins(t *testing.T) {
	w := newWorld(t, Options{Admins: []string{"UADMIN"}})
	w.command(t, "C1", "U2", "/subscribe", "ukraine")
	if got := w.wait(t, 1)[0]; !strings.Contains(got.Mrkdwn(), "Only this chat's admins") {
		t.Errorf("/subscribe by a non-admin in a channel = %q, want a refusal", got.Mrkdwn())
	}
	w.command(t, "D1", "U2", "/subscribe", "ukraine")
	if got := w.wait(t, 2)[1]; !strings.Contains(got.Mrkdwn(), "Subscribed to ukraine") {
		t.Errorf("/subscribe in a DM = %q, want it done", got.Mrkdwn())
	}
	w.command(t, "C1", "UADMIN", "/subscribe", "ukraine")
	if got := w.wait(t, 3)[2]; !strings.Contains(got.Mrkdwn(), "Subscribed to ukraine") {
		t.Errorf("/subscribe by an admin = %q, want it done", got.Mrkdwn())
	}
}

func TestCommandText(t *testing.T) {
	tests := []struct{ command, text, want string }{
		{"/newsbrief", "subscribe ukraine", "/subscribe ukraine"},
		{"/newsbrief", "  ", "/help"},
		{"/newsbrief", "/status", "/status"},
		{"/summary", "", "/summary"},
		{"/summary", " https://x.example/a ", "/summary https://x.example/a"},
		{"/schedule", "08:00 UTC", "/schedule 08:00 UTC"},
	}
	for _, tt := range tests {
		if got := commandText(tt.command, tt.text); got != tt.want {
			t.Errorf("commandText(%q, %q) = %q, want %q", tt.command, tt.text, got, tt.want)
		}
	}
	if got := mentionText("<@U0BOT> <@U0BOT|newsbrief> summary ukraine"); got != "/summary ukraine" {
		t.Errorf("mentionText = %q, want /summary ukraine", got)
	}
}

func TestSignatures(t *testing.T) {
	w := newWorld(t, Options{})
	body := "command=%2Fnewsbrief&text=help&channel_id=C1&user_id=U1"
	signed := func(ts time.Time, secret string) http.Header {
		h := http.Header{}
		slacktest.Sign(h, body, ts, secret)
		return h
	}
	bad := signed(time.Now(), testSecret)
	bad.Set("X-Slack-Signature", "v0=00"+bad.Get("X-Slack-Signature")[5:])
	noTS := signed(time.Now(), testSecret)
	noTS.Del("X-Slack-Request-Timestamp")
	tests := []struct {
		name   string
		header http.Header
		want   int
	}{
		{"bad signature", bad, http.StatusUnauthorized},
		{"wrong secret", signed(time.Now(), "other"), http.StatusUnauthorized},
		{"missing signature", http.Header{"X-Slack-Request-Timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}, http.StatusUnauthorized},
		{"missing timestamp", noTS, http.StatusUnauthorized},
		{"six minutes old", signed(time.Now().Add(-6*time.Minute), testSecret), http.StatusUnauthorized},
		{"six minutes ahead", signed(time.Now().Add(6*time.Minute), testSecret), http.StatusUnauthorized},
		{"good", signed(time.Now(), testSecret), http.StatusOK},
	}
	for _, path := range []string{"/slack/commands", "/slack/events", "/slack/interactions"} {
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				if path != "/slack/commands" && tt.want == http.StatusOK {
					t.Skip("the body is a command")
				}
				if code, _ := w.post(t, path, "application/x-www-form-urlencoded", body, tt.header); code != tt.want {
					t.Errorf("POST %s with %s = %d, want %d", path, tt.name, code, tt.want)
				}
			})
		}
	}
	w.wait(t, 1) // the good command's help, so that nothing runs after the test
}

func TestEvents(t *testing.T) {
	w := newWorld(t, Options{})
	code, body := w.post(t, "/slack/events", "application/json", `{"token":"x","challenge":"c-123","type":"url_verification"}`, nil)
	if code != http.StatusOK || body != "c-123" {
		t.Errorf("url_verification = %d %q, want 200 c-123", code, body)
	}
	mention := `{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U1","text":"<@U0BOT> help","channel":"C1","ts":"1.2","thread_ts":"1.0"}}`
	retry := http.Header{}
	// Each delivery is signed when it is sent: the retry, a moment apart,
	// has its own timestamp and signature.
	slacktest.Sign(retry, mention, time.Now().Add(-2*time.Second), testSecret)
	retry.Set("X-Slack-Retry-Num", "1")
	if code, _ := w.post(t, "/slack/events", "application/json", mention, retry); code != http.StatusOK {
		t.Errorf("a retried event = %d, want 200", code)
	}
	if code, _ := w.post(t, "/slack/events", "application/json", mention, nil); code != http.StatusOK {
		t.Errorf("app_mention = %d, want 200", code)
	}
	// A later mention in the channel is answered after anything queued
	// before it (a channel's commands run in order): once its answer is
	// in, a queued retry would have been answered too.
	later := `{"type":"event_callback","event_id":"Ev2","event":{"type":"app_mention","user":"U1","text":"<@U0BOT> topics","channel":"C1","ts":"1.3","thread_ts":"1.0"}}`
	if code, _ := w.post(t, "/slack/events", "application/json", later, nil); code != http.StatusOK {
		t.Errorf("second app_mention = %d, want 200", code)
	}
	got := w.wait(t, 2)
	if strings.Contains(got[1].Mrkdwn(), "newsbrief sends") {
		t.Errorf("second post = %+v, want the later mention's answer: the retry was answered", got[1])
	}
	if p := got[0]; p.Method != "chat.postEphemeral" || p.User != "U1" || p.Channel != "C1" || p.ThreadTS != "1.0" || !strings.Contains(p.Mrkdwn(), "newsbrief sends") {
		t.Errorf("reply to a mention = %+v, want help to U1 only in the thread", p)
	}
}

func TestInteractions(t *testing.T) {
	w := newWorld(t, Options{})
	payload := `{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"response_url":"` + w.fake.ResponseURL() + `","actions":[{"block_id":"b1","action_id":"newsbrief_command","value":"/help","type":"button"}]}`
	if code, _ := w.post(t, "/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {payload}}.Encode(), nil); code != http.StatusOK {
		t.Fatalf("interaction = %d, want 200", code)
	}
	if p := w.wait(t, 1)[0]; p.Method != "response_url" || !strings.Contains(p.Mrkdwn(), "newsbrief sends") {
		t.Errorf("button reply = %+v, want help through the response URL", p)
	}
}

// A brief for a channel the bot is not in becomes a hint to the user.
func TestCommandNotInChannel(t *testing.T) {
	w := newWorld(t, Options{})
	w.fake.Fail("not_in_channel", 0)
	w.command(t, "C1", "U1", "/summary", "ukraine")
	if p := w.wait(t, 1)[0]; p.Method != "response_url" || !strings.Contains(p.Mrkdwn(), "Invite me") {
		t.Errorf("/summary where the bot is not in the channel = %+v, want a hint to invite it", p)
	}
}

// When Slack cannot be reached, the log says so without the token or the
// response URL.
func TestLogHoldsNoSecret(t *testing.T) {
	var buf bottest.Buffer
	w := newWorldLog(t, Options{}, slog.New(slog.NewTextHandler(&buf, nil)))
	w.fake.Close()
	w.command(t, "C1", "U1", "/newsbrief", "help")
	bottest.WaitFor(t, "the failed reply in the log", 0, func() bool { return strings.Contains(buf.String(), "slack reply") })
	log := buf.String()
	for _, secret := range []string{testToken, testSecret, w.fake.ResponseURL()} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %q: %s", secret, log)
		}
	}
}

// TestBusyChannelDoesNotHoldUpOthers: while briefs to one channel are
// stuck on the wire, with more of that channel's commands waiting, another
// channel's /help is answered. Each channel gets one worker at a time, so
// one busy channel cannot take them all.
func TestBusyChannelDoesNotHoldUpOthers(t *testing.T) {
	w := newWorld(t, Options{})
	release := w.fake.Hold("C1")
	for i := range 4 { // from four users: a request twice is a replay
		w.command(t, "C1", fmt.Sprint("U1", i), "/summary", "")
	}
	bottest.WaitFor(t, "C1's first brief on the wire", 0, func() bool { return w.fake.Held() > 0 })
	w.command(t, "C2", "U2", "/newsbrief", "help")
	got := w.wait(t, 1)
	gaveUp := w.fake.GaveUp()
	if got[0].Method != "response_url" || !strings.Contains(got[0].Text+fmt.Sprint(got[0].Blocks), "subscribe") || gaveUp > 0 {
		t.Errorf("first answer %+v after %d posts to C1 timed out, want C2's help while C1's briefs wait", got[0], gaveUp)
	}
	release()
	w.wait(t, 5)
}

// titles is a handler that notes the chat title of each request and
// answers it.
type titles struct {
	mu  sync.Mutex
	got map[string]string // channel: title
}

func (h *titles) Handle(_ context.Context, req bot.Request) (bot.Message, error) {
	h.mu.Lock()
	h.got[req.Chat.ID] = req.ChatTitle
	h.mu.Unlock()
	return bot.Message{Chat: req.Chat, User: req.User, Text: "ok"}, nil
}

// TestChatTitle: a slash command's request carries its channel's name,
// for the console; a DM, for which Slack sends "directmessage", none.
func TestChatTitle(t *testing.T) {
	h := &titles{got: map[string]string{}}
	w := newWorldHandler(t, Options{}, h, nil)
	w.commandIn(t, "C1", "newsroom", "U1", "/newsbrief", "help")
	w.commandIn(t, "D1", "directmessage", "U1", "/newsbrief", "help")
	w.wait(t, 2)
	h.mu.Lock()
	defer h.mu.Unlock()
	if want := map[string]string{"C1": "#newsroom", "D1": ""}; !maps.Equal(h.got, want) {
		t.Errorf("chat titles = %v, want %v", h.got, want)
	}
}
