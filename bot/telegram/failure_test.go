package telegram

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
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

// titles is a handler that notes the chat title of each request and
// answers it.
type titles struct {
	mu  sync.Mutex
	got map[string]string // chat id: title
}

func (h *titles) Handle(_ context.Context, req bot.Request) (bot.Message, error) {
	h.mu.Lock()
	h.got[req.Chat.ID] = req.ChatTitle
	h.mu.Unlock()
	return bot.Message{Chat: req.Chat, Text: "ok"}, nil
}

// TestChatTitle: a group's request carries its title, a private chat's
// the user's name, for the console.
func TestChatTitle(t *testing.T) {
	f := telegramtest.NewServer(t, testToken)
	a := newAdapter(t, f, nil)
	f.Command(42, "private", 42, "/help")
	f.Command(-100, "channel", 0, "/help")
	h := &titles{got: map[string]string{}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	f.WaitMessages(t, 2)
	cancel()
	<-done
	want := map[string]string{"42": "Ulla Berg", "-100": "Chat -100"}
	if !maps.Equal(h.got, want) {
		t.Errorf("chat titles = %v, want %v", h.got, want)
	}
}
