// Package slacktest is a fake Slack Web API on loopback, for the tests of
// the Slack adapter and of everything that runs it (`newsbrief run`). It
// answers the methods the bot calls, checks each post's Block Kit against
// Slack's limits, takes response_url posts, can fail, rate-limit or hold
// posts, and serves a Socket Mode URL. It stands in for slack-go's own
// slacktest, which checks none of that.
package slacktest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/newsbrief/newsbrief/bot/bottest"
)

// RateLimited is the failure that answers 429 with Retry-After: 2.
const RateLimited = "ratelimit"

// Server is a fake Slack Web API. Its methods are safe for concurrent use.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL                string
	tb                 testing.TB
	botToken, appToken string
	srv                *httptest.Server
	// Wire holds (Hold) and counts (Held, GaveUp) chat.postMessage calls
	// to a channel.
	bottest.Wire

	mu      sync.Mutex
	fail    string // see Fail
	failN   int
	errs    map[string]string // API errors by method
	limitAt int
	posts   []Post
	socket  http.HandlerFunc
	roles   map[string]string
	infos   int
}

// NewServer starts a fake Slack that takes botToken for posts and
// appToken for Socket Mode, and stops it at the end of the test. Errors
// in what the bot posts fail tb.
func NewServer(tb testing.TB, botToken, appToken string) *Server {
	tb.Helper()
	s := &Server{tb: tb, botToken: botToken, appToken: appToken, errs: map[string]string{},
		roles: map[string]string{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.Close)
	return s
}

// APIURL is the Web API's base URL the adapter takes (slack.Options.APIURL).
func (s *Server) APIURL() string { return s.URL + "/api/" }

// ResponseURL is a response_url the fake takes posts at.
func (s *Server) ResponseURL() string { return s.URL + "/response" }

// Close stops the server; calls after it fail to connect.
func (s *Server) Close() {
	s.Wire.Close()
	s.srv.Close()
}

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
