package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

func (b *Bot) sources(ctx context.Context, req Request, arg string) (Message, error) {
	msg := req.reply("")
	if sub, url, _ := strings.Cut(arg, " "); strings.EqualFold(sub, "add") {
		if !slices.Contains(b.opts.Operators, req.Chat.Platform+":"+req.User) {
			msg.Text = "Only the bot's operators can add sources."
			return msg, nil
		}
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			msg.Text = "Give the feed's or page's address: /sources add https://example.org/feed.xml"
			return msg, nil
		}
		src, err := b.AddSource(ctx, NewSource{URL: url, Trusted: req.Local, Find: true})
		if errors.Is(err, ErrExists) {
			msg.Text = "That source is already polled."
			return msg, nil
		}
		if err != nil {
			return replyError(msg, err)
		}
		msg.Text = "Added " + b.opts.RedactURL(src.URL) + "; its news comes from the next poll on."
		return msg, nil
	} else if arg != "" {
		msg.Text = "Use /sources to list them, or /sources add <url>."
		return msg, nil
	}
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return Message{}, err
	}
	if len(srcs) == 0 {
		msg.Text = "No sources yet."
		return msg, nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s:\n", plural(len(srcs), "source"))
	for i, s := range srcs {
		if i == 20 {
			fmt.Fprintf(&sb, "… and %d more.", len(srcs)-i)
			break
		}
		fmt.Fprintf(&sb, "- %s\n", b.shownSource(s))
	}
	msg.Text = strings.TrimSpace(sb.String())
	return msg, nil
}

// shownSource is how a chat sees a source in /sources and /status: its
// title, its URL with the secrets hidden, or, for a local file or folder,
// its name without the operator's path.
func (b *Bot) shownSource(s Source) string {
	if s.Title == "" && (!strings.Contains(s.URL, "://") || strings.HasPrefix(s.URL, "file://")) {
		return s.Name()
	}
	return cmp.Or(s.Title, b.opts.RedactURL(s.URL))
}

func (b *Bot) status(ctx context.Context, req Request, _ string) (Message, error) {
	now := b.opts.Clock.Now()
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return Message{}, err
	}
	var sb strings.Builder
	// Reads may work while writes fail (a full disk): say so first.
	if since, err := b.opts.Health.Failing(); err != nil {
		fmt.Fprintf(&sb, "The bot's database failed %s: what you change may not be saved until it recovers.\n", ago(now, since))
	}
	healthy := 0
	var failing []string
	var lastPoll time.Time
	for _, s := range srcs {
		st, err := b.store.State(ctx, s.ID)
		if err != nil {
			return Message{}, err
		}
		if st.LastPoll.After(lastPoll) {
			lastPoll = st.LastPoll
		}
		if st.Failures == 0 {
			healthy++
			continue
		}
		line := fmt.Sprintf("- %s: %s (%d failures, next try %s)", b.shownSource(s), st.LastError, st.Failures, ago(now, st.NextPoll))
		if h := st.MoreHint(); h != "" {
			line += "; " + h
		}
		failing = append(failing, line)
	}
	fmt.Fprintf(&sb, "Sources: %d, %d healthy; last fetch %s.\n", len(srcs), healthy, ago(now, lastPoll))
	for i, f := range failing {
		if i == 10 {
			fmt.Fprintf(&sb, "… and %d more failing.\n", len(failing)-i)
			break
		}
		sb.WriteString(f + "\n")
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	subs, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	fmt.Fprintf(&sb, "Topics: %s.\n", describeTopics(subs))
	switch {
	case cs.Paused != "":
		fmt.Fprintf(&sb, "Deliveries are paused: %s.\n", cs.Paused)
	case cs.Schedule == "":
		sb.WriteString("No daily brief is scheduled (/schedule sets one).\n")
	default:
		fmt.Fprintf(&sb, "Daily brief at %s; next %s.\n", cs.Schedule, ago(now, cs.NextDigest))
	}
	if cs.Quiet != "" {
		fmt.Fprintf(&sb, "Quiet hours: %s.\n", cs.Quiet)
	}
	last, err := b.store.LastSent(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	fmt.Fprintf(&sb, "Last delivery: %s.", ago(now, last))
	if cs.Schedule != "" && !cs.LastDigest.IsZero() && last.Before(cs.LastDigest) {
		sb.WriteString(" The last daily brief found nothing new on this chat's topics, so nothing was sent.")
	}
	return req.reply(sb.String()), nil
}
