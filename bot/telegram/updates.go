package telegram

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// allowedUpdates are the kinds of update the bot asks for: commands, and
// presses of its inline buttons.
const allowedUpdates = `["message","channel_post","callback_query"]`

// update is the part of a Bot API Update the bot reads; the library's
// types lack message_thread_id.
type update struct {
	UpdateID      int            `json:"update_id"`
	Message       *message       `json:"message"`
	ChannelPost   *message       `json:"channel_post"`
	CallbackQuery *callbackQuery `json:"callback_query"`
}

type user struct {
	ID int64 `json:"id"`
}

type message struct {
	ThreadID int   `json:"message_thread_id"`
	IsTopic  bool  `json:"is_topic_message"`
	From     *user `json:"from"`
	Chat     struct {
		ID   int64  `json:"id"`
		Type string `json:"type"`
		// Title names a group or channel; a private chat is named by
		// the user's names.
		Title     string `json:"title"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	} `json:"chat"`
	Text string `json:"text"`
}

// callbackQuery is the press of an inline button: Data is the button's
// callback_data, Message the message the button is under.
type callbackQuery struct {
	ID      string   `json:"id"`
	From    user     `json:"from"`
	Message *message `json:"message"`
	Data    string   `json:"data"`
}

// Updates are answered concurrently, a bounded number at once and each
// chat's in order, so that one chat's long reply never holds up another.
const (
	updateWorkers  = 8
	updatesPerChat = 4 // waiting or running; a chat sending more is flooding
)

// chat names the chat an update comes from, for its lane; empty if none.
func (u update) chat() string {
	m := cmp.Or(u.Message, u.ChannelPost)
	if u.CallbackQuery != nil {
		m = u.CallbackQuery.Message
	}
	if m == nil {
		return ""
	}
	return strconv.FormatInt(m.Chat.ID, 10)
}

// handle answers the command an update holds, if it holds one for us.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, u update) error {
	m := cmp.Or(u.Message, u.ChannelPost)
	if u.CallbackQuery != nil {
		m = a.pressed(ctx, u.CallbackQuery)
	}
	if m == nil || !a.forUs(m.Text) {
		return nil
	}
	req := bot.Request{
		Chat:  bot.ChatRef{Platform: Platform, ID: strconv.FormatInt(m.Chat.ID, 10)},
		Group: m.Chat.Type == "group" || m.Chat.Type == "supergroup" || m.Chat.Type == "channel",
		Text:  m.Text,
		// The console shows it beside the chat's id.
		ChatTitle: cmp.Or(m.Chat.Title, strings.TrimSpace(m.Chat.FirstName+" "+m.Chat.LastName)),
	}
	if m.IsTopic && m.ThreadID != 0 {
		req.Chat.Thread = strconv.Itoa(m.ThreadID)
	}
	switch {
	case m.From != nil:
		req.User = strconv.FormatInt(m.From.ID, 10)
	case m.Chat.Type == "channel":
		// Only a channel's admins can post in it.
		req.User, req.Admin = req.Chat.ID, true
	}
	if req.Group && !req.Admin && m.From != nil {
		admin, err := a.isAdmin(ctx, req.Chat.ID, req.User)
		if err != nil {
			// Not knowing, the bot treats the user as a member: the reply
			// says only admins may change settings.
			a.opts.Log.Warn("telegram chat member", "chat", req.Chat.String(), "err", err)
		}
		req.Admin = admin
	}
	// On a failure the reply tells the user so; the error is logged.
	reply, err := h.Handle(ctx, req)
	if err != nil {
		err = fmt.Errorf("handle %s: %w", req.Chat, err)
	}
	if reply.Empty() {
		return err
	}
	return errors.Join(err, a.Send(ctx, reply))
}

// pressed answers a button press at once, which stops the spinner on the
// button, and returns the press as the command its data holds, sent by
// the user who pressed it in the chat of the message; nil if the data
// holds no command.
func (a *Adapter) pressed(ctx context.Context, cq *callbackQuery) *message {
	if _, err := a.call(ctx, callTimeout, "answerCallbackQuery", tgbotapi.Params{"callback_query_id": cq.ID}); err != nil {
		// The spinner runs on until Telegram gives up; the command is
		// still worth answering.
		a.opts.Log.Warn("telegram answer callback", "err", classify(err))
	}
	if cq.Message == nil || !strings.HasPrefix(cq.Data, "/") {
		return nil
	}
	m := *cq.Message
	m.From = &cq.From
	m.Text = cq.Data
	return &m
}

// forUs reports whether text is a command for this bot: /summary, or
// /summary@name with our name.
func (a *Adapter) forUs(text string) bool {
	if !strings.HasPrefix(text, "/") {
		return false
	}
	word := strings.Fields(text)[0]
	_, name, addressed := strings.Cut(word, "@")
	return !addressed || strings.EqualFold(name, a.name)
}
