package postgres

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// recordingChat is a platform that accepts every message and remembers
// when each arrived and for which chat.
type recordingChat struct {
	limits bot.Limits

	mu    sync.Mutex
	times []time.Time
	chats map[bot.ChatRef]int
}

var _ bot.Chat = (*recordingChat)(nil)

func (c *recordingChat) Platform() string   { return "fake" }
func (c *recordingChat) Limits() bot.Limits { return c.limits }

func (c *recordingChat) Send(ctx context.Context, m bot.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.times = append(c.times, time.Now())
	c.chats[m.Chat]++
	return nil
}

func (c *recordingChat) sent() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.times)
}

// maxInWindow returns the most sends in any window of length w.
func maxInWindow(times []time.Time, w time.Duration) int {
	times = slices.Clone(times)
	slices.SortFunc(times, time.Time.Compare)
	most, lo := 0, 0
	for hi, t := range times {
		for t.Sub(times[lo]) >= w {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	return most
}

// TestOutboxSharedRate fans one message out to each of 300 chats on a
// platform allowing 30 sends a second, through one outbox or three
// (separate pools on one database, as separate instances would be). With
// the rate shared through the store, three together keep to the limit and
// take as long as one.
func TestOutboxSharedRate(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 20 s of real time")
	}
	const (
		chats   = 300
		rate    = 30 // a second
		workers = 4  // per instance
	)
	for _, instances := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d instances", instances), func(t *testing.T) {
			u := freshSchema(t)
			stores := make([]*Store, instances)
			for i := range stores {
				stores[i] = open(t, u)
			}
			chat := &recordingChat{
				limits: bot.Limits{Global: bot.Rate{N: rate, Per: time.Second}, PerChat: bot.Rate{N: 1, Per: time.Second}},
				chats:  map[bot.ChatRef]int{},
			}
			now := time.Now()
			for i := range chats {
				ref := bot.ChatRef{Platform: "fake", ID: fmt.Sprint(i)}
				if _, err := bot.Enqueue(t.Context(), stores[0], bot.Message{Chat: ref, Text: "today's brief"}, "digest:1", now); err != nil {
					t.Fatal(err)
				}
			}

			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			start := time.Now()
			var wg sync.WaitGroup
			for _, s := range stores {
				box := bot.NewOutbox(s, []bot.Chat{chat}, bot.OutboxOptions{Workers: workers, SharedRate: true})
				wg.Go(func() { box.Run(ctx) })
			}
			deadline := start.Add(60 * time.Second)
			for chat.sent() < chats && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			cancel()
			wg.Wait()

			chat.mu.Lock()
			defer chat.mu.Unlock()
			if len(chat.times) == 0 {
				t.Fatal("nothing sent")
			}
			took := slices.MaxFunc(chat.times, time.Time.Compare).Sub(start)
			most := maxInWindow(chat.times, time.Second)
			t.Logf("%d instances: %d sends in %v, at most %d in any second", instances, len(chat.times), took.Round(time.Millisecond), most)
			for i := range chats {
				ref := bot.ChatRef{Platform: "fake", ID: fmt.Sprint(i)}
				if n := chat.chats[ref]; n != 1 {
					t.Errorf("chat %v got %d messages, want 1", ref, n)
				}
			}
			if len(chat.chats) != chats {
				t.Errorf("%d chats got messages, want %d", len(chat.chats), chats)
			}
			// 300 sends at 30 a second less the pacer's margin of a
			// tenth take 11 s: faster broke the limit. A lost throughput
			// shows as chats left without their message at the 60 s
			// deadline above; no tighter ceiling, since a sender woken
			// late on a loaded machine takes a new slot (45 s seen at a
			// load of 19 on two cores).
			if took < 10*time.Second {
				t.Errorf("%d sends took %v, want at least 10 s (%d a second less a tenth)", chats, took, rate)
			}
			// One more than the rate allows for the timer jitter of a
			// loaded machine; TestThreeInstancesCommandsShareTheRate holds
			// the real processes to the rate itself.
			if most > rate+1 {
				t.Errorf("%d sends within one second, want at most %d", most, rate+1)
			}
			if n, err := stores[0].Outbox(t.Context()); err != nil || n != 0 {
				t.Errorf("Outbox() = %d, %v; want 0 pending", n, err)
			}
		})
	}
}
