package telegram

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// diskFull is a handler over a full disk: what saves fails, and the
// reply says so.
type diskFull struct{}

func (diskFull) Handle(_ context.Context, req bot.Request) (bot.Message, error) {
	return bot.Message{Chat: req.Chat, Text: "Could not save that, try again in a minute."}, errors.New("database or disk is full")
}

// TestStoreFailureIsAnswered: a command the store could not save gets
// the reply that says so; it used to get none.
func TestStoreFailureIsAnswered(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	f.Command(42, "private", 42, "/subscribe ukraine")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, diskFull{}) }()
	got := f.WaitMessages(t, 1)
	cancel()
	<-done
	if got[0].ChatID != "42" || !strings.Contains(got[0].Text, "Could not save that") {
		t.Errorf("reply = %+v, want the failure told to chat 42", got[0])
	}
}
