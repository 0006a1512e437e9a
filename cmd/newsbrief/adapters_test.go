package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/slack/slacktest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
	"github.com/newsbrief/newsbrief/sources"
)

// TestRunServesTelegramAndSlack starts one `newsbrief run` with both
// adapters on, against fakes on loopback: a Telegram user and a Slack user
// each subscribe and get the answer on their own platform.
func TestRunServesTelegramAndSlack(t *testing.T) {
	tg := telegramtest.NewServer(t, "123:fake")
	tg.Command(555, "private", 7, "/subscribe ukraine")
	sl := slacktest.NewServer(t, "xoxb-fake", "")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const secret = "signing-secret"
	env := map[string]string{
		"NEWSBRIEF_DATA_DIR":             t.TempDir(),
		"NEWSBRIEF_CONSOLE":              "false",
		"NEWSBRIEF_LOG_LEVEL":            "warn",
		"NEWSBRIEF_TELEGRAM_TOKEN":       "123:fake",
		"NEWSBRIEF_TELEGRAM_API_URL":     tg.Endpoint(),
		"NEWSBRIEF_SLACK_BOT_TOKEN":      "xoxb-fake",
		"NEWSBRIEF_SLACK_SIGNING_SECRET": secret,
		"NEWSBRIEF_SLACK_API_URL":        sl.APIURL(),
		"NEWSBRIEF_SLACK_ADMINS":         "U1", // a channel member may not change its settings
		"NEWSBRIEF_HTTP_LISTEN":          addr,
	}
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		done <- run(ctx, []string{"run"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
	}()
	waitUntil(t, "the listener", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})

	// Slack: a signed slash command; an unsigned one is refused.
	form := url.Values{"command": {"/newsbrief"}, "text": {"subscribe ukraine"}, "channel_id": {"C1"},
		"user_id": {"U1"}, "response_url": {sl.ResponseURL()}}.Encode()
	post := func(sign bool) int { return postSlackCommand(t, "http://"+addr+"/slack/commands", form, secret, sign) }
	if code := post(false); code != http.StatusUnauthorized {
		t.Errorf("unsigned slash command got %d, want 401", code)
	}
	if code := post(true); code != http.StatusOK {
		t.Errorf("signed slash command got %d, want 200", code)
	}
	waitUntil(t, "the Slack reply", func() bool {
		return slices.ContainsFunc(sl.Posts(), func(p slacktest.Post) bool {
			return p.Method == "response_url" && strings.Contains(p.Mrkdwn(), "Subscribed to ukraine")
		})
	})
	waitUntil(t, "the Telegram reply", func() bool {
		return slices.ContainsFunc(tg.Texts("555"), func(text string) bool { return strings.Contains(text, "Subscribed to ukraine") })
	})
	// The metrics saw the two replies.
	metrics := getBody(t, "http://"+addr+"/metrics")
	for _, want := range []string{`newsbrief_outbox_depth 0`, `newsbrief_articles_stored_total 0`, `newsbrief_brief_build_seconds_bucket`, `process_resident_memory_bytes`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop")
	}
}

// postSlackCommand posts a slash command's form to url, signed with
// secret or not at all, and returns the status.
func postSlackCommand(t *testing.T, url, form, secret string, sign bool) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if sign {
		slacktest.Sign(req.Header, form, time.Now(), secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// getBody returns the body of a GET of url.
func getBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	waitUntilFor(t, what, 20*time.Second, ok)
}

// waitUntilFor polls ok until it holds or limit passes.
func waitUntilFor(t *testing.T, what string, limit time.Duration, ok func() bool) {
	t.Helper()
	bottest.WaitFor(t, what, limit, ok)
}

func TestMetricsCount(t *testing.T) {
	store, err := sqlite.Open(t.Context(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m := newMetrics(store)
	m.Polled(bot.Source{}, 3, nil)
	m.Polled(bot.Source{}, 0, &sources.TimeoutError{})
	m.Sent("telegram", nil)
	m.Sent("telegram", &bot.RateLimitError{Delay: time.Second})
	m.Sent("slack", fmt.Errorf("blocked: %w", bot.ErrChatGone))
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`newsbrief_articles_stored_total 3`,
		`newsbrief_polls_total{result="error"} 1`,
		`newsbrief_fetch_errors_total{kind="timeout"} 1`,
		`newsbrief_messages_total{platform="telegram",result="rate_limited"} 1`,
		`newsbrief_messages_total{platform="slack",result="chat_gone"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestRunReportsBadTokens: a token the platform refuses stops run at
// start with one line that names the setting to fix (exit 2).
func TestRunReportsBadTokens(t *testing.T) {
	tg := telegramtest.NewServer(t, "123:right")
	sl := slacktest.NewServer(t, "xoxb-right", "")
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"telegram", map[string]string{"NEWSBRIEF_TELEGRAM_TOKEN": "123:wrong", "NEWSBRIEF_TELEGRAM_API_URL": tg.Endpoint()},
			"telegram.token: telegram getMe: the Bot API does not accept the token (Unauthorized); copy it again from @BotFather"},
		{"slack", map[string]string{"NEWSBRIEF_SLACK_BOT_TOKEN": "xoxb-wrong", "NEWSBRIEF_SLACK_APP_TOKEN": "xapp-1", "NEWSBRIEF_SLACK_API_URL": sl.APIURL()},
			"slack.bot_token: Slack does not accept the token (auth.test answered invalid_auth); copy the Bot User OAuth Token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["NEWSBRIEF_DATA_DIR"] = t.TempDir()
			tt.env["NEWSBRIEF_CONSOLE"] = "false"
			err := run(t.Context(), []string{"run"}, func(k string) string { return tt.env[k] }, strings.NewReader(""), io.Discard, io.Discard)
			if exitCode(err) != exitUsage || err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("run with a refused %s token = %v (exit %d), want one line starting %q", tt.name, err, exitCode(err), tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "wrong") {
				t.Errorf("the error holds the token: %v", err)
			}
		})
	}
}
