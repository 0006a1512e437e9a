package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// runDay moves the clock to t, runs the scheduler and sends what it queued.
func (w *world) runAt(t testing.TB, at time.Time) {
	t.Helper()
	w.clock.Set(at)
	if _, err := w.bot.EnqueueDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.box.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestScheduledBriefLocalTimeAcrossDST(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// Berlin moves its clocks forward on Sunday 2025-03-30.
	w := newWorld(t, time.Date(2025, 3, 27, 12, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "42"}
	for _, cmd := range []string{"/subscribe ukraine", "/schedule 08:00 Europe/Berlin"} {
		if _, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: cmd}); err != nil {
			t.Fatal(err)
		}
	}
	// News each day; the scheduler runs every 5 minutes of virtual time.
	var got []string
	day := 0
	for at := w.clock.Now(); at.Before(time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)); at = at.Add(5 * time.Minute) {
		if at.Hour() == 12 && at.Minute() == 0 {
			day++
			a := kyivTalks
			a.ID, a.URL = fmt.Sprintf("k-%d", day), fmt.Sprintf("https://one.example/kyiv/%d", day)
			a.Text = fmt.Sprintf("Day %d: %s", day, a.Text)
			w.clock.Set(at)
			w.news(t, "https://one.example/feed", a)
		}
		w.runAt(t, at)
	}
	for _, s := range w.chat.messages() {
		got = append(got, s.at.In(berlin).Format("Mon 15:04 MST"))
		if s.msg.Digest == nil || len(s.msg.Digest.Stories) != 1 {
			t.Errorf("brief at %v has %v, want one story", s.at, s.msg.Digest)
		}
		if want := "Daily brief, " + s.at.In(berlin).Format("Mon 2 January 2006") + ": ukraine"; s.msg.Heading != want {
			t.Errorf("brief at %v has heading %q, want %q", s.at, s.msg.Heading, want)
		}
	}
	want := "Fri 08:00 CET|Sat 08:00 CET|Sun 08:00 CEST|Mon 08:00 CEST|Tue 08:00 CEST"
	if strings.Join(got, "|") != want {
		t.Errorf("briefs arrived at %v, want %s", got, want)
	}
}

func TestQuietHoursHoldTheBrief(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "7"}
	for _, cmd := range []string{"/schedule 05:30 UTC", "/quiet 22:00-07:00"} {
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: cmd})
		if err != nil {
			t.Fatal(err)
		}
		t.Log(m.Text)
	}
	w.news(t, "https://one.example/feed", chips)
	for at := w.clock.Now(); at.Before(time.Date(2025, 6, 3, 12, 0, 0, 0, time.UTC)); at = at.Add(10 * time.Minute) {
		w.runAt(t, at)
	}
	msgs := w.chat.messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d briefs, want 1", len(msgs))
	}
	if got := msgs[0].at.UTC().Format("15:04"); got != "07:00" {
		t.Errorf("brief due 05:30 in quiet hours 22:00-07:00 arrived at %s, want 07:00", got)
	}
}

func TestQuietDayNotice(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "8"}
	w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: "/schedule 13:00 UTC"})
	w.runAt(t, time.Date(2025, 6, 2, 13, 0, 0, 0, time.UTC))
	if n := len(w.chat.messages()); n != 0 {
		t.Fatalf("a day without news sent %d messages, want none by default", n)
	}
	if m, _ := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: "/settings quietday on"}); !strings.Contains(m.Text, "get a note") {
		t.Fatalf("/settings quietday on = %q", m.Text)
	}
	w.runAt(t, time.Date(2025, 6, 3, 13, 0, 0, 0, time.UTC))
	msgs := w.chat.messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0].msg.Text, "quiet day") {
		t.Errorf("with the notice on, got %+v, want one 'quiet day' line", msgs)
	}
}

