package bot

import (
	"context"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// Message is what the bot sends, before any platform renders it. Exactly
// one of Text, Digest and Brief is set.
type Message struct {
	Chat   ChatRef
	Text   string        `json:",omitempty"` // a reply or notice, plain text
	Digest *brief.Digest `json:",omitempty"` // the scheduled daily brief
	Brief  *brief.Brief  `json:",omitempty"` // the brief of one article
	// Heading tops a message that comes on its own, such as the daily
	// brief ("Daily brief, Tue 3 June: climate, trade"), so that it does
	// not read as the answer to a command.
	Heading string `json:",omitempty"`
	// Ephemeral replies are shown to the asking user only, where the
	// platform can (Slack); elsewhere they are ordinary replies.
	Ephemeral bool   `json:",omitempty"`
	User      string `json:",omitempty"` // who asked, for ephemeral replies
}

// Empty reports whether m has nothing to show: the bot's answer to a
// command it drops without a word (a user over the command rate).
// Adapters send nothing for it.
func (m Message) Empty() bool { return m.Text == "" && m.Digest == nil && m.Brief == nil }

// Chat is one chat platform as the bot sees it. Adapters (bot/telegram,
// bot/slack, bot/console) implement it; they render a Message in their own
// format and split it at their own limits.
type Chat interface {
	// Platform returns the name used in ChatRef.Platform.
	Platform() string
	// Send delivers one message. Errors that the bot must act on are
	// ErrChatGone (wrapped) and errors with a RetryAfter() method.
	Send(ctx context.Context, m Message) error
	// Limits returns the platform's send limits.
	Limits() Limits
}

// Parts is a message rendered for a platform, sent a part at a time; see
// PartSender.
type Parts interface {
	// Len is the number of parts.
	Len() int
	// Send sends part i. state is what Send returned for the part before
	// (empty for the first), and Send returns what the next part needs,
	// such as the thread the first post of a Slack digest opened.
	Send(ctx context.Context, i int, state string) (string, error)
}

// PartSender is a Chat whose messages may take several platform
// messages: a brief split at the platform's length limit, a digest's
// thread replies. The outbox sends them one part at a time, each with its
// own send slot and time-out, and records each part as it goes out, so
// that a retry sends only what is left.
type PartSender interface {
	Chat
	// Parts renders m into the messages it becomes on the platform.
	Parts(m Message) (Parts, error)
}

// Limits are a platform's send limits, which the outbox enforces.
type Limits struct {
	Global  Rate // all chats together
	PerChat Rate // one chat
	// PerGroup applies to group chats on top of PerChat (Telegram: 20 a
	// minute); zero for none. IsGroup tells group chats by their ID.
	PerGroup Rate
	IsGroup  func(chatID string) bool
}

// perChat is the spacing between messages to one chat.
func (l Limits) perChat(chat ChatRef) time.Duration {
	per := l.PerChat.Interval()
	if l.IsGroup != nil && l.IsGroup(chat.ID) {
		per = max(per, l.PerGroup.Interval())
	}
	return per
}

// Rate is N events per Per.
type Rate struct {
	N   int
	Per time.Duration
}

// Interval is the spacing between events at this rate; zero for no limit.
func (r Rate) Interval() time.Duration {
	if r.N <= 0 || r.Per <= 0 {
		return 0
	}
	// Rounded up: 30 a second must never become 31.
	return (r.Per + time.Duration(r.N) - 1) / time.Duration(r.N)
}

// Request is a command a user sent, as an adapter hands it to Bot.Handle.
type Request struct {
	Chat ChatRef
	User string // platform user id
	// Group is set for group chats and channels, where only admins change
	// settings.
	Group bool
	Admin bool   // the user may change this chat's settings
	Text  string // "/subscribe ukraine", "/summary@newsbrief_bot"
	// Local requests come from the machine's own user (the console) and
	// skip the per-user command rate.
	Local bool
	// ChatTitle is the chat's name on its platform, when the update
	// carries it; the console shows it.
	ChatTitle string
}

// reply is the answer to r with text: to the chat it came from, for the
// user who sent it.
func (r Request) reply(text string) Message {
	return Message{Chat: r.Chat, User: r.User, Text: text}
}
