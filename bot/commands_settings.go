package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

func (b *Bot) schedule(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if arg == "" {
		if cs.Schedule == "" {
			msg.Text = "No daily brief is scheduled. Set one with /schedule 08:00 Europe/Berlin [weekdays]."
		} else {
			msg.Text = "The daily brief comes at " + cs.Schedule + ". Change it with /schedule 08:00 Europe/Berlin, or /schedule off."
		}
		return msg, nil
	}
	if cs, err = b.SetSchedule(ctx, req.Chat, arg); err != nil {
		return replyError(msg, err)
	}
	switch {
	case cs.Schedule == "":
		msg.Text = "The daily brief is off. /summary still works any time."
	default:
		zone := time.UTC
		if sch, err := ParseSchedule(cs.Schedule, nil); err == nil {
			zone = sch.Zone
		}
		msg.Text = fmt.Sprintf("The daily brief comes at %s; the next one %s.", cs.Schedule, cs.NextDigest.In(zone).Format("Mon 2 Jan 15:04 MST"))
	}
	return msg, nil
}

func (b *Bot) quiet(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if arg == "" {
		msg.Text = "No quiet hours are set. Set them with /quiet 22:00-07:00."
		if cs.Quiet != "" {
			msg.Text = "Quiet hours: " + cs.Quiet + ". /quiet off removes them."
		}
		return msg, nil
	}
	if cs, err = b.SetQuiet(ctx, req.Chat, arg); err != nil {
		return replyError(msg, err)
	}
	msg.Text = "Quiet hours removed."
	if cs.Quiet != "" {
		msg.Text = "Quiet hours: " + cs.Quiet + ", in the schedule's time zone. Briefs due then wait for their end."
	}
	return msg, nil
}

// maxBackfill bounds the stories a subscription brings at once.
const maxBackfill = 10

func (b *Bot) settings(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	key, value, _ := strings.Cut(strings.ToLower(arg), " ")
	value = strings.TrimSpace(value)
	if key == "" {
		onOff := map[bool]string{true: "on", false: "off"}
		msg.Text = fmt.Sprintf("quietday: %s (a note on days without news)\nbackfill: %d (stories a new subscription brings)\nChange with /settings quietday on, /settings backfill 3.",
			onOff[cs.QuietDayNotice], cs.Backfill)
		return msg, nil
	}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	switch key {
	case "quietday":
		switch value {
		case "on":
			cs.QuietDayNotice = true
		case "off":
			cs.QuietDayNotice = false
		default:
			msg.Text = "Use /settings quietday on or /settings quietday off."
			return msg, nil
		}
		msg.Text = "Days without news now get a note: " + value + "."
	case "backfill":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > maxBackfill {
			msg.Text = fmt.Sprintf("Give a number from 0 to %d: /settings backfill 3.", maxBackfill)
			return msg, nil
		}
		cs.Backfill = n
		msg.Text = fmt.Sprintf("A new subscription now brings the %d latest stories.", n)
	default:
		msg.Text = "Unknown setting " + Clip(key, 33) + ". Settings: quietday, backfill."
		return msg, nil
	}
	if err := b.store.SaveChat(ctx, cs); err != nil {
		return Message{}, err
	}
	return msg, nil
}
