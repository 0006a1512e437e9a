package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

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

// world is a Server over a real bot and store, answering through the fake.
type world struct {
	fake *fakeSlack
	srv  *httptest.Server
}

func newWorld(t *testing.T, opts Options) *world {
	t.Helper()
	return newWorldLog(t, opts, nil)
}

func newWorldLog(t *testing.T, opts Options, log *slog.Logger) *world {
	t.Helper()
	f := newFakeSlack(t)
	opts.BotToken, opts.APIURL, opts.SigningSecret = testToken, f.apiURL(), testSecret
	s := NewServer(New(opts), newBot(t), log)
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

func sign(h http.Header, body string, ts time.Time, secret string) {
	s := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+s+":"+body)
	h.Set("X-Slack-Request-Timestamp", s)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
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
		sign(req.Header, body, time.Now(), testSecret)
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
	form := url.Values{"command": {command}, "text": {text}, "channel_id": {channel}, "user_id": {user},
		"response_url": {w.fake.srv.URL + "/response"}, "team_id": {"T1"}}
	if code, body := w.post(t, "/slack/commands", "application/x-www-form-urlencoded", form.Encode(), nil); code != http.StatusOK || body != "" {
		t.Fatalf("POST /slack/commands %s %s = %d %q, want 200 and no body", command, text, code, body)
	}
}

// wait returns the posts once the fake holds n, or fails.
func (w *world) wait(t *testing.T, n int) []posted {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := w.fake.recorded(); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the fake got %d posts, want %d: %+v", len(w.fake.recorded()), n, w.fake.recorded())
	return nil
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
		before := len(w.fake.recorded())
		w.command(t, "C1", "U1", st.command, st.text)
		got := w.wait(t, st.posts)[before]
		if got.Method != st.method || !strings.Contains(got.text(), st.want) {
			t.Errorf("%s %s: got %s %q, want %s with %q", st.command, st.text, got.Method, got.text(), st.method, st.want)
		}
		if st.method == "response_url" && got.Response != "ephemeral" {
			t.Errorf("%s %s: response_type %q, want ephemeral", st.command, st.text, got.Response)
		}
	}
	got := w.fake.recorded()
	if top, reply := got[3], got[4]; top.Channel != "C1" || top.Unfurl != "false" || reply.ThreadTS == "" || !strings.Contains(reply.text(), "Tusk") {
		t.Errorf("/summary posted top %+v and reply %+v, want the digest in C1 with the story in its thread", top, reply)
	}
}

