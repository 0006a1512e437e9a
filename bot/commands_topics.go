package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

func (b *Bot) summary(ctx context.Context, req Request, arg string) (Message, error) {
	now := b.opts.Clock.Now()
	msg := req.reply("")
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		m, err := b.BriefURL(ctx, arg)
		if err != nil {
			return replyError(msg, err)
		}
		msg.Brief = m.Brief
		return msg, nil
	}
	topics, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if arg != "" {
		if _, err := b.matcher([]string{arg}, nil); err != nil {
			msg.Text = err.Error()
			return msg, nil
		}
		topics = []string{arg}
	}
	d, err := b.digest(ctx, topics, now.Add(-b.opts.Window), now, b.opts.MaxStories)
	if err != nil {
		return Message{}, err
	}
	if len(d.Stories) == 0 {
		msg.Text = "Nothing new in the last " + humanDuration(b.opts.Window) + " on " + describeTopics(topics) + "."
		return msg, nil
	}
	msg.Digest = &d
	return msg, nil
}

func describeTopics(topics []string) string {
	if len(topics) == 0 {
		return "any topic"
	}
	return strings.Join(topics, ", ")
}

func (b *Bot) subscribe(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	if arg == "" {
		msg.Text = "Name a topic: /subscribe ukraine, or a name from /topics."
		return msg, nil
	}
	topic, err := b.Follow(ctx, req.Chat, arg)
	if errors.Is(err, ErrExists) {
		msg.Text = "This chat already follows " + topic + "."
		return msg, nil
	}
	if err != nil {
		return replyError(msg, err)
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	msg.Text = "Subscribed to " + topic + "."
	if cs.Schedule == "" {
		msg.Text += " Set a time for the daily brief with /schedule 08:00 Europe/Berlin, or ask /summary any time."
	}
	if cs.Backfill > 0 {
		now := b.opts.Clock.Now()
		d, err := b.digest(ctx, []string{topic}, now.Add(-b.opts.Window), now, cs.Backfill)
		if err != nil {
			return Message{}, err
		}
		if len(d.Stories) > 0 {
			msg.Digest = &d
			msg.Text = ""
		}
	}
	return msg, nil
}

// topicKey returns the form a topic is stored under: a named topic's name,
// or a query's canonical form.
func (b *Bot) topicKey(arg string) (string, error) {
	if named, ok := b.topics[strings.ToLower(arg)]; ok {
		return named.Name, nil
	}
	q, err := ParseQuery(arg)
	if err != nil {
		return "", err
	}
	return q.String(), nil
}

// MaxTopicsPerChat bounds a chat's subscriptions.
const MaxTopicsPerChat = 50

func (b *Bot) unsubscribe(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	if arg == "" {
		msg.Text = "Name the topic to drop, or /unsubscribe all. /topics lists this chat's topics."
		return msg, nil
	}
	topic, n, err := b.Unfollow(ctx, req.Chat, arg)
	if err != nil {
		return Message{}, err
	}
	switch {
	case n == 0 && topic == "":
		msg.Text = "This chat follows no topics."
	case n == 0:
		msg.Text = "This chat does not follow " + Clip(arg, 65) + ". /topics lists what it follows."
	case topic == "":
		msg.Text = fmt.Sprintf("Unsubscribed from all %d topics.", n)
	default:
		msg.Text = "Unsubscribed from " + topic + "."
	}
	return msg, nil
}

func (b *Bot) listTopics(ctx context.Context, req Request, _ string) (Message, error) {
	subs, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	var sb strings.Builder
	if len(b.opts.Topics) > 0 {
		sb.WriteString("Topics on offer:\n")
		for _, t := range b.opts.Topics {
			sb.WriteString("- " + t.Name)
			if t.Description != "" {
				sb.WriteString(": " + t.Description)
			}
			sb.WriteString("\n")
		}
	} else {
		sb.WriteString("No named topics are set up; subscribe to any words, e.g. /subscribe ukraine.\n")
	}
	if len(subs) == 0 {
		sb.WriteString("This chat follows no topics yet, so its brief covers all the news.")
	} else {
		sb.WriteString("This chat follows: " + strings.Join(subs, ", ") + ".")
	}
	return req.reply(sb.String()), nil
}
