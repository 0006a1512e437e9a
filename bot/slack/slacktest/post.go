package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf16"
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

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	p, ok := s.read(w, r)
	if !ok {
		return
	}
	if p.Method == "chat.postMessage" {
		s.Pass(r.Context(), p.Channel, false)
	}
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
