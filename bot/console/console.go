// Package console is the terminal adapter: it reads commands from a reader
// (standard input) and prints replies and briefs as plain text. The demo,
// local use and the end-to-end tests run the bot through it.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/newsbrief/newsbrief/bot"
)

// Platform is the ChatRef.Platform of the console.
const Platform = "console"

// Adapter is the console chat: one chat, one user, who is its admin and
// the bot's operator.
type Adapter struct {
	mu     sync.Mutex
	out    io.Writer
	prompt string // shown while Run waits for a line; empty for none
	// Chat is the console's chat.
	Chat bot.ChatRef
	// User is the console's user.
	User string
	// Log hears of commands that failed (nil: nobody); the person reads
	// the reply that says so, and the console carries on.
	Log *slog.Logger
}

var _ bot.Chat = (*Adapter)(nil)

// New returns a console adapter writing to out.
func New(out io.Writer) *Adapter {
	return &Adapter{out: out, Chat: bot.ChatRef{Platform: Platform, ID: "local"}, User: "local"}
}

// Platform returns "console".
func (a *Adapter) Platform() string { return Platform }

// Limits: a terminal takes whatever comes.
func (a *Adapter) Limits() bot.Limits { return bot.Limits{} }

// Send prints a message that comes on its own (a scheduled brief), and
// the prompt again after it, since the person may be about to type.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	text := Render(m)
	if a.prompt != "" {
		text = "\n" + text + a.prompt
	}
	_, err := io.WriteString(a.out, text)
	return err
}

// reply prints the answer to a command the person typed, then the prompt.
func (a *Adapter) reply(m bot.Message) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	text := ""
	if !m.Empty() {
		text = Render(m)
	}
	_, err := io.WriteString(a.out, text+a.prompt)
	return err
}

// Render returns a message as terminal text, ending in a blank line,
// with what strangers wrote made Printable.
func Render(m bot.Message) string {
	var s string
	switch {
	case m.Digest != nil:
		s = m.Digest.Text()
	case m.Brief != nil:
		s = m.Brief.Text()
	default:
		s = m.Text
	}
	if m.Heading != "" {
		s = "== " + m.Heading + " ==\n\n" + s
	}
	return Printable(strings.TrimRight(s, "\n")) + "\n\n"
}

// Run reads one command a line from in until EOF or ctx ends, and prints
// each reply, then prompt (empty for none: input is not a terminal). An
// empty line gets the prompt again; lines that are not commands get a
// hint. Run returns when ctx ends only if a read from in does: give it a
// reader that ends with ctx (a blocked read of a terminal does not).
func (a *Adapter) Run(ctx context.Context, in io.Reader, h bot.Handler, prompt string) error {
	a.mu.Lock()
	a.prompt = prompt
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		a.prompt = ""
		a.mu.Unlock()
	}()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 2<<20)
	if err := a.reply(bot.Message{}); err != nil {
		return err
	}
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		var reply bot.Message
		if line != "" {
			var err error
			reply, err = h.Handle(ctx, bot.Request{Chat: a.Chat, User: a.User, Admin: true, Local: true, Text: line})
			if err != nil && a.Log != nil {
				// One failed command (a read-only database, say) never
				// ends the console, nor the process it runs in.
				a.Log.Error("console command", "err", err)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		if err := a.reply(reply); err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	if prompt != "" {
		fmt.Fprintln(a.out) // end the prompt's line: Ctrl-D leaves it open
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read commands: %w", err)
	}
	return nil
}
