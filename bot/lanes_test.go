package bot_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// TestLanesOneChatNeverHoldsUpAnother: while one chat's task is stuck,
// another chat's tasks run; a chat's own tasks run one at a time, in
// order; no more than the workers run at once; and a chat with its lane
// full is refused.
func TestLanesOneChatNeverHoldsUpAnother(t *testing.T) {
	l := bot.NewLanes(3, 4)
	stuck := make(chan struct{})
	var (
		mu      sync.Mutex
		order   []string
		running atomic.Int32
		most    atomic.Int32
	)
	task := func(name string, wait <-chan struct{}) func() {
		return func() {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			if wait != nil {
				<-wait
			}
			time.Sleep(time.Millisecond)
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			running.Add(-1)
		}
	}
	if !l.Go("slow", task("slow 1", stuck)) || !l.Go("slow", task("slow 2", nil)) {
		t.Fatal("Go refused the first tasks of a chat")
	}
	done := make(chan struct{})
	for i := range 20 {
		key := fmt.Sprint("chat ", i%5)
		if !l.Go(key, task(fmt.Sprint(key, " task ", i/5), nil)) {
			t.Fatalf("Go refused task %d of %s", i/5, key)
		}
	}
	go func() {
		defer close(done)
		for {
			mu.Lock()
			n := len(order)
			mu.Unlock()
			if n == 20 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the other chats' tasks did not run while one chat's was stuck")
	}
	l.Go("slow", task("slow 3", nil))
	l.Go("slow", task("slow 4", nil))
	if l.Go("slow", task("slow 5", nil)) {
		t.Error("Go took a fifth task of a chat whose lane holds 4")
	}
	close(stuck)
	l.Wait()

	pos := map[string]int{}
	for i, name := range order {
		pos[name] = i
	}
	for _, key := range []string{"slow", "chat 0", "chat 3"} {
		for i := 1; i < 4; i++ {
			a, b := fmt.Sprint(key, " task ", i-1), fmt.Sprint(key, " task ", i)
			if key == "slow" {
				a, b = fmt.Sprint("slow ", i), fmt.Sprint("slow ", i+1)
			}
			if pos[a] >= pos[b] {
				t.Errorf("%q ran after %q: a chat's tasks ran out of order %v", a, b, order)
			}
		}
	}
	if len(order) != 24 {
		t.Errorf("%d tasks ran, want 24", len(order))
	}
	if m := most.Load(); m > 3 {
		t.Errorf("%d tasks ran at once, want at most 3", m)
	}
}
