package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
)

// Parts renders a message for the outbox, which posts it a post at a
// time.
func (a *Adapter) Parts(m bot.Message) (bot.Parts, error) {
	return posts{a: a, m: m, list: Render(m)}, nil
}

// posts is a message rendered as Slack posts. A digest's top post goes to
// the channel (or the ChatRef's thread) and each story to its thread.
type posts struct {
	a    *Adapter
	m    bot.Message
	list []Post
}

func (p posts) Len() int { return len(p.list) }

// Send makes post i. state is the top post's timestamp, which later posts
// reply to in its thread.
func (p posts) Send(ctx context.Context, i int, state string) (string, error) {
	post, m := p.list[i], p.m
	opts := []slack.MsgOption{slack.MsgOptionBlocks(post.Blocks...), slack.MsgOptionText(post.Text, false)}
	if m.Digest != nil {
		opts = append(opts, slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
	}
	ts := m.Chat.Thread
	if ts == "" && post.InThread && !m.Ephemeral {
		ts = state
	}
	if ts != "" {
		opts = append(opts, slack.MsgOptionTS(ts))
	}
	got, err := p.a.post(ctx, m, opts)
	switch {
	case err != nil && i == 0:
		return state, err
	case err != nil:
		return state, fmt.Errorf("post %d of %d: %w", i+1, len(p.list), err)
	case i == 0:
		return got, nil
	}
	return state, nil
}

// Send posts a message, each post in its turn (see Options.Pacer): how a
// command's reply goes out. Once the top post is out, thread replies that
// meet a rate limit are retried here after Slack's Retry-After, so that
// the top is never posted twice. Ephemeral messages go to m.User.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	ps := posts{a: a, m: m, list: Render(m)}
	return bot.SendReply(ctx, ps, m.Chat, a.pacing(), bot.PartRetry{Times: a.opts.Retries})
}

// pacing spaces the posts of a command's reply: a Pacer's slot each, or
// without one PartGap apart.
func (a *Adapter) pacing() bot.ReplyPacing {
	return bot.ReplyPacing{Slots: a.opts.Pacer, Limits: a.Limits(), Gap: a.opts.PartGap, Clock: a.opts.Clock}
}

// post makes one API call and returns the message's timestamp.
func (a *Adapter) post(ctx context.Context, m bot.Message, opts []slack.MsgOption) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	if m.Ephemeral && m.User != "" {
		ts, err := a.api.PostEphemeralContext(ctx, m.Chat.ID, m.User, opts...)
		return ts, a.wrap("chat.postEphemeral", err)
	}
	_, ts, err := a.api.PostMessageContext(ctx, m.Chat.ID, opts...)
	return ts, a.wrap("chat.postMessage", err)
}
