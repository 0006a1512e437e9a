// Package slacktest is a fake Slack Web API on loopback, for the tests of
// the Slack adapter and of everything that runs it (`newsbrief run`). It
// answers the methods the bot calls, checks each post's Block Kit against
// Slack's limits, takes response_url posts, can fail, rate-limit or hold
// posts, and serves a Socket Mode URL. It stands in for slack-go's own
// slacktest, which checks none of that.
package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/newsbrief/newsbrief/bot/bottest"
)

// Slack's limits on one message, which the fake checks.
const (
	maxBlocks      = 50
	maxSectionText = 3000
)

// Post is one message the fake took.
type Post struct {
	Method   string // chat.postMessage, chat.postEphemeral, response_url
	Channel  string
	User     string
	ThreadTS string
	Text     string
	Blocks   []map[string]any
	Unfurl   string // unfurl_links
	Response string // response_type, for response_url
}

// Mrkdwn is the text of all the post's section blocks, a line each.
func (p Post) Mrkdwn() string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		if t, ok := bl["text"].(map[string]any); ok {
			b.WriteString(fmt.Sprint(t["text"]) + "\n")
		}
	}
	return b.String()
}

// RateLimited is the failure that answers 429 with Retry-After: 2.
const RateLimited = "ratelimit"

// Server is a fake Slack Web API. Its methods are safe for concurrent use.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL                string
	tb                 testing.TB
	botToken, appToken string
	srv                *httptest.Server

	mu      sync.Mutex
	fail    string // see Fail
	failN   int
	errs    map[string]string // API errors by method
	limitAt int
	posts   []Post
	socket  http.HandlerFunc
	roles   map[string]string
	infos   int
	hold    map[string]chan struct{}
	held    int
	gaveUp  int
}

