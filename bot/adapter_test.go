package bot_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
)

func TestAdminCache(t *testing.T) {
	clock := bottest.NewClock(time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC))
	c := bot.NewAdminCache(5*time.Minute, clock)
	if _, ok := c.Get("chat:1"); ok {
		t.Fatal("Get on an empty cache = ok, want nothing")
	}
	c.Put("chat:1", true)
	if admin, ok := c.Get("chat:1"); !ok || !admin {
		t.Errorf("Get after Put(true) = %v, %v, want true, true", admin, ok)
	}
	clock.Set(clock.Now().Add(5 * time.Minute))
	if _, ok := c.Get("chat:1"); ok {
		t.Error("Get after the TTL = ok, want the answer asked again")
	}
}

// parts is a message of n parts whose sends fail as fail says.
type parts struct {
	n    int
	fail func(i, attempt int) error
	sent []int // the parts sent, in order, retries included
}

func (p *parts) Len() int { return p.n }

func (p *parts) Send(_ context.Context, i int, state string) (string, error) {
	attempt := 0
	for _, j := range p.sent {
		if j == i {
			attempt++
		}
	}
	p.sent = append(p.sent, i)
	if p.fail != nil {
		if err := p.fail(i, attempt); err != nil {
			return state, err
		}
	}
	return state, nil
}

func TestSendReply(t *testing.T) {
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	limited := func(d time.Duration) error { return &bot.RateLimitError{Platform: "telegram", Delay: d} }
	tests := []struct {
		name     string
		fail     func(i, attempt int) error
		retry    bot.PartRetry
		wantSent []int
		wantErr  bool
		wantTime time.Duration // on the virtual clock: gaps and retries
	}{
		{"three parts a second apart", nil, bot.PartRetry{}, []int{0, 1, 2}, false, 2 * time.Second},
		{"a later part retried after the delay", func(i, a int) error {
			if i == 1 && a == 0 {
				return limited(7 * time.Second)
			}
			return nil
		}, bot.PartRetry{Times: 1}, []int{0, 1, 1, 2}, false, 9 * time.Second},
		{"the first part is the outbox's to retry", func(i, a int) error {
			if i == 0 {
				return limited(time.Second)
			}
			return nil
		}, bot.PartRetry{Times: 3}, []int{0}, true, 0},
		{"a delay over MaxWait goes back", func(i, a int) error {
			if i == 1 {
				return limited(time.Minute)
			}
			return nil
		}, bot.PartRetry{Times: 1, MaxWait: 30 * time.Second}, []int{0, 1}, true, time.Second},
		{"other errors are not retried", func(i, a int) error {
			if i == 1 {
				return errors.New("bad request")
			}
			return nil
		}, bot.PartRetry{Times: 3}, []int{0, 1}, true, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC)
			clock := bottest.NewClock(start)
			ps := &parts{n: 3, fail: tt.fail}
			pace := bot.ReplyPacing{Limits: bot.Limits{PerChat: bot.Rate{N: 1, Per: time.Second}}, Clock: clock}
			err := bot.SendReply(t.Context(), ps, chat, pace, tt.retry)
			if (err != nil) != tt.wantErr || !slices.Equal(ps.sent, tt.wantSent) {
				t.Errorf("SendReply = %v after sending parts %v, want error %v after %v", err, ps.sent, tt.wantErr, tt.wantSent)
			}
			if got := clock.Now().Sub(start); got != tt.wantTime {
				t.Errorf("SendReply took %v on the clock, want %v", got, tt.wantTime)
			}
		})
	}
}
