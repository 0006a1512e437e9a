package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/slack/slacktest"
	"github.com/newsbrief/newsbrief/brief"
)

const (
	testToken    = "xoxb-secret-test-token-123"
	testAppToken = "xapp-secret-app-token-456"
)

// newFake starts a fake Slack on which U1 is a workspace admin.
func newFake(t *testing.T) *slacktest.Server {
	t.Helper()
	f := slacktest.NewServer(t, testToken, testAppToken)
	f.SetRole("U1", "admin")
	return f
}

func newTestAdapter(t *testing.T, f *slacktest.Server) *Adapter {
	t.Helper()
	return New(Options{BotToken: testToken, APIURL: f.APIURL(), Timeout: 5 * time.Second})
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
	f := newFake(t)
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
	got := f.Posts()
	if len(got) != 7 {
		t.Fatalf("posts = %d, want 7: %+v", len(got), got)
	}
	if got[0].Method != "chat.postMessage" || got[0].Channel != "C123" || !strings.Contains(got[0].Mrkdwn(), "hello &lt;you&gt; &amp; me") {
		t.Errorf("text post = %+v, want escaped text to C123", got[0])
	}
	if got[1].ThreadTS != "111.222" {
		t.Errorf("thread post thread_ts = %q, want 111.222", got[1].ThreadTS)
	}
	if got[2].Method != "chat.postEphemeral" || got[2].User != "U9" {
		t.Errorf("ephemeral post = %+v, want chat.postEphemeral to U9", got[2])
	}
	top := got[3]
	if top.ThreadTS != "" || top.Unfurl != "false" || !strings.Contains(top.Mrkdwn(), "3. *<https://news.example/3|Story 3 &lt;&amp;&gt;>*") {
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
			f := newFake(t)
			f.Fail(tt.fail, 0)
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
	f := newFake(t)
	a := newTestAdapter(t, f)
	ch := bot.ChatRef{Platform: Platform, ID: "C1"}
	// Let the top through, then rate-limit the first reply once.
	f.LimitAt(1)
	if err := a.Send(t.Context(), bot.Message{Chat: ch, Digest: testDigest(2)}); err != nil {
		t.Fatalf("Send(digest) = %v", err)
	}
	if got := len(f.Posts()); got != 3 {
		t.Errorf("posts = %d, want 3 (top once, two replies)", got)
	}
}

func TestErrorsHoldNoToken(t *testing.T) {
	f := newFake(t)
	a := newTestAdapter(t, f)
	f.Close()
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
	f := newFake(t)
	a := newTestAdapter(t, f)
	start := time.Now()
	if err := a.Send(t.Context(), bot.Message{Chat: bot.ChatRef{Platform: Platform, ID: "C1"}, Digest: testDigest(2)}); err != nil {
		t.Fatal(err)
	}
	if got, n := time.Since(start), len(f.Posts()); n != 3 || got < 2*time.Second {
		t.Errorf("3 posts took %v (%d posts), want at least 2s: one a second per channel", got, n)
	}
}

// TestCheckTokens: auth.test and apps.connections.open at start tell a
// refused token by its setting, and let good ones through.
func TestCheckTokens(t *testing.T) {
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
			f := newFake(t)
			for method, apiErr := range tt.answers {
				f.FailMethod(method, apiErr)
			}
			opts := Options{BotToken: testToken, APIURL: f.APIURL(), Timeout: 5 * time.Second}
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
