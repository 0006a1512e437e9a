package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

const (
	testToken    = "xoxb-secret-test-token-123"
	testAppToken = "xapp-secret-app-token-456"
)

// posted is one message the fake received.
type posted struct {
	Method   string // chat.postMessage, chat.postEphemeral, response_url
	Channel  string
	User     string
	ThreadTS string
	Text     string
	Blocks   []map[string]any
	Unfurl   string // unfurl_links
	Response string // response_type, for response_url
}

// text is the mrkdwn of all section blocks.
func (p posted) text() string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		if t, ok := bl["text"].(map[string]any); ok {
			b.WriteString(fmt.Sprint(t["text"]) + "\n")
		}
	}
	return b.String()
}

// fakeSlack is an httptest Slack Web API that records posts and checks
// their Block Kit against Slack's limits.
type fakeSlack struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	// fail answers the next posts: "ratelimit" (429, Retry-After: 2), or
	// an API error such as "channel_not_found"; failN counts them down
	// (0 for every post).
	fail  string
	failN int
	posts []posted
	n     int
	// limitAt answers 429 once, to the post after limitAt have succeeded.
	limitAt int
	// socket serves the Socket Mode websocket at /ws; set it before use.
	socket http.HandlerFunc
	// roles answers users.info: "admin", "owner" or "member" by user ID;
	// others are user_not_found. userInfos counts the calls.
	roles     map[string]string
	userInfos int
	// hold keeps chat.postMessage to a channel waiting until its channel
	// closes (or the client gives up), like a slow network under a long
	// reply; held counts the posts waiting, gaveUp those the client gave
	// up on.
	hold         map[string]chan struct{}
	held, gaveUp int
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{t: t, roles: map[string]string{"U1": "admin"}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) setFail(mode string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail, f.failN = mode, n
}

func (f *fakeSlack) recorded() []posted {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]posted(nil), f.posts...)
}

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ws":
		if f.socket != nil {
			f.socket(w, r) // long-lived: not under the lock
			return
		}
	case "/api/apps.connections.open":
		if r.Header.Get("Authorization") != "Bearer "+testAppToken {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/ws"}`, r.Host)
		return
	}
	f.mu.Lock()
	if hold := f.hold[r.FormValue("channel")]; hold != nil && r.URL.Path == "/api/chat.postMessage" {
		f.held++
		f.mu.Unlock()
		gaveUp := false
		select {
		case <-hold:
		case <-r.Context().Done():
			gaveUp = true
		}
		f.mu.Lock()
		f.held--
		if gaveUp {
			f.gaveUp++
		}
	}
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	var p posted
	switch r.URL.Path {
	case "/api/chat.postMessage", "/api/chat.postEphemeral":
		if r.Header.Get("Authorization") != "Bearer "+testToken && r.FormValue("token") != testToken {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		p = posted{
			Method:   strings.TrimPrefix(r.URL.Path, "/api/"),
			Channel:  r.FormValue("channel"),
			User:     r.FormValue("user"),
			ThreadTS: r.FormValue("thread_ts"),
			Text:     r.FormValue("text"),
			Unfurl:   r.FormValue("unfurl_links"),
		}
		if err := json.Unmarshal([]byte(r.FormValue("blocks")), &p.Blocks); err != nil {
			f.t.Errorf("%s: blocks %q: %v", p.Method, r.FormValue("blocks"), err)
		}
	case "/api/users.info":
		f.userInfos++
		role, ok := f.roles[r.FormValue("user")]
		if !ok {
			fmt.Fprint(w, `{"ok":false,"error":"user_not_found"}`)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"is_admin":%t,"is_owner":%t}}`, r.FormValue("user"), role == "admin", role == "owner")
		return
	case "/response":
		var body struct {
			ResponseType string           `json:"response_type"`
			Text         string           `json:"text"`
			Blocks       []map[string]any `json:"blocks"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Errorf("response_url: %v", err)
		}
		p = posted{Method: "response_url", Text: body.Text, Blocks: body.Blocks, Response: body.ResponseType}
	default:
		http.NotFound(w, r)
		return
	}
	if f.limitAt > 0 && f.n == f.limitAt {
		f.limitAt = 0
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	if f.fail != "" && p.Method != "response_url" {
		if f.failN > 0 {
			if f.failN--; f.failN == 0 {
				defer func() { f.fail = "" }()
			}
		}
		if f.fail == "ratelimit" {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, f.fail)
		return
	}
	if n := len(p.Blocks); n == 0 || n > MaxBlocks {
		f.t.Errorf("%s: %d blocks, want 1 to %d", p.Method, n, MaxBlocks)
	}
	for _, bl := range p.Blocks {
		if t, ok := bl["text"].(map[string]any); ok {
			if n := bot.UTF16Len(fmt.Sprint(t["text"])); n > MaxSectionText {
				f.t.Errorf("%s: section of %d characters, want at most %d", p.Method, n, MaxSectionText)
			}
		}
	}
	f.posts = append(f.posts, p)
	f.n++
	fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d","message_ts":"1700000000.%06d"}`, p.Channel, f.n, f.n)
}

