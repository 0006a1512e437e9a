package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// finder is a guarded PageFetcher that also finds feeds: the page at a
// site's root names /feed.xml.
type finder struct{ privateGuard }

func (finder) Discover(_ context.Context, url string) (string, error) {
	if strings.Contains(url, "down.example") {
		return "", errors.New("fetch " + url + ": connection refused")
	}
	if strings.HasSuffix(url, "/") {
		return url + "feed.xml", nil
	}
	return url, nil
}

// TestAddSourceFindsTheFeed checks that /sources add and Bot.AddSource
// store the feed a site names, after the guard; a site that cannot be
// read, or that the guard refuses, adds nothing and says why.
func TestAddSourceFindsTheFeed(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{Operators: []string{"telegram:42"}, Pages: finder{}})
	ctx := t.Context()
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	reply, err := w.bot.Handle(ctx, bot.Request{Chat: chat, User: "42", Text: "/sources add https://news.example/"})
	if err != nil || !strings.Contains(reply.Text, "Added https://news.example") {
		t.Fatalf("/sources add of a site = %q, %v", reply.Text, err)
	}
	if _, err := w.store.SourceByURL(ctx, "https://news.example/feed.xml"); err != nil {
		t.Errorf("the site's feed was not stored: %v", err)
	}
	for _, tt := range []struct {
		url, want string
	}{
		{"https://down.example/", "Cannot add that source: fetch https://down.example/: connection refused"},
		{"http://10.0.0.1/", "refused: private address"},
		{"gopher://news.example/", "starting with http"},
	} {
		_, err := w.bot.AddSource(ctx, bot.NewSource{URL: tt.url, Find: true})
		var bad *bot.InputError
		if !errors.As(err, &bad) || !strings.Contains(bad.Msg, tt.want) {
			t.Errorf("AddSource(%q) = %v, want an InputError saying %q", tt.url, err, tt.want)
		}
	}
	if _, err := w.bot.AddSource(ctx, bot.NewSource{URL: "https://news.example/feed.xml"}); !errors.Is(err, bot.ErrExists) {
		t.Errorf("AddSource of a feed already there = %v, want ErrExists", err)
	}
	if srcs, _ := w.store.Sources(ctx); len(srcs) != 1 {
		t.Errorf("sources = %v, want the one feed", srcs)
	}
}
