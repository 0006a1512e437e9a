package console

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
)

// failingSave answers every command but those that save, which fail as on
// a read-only database, with the reply the bot gives then.
type failingSave struct{}

func (failingSave) Handle(_ context.Context, req bot.Request) (bot.Message, error) {
	if strings.HasPrefix(req.Text, "/subscribe") {
		return bot.Message{Chat: req.Chat, Text: "Could not save that, try again in a minute."},
			errors.New("attempt to write a readonly database")
	}
	return bot.Message{Chat: req.Chat, Text: "answer to " + req.Text}, nil
}

// TestFailedCommandKeepsConsole: a command that fails on the store is
// answered, and the console reads the next one; it used to end the
// console, and with it the whole process.
func TestFailedCommandKeepsConsole(t *testing.T) {
	var out bytes.Buffer
	a := New(&out)
	if err := a.Run(t.Context(), strings.NewReader("/subscribe ukraine\n/help\n"), failingSave{}, ""); err != nil {
		t.Fatalf("Run ended with %v, want it to carry on to the end of the input", err)
	}
	for _, want := range []string{"Could not save that, try again in a minute.", "answer to /help"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the console shows no %q:\n%s", want, out.String())
		}
	}
}