func newTestAdapter(t *testing.T, f *fakeSlack) *Adapter {
	t.Helper()
	return New(Options{BotToken: testToken, APIURL: f.apiURL(), Timeout: 5 * time.Second})
}

func testDigest(n int) *brief.Digest {
	d := &brief.Digest{}
	for i := range n {
		d.Stories = append(d.Stories, brief.Story{
			Headline: fmt.Sprintf("Story %d <&>", i+1),
			Brief:    brief.Brief{URL: fmt.Sprintf("https://news.example/%d", i+1), KeyPoints: []string{strings.Repeat("A long key point & more. ", 200)}},
			Sources:  []brief.StorySource{{Name: "Example News", URL: fmt.Sprintf("https://news.example/%d", i+1)}},
		})
	}
	return d
}

func TestSend(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f)
	ch := bot.ChatRef{Platform: Platform, ID: "C123"}

	if err := a.Send(t.Context(), bot.Message{Chat: ch, Text: "hello <you> & me"}); err != nil {
		t.Fatalf("Send(text) = %v", err)
	}
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "C123", Thread: "111.222"}, Text: "in thread"}); err != nil {
		t.Fatalf("Send(thread) = %v", err)
	}
	if err := a.Send(t.Context(), bot.Message{Chat: ch, Text: "only you", Ephemeral: true, User: "U9"}); err != nil {
		t.Fatalf("Send(ephemeral) = %v", err)
	}
	if err := a.Send(t.Context(), bot.Message{Chat: ch, Digest: testDigest(3)}); err != nil {
		t.Fatalf("Send(digest) = %v", err)
	}
	got := f.recorded()
	if len(got) != 7 {
		t.Fatalf("posts = %d, want 7: %+v", len(got), got)
	}
	if got[0].Method != "chat.postMessage" || got[0].Channel != "C123" || !strings.Contains(got[0].text(), "hello &lt;you&gt; &amp; me") {
		t.Errorf("text post = %+v, want escaped text to C123", got[0])
	}
	if got[1].ThreadTS != "111.222" {
		t.Errorf("thread post thread_ts = %q, want 111.222", got[1].ThreadTS)
	}
	if got[2].Method != "chat.postEphemeral" || got[2].User != "U9" {
		t.Errorf("ephemeral post = %+v, want chat.postEphemeral to U9", got[2])
	}
	top := got[3]
	if top.ThreadTS != "" || top.Unfurl != "false" || !strings.Contains(top.text(), "3. *<https://news.example/3|Story 3 &lt;&amp;&gt;>*") {
		t.Errorf("digest top = %+v, want headlines, no thread, unfurl off", top)
	}
	for _, p := range got[4:] {
		if p.ThreadTS != "1700000000.000004" || p.Unfurl != "false" {
			t.Errorf("digest reply thread_ts = %q unfurl %q, want 1700000000.000004, false", p.ThreadTS, p.Unfurl)
		}
	}
}

