package bot_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
)

// brokenStore fails as a full disk does, reads working and writes not;
// down, it fails as a database that does not answer.
type brokenStore struct {
	bot.Store
	down atomic.Bool
}

var (
	errDiskFull = errors.New("database or disk is full (13)")
	errDown     = errors.New("failed to connect to `user=newsbrief database=newsbrief`: dial error: connection refused")
)

func (s *brokenStore) read() error {
	if s.down.Load() {
		return errDown
	}
	return nil
}

func (s *brokenStore) Subscribe(context.Context, bot.ChatRef, string) error { return errDiskFull }
func (s *brokenStore) SaveChat(context.Context, bot.ChatSettings) error     { return errDiskFull }
func (s *brokenStore) Sources(ctx context.Context) ([]bot.Source, error) {
	if err := s.read(); err != nil {
		return nil, err
	}
	return s.Store.Sources(ctx)
}
func (s *brokenStore) Subscriptions(ctx context.Context, c bot.ChatRef) ([]string, error) {
	if err := s.read(); err != nil {
		return nil, err
	}
	return s.Store.Subscriptions(ctx, c)
}

// storeFailures counts the store failures an Observer hears of.
type storeFailures struct{ n atomic.Int32 }

func (*storeFailures) Polled(bot.Source, int, error) {}
func (*storeFailures) Sent(string, error)            {}
func (*storeFailures) Built(time.Duration)           {}
func (o *storeFailures) StoreFailed(error)           { o.n.Add(1) }

// TestStoreFailuresAreTold is the full disk and the database down: the
// user is told that what they asked could not be saved or looked up, the
// console carries on with the next command, /status says the database is
// failing, the health says not ready and the metrics count each failure.
func TestStoreFailuresAreTold(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	broken := &brokenStore{Store: w.store}
	obs := &storeFailures{}
	health := bot.NewStoreHealth(obs, w.clock)
	b := bot.New(bot.WatchStore(broken, health), sum, bot.Options{Clock: w.clock, Health: health})
	var out, logs bytes.Buffer
	term := console.New(&out)
	term.Log = slog.New(slog.NewTextHandler(&logs, nil))
	session := func(lines ...string) string {
		t.Helper()
		out.Reset()
		if err := term.Run(t.Context(), strings.NewReader(strings.Join(lines, "\n")), b, ""); err != nil {
			t.Fatalf("the console stopped on a failing store: %v", err)
		}
		return out.String()
	}

	got := session("/subscribe ukraine", "/status", "/help")
	for _, want := range []string{
		"Could not save that, try again in a minute",
		"The bot's database failed 0s ago",
		"Sources: 0",
		"/subscribe <topic>", // the console went on after the failure
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the console shows no %q:\n%s", want, got)
		}
	}
	if _, err := health.Failing(); !errors.Is(err, errDiskFull) {
		t.Errorf("health after a failed write = %v, want the failure", err)
	}
	if !strings.Contains(logs.String(), "disk is full") {
		t.Errorf("the log does not say why the command failed: %q", logs.String())
	}

	broken.down.Store(true)
	if got := session("/status"); !strings.Contains(got, "Could not look that up: the bot's database is not answering") {
		t.Errorf("/status with the database down shows:\n%s", got)
	}
	if n := obs.n.Load(); n != 2 {
		t.Errorf("the metrics heard of %d store failures, want 2", n)
	}

	w.clock.Sleep(t.Context(), 2*time.Minute)
	if _, err := health.Failing(); err != nil {
		t.Errorf("health two minutes after the last failure = %v, want recovered", err)
	}
}
