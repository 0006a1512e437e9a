package bot

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CommandStore is what the commands need of the store.
type CommandStore interface {
	// AddSource stores a new source and returns it with its ID; ErrExists
	// if one with the same URL is there.
	AddSource(ctx context.Context, s Source) (Source, error)
	// State returns a source's state; a source never polled has a zero
	// state with its SourceID set.
	State(ctx context.Context, sourceID int64) (SourceState, error)
	// Subscribe adds a topic to a chat; ErrExists if it is there.
	Subscribe(ctx context.Context, c ChatRef, topic string) error
	// Unsubscribe removes a topic, or every topic when topic is ""; it
	// returns how many it removed.
	Unsubscribe(ctx context.Context, c ChatRef, topic string) (int, error)
	// LastSent returns the chat's most recent sent delivery time.
	LastSent(ctx context.Context, c ChatRef) (time.Time, error)
	// SetChatTitle records a chat's name on its platform.
	SetChatTitle(ctx context.Context, c ChatRef, title string) error
	ChatStore
	SubscriptionReader
	ArticleReader
}

// ChatStore keeps each chat's settings.
type ChatStore interface {
	// Chat returns a chat's settings; a chat never seen has zero settings
	// with its ChatRef set.
	Chat(ctx context.Context, c ChatRef) (ChatSettings, error)
	// SaveChat stores a chat's settings.
	SaveChat(ctx context.Context, cs ChatSettings) error
}

// SubscriptionReader reads the topics a chat follows.
type SubscriptionReader interface {
	// Subscriptions returns a chat's topics in the order they were added.
	Subscriptions(ctx context.Context, c ChatRef) ([]string, error)
}

// maxCommandBytes bounds a command; chat platforms allow 4 KB messages,
// and no command needs more than a URL or a query.
const maxCommandBytes = 4096

var helpText = strings.TrimSpace(`
newsbrief sends a daily brief of the news this chat follows, and answers:

/summary: the latest brief for this chat's topics
/summary <url>: the brief of one article
/summary <topic>: the latest brief on a topic
/subscribe <topic>: follow a topic: a name from /topics, or words such as ukraine, "climate change" -opinion, ai OR chips
/unsubscribe <topic|all>: stop following
/topics: the topics on offer and the ones this chat follows
/schedule 08:00 Europe/Berlin [weekdays]: when the daily brief comes (/schedule off to stop it)
/quiet 22:00-07:00: hours without scheduled briefs (/quiet off)
/settings quietday on|off: a one-line note on days without news
/settings backfill <0-10>: how many recent stories a new subscription brings
/sources: where the news comes from
/status: what was fetched and sent, and what comes next
/help: this text`)

// CommandNames returns the commands the bot answers, without their
// slash, as help lists them; Telegram's /start is /help.
func CommandNames() []string {
	return []string{"summary", "subscribe", "unsubscribe", "topics", "schedule", "quiet", "settings", "sources", "status", "help"}
}

// Handle answers one command. Every command gets a reply, also a bad or
// unknown one. Only a failing store makes an error, and then the reply
// says so: could not save that, or could not look it up.
func (b *Bot) Handle(ctx context.Context, req Request) (Message, error) {
	m, err := b.handle(ctx, req)
	if err == nil {
		b.noteTitle(ctx, req)
	}
	if err != nil {
		text := "Could not look that up: the bot's database is not answering. Try again in a minute."
		if cmd, arg := splitCommand(req.Text); changes(cmd, arg) {
			text = "Could not save that, try again in a minute: the bot's database is not answering."
		}
		return req.reply(text), err
	}
	return m, nil
}

// maxTitles bounds the chat titles a Bot remembers having recorded: past
// it, it forgets them all and records each again once.
const maxTitles = 100000

// noteTitle records the chat's name, for the console, when the request
// carries one that this Bot has not recorded since it started: a
// command costs no write while the name stays the same (an instance
// writes each chat's name once, and again when it changes). A failure
// is logged; the command was answered.
func (b *Bot) noteTitle(ctx context.Context, req Request) {
	if req.ChatTitle == "" {
		return
	}
	b.titleMu.Lock()
	known := b.titles[req.Chat] == req.ChatTitle
	b.titleMu.Unlock()
	if known {
		return
	}
	if err := b.store.SetChatTitle(ctx, req.Chat, req.ChatTitle); err != nil {
		b.opts.Log.Warn("save chat title", "chat", req.Chat.String(), "err", err)
		return
	}
	b.titleMu.Lock()
	if len(b.titles) >= maxTitles {
		clear(b.titles)
	}
	b.titles[req.Chat] = req.ChatTitle
	b.titleMu.Unlock()
}

// changes reports whether a command would change what is stored.
func changes(cmd, arg string) bool {
	switch cmd {
	case "subscribe", "unsubscribe":
		return true
	case "schedule", "quiet", "settings", "sources":
		return arg != ""
	}
	return false
}

func (b *Bot) handle(ctx context.Context, req Request) (Message, error) {
	reply := func(format string, a ...any) (Message, error) {
		return req.reply(fmt.Sprintf(format, a...)), nil
	}
	if len(req.Text) > maxCommandBytes || !utf8.ValidString(req.Text) {
		return reply("That message is too long for a command. Try /help.")
	}
	cmd, arg := splitCommand(req.Text)
	if cmd == "" {
		return reply("Commands start with /. Try /help.")
	}
	if !req.Local {
		if wait, tell := b.throttle(req); wait > 0 {
			if !tell {
				return Message{}, nil // told once already: dropped
			}
			return reply("Too many commands at once; try again in %s.", humanDuration(wait))
		}
	}
	if cmd == "help" || cmd == "start" {
		return reply("%s", helpText)
	}
	c, ok := commands[cmd]
	if !ok {
		return reply("Unknown command /%s. Try /help.", Clip(cmd, 33))
	}
	if c.admins && !mayChange(req) {
		return reply("%s", adminsOnly)
	}
	return c.run(b, ctx, req, arg)
}

// command is one command the bot answers besides /help.
type command struct {
	run func(b *Bot, ctx context.Context, req Request, arg string) (Message, error)
	// admins: in groups and channels, only admins may run it at all.
	// (/settings shows the settings to anyone and checks on a change.)
	admins bool
}

// commands are the commands by name, as help lists them.
var commands = map[string]command{
	"summary":     {run: (*Bot).summary},
	"subscribe":   {run: (*Bot).subscribe, admins: true},
	"unsubscribe": {run: (*Bot).unsubscribe, admins: true},
	"topics":      {run: (*Bot).listTopics},
	"schedule":    {run: (*Bot).schedule, admins: true},
	"quiet":       {run: (*Bot).quiet, admins: true},
	"settings":    {run: (*Bot).settings},
	"sources":     {run: (*Bot).sources},
	"status":      {run: (*Bot).status},
}

// splitCommand returns the command word without its slash and any
// "@botname", lower-cased, and the argument.
func splitCommand(text string) (string, string) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	cmd, arg, _ := strings.Cut(text[1:], " ")
	cmd, _, _ = strings.Cut(cmd, "@")
	cmd, _, _ = strings.Cut(cmd, "\n")
	return strings.ToLower(cmd), strings.TrimSpace(arg)
}

// mayChange reports whether the user may change the chat's settings: in
// groups and channels only admins may.
func mayChange(req Request) bool { return !req.Group || req.Admin }

const adminsOnly = "Only this chat's admins can change that. Anyone can ask /summary."