// NewServer starts a fake Slack that takes botToken for posts and
// appToken for Socket Mode, and stops it at the end of the test. Errors
// in what the bot posts fail tb.
func NewServer(tb testing.TB, botToken, appToken string) *Server {
	tb.Helper()
	s := &Server{tb: tb, botToken: botToken, appToken: appToken, errs: map[string]string{},
		roles: map[string]string{}, hold: map[string]chan struct{}{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// APIURL is the Web API's base URL the adapter takes (slack.Options.APIURL).
func (s *Server) APIURL() string { return s.URL + "/api/" }

// ResponseURL is a response_url the fake takes posts at.
func (s *Server) ResponseURL() string { return s.URL + "/response" }

// Close stops the server; calls after it fail to connect.
func (s *Server) Close() { s.srv.Close() }

// Fail makes the next n posts (0: every post) fail with an API error such
// as "channel_not_found", or with RateLimited; "" for none. Posts to a
// response URL do not fail.
func (s *Server) Fail(apiError string, n int) {
	s.mu.Lock()
	s.fail, s.failN = apiError, n
	s.mu.Unlock()
}

// FailMethod makes every call of method (auth.test, apps.connections.open)
// answer apiError; "" for none.
func (s *Server) FailMethod(method, apiError string) {
	s.mu.Lock()
	s.errs[method] = apiError
	s.mu.Unlock()
}

// LimitAt answers 429 (Retry-After: 2) once, to the post after n have
// been taken.
func (s *Server) LimitAt(n int) { s.mu.Lock(); s.limitAt = n; s.mu.Unlock() }

// SetRole sets what users.info says of user: "admin", "owner" or
// "member"; others are user_not_found.
func (s *Server) SetRole(user, role string) { s.mu.Lock(); s.roles[user] = role; s.mu.Unlock() }

// UserInfoCalls is the number of users.info calls.
func (s *Server) UserInfoCalls() int { s.mu.Lock(); defer s.mu.Unlock(); return s.infos }

// HandleSocket serves the Socket Mode websocket that
// apps.connections.open points to.
func (s *Server) HandleSocket(h http.HandlerFunc) { s.mu.Lock(); s.socket = h; s.mu.Unlock() }

// Hold keeps chat.postMessage to channel waiting, like a slow network
// under a long reply, until release is called or the client gives up.
func (s *Server) Hold(channel string) (release func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	s.hold[channel] = ch
	s.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

// Held is the number of posts held now.
func (s *Server) Held() int { s.mu.Lock(); defer s.mu.Unlock(); return s.held }

// GaveUp is the number of held posts the client gave up on.
func (s *Server) GaveUp() int { s.mu.Lock(); defer s.mu.Unlock(); return s.gaveUp }

// Posts returns the posts taken, in order.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WaitPosts returns the posts once there are at least n, or fails the
// test after 20 seconds.
func (s *Server) WaitPosts(tb testing.TB, n int) []Post {
	tb.Helper()
	bottest.WaitFor(tb, fmt.Sprintf("%d posts at the fake Slack", n), 0, func() bool { return len(s.Posts()) >= n })
	return s.Posts()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	s.mu.Lock()
	apiErr, socket := s.errs[method], s.socket
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/ws" && socket != nil:
		socket(w, r) // long-lived: not under the lock
		return
	case apiErr != "":
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, apiErr)
		return
	}
	switch r.URL.Path {
	case "/api/auth.test":
		if !s.authorized(r, s.botToken) {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team":"T","team_id":"T1"}`)
	case "/api/apps.connections.open":
		if !s.authorized(r, s.appToken) {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/ws"}`, r.Host)
	case "/api/users.info":
		s.userInfo(w, r)
	case "/api/chat.postMessage", "/api/chat.postEphemeral", "/response":
		s.post(w, r)
	default:
		http.NotFound(w, r)
	}
}

// authorized reports whether r carries token, in the header or the form.
func (s *Server) authorized(r *http.Request, token string) bool {
	return token == "" || r.Header.Get("Authorization") == "Bearer "+token || r.FormValue("token") == token
}

func (s *Server) userInfo(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	s.mu.Lock()
	s.infos++
	role, ok := s.roles[user]
	s.mu.Unlock()
	if !ok {
		fmt.Fprint(w, `{"ok":false,"error":"user_not_found"}`)
		return
	}
	fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"is_admin":%t,"is_owner":%t}}`, user, role == "admin", role == "owner")
}

// wait holds a post to a held channel until it is released or the
// client gives up.
func (s *Server) wait(r *http.Request, channel string) {
	s.mu.Lock()
	hold := s.hold[channel]
	if hold == nil || r.URL.Path != "/api/chat.postMessage" {
		s.mu.Unlock()
		return
	}
	s.held++
	s.mu.Unlock()
	gaveUp := false
	select {
	case <-hold:
	case <-r.Context().Done():
		gaveUp = true
	}
	s.mu.Lock()
	s.held--
	if gaveUp {
		s.gaveUp++
	}
	s.mu.Unlock()
}

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	p, ok := s.read(w, r)
	if !ok {
		return
	}
	s.wait(r, p.Channel)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limitAt > 0 && len(s.posts) == s.limitAt {
		s.limitAt = 0
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	if s.fail != "" && p.Method != "response_url" {
		if s.failN > 0 {
			if s.failN--; s.failN == 0 {
				defer func() { s.fail = "" }()
			}
		}
		if s.fail == RateLimited {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, s.fail)
		return
	}
	s.check(p)
	s.posts = append(s.posts, p)
	n := len(s.posts)
	fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d","message_ts":"1700000000.%06d"}`, p.Channel, n, n)
}

// read decodes a post; false if it was refused.
func (s *Server) read(w http.ResponseWriter, r *http.Request) (Post, bool) {
	if r.URL.Path == "/response" {
		var body struct {
			ResponseType string           `json:"response_type"`
			Text         string           `json:"text"`
			Blocks       []map[string]any `json:"blocks"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			s.tb.Errorf("response_url: %v", err)
		}
		return Post{Method: "response_url", Text: body.Text, Blocks: body.Blocks, Response: body.ResponseType}, true
	}
	if !s.authorized(r, s.botToken) {
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
		return Post{}, false
	}
	p := Post{Method: strings.TrimPrefix(r.URL.Path, "/api/"), Channel: r.FormValue("channel"), User: r.FormValue("user"),
		ThreadTS: r.FormValue("thread_ts"), Text: r.FormValue("text"), Unfurl: r.FormValue("unfurl_links")}
	if err := json.Unmarshal([]byte(r.FormValue("blocks")), &p.Blocks); err != nil {
		s.tb.Errorf("%s: blocks %q: %v", p.Method, r.FormValue("blocks"), err)
	}
	return p, true
}

// check fails the test if a post breaks Slack's limits.
func (s *Server) check(p Post) {
	if n := len(p.Blocks); n == 0 || n > maxBlocks {
		s.tb.Errorf("%s: %d blocks, want 1 to %d", p.Method, n, maxBlocks)
	}
	for _, bl := range p.Blocks {
		if t, ok := bl["text"].(map[string]any); ok {
			if n := len(utf16.Encode([]rune(fmt.Sprint(t["text"])))); n > maxSectionText {
				s.tb.Errorf("%s: section of %d characters, want at most %d", p.Method, n, maxSectionText)
			}
		}
	}
}
