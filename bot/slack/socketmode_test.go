package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/newsbrief/newsbrief/bot/bottest"
)

// TestSocketMode sends a slash command over a fake Socket Mode connection
// and checks that it is acknowledged and answered.
func TestSocketMode(t *testing.T) {
	f := newFake(t)
	acks := make(chan string, 4)
	f.HandleSocket(func(w http.ResponseWriter, r *http.Request) {
		c, err := (&websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}).Upgrade(w, r, nil)
		if err != nil {
			t.Errorf("upgrade: %v", err)
			return
		}
		defer c.Close()
		cmd := map[string]any{
			"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": true,
			"payload": map[string]string{"command": "/newsbrief", "text": "help", "channel_id": "C1", "user_id": "U1",
				"response_url": "http://" + r.Host + "/response"},
		}
		for _, m := range []any{map[string]any{"type": "hello", "num_connections": 1}, cmd} {
			if err := c.WriteJSON(m); err != nil {
				t.Errorf("write: %v", err)
				return
			}
		}
		for {
			var ack struct {
				EnvelopeID string `json:"envelope_id"`
			}
			_, b, err := c.ReadMessage()
			if err != nil {
				return // the client went away
			}
			if json.Unmarshal(b, &ack) == nil && ack.EnvelopeID != "" {
				acks <- ack.EnvelopeID
			}
		}
	})
	a := New(Options{BotToken: testToken, AppToken: testAppToken, APIURL: f.APIURL(), Timeout: 5 * time.Second})
	s := NewServer(a, bottest.NewBot(t), nil)
	ctx, cancel := context.WithCancel(t.Context())
	var (
		wg     sync.WaitGroup
		runErr error
	)
	wg.Go(func() { runErr = s.RunSocketMode(ctx) })
	defer func() {
		cancel()
		wg.Wait()
		if runErr != nil {
			t.Errorf("RunSocketMode = %v, want nil after cancel", runErr)
		}
	}()
	select {
	case id := <-acks:
		if id != "env-1" {
			t.Errorf("ack for %q, want env-1", id)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no ack for the slash command")
	}
	got := f.WaitPosts(t, 1)
	if len(got) != 1 || got[0].Method != "response_url" || !strings.Contains(got[0].Mrkdwn(), "newsbrief sends") {
		t.Errorf("posts = %+v, want help through the response URL", got)
	}
}

func TestSocketModeNeedsAppToken(t *testing.T) {
	s := NewServer(New(Options{BotToken: testToken}), nil, nil)
	if err := s.RunSocketMode(t.Context()); err == nil {
		t.Error("RunSocketMode without an app token = nil, want an error")
	}
}
