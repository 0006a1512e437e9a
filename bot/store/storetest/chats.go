package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot"
)

func testChats(t *testing.T, s bot.Store) {
	ctx := t.Context()
	c := bot.ChatRef{Platform: "telegram", ID: "-100", Thread: "7"}
	got, err := s.Chat(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bot.ChatSettings{Chat: c}, got); diff != "" {
		t.Errorf("Chat(unknown) (-want +got):\n%s", diff)
	}
	want := bot.ChatSettings{
		Chat: c, Schedule: "08:00 Europe/Berlin weekdays", Quiet: "22:00-07:00", QuietDayNotice: true,
		Backfill: 3, LastDigest: t0.Add(-24 * time.Hour), NextDigest: t0,
	}
	for range 2 {
		if err := s.SaveChat(ctx, want); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Chat(ctx, c); !cmp.Equal(want, got) {
		t.Errorf("Chat after SaveChat (-want +got):\n%s", cmp.Diff(want, got))
	}
	if got, _ := s.Chat(ctx, bot.ChatRef{Platform: "telegram", ID: "-100"}); got.Schedule != "" {
		t.Errorf("the chat without thread shares the thread's settings: %+v", got)
	}
	later := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C1"}, Schedule: "09:00 UTC", NextDigest: t0.Add(time.Hour)}
	paused := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C2"}, Schedule: "07:00 UTC", NextDigest: t0, Paused: "blocked"}
	noSchedule := bot.ChatSettings{Chat: bot.ChatRef{Platform: "slack", ID: "C3"}}
	for _, cs := range []bot.ChatSettings{later, paused, noSchedule} {
		if err := s.SaveChat(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	const lease = 5 * time.Minute
	due, err := s.DueChats(ctx, t0.Add(time.Minute), lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bot.ChatSettings{want}, due); diff != "" {
		t.Errorf("DueChats(t0+1m) (-want +got):\n%s", diff) // NextDigest is the slot, t0, not the lease
	}
	leaseEnd := t0.Add(time.Minute + lease)
	if got, _ := s.Chat(ctx, c); !got.NextDigest.Equal(leaseEnd) {
		t.Errorf("Chat(claimed).NextDigest = %v, want the lease's end %v", got.NextDigest, leaseEnd)
	}
	if due, _ := s.DueChats(ctx, leaseEnd.Add(-time.Second), lease, 10); len(due) != 0 {
		t.Errorf("DueChats during the lease = %+v, want none", due)
	}
	due, err = s.DueChats(ctx, leaseEnd, lease, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Chat != c || !due[0].NextDigest.Equal(leaseEnd) {
		t.Errorf("DueChats(lease end) = %+v, want %v again", due, c)
	}
	if due, _ := s.DueChats(ctx, t0.Add(time.Hour), lease, 10); len(due) != 2 {
		t.Errorf("DueChats(t0+1h) returned %d chats, want 2", len(due))
	}
}

func testSubscriptions(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a := bot.ChatRef{Platform: "telegram", ID: "1"}
	b := bot.ChatRef{Platform: "slack", ID: "1"}
	for _, topic := range []string{"ukraine", "ai OR chips", "tech"} {
		if err := s.Subscribe(ctx, a, topic); err != nil {
			t.Fatalf("Subscribe(%q): %v", topic, err)
		}
	}
	if err := s.Subscribe(ctx, a, "ukraine"); !errors.Is(err, bot.ErrExists) {
		t.Errorf("Subscribe twice error = %v, want ErrExists", err)
	}
	if err := s.Subscribe(ctx, b, "ukraine"); err != nil {
		t.Errorf("Subscribe on another platform: %v", err)
	}
	got, _ := s.Subscriptions(ctx, a)
	if diff := cmp.Diff([]string{"ukraine", "ai OR chips", "tech"}, got); diff != "" {
		t.Errorf("Subscriptions (-want +got):\n%s", diff)
	}
	if n, err := s.Unsubscribe(ctx, a, "ai OR chips"); n != 1 || err != nil {
		t.Errorf("Unsubscribe(one) = %d, %v; want 1", n, err)
	}
	if n, _ := s.Unsubscribe(ctx, a, "nothing"); n != 0 {
		t.Errorf("Unsubscribe(unknown) = %d, want 0", n)
	}
	if n, _ := s.Unsubscribe(ctx, a, ""); n != 2 {
		t.Errorf("Unsubscribe(all) = %d, want 2", n)
	}
	if got, _ := s.Subscriptions(ctx, b); len(got) != 1 {
		t.Errorf("another chat lost its topics: %v", got)
	}
}