func TestCommandsAdmins(t *testing.T) {
	w := newWorld(t, Options{Admins: []string{"UADMIN"}})
	w.command(t, "C1", "U2", "/subscribe", "ukraine")
	if got := w.wait(t, 1)[0]; !strings.Contains(got.text(), "Only this chat's admins") {
		t.Errorf("/subscribe by a non-admin in a channel = %q, want a refusal", got.text())
	}
	w.command(t, "D1", "U2", "/subscribe", "ukraine")
	if got := w.wait(t, 2)[1]; !strings.Contains(got.text(), "Subscribed to ukraine") {
		t.Errorf("/subscribe in a DM = %q, want it done", got.text())
	}
	w.command(t, "C1", "UADMIN", "/subscribe", "ukraine")
	if got := w.wait(t, 3)[2]; !strings.Contains(got.text(), "Subscribed to ukraine") {
		t.Errorf("/subscribe by an admin = %q, want it done", got.text())
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
		sign(h, body, ts, secret)
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
	sign(retry, mention, time.Now().Add(-2*time.Second), testSecret)
	retry.Set("X-Slack-Retry-Num", "1")
	if code, _ := w.post(t, "/slack/events", "application/json", mention, retry); code != http.StatusOK {
		t.Errorf("a retried event = %d, want 200", code)
	}
	if code, _ := w.post(t, "/slack/events", "application/json", mention, nil); code != http.StatusOK {
		t.Errorf("app_mention = %d, want 200", code)
	}
	got := w.wait(t, 1)
	time.Sleep(100 * time.Millisecond)
	if n := len(w.fake.recorded()); n != 1 {
		t.Errorf("posts = %d, want 1 (the retry ignored)", n)
	}
	if p := got[0]; p.Method != "chat.postEphemeral" || p.User != "U1" || p.Channel != "C1" || p.ThreadTS != "1.0" || !strings.Contains(p.text(), "newsbrief sends") {
		t.Errorf("reply to a mention = %+v, want help to U1 only in the thread", p)
	}
}

func TestInteractions(t *testing.T) {
	w := newWorld(t, Options{})
	payload := `{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"response_url":"` + w.fake.srv.URL + `/response","actions":[{"block_id":"b1","action_id":"newsbrief_command","value":"/help","type":"button"}]}`
	if code, _ := w.post(t, "/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {payload}}.Encode(), nil); code != http.StatusOK {
		t.Fatalf("interaction = %d, want 200", code)
	}
	if p := w.wait(t, 1)[0]; p.Method != "response_url" || !strings.Contains(p.text(), "newsbrief sends") {
		t.Errorf("button reply = %+v, want help through the response URL", p)
	}
}

// A brief for a channel the bot is not in becomes a hint to the user.
func TestCommandNotInChannel(t *testing.T) {
	w := newWorld(t, Options{})
	w.fake.setFail("not_in_channel", 0)
	w.command(t, "C1", "U1", "/summary", "ukraine")
	if p := w.wait(t, 1)[0]; p.Method != "response_url" || !strings.Contains(p.text(), "Invite me") {
		t.Errorf("/summary where the bot is not in the channel = %+v, want a hint to invite it", p)
	}
}

// When Slack cannot be reached, the log says so without the token or the
// response URL.
func TestLogHoldsNoSecret(t *testing.T) {
	var buf syncBuffer
	w := newWorldLog(t, Options{}, slog.New(slog.NewTextHandler(&buf, nil)))
	w.fake.srv.Close()
	w.command(t, "C1", "U1", "/newsbrief", "help")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(buf.String(), "slack reply") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	log := buf.String()
	if !strings.Contains(log, "slack reply") {
		t.Fatalf("log = %q, want the failed reply logged", log)
	}
	for _, secret := range []string{testToken, testSecret, w.fake.srv.URL + "/response"} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %q: %s", secret, log)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBusyChannelDoesNotHoldUpOthers: while briefs to one channel are
// stuck on the wire, with more of that channel's commands waiting, another
// channel's /help is answered. Each channel gets one worker at a time, so
// one busy channel cannot take them all.
func TestBusyChannelDoesNotHoldUpOthers(t *testing.T) {
	w := newWorld(t, Options{})
	stuck := make(chan struct{})
	w.fake.mu.Lock()
	w.fake.hold = map[string]chan struct{}{"C1": stuck}
	w.fake.mu.Unlock()
	for i := range 4 { // from four users: a request twice is a replay
		w.command(t, "C1", fmt.Sprint("U1", i), "/summary", "")
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		w.fake.mu.Lock()
		held := w.fake.held
		w.fake.mu.Unlock()
		if held > 0 {
			break // C1's first brief is on the wire
		}
		if time.Now().After(deadline) {
			t.Fatal("no brief to C1 reached the wire")
		}
	}
	w.command(t, "C2", "U2", "/newsbrief", "help")
	got := w.wait(t, 1)
	w.fake.mu.Lock()
	gaveUp := w.fake.gaveUp
	w.fake.mu.Unlock()
	if got[0].Method != "response_url" || !strings.Contains(got[0].Text+fmt.Sprint(got[0].Blocks), "subscribe") || gaveUp > 0 {
		t.Errorf("first answer %+v after %d posts to C1 timed out, want C2's help while C1's briefs wait", got[0], gaveUp)
	}
	close(stuck)
	w.wait(t, 5)
}
