package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

func testOutbox(t *testing.T, s bot.Store) {
	ctx := t.Context()
	c1 := bot.ChatRef{Platform: "telegram", ID: "1"}
	c2 := bot.ChatRef{Platform: "telegram", ID: "2"}
	enqueue := func(c bot.ChatRef, key string, at time.Time) bool {
		t.Helper()
		ok, err := s.Enqueue(ctx, bot.Delivery{Chat: c, Key: key, Payload: []byte(`{"Text":"` + key + `"}`), NextAttempt: at, Created: t0})
		if err != nil {
			t.Fatalf("Enqueue: %v", err)
		}
		return ok
	}
	if !enqueue(c1, "digest:1", t0) || !enqueue(c2, "digest:1", t0.Add(time.Second)) || !enqueue(c1, "later", t0.Add(time.Hour)) {
		t.Fatal("Enqueue of new deliveries reported a duplicate")
	}
	if enqueue(c1, "digest:1", t0) {
		t.Error("Enqueue of the same key twice wrote it twice")
	}
	if n, _ := s.Outbox(ctx); n != 3 {
		t.Errorf("Outbox() = %d, want 3", n)
	}
	got, err := s.Claim(ctx, t0.Add(time.Second), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Chat != c1 || got[1].Chat != c2 || got[0].Attempts != 1 || string(got[0].Payload) != `{"Text":"digest:1"}` {
		t.Fatalf("Claim = %+v, want the two due deliveries, first attempt", got)
	}
	// Leased rows are not claimed again until the lease runs out.
	if again, _ := s.Claim(ctx, t0.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
		t.Errorf("Claim during the lease returned %d deliveries", len(again))
	}
	if err := s.MarkSent(ctx, got[0].ID, t0.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	// The sender of got[1] died: after the lease it is claimed again.
	again, _ := s.Claim(ctx, t0.Add(2*time.Minute), time.Minute, 10)
	if len(again) != 1 || again[0].ID != got[1].ID || again[0].Attempts != 2 {
		t.Fatalf("Claim after the lease = %+v, want delivery %d on its second attempt", again, got[1].ID)
	}
	// Two parts of it went out before the rate limit: the next claim
	// carries on from the third.
	if err := s.MarkPart(ctx, again[0].ID, 2, "thread 1.5"); err != nil {
		t.Fatalf("MarkPart: %v", err)
	}
	if err := s.Retry(ctx, again[0].ID, t0.Add(10*time.Minute), "429"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Claim(ctx, t0.Add(5*time.Minute), time.Minute, 10); len(d) != 0 {
		t.Errorf("a delivery set to retry later was claimed early: %+v", d)
	}
	d, _ := s.Claim(ctx, t0.Add(10*time.Minute), time.Minute, 10)
	if len(d) != 1 || d[0].LastError != "429" || d[0].PartsSent != 2 || d[0].PartState != "thread 1.5" {
		t.Fatalf("Claim at the retry time = %+v, want the error and 2 parts sent, in thread 1.5", d)
	}
	if err := s.Drop(ctx, d[0].ID, "blocked"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Claim(ctx, t0.Add(24*time.Hour), time.Minute, 10); len(d) != 1 || d[0].Key != "later" {
		t.Errorf("Claim a day later = %+v, want only the 'later' delivery", d)
	}
	if last, _ := s.LastSent(ctx, c1); !last.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("LastSent(c1) = %v", last)
	}
	if last, _ := s.LastSent(ctx, c2); !last.IsZero() {
		t.Errorf("LastSent(c2) = %v, want zero", last)
	}
	if err := s.MarkPart(ctx, 424242, 1, ""); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkPart(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.MarkSent(ctx, 424242, t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkSent(unknown) error = %v, want ErrNotFound", err)
	}
}

func testReserveSlot(t *testing.T, s bot.Store) {
	ctx := t.Context()
	const iv = 34 * time.Millisecond
	// Reservations at one instant line up interval apart, from now on.
	for i := range 100 {
		got, err := s.ReserveSlot(ctx, "send:a", t0, iv)
		if err != nil {
			t.Fatalf("ReserveSlot #%d: %v", i, err)
		}
		if want := t0.Add(time.Duration(i) * iv); !got.Equal(want) {
			t.Fatalf("ReserveSlot #%d = %v, want %v", i, got, want)
		}
	}
	// Keys are independent.
	if got, err := s.ReserveSlot(ctx, "send:b", t0, iv); err != nil || !got.Equal(t0) {
		t.Errorf("ReserveSlot(send:b) = %v, %v; want %v", got, err, t0)
	}
	// Once the reserved slots have passed, the next slot is now.
	later := t0.Add(time.Hour)
	if got, err := s.ReserveSlot(ctx, "send:a", later, iv); err != nil || !got.Equal(later) {
		t.Errorf("ReserveSlot(an hour later) = %v, %v; want %v", got, err, later)
	}

	// Concurrent callers never get the same slot.
	const workers, each = 10, 20
	var (
		mu    sync.Mutex
		slots = map[time.Time]int{}
		wg    sync.WaitGroup
		errc  = make(chan error, workers)
	)
	for range workers {
		wg.Go(func() {
			for range each {
				got, err := s.ReserveSlot(ctx, "send:c", t0, iv)
				if err != nil {
					errc <- err
					return
				}
				mu.Lock()
				slots[got]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatalf("concurrent ReserveSlot: %v", err)
	}
	if len(slots) != workers*each {
		t.Errorf("%d concurrent reservations gave %d distinct slots, want %d", workers*each, len(slots), workers*each)
	}
	for i := range workers * each {
		if at := t0.Add(time.Duration(i) * iv); slots[at] != 1 {
			t.Errorf("slot %v reserved %d times, want once", at, slots[at])
		}
	}
}
