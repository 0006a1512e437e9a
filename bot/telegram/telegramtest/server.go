// Package telegramtest is a fake Telegram Bot API on loopback, for the
// tests of the Telegram adapter and of everything that runs it (the
// outbox, `newsbrief run`). It answers the methods the bot calls as
// Telegram does, refuses what Telegram would refuse (bad HTML, bad inline
// keyboards, a wrong token, sends beyond the rate limits when paced), and
// records what it was sent.
package telegramtest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/bottest"
)

// Message is one sendMessage call the fake took, as it was asked.
type Message struct {
	ChatID, Text, ParseMode, ThreadID, NoPreview, ReplyMarkup string
	At                                                        time.Time // on the fake's clock
}

// Failure makes every sendMessage fail as Telegram would; see Server.Fail.
type Failure string

// The failures the fake can answer with.
const (
	TooManyRequests Failure = "429"    // 429, retry_after 3
	Blocked         Failure = "403"    // the user blocked the bot
	ChatNotFound    Failure = "gone"   // 400 chat not found
	NoHTML          Failure = "nohtml" // 400 can't parse entities, for any HTML
)

// Server is a fake Bot API. Its methods are safe for concurrent use.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL   string
	token string
	srv   *httptest.Server
	done  chan struct{} // closed at the end of the test: long polls return
	// Wire holds, slows (Hold, Slow) and counts (OnWire, GaveUp) the
	// sendMessage calls to a chat.
	bottest.Wire

	mu       sync.Mutex
	botName  string
	now      func() time.Time
	fail     Failure
	limitAt  int // the sendMessage call to answer 429 retry_after 1, once
	dropN    int // every dropN-th sendMessage goes unanswered
	calls    int // sendMessage calls
	sent     []Message
	refused  []Message // answered 400 "can't parse entities"
	byChat   map[string][]string
	pace     *pacing
	updates  []json.RawMessage // queued, not yet served
	nextID   int
	arrived  chan struct{} // closed and renewed when an update is queued
	members  map[string]string
	asked    int
	answered []string
	commands string
}

// NewServer starts a fake Bot API that takes token (empty: any token)
// and stops it at the end of the test.
func NewServer(tb testing.TB, token string) *Server {
	tb.Helper()
	s := &Server{token: token, done: make(chan struct{}), botName: "newsbrief_bot", now: time.Now,
		byChat: map[string][]string{}, members: map[string]string{}, arrived: make(chan struct{}), nextID: 100}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.Close)
	return s
}

// Endpoint is the Bot API URL format the adapter takes
// (telegram.Options.APIURL).
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// Close stops the server; calls after it fail to connect.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
	s.mu.Unlock()
	s.Wire.Close()
	s.srv.Close()
}

// SetBotName sets the username getMe answers (default newsbrief_bot).
func (s *Server) SetBotName(name string) { s.mu.Lock(); s.botName = name; s.mu.Unlock() }

// Fail makes every later sendMessage fail with f; "" for none.
func (s *Server) Fail(f Failure) { s.mu.Lock(); s.fail = f; s.mu.Unlock() }

// LimitAt answers the n-th sendMessage call with 429 retry_after 1, once.
func (s *Server) LimitAt(n int) { s.mu.Lock(); s.limitAt = n; s.mu.Unlock() }

// DropEvery leaves every n-th sendMessage call unanswered until the
// client gives up, delivering nothing: a network that loses answers.
func (s *Server) DropEvery(n int) { s.mu.Lock(); s.dropN = n; s.mu.Unlock() }

// SetMember sets what getChatMember answers for user in chat: "creator",
// "administrator", "member" (the default) and so on.
func (s *Server) SetMember(chat, user, status string) {
	s.mu.Lock()
	s.members[chat+":"+user] = status
	s.mu.Unlock()
}

// Calls is the number of sendMessage calls, refused ones included.
func (s *Server) Calls() int { s.mu.Lock(); defer s.mu.Unlock(); return s.calls }

// MemberCalls is the number of getChatMember calls.
func (s *Server) MemberCalls() int { s.mu.Lock(); defer s.mu.Unlock(); return s.asked }

// Messages returns the messages sent, in the order they arrived.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.sent...)
}

// Refused returns the messages refused for their HTML.
func (s *Server) Refused() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.refused...)
}

// Texts returns the texts sent to chat, in order.
func (s *Server) Texts(chat string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.byChat[chat]...)
}

// Count returns the number of messages sent, and of chats they went to.
func (s *Server) Count() (messages, chats int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent), len(s.byChat)
}

// Callbacks returns the callback_query_id of each answerCallbackQuery.
func (s *Server) Callbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.answered...)
}

// Commands returns the JSON of the last setMyCommands.
func (s *Server) Commands() string { s.mu.Lock(); defer s.mu.Unlock(); return s.commands }

// WaitMessages returns the messages once there are at least n, or fails
// the test after 20 seconds.
func (s *Server) WaitMessages(tb testing.TB, n int) []Message {
	tb.Helper()
	bottest.WaitFor(tb, strconv.Itoa(n)+" messages at the fake Bot API", 0, func() bool { return len(s.Messages()) >= n })
	return s.Messages()
}

// WriteResult answers a Bot API call with ok and result.
func WriteResult(w http.ResponseWriter, result any) {
	write(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

// WriteError answers a Bot API call as Telegram refuses one.
func WriteError(w http.ResponseWriter, code int, description string) {
	write(w, code, map[string]any{"ok": false, "error_code": code, "description": description})
}

func write(w http.ResponseWriter, code int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	if !ok || (s.token != "" && token != s.token) {
		WriteError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	switch method {
	case "getMe":
		s.mu.Lock()
		name := s.botName
		s.mu.Unlock()
		WriteResult(w, map[string]any{"id": 1, "is_bot": true, "first_name": "News", "username": name})
	case "sendMessage":
		s.sendMessage(w, r)
	case "getUpdates":
		s.getUpdates(w, r)
	case "getChatMember":
		s.mu.Lock()
		s.asked++
		status := cmp.Or(s.members[r.Form.Get("chat_id")+":"+r.Form.Get("user_id")], "member")
		s.mu.Unlock()
		WriteResult(w, map[string]any{"status": status, "user": map[string]any{"id": 2}})
	case "answerCallbackQuery":
		s.mu.Lock()
		s.answered = append(s.answered, r.Form.Get("callback_query_id"))
		s.mu.Unlock()
		WriteResult(w, true)
	case "setMyCommands":
		s.mu.Lock()
		s.commands = r.Form.Get("commands")
		s.mu.Unlock()
		WriteResult(w, true)
	case "setWebhook", "deleteWebhook":
		WriteResult(w, true)
	default:
		WriteError(w, http.StatusNotFound, "Not Found: method "+method)
	}
}
