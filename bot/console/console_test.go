package console

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
)

// echo answers every command with its text and drops "/drop"
// unanswered; commands that save (/subscribe) fail as on a read-only
// database, with the reply the bot gives then.
type echo struct{}

func (echo) Handle(ctx context.Context, req bot.Request) (bot.Message, error) {
	switch {
	case req.Text == "/drop":
		return bot.Message{}, nil
	case strings.HasPrefix(req.Text, "/subscribe"):
		return bot.Message{Chat: req.Chat, Text: "Could not save that, try again in a minute."},
			errors.New("attempt to write a readonly database")
	}
	return bot.Message{Chat: req.Chat, Text: "got " + req.Text}, nil
}

func TestRunPrompts(t *testing.T) {
	var out bytes.Buffer
	a := New(&out)
	if err := a.Run(t.Context(), strings.NewReader("/help\n\n   \n/drop\n/status\n"), echo{}, "> "); err != nil {
		t.Fatalf("Run: %v", err)
	}
	// A prompt at the start, after each reply, after each empty line and
	// after a dropped command; a newline at the end of input.
	want := "> got /help\n\n> > > > got /status\n\n> \n"
	if out.String() != want {
		t.Errorf("Run printed %q, want %q", out.String(), want)
	}
}

func TestSendShowsThePromptAgain(t *testing.T) {
	var out bytes.Buffer
	a := New(&out)
	a.Send(t.Context(), bot.Message{Text: "scheduled"})
	if out.String() != "scheduled\n\n" {
		t.Errorf("Send without a prompt printed %q", out.String())
	}
	out.Reset()
	a.prompt = "> "
	a.Send(t.Context(), bot.Message{Text: "scheduled"})
	if out.String() != "\nscheduled\n\n> " {
		t.Errorf("Send while prompting printed %q, want the message on its own line and the prompt after it", out.String())
	}
}

func TestRenderHeading(t *testing.T) {
	got := Render(bot.Message{Heading: "Daily brief, Tue 3 June 2025: climate", Text: "A quiet day."})
	if want := "== Daily brief, Tue 3 June 2025: climate ==\n\nA quiet day.\n\n"; got != want {
		t.Errorf("Render = %q, want %q", got, want)
	}
}

// TestFailedCommandKeepsConsole: a command that fails on the store is
// answered, and the console reads the next one; it used to end the
// console, and with it the whole process.
func TestFailedCommandKeepsConsole(t *testing.T) {
	var out bytes.Buffer
	a := New(&out)
	if err := a.Run(t.Context(), strings.NewReader("/subscribe ukraine\n/help\n"), echo{}, ""); err != nil {
		t.Fatalf("Run ended with %v, want it to carry on to the end of the input", err)
	}
	for _, want := range []string{"Could not save that, try again in a minute.", "got /help"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the console shows no %q:\n%s", want, out.String())
		}
	}
}