func TestSendErrors(t *testing.T) {
	ch := bot.ChatRef{Platform: Platform, ID: "C1"}
	tests := []struct {
		name  string
		fail  string
		check func(error) bool
	}{
		{"rate limited", "ratelimit", func(err error) bool {
			var ra interface{ RetryAfter() time.Duration }
			return errors.As(err, &ra) && ra.RetryAfter() == 2*time.Second
		}},
		{"channel not found", "channel_not_found", func(err error) bool { return errors.Is(err, bot.ErrChatGone) }},
		{"archived", "is_archived", func(err error) bool { return errors.Is(err, bot.ErrChatGone) }},
		{"not in channel", "not_in_channel", func(err error) bool { return errors.Is(err, bot.ErrChatGone) }},
		{"account inactive", "account_inactive", func(err error) bool { return errors.Is(err, bot.ErrChatGone) }},
		{"other error", "msg_too_long", func(err error) bool { return err != nil && !errors.Is(err, bot.ErrChatGone) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSlack(t)
			f.setFail(tt.fail, 0)
			err := newTestAdapter(t, f).Send(t.Context(), bot.Message{Chat: ch, Text: "hi"})
			if !tt.check(err) {
				t.Errorf("Send with %s = %v (%T)", tt.fail, err, err)
			}
			if err != nil && strings.Contains(err.Error(), testToken) {
				t.Errorf("Send error holds the token: %v", err)
			}
		})
	}
}

// A thread reply that meets a rate limit is retried after Retry-After, so
// the digest's top is posted once.
func TestSendDigestRetriesReplies(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for Retry-After")
	}
	f := newFakeSlack(t)
	a := newTestAdapter(t, f)
	ch := bot.ChatRef{Platform: Platform, ID: "C1"}
	// Let the top through, then rate-limit the first reply once.
	f.limitAt = 1
	if err := a.Send(t.Context(), bot.Message{Chat: ch, Digest: testDigest(2)}); err != nil {
		t.Fatalf("Send(digest) = %v", err)
	}
	if got := len(f.recorded()); got != 3 {
		t.Errorf("posts = %d, want 3 (top once, two replies)", got)
	}
}

func TestErrorsHoldNoToken(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f)
	f.srv.Close()
	err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "C1"}, Text: "hi"})
	if err == nil {
		t.Fatal("Send to a closed server = nil, want an error")
	}
	for e := error(err); e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), testToken) {
			t.Errorf("Send error holds the token: %v", e)
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) && strings.Contains(ue.URL, testToken) {
		t.Errorf("URL in error holds the token: %v", ue.URL)
	}
}

// TestSendPacesThreadReplies checks that a digest's posts keep to about
// one a second in the channel.
func TestSendPacesThreadReplies(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f)
	start := time.Now()
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "C1"}, Digest: testDigest(2)}); err != nil {
		t.Fatal(err)
	}
	if got, n := time.Since(start), len(f.recorded()); n != 3 || got < 2*time.Second {
		t.Errorf("3 posts took %v (%d posts), want at least 2s: one a second per channel", got, n)
	}
}

// TestCheckTokens: auth.test and apps.connections.open at start tell a
// refused token by its setting, and let good ones through.
func TestCheckTokens(t *testing.T) {
	answers := map[string]string{} // method: error, "" for ok
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		w.Header().Set("Content-Type", "application/json")
		if e := answers[method]; e != "" {
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, e)
			return
		}
		fmt.Fprint(w, `{"ok":true,"url":"wss://127.0.0.1:1/ws","user_id":"UBOT","team":"T"}`)
	}))
	defer srv.Close()
	tests := []struct {
		name    string
		answers map[string]string
		app     bool
		want    string // "" for no error
	}{
		{"good", nil, true, ""},
		{"bad bot token", map[string]string{"auth.test": "invalid_auth"}, false, "slack.bot_token: Slack does not accept the token (auth.test answered invalid_auth)"},
		{"revoked", map[string]string{"auth.test": "token_revoked"}, false, "slack.bot_token: Slack does not accept the token (auth.test answered token_revoked)"},
		{"bad app token", map[string]string{"apps.connections.open": "invalid_auth"}, true, "slack.app_token: Slack does not accept the token (apps.connections.open answered invalid_auth)"},
		{"other failure", map[string]string{"auth.test": "fatal_error"}, false, "slack auth.test: fatal_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clear(answers)
			maps.Copy(answers, tt.answers)
			opts := Options{BotToken: testToken, APIURL: srv.URL + "/api/", Timeout: 5 * time.Second}
			if tt.app {
				opts.AppToken = testAppToken
			}
			err := New(opts).Check(t.Context())
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Check = %v, want %q", err, tt.want)
			case tt.want != "" && strings.Contains(tt.want, "does not accept") && !errors.Is(err, ErrUnauthorized):
				t.Errorf("Check = %v, want ErrUnauthorized", err)
			}
			if err != nil && (strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testAppToken)) {
				t.Errorf("the error holds a token: %v", err)
			}
		})
	}
}
