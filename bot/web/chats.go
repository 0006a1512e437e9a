package web

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/newsbrief/newsbrief/bot"
)

// chatLine is a chat as the list shows it, with why it got nothing.
type chatLine struct {
	bot.ChatRow
	Why string
}

type chatsView struct {
	Rows  []chatLine
	Pager pager
}

func (s *Server) chatsPage(w http.ResponseWriter, r *http.Request) {
	pg, p := listPage(r, "/chats")
	rows, total, err := s.opts.Store.ChatRows(r.Context(), p)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	lines := make([]chatLine, len(rows))
	for i, row := range rows {
		lines[i] = chatLine{row, whyQuiet(row)}
	}
	s.render(w, r, http.StatusOK, "chats", view{Title: "Chats", Section: "chats", Data: chatsView{Rows: lines, Pager: pg.of(total)}})
}

// whyQuiet says why a chat may be getting nothing, or "" when nothing
// stands in the way.
func whyQuiet(c bot.ChatRow) string {
	switch {
	case c.Paused != "":
		return "Paused: " + c.Paused
	case c.LastError != "":
		return "Last send failed: " + c.LastError
	case c.Schedule == "":
		return "No daily brief scheduled"
	case !c.LastDigest.IsZero() && c.LastSent.Before(c.LastDigest):
		return "The last daily brief found nothing new on its topics"
	}
	return ""
}

// chatForm is the chat page's forms as typed, and what was wrong with
// one of them.
type chatForm struct {
	Schedule, Quiet, Topic string
	Error                  string
	Field                  string // the field the error is about
}

type chatView struct {
	Row  bot.ChatRow
	Ref  string
	Why  string
	Form chatForm
}

func (s *Server) chatPage(w http.ResponseWriter, r *http.Request) {
	c, ok := parseChatRef(r.FormValue("c"))
	if !ok {
		s.fail(w, r, http.StatusNotFound, "There is no such chat.")
		return
	}
	s.showChat(w, r, http.StatusOK, c, nil)
}

// showChat shows a chat's page; form, when not nil, is a refused form
// shown again as it was typed.
func (s *Server) showChat(w http.ResponseWriter, r *http.Request, status int, c bot.ChatRef, form *chatForm) {
	row, err := s.opts.Store.ChatRow(r.Context(), c)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	v := chatView{Row: row, Ref: c.String(), Why: whyQuiet(row), Form: chatForm{Schedule: row.Schedule, Quiet: row.Quiet}}
	if form != nil {
		v.Form = *form
	}
	title := cmp.Or(row.Title, c.String())
	s.render(w, r, status, "chat", view{Title: "Chat " + title, Section: "chats", Data: v})
}

// parseChatRef reads a chat as ChatRef.String writes it:
// "telegram:-100123" or "telegram:-100123/7". Bytes no chat's name has
// (invalid UTF-8, control characters) name none.
func parseChatRef(s string) (bot.ChatRef, bool) {
	platform, rest, ok := strings.Cut(s, ":")
	if !ok || platform == "" || rest == "" || cleanText(s) != s {
		return bot.ChatRef{}, false
	}
	id, thread, _ := strings.Cut(rest, "/")
	return bot.ChatRef{Platform: platform, ID: id, Thread: thread}, id != ""
}

// operatorPause is why a chat the operator paused gets nothing.
const operatorPause = "paused by the operator"

// chatAction changes a chat: its schedule, quiet hours, topics, pause,
// or sends its brief now. Each goes through the same operation as the
// chat's own command.
func (s *Server) chatAction(w http.ResponseWriter, r *http.Request) {
	c, ok := parseChatRef(r.PostFormValue("c"))
	if !ok {
		s.fail(w, r, http.StatusNotFound, "There is no such chat.")
		return
	}
	ctx := r.Context()
	if _, err := s.opts.Store.ChatRow(ctx, c); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	back := "/chat?c=" + url.QueryEscape(c.String())
	form := chatForm{Schedule: r.PostFormValue("schedule"), Quiet: r.PostFormValue("quiet"), Topic: r.PostFormValue("topic")}
	var msg string
	var err error
	switch action := r.PathValue("action"); action {
	case "schedule":
		var cs bot.ChatSettings
		if cs, err = s.opts.Bot.SetSchedule(ctx, c, form.Schedule); err == nil {
			msg = "The daily brief is off."
			if cs.Schedule != "" {
				msg = "The daily brief comes at " + cs.Schedule + "; the next one " + cs.NextDigest.UTC().Format("Mon 2 Jan 15:04 UTC") + "."
			}
		}
		form.Field = "schedule"
	case "quiet":
		var cs bot.ChatSettings
		if cs, err = s.opts.Bot.SetQuiet(ctx, c, form.Quiet); err == nil {
			msg = "No quiet hours."
			if cs.Quiet != "" {
				msg = "Quiet hours: " + cs.Quiet + "."
			}
		}
		form.Field = "quiet"
	case "follow":
		var topic string
		if topic, err = s.opts.Bot.Follow(ctx, c, form.Topic); err == nil {
			msg = "Follows " + topic + " now."
		}
		form.Field = "topic"
	case "unfollow":
		var n int
		var topic string
		topic, n, err = s.opts.Bot.Unfollow(ctx, c, r.PostFormValue("drop"))
		msg = "Dropped " + topic + "."
		if err == nil && n == 0 {
			msg = "It did not follow " + topic + "."
		}
	case "pause", "resume":
		reason := ""
		if action == "pause" {
			reason = operatorPause
		}
		if err = s.opts.Bot.PauseChat(ctx, c, reason); err == nil {
			msg = "Deliveries resumed."
			if reason != "" {
				msg = "Deliveries paused: nothing is sent to this chat until resumed."
			}
		}
	case "send":
		var queued bool
		if queued, err = s.opts.Bot.BriefNow(ctx, c); err == nil {
			msg = "The brief is queued and goes out within a minute; the Outbox shows it."
			if !queued {
				msg = "The brief was queued already this minute; it is not sent twice."
			}
		}
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such action.")
		return
	}
	var bad *bot.InputError
	switch {
	case errors.As(err, &bad) && form.Field != "":
		form.Error = bad.Msg
		s.showChat(w, r, http.StatusUnprocessableEntity, c, &form)
	case errors.As(err, &bad):
		s.refused(w, r, back, bad.Msg)
	case errors.Is(err, bot.ErrExists):
		s.refused(w, r, back, "This chat already follows that topic.")
	case err != nil:
		s.storeFailed(w, r, err)
	default:
		s.done(w, r, back, msg)
	}
}
