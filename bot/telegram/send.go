package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// maxPartWait is the longest Send waits, in the middle of a message, for
// a rate limit to pass; longer waits go back to the outbox.
const maxPartWait = 30 * time.Second

// Parts renders a message for the outbox, which sends it a part at a
// time.
func (a *Adapter) Parts(m bot.Message) (bot.Parts, error) {
	texts, shown := render(m)
	p := parts{a: a, m: m, texts: texts}
	// The buttons are the stories shown, not those a digest lost to fit.
	if kb := keyboard(shown); kb != nil {
		js, err := json.Marshal(kb)
		if err != nil {
			return nil, fmt.Errorf("send to %s: encode buttons: %w", m.Chat, err)
		}
		p.markup = string(js)
	}
	return p, nil
}

// parts is a message rendered as Telegram HTML, with its buttons, which
// go under the last part, where the reader ends.
type parts struct {
	a      *Adapter
	m      bot.Message
	texts  []string
	markup string // JSON; empty for none
}

func (p parts) Len() int { return len(p.texts) }

// Send sends part i; Telegram needs nothing from one part for the next.
func (p parts) Send(ctx context.Context, i int, state string) (string, error) {
	buttons := ""
	if i == len(p.texts)-1 {
		buttons = p.markup
	}
	if err := p.a.sendPart(ctx, p.m, p.texts[i], buttons); err != nil {
		return state, fmt.Errorf("send to %s (part %d of %d): %w", p.m.Chat, i+1, len(p.texts), err)
	}
	return state, nil
}

// Send renders a message and sends its parts in order, each in its turn
// (see Options.Pacer): how a command's reply goes out.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	ps, err := a.Parts(m)
	if err != nil {
		return err
	}
	pace := bot.ReplyPacing{Slots: a.opts.Pacer, Limits: a.Limits(), Gap: a.opts.PartGap, Clock: a.opts.Clock}
	return bot.SendReply(ctx, ps, m.Chat, pace, bot.PartRetry{Times: 1, MaxWait: maxPartWait})
}

// sendPart sends one part as HTML, with the inline keyboard in markup
// (JSON; empty for none), and, if Telegram still refuses the formatting,
// once more as plain text.
func (a *Adapter) sendPart(ctx context.Context, m bot.Message, part, markup string) error {
	p := tgbotapi.Params{"chat_id": m.Chat.ID, "text": part, "parse_mode": tgbotapi.ModeHTML}
	if markup != "" {
		p["reply_markup"] = markup
	}
	if m.Digest != nil {
		p["disable_web_page_preview"] = "true"
	}
	if m.Chat.Thread != "" {
		p["message_thread_id"] = m.Chat.Thread
	}
	_, err := a.call(ctx, callTimeout, "sendMessage", p)
	var tgErr *tgbotapi.Error
	if errors.As(err, &tgErr) && tgErr.Code == http.StatusBadRequest && strings.Contains(tgErr.Message, "can't parse entities") {
		a.opts.Log.Warn("telegram refused HTML; sending plain text", "chat", m.Chat.String(), "err", err)
		p["text"] = plainText(part)
		delete(p, "parse_mode")
		_, err = a.call(ctx, callTimeout, "sendMessage", p)
	}
	return classify(err)
}
