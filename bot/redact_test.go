package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// TestSourcesShowNoSecretsByDefault checks that a bot built without a URL
// redactor still keeps a source's password and token out of /sources and
// /status, showing its host instead.
func TestSourcesShowNoSecretsByDefault(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	ctx := context.Background()
	src, err := w.store.AddSource(ctx, bot.Source{URL: "https://reader:hunter2@feeds.example/private/feed?api_key=k3y"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.SaveState(ctx, bot.SourceState{SourceID: src.ID, Failures: 2, LastError: "server answered 500", LastPoll: w.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	out := ask(t, w, "/sources", "/status")
	for _, secret := range []string{"hunter2", "k3y", "reader"} {
		if strings.Contains(out, secret) {
			t.Errorf("replies show %q:\n%s", secret, out)
		}
	}
	if strings.Count(out, "https://feeds.example") != 2 {
		t.Errorf("replies should name the source by its host in /sources and /status:\n%s", out)
	}
}
