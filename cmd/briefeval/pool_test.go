package main

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief"
)

// fakeBriefer titles each brief with the article's ID after a delay that
// makes later articles finish first, and records the most calls at once.
type fakeBriefer struct {
	running, most atomic.Int32
}

func (f *fakeBriefer) Summarize(a brief.Article) (brief.Brief, error) {
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		m := f.most.Load()
		if n <= m || f.most.CompareAndSwap(m, n) {
			break
		}
	}
	i, _ := strconv.Atoi(a.ID)
	time.Sleep(time.Duration(10-i) * time.Millisecond)
	switch a.ID {
	case "3":
		return brief.Brief{}, errors.New("cannot brief 3")
	case "5":
		panic("bad article")
	}
	return brief.Brief{Title: a.ID}, nil
}

func TestSummarizeAll(t *testing.T) {
	var arts []brief.Article
	for i := range 10 {
		arts = append(arts, brief.Article{ID: strconv.Itoa(i)})
	}
	f := &fakeBriefer{}
	outs, err := summarizeAll(t.Context(), f, arts, 2)
	if err != nil {
		t.Fatalf("summarizeAll() error: %v", err)
	}
	var got []string
	for _, o := range outs {
		if o.err != nil {
			got = append(got, "error")
			continue
		}
		got = append(got, o.brief.Title)
	}
	want := []string{"0", "1", "2", "error", "4", "error", "6", "7", "8", "9"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summarizeAll outcomes out of order (-want +got):\n%s", diff)
	}
	if m := f.most.Load(); m > 2 {
		t.Errorf("summarizeAll ran %d at once, want at most 2", m)
	}
	if outs[1].took <= 0 {
		t.Errorf("summarizeAll took = %v, want the time measured", outs[1].took)
	}
}

func TestSummarizeAllCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := summarizeAll(ctx, &fakeBriefer{}, []brief.Article{{ID: "1"}, {ID: "2"}, {ID: "3"}}, 2)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("summarizeAll(canceled) error = %v, want context.Canceled", err)
	}
}
