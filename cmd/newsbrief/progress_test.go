package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/bottest"
)

func TestProgress(t *testing.T) {
	t.Run("quick command shows nothing", func(t *testing.T) {
		var buf bottest.Buffer
		stop := newProgress(&buf, func() string { return "polled 0/1 sources, 0 new" }, time.Hour, time.Millisecond)
		stop()
		stop() // a second stop is harmless
		if got := buf.String(); got != "" {
			t.Errorf("progress stopped before its delay wrote %q, want nothing", got)
		}
	})
	t.Run("long command redraws and clears", func(t *testing.T) {
		var buf bottest.Buffer
		var mu sync.Mutex
		line := "polled 12/40 sources, 37 new"
		stop := newProgress(&buf, func() string {
			mu.Lock()
			defer mu.Unlock()
			return line
		}, 0, time.Millisecond)
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(buf.String(), "37 new"); {
			if time.Now().After(deadline) {
				t.Fatalf("progress wrote %q in 5s, want the line", buf.String())
			}
			time.Sleep(time.Millisecond)
		}
		mu.Lock()
		line = "polled 40/40 sources, 9 new" // shorter: the tail must be blanked
		mu.Unlock()
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(buf.String(), "9 new"); {
			if time.Now().After(deadline) {
				t.Fatalf("progress wrote %q in 5s, want the new line", buf.String())
			}
			time.Sleep(time.Millisecond)
		}
		stop()
		got := buf.String()
		if !strings.HasPrefix(got, "\rpolled 12/40 sources, 37 new") {
			t.Errorf("progress output starts %q, want \\r and the line", got)
		}
		if !strings.Contains(got, "\rpolled 40/40 sources, 9 new ") {
			t.Errorf("progress output %q lacks the shorter line padded over the longer", got)
		}
		if clear := "\r" + strings.Repeat(" ", len("polled 40/40 sources, 9 new")) + "\r"; !strings.HasSuffix(got, clear) {
			t.Errorf("progress output ends %q, want the line cleared with %q", got[max(0, len(got)-40):], clear)
		}
	})
	t.Run("not a terminal", func(t *testing.T) {
		var buf bottest.Buffer
		if isTerminal(&buf) {
			t.Errorf("isTerminal(buffer) = true, want false")
		}
		stop := startProgress(&buf, func() string { return "x" })
		stop()
		if got := buf.String(); got != "" {
			t.Errorf("startProgress on a buffer wrote %q, want nothing", got)
		}
	})
}
