package telegramtest

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Limit is a rate: N requests per Per.
type Limit struct {
	N   int
	Per time.Duration
}

// pacing refuses sends beyond Telegram's limits on a clock.
type pacing struct {
	now             func() time.Time
	global, perChat Limit
	attempts        []time.Time            // every sendMessage, refused ones too
	byChat          map[string][]time.Time // sendMessage calls by chat
	limited         int                    // 429s answered
}

// Pace makes the fake answer 429 retry_after 1, as Telegram would, to a
// sendMessage beyond global requests overall or perChat to one chat, on
// the clock now (which also stamps the messages).
func (s *Server) Pace(now func() time.Time, global, perChat Limit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
	s.pace = &pacing{now: now, global: global, perChat: perChat, byChat: map[string][]time.Time{}}
}

// Limited is the number of 429s a paced fake answered.
func (s *Server) Limited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pace == nil {
		return 0
	}
	return s.pace.limited
}

// over reports whether the last request broke l: more than N requests
// within Per.
func over(ts []time.Time, l Limit) bool {
	if len(ts) <= l.N {
		return false
	}
	return ts[len(ts)-1].Sub(ts[len(ts)-1-l.N]) < l.Per
}

// allow records a send to chat and reports whether it keeps to the
// limits. s.mu is held.
func (p *pacing) allow(chat string) bool {
	now := p.now()
	p.attempts = append(p.attempts, now)
	p.byChat[chat] = append(p.byChat[chat], now)
	if over(p.attempts, p.global) || over(p.byChat[chat], p.perChat) {
		p.limited++
		return false
	}
	return true
}

func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	m := Message{ChatID: r.Form.Get("chat_id"), Text: r.Form.Get("text"), ParseMode: r.Form.Get("parse_mode"),
		ThreadID: r.Form.Get("message_thread_id"), NoPreview: r.Form.Get("disable_web_page_preview"),
		ReplyMarkup: r.Form.Get("reply_markup")}
	if !s.wire(r, m.ChatID) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	switch {
	case s.pace != nil && !s.pace.allow(m.ChatID):
		writeRetryAfter(w, 1)
		return
	case s.calls == s.limitAt:
		writeRetryAfter(w, 1)
		return
	case s.fail == TooManyRequests:
		writeRetryAfter(w, 3)
		return
	case s.fail == Blocked:
		WriteError(w, http.StatusForbidden, "Forbidden: bot was blocked by the user")
		return
	case s.fail == ChatNotFound:
		WriteError(w, http.StatusBadRequest, "Bad Request: chat not found")
		return
	}
	if m.ReplyMarkup != "" {
		if err := CheckKeyboard(m.ReplyMarkup); err != nil {
			WriteError(w, http.StatusBadRequest, "Bad Request: can't parse inline keyboard button: "+err.Error())
			return
		}
	}
	if m.ParseMode == "HTML" {
		_, err := CheckHTML(m.Text)
		if err == nil && s.fail == NoHTML {
			err = errors.New("unsupported start tag")
		}
		if err != nil {
			s.refused = append(s.refused, m)
			WriteError(w, http.StatusBadRequest, "Bad Request: can't parse entities: "+err.Error())
			return
		}
	}
	m.At = s.now()
	s.sent = append(s.sent, m)
	s.byChat[m.ChatID] = append(s.byChat[m.ChatID], m.Text)
	WriteResult(w, map[string]any{"message_id": len(s.sent), "date": 0, "chat": map[string]any{"id": 1, "type": "private"}})
}

// wire keeps a send to chat on the wire as long as the test asked (Hold,
// Slow, DropEvery), and reports whether it is to be answered: false if
// the client gave up or the call is dropped.
func (s *Server) wire(r *http.Request, chat string) bool {
	s.mu.Lock()
	// A dropped call counts at once; the others once answered.
	drop := s.dropN > 0 && (s.calls+1)%s.dropN == 0
	if drop {
		s.calls++
	}
	s.mu.Unlock()
	return s.Pass(r.Context(), chat, drop) && !drop
}

// writeRetryAfter answers 429 with retry_after secs, as Telegram slows a
// bot down.
func writeRetryAfter(w http.ResponseWriter, secs int) {
	write(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
		"description": "Too Many Requests: retry after " + strconv.Itoa(secs), "parameters": map[string]any{"retry_after": secs}})
}
