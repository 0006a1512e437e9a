package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// TestReadyzSeesFailedWrites is the full disk: the store still reads, but
// a write failed a moment ago, so the instance is not ready; it used to
// answer 200.
func TestReadyzSeesFailedWrites(t *testing.T) {
	s, err := sqlite.Open(t.Context(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	health := bot.NewStoreHealth(nil, nil)
	store := bot.WatchStore(failingWrites{s}, health)
	ready := func() int {
		rec := httptest.NewRecorder()
		readyHandler(store, health, slog.New(slog.DiscardHandler)).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code
	}
	if code := ready(); code != http.StatusOK {
		t.Fatalf("/readyz before any failure = %d, want 200", code)
	}
	if err := store.Subscribe(t.Context(), bot.ChatRef{Platform: "telegram", ID: "1"}, "ukraine"); err == nil {
		t.Fatal("the full disk took the subscription")
	}
	if code := ready(); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz after a failed write = %d, want 503", code)
	}
}

// failingWrites is a store on a full disk: subscribing fails.
type failingWrites struct{ bot.Store }

func (failingWrites) Subscribe(ctx context.Context, c bot.ChatRef, topic string) error {
	return errors.New("database or disk is full")
}