// fanOut queues one brief to each of n chats.
func fanOut(t testing.TB, w *world, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		m := bot.Message{Chat: bot.ChatRef{Platform: "fake", ID: fmt.Sprint(i)}, Text: "brief"}
		if _, err := bot.Enqueue(ctx, w.store, m, "digest:1", w.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func checkOnce(t testing.TB, w *world, n int) {
	t.Helper()
	count := map[string]int{}
	for _, s := range w.chat.messages() {
		count[s.msg.Chat.ID]++
	}
	missing, twice := 0, 0
	for i := range n {
		switch count[fmt.Sprint(i)] {
		case 0:
			missing++
		case 1:
		default:
			twice++
		}
	}
	if missing != 0 || twice != 0 {
		t.Errorf("of %d chats, %d got nothing and %d got the brief more than once", n, missing, twice)
	}
	if left, _ := w.store.Outbox(context.Background()); left != 0 {
		t.Errorf("%d deliveries left in the outbox", left)
	}
}

func TestOutboxRateLimitErrorsLoseNothing(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	const n = 500
	fanOut(t, w, n)
	w.chat.fail = func(k int, m bot.Message) error {
		switch {
		case k%37 == 0:
			return &bot.RateLimitError{Platform: "fake", Delay: 3 * time.Second}
		case k%53 == 0:
			return errors.New("500 Internal Server Error")
		}
		return nil
	}
	for range 20 {
		w.box.Drain(t.Context())
		w.clock.Sleep(t.Context(), time.Minute)
	}
	checkOnce(t, w, n)
	if w.chat.violations != 0 {
		t.Errorf("%d requests broke the platform's limits", w.chat.violations)
	}
}

func TestOutboxPausesBlockedChat(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "blocked"}
	w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: "/schedule 13:00 UTC"})
	var calls atomic.Int32
	w.chat.fail = func(int, bot.Message) error {
		calls.Add(1)
		return fmt.Errorf("403 Forbidden: bot was blocked by the user: %w", bot.ErrChatGone)
	}
	bot.Enqueue(t.Context(), w.store, bot.Message{Chat: chat, Text: "hi"}, "k", w.clock.Now())
	for range 5 {
		w.box.Drain(t.Context())
		w.clock.Sleep(t.Context(), time.Hour)
	}
	if calls.Load() != 1 {
		t.Errorf("a blocked chat was tried %d times, want once", calls.Load())
	}
	cs, _ := w.store.Chat(t.Context(), chat)
	if !strings.Contains(cs.Paused, "blocked") {
		t.Errorf("chat settings after block = %+v, want paused", cs)
	}
	if due, _ := w.store.DueChats(t.Context(), w.clock.Now().Add(48*time.Hour), time.Minute, 10); len(due) != 0 {
		t.Errorf("a paused chat is still due for briefs: %+v", due)
	}
}

// crashingStore stops answering after kill, like a process that died.
type crashingStore struct {
	bot.Store
	killed atomic.Bool
}

var errKilled = errors.New("process killed")

func (s *crashingStore) MarkSent(ctx context.Context, id int64, at time.Time) error {
	if s.killed.Load() {
		return errKilled
	}
	return s.Store.MarkSent(ctx, id, at)
}
func (s *crashingStore) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	if s.killed.Load() {
		return errKilled
	}
	return s.Store.Retry(ctx, id, next, reason)
}
func (s *crashingStore) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Delivery, error) {
	if s.killed.Load() {
		return nil, errKilled
	}
	return s.Store.Claim(ctx, now, lease, limit)
}

// TestOutboxCrashMidFanOut kills an outbox in the middle of a fan-out (it
// stops writing anything, leases and all) and starts another on the same
// database: every chat gets its brief, and only the message in flight at
// the kill may come twice.
func TestOutboxCrashMidFanOut(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	const n = 1000
	fanOut(t, w, n)
	cs := &crashingStore{Store: w.store}
	first := bot.NewOutbox(cs, []bot.Chat{w.chat}, bot.OutboxOptions{Clock: w.clock, Workers: 1, Lease: time.Minute})
	w.chat.fail = func(k int, m bot.Message) error {
		if cs.killed.Load() {
			return errKilled // a dead process sends nothing more
		}
		if k == 420 {
			cs.killed.Store(true) // dies while this send is in flight: sent, not marked
		}
		return nil
	}
	first.Drain(t.Context())
	if got := len(w.chat.messages()); got < 400 || got >= n {
		t.Fatalf("first process sent %d before dying, want a part", got)
	}
	w.chat.fail = nil
	w.clock.Sleep(t.Context(), 2*time.Minute) // the dead process's leases run out
	second := bot.NewOutbox(w.store, []bot.Chat{w.chat}, bot.OutboxOptions{Clock: w.clock, Workers: 1})
	second.Drain(t.Context())
	count := map[string]int{}
	for _, s := range w.chat.messages() {
		count[s.msg.Chat.ID]++
	}
	twice := 0
	for i := range n {
		switch count[fmt.Sprint(i)] {
		case 0:
			t.Errorf("chat %d never got its brief", i)
		case 2:
			twice++
		}
	}
	if twice > 1 {
		t.Errorf("%d chats got the brief twice, want at most the one in flight", twice)
	}
}

// BenchmarkFanOut sends one brief to each of 10,000 chats through a fake
// platform allowing 30 messages a second and 1 per chat per second, on a
// virtual clock; it reports the rate reached as a share of the allowed one.
func BenchmarkFanOut(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		w := newWorld(b, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
		const n = 10000
		fanOut(b, w, n)
		b.StartTimer()
		start := w.clock.Now()
		if _, err := w.box.Drain(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		msgs := w.chat.messages()
		if len(msgs) != n || w.chat.violations != 0 {
			b.Fatalf("sent %d of %d, %d limit violations", len(msgs), n, w.chat.violations)
		}
		elapsed := msgs[len(msgs)-1].at.Sub(start).Seconds()
		b.ReportMetric(float64(n-1)/elapsed/30*100, "%-of-30/s")
		b.ReportMetric(0, "violations")
		b.StartTimer()
	}
}
