package bot_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// titleCounter is a store that counts the chat titles written.
type titleCounter struct {
	*sqlite.Store
	mu     sync.Mutex
	writes int
}

func (s *titleCounter) SetChatTitle(ctx context.Context, c bot.ChatRef, title string) error {
	s.mu.Lock()
	s.writes++
	s.mu.Unlock()
	return s.Store.SetChatTitle(ctx, c, title)
}

// TestChatTitleRecorded: the chat's name a request carries is stored for
// the console, once while it stays the same, and again when it changes.
func TestChatTitleRecorded(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := &titleCounter{Store: st}
	b := bot.New(s, sum, bot.Options{})
	chat := bot.ChatRef{Platform: "telegram", ID: "-100"}
	steps := []struct {
		title, want string
		writes      int
	}{
		{"Grain Desk", "Grain Desk", 1},
		{"Grain Desk", "Grain Desk", 1}, // unchanged: no write
		{"", "Grain Desk", 1},           // not told: kept
		{"Grain & Rail Desk", "Grain & Rail Desk", 2},
	}
	for i, step := range steps {
		if _, err := b.Handle(t.Context(), bot.Request{Chat: chat, User: "7", Text: "/help", ChatTitle: step.title, Local: true}); err != nil {
			t.Fatalf("step %d: Handle: %v", i, err)
		}
		row, err := s.ChatRow(t.Context(), chat)
		if err != nil {
			t.Fatalf("step %d: ChatRow: %v", i, err)
		}
		s.mu.Lock()
		writes := s.writes
		s.mu.Unlock()
		if row.Title != step.want || writes != step.writes {
			t.Errorf("step %d (title %q): stored %q after %d writes, want %q after %d", i, step.title, row.Title, writes, step.want, step.writes)
		}
	}
}
