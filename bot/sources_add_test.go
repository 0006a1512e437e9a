package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// privateGuard is a PageFetcher whose guard refuses the 10.x network, as
// the real one refuses every private address.
type privateGuard struct{}

func (privateGuard) FetchArticle(context.Context, string) (brief.Article, error) {
	return brief.Article{}, errors.New("not in this test")
}

func (privateGuard) CheckURL(_ context.Context, url string) error {
	if strings.Contains(url, "//10.") {
		return errors.New("fetch " + url + ": refused: private address")
	}
	return nil
}

// TestChatSourcesAddIsGuarded checks that a source added from a chat,
// whose host is trusted from then on, must pass the URL guard; the
// machine's own console may add any.
func TestChatSourcesAddIsGuarded(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{
		Operators: []string{"telegram:42", "console:local"}, Pages: privateGuard{},
	})
	ctx := context.Background()
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	tests := []struct {
		req  bot.Request
		want string
	}{
		{bot.Request{Chat: chat, User: "42", Text: "/sources add http://10.0.0.5/internal.rss"}, "refused: private address"},
		{bot.Request{Chat: chat, User: "42", Text: "/sources add https://news.example/feed.xml"}, "Added https://news.example"},
		{bot.Request{Chat: bot.ChatRef{Platform: "console", ID: "local"}, User: "local", Local: true, Text: "/sources add http://10.0.0.6/lan.rss"}, "Added http://10.0.0.6"},
	}
	for _, tt := range tests {
		reply, err := w.bot.Handle(ctx, tt.req)
		if err != nil || !strings.Contains(reply.Text, tt.want) {
			t.Errorf("Handle(%q from %s) = %q, %v; want %q", tt.req.Text, tt.req.Chat, reply.Text, err, tt.want)
		}
	}
	srcs, err := w.store.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		got = append(got, s.URL)
	}
	if strings.Join(got, " ") != "https://news.example/feed.xml http://10.0.0.6/lan.rss" {
		t.Errorf("sources = %v, want the public feed and the console's LAN feed only", got)
	}

	// The chat's source is polled through the guard ever after, its own
	// host included, so a name that later resolves inside gets nothing;
	// the machine's own console's source is trusted.
	guarded := map[string]bool{}
	p := bot.NewPoller(w.store, bot.FetcherFunc(func(ctx context.Context, location string, _ bot.Validators) (*bot.Fetched, error) {
		guarded[location] = bot.Guarded(ctx)
		return &bot.Fetched{}, nil
	}), bot.PollerOptions{Clock: w.clock})
	for _, s := range srcs {
		if _, err := p.Poll(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if !guarded["https://news.example/feed.xml"] || guarded["http://10.0.0.6/lan.rss"] {
		t.Errorf("polled under the guard: %v; want the chat's source only", guarded)
	}
}
