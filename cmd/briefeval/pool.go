package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// briefer is what the evaluation needs of a brief.Summarizer.
type briefer interface {
	Summarize(brief.Article) (brief.Brief, error)
}

var _ briefer = (*brief.Summarizer)(nil)

// outcome is the result of briefing one article.
type outcome struct {
	brief brief.Brief
	err   error
	took  time.Duration
}

// summarizeAll briefs every article with at most workers goroutines at once
// and returns the outcomes in the order of arts, so that the report does not
// depend on scheduling. A panic in Summarize becomes that article's error:
// one bad article must not end a run that scores hundreds.
func summarizeAll(ctx context.Context, s briefer, arts []brief.Article, workers int) ([]outcome, error) {
	out := make([]outcome, len(arts))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(arts)) {
		wg.Go(func() {
			for i := range jobs {
				out[i] = summarizeOne(s, arts[i])
			}
		})
	}
feed:
	for i := range arts {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("summarize: %w", err)
	}
	return out, nil
}

func summarizeOne(s briefer, a brief.Article) (o outcome) {
	start := time.Now()
	defer func() {
		o.took = time.Since(start)
		if p := recover(); p != nil {
			o = outcome{err: fmt.Errorf("summarize %s: panic: %v", a.ID, p), took: o.took}
		}
	}()
	b, err := s.Summarize(a)
	return outcome{brief: b, err: err}
}

// medianMillis returns the median time of the outcomes in milliseconds.
func medianMillis(outs []outcome) float64 {
	if len(outs) == 0 {
		return 0
	}
	d := make([]time.Duration, len(outs))
	for i, o := range outs {
		d[i] = o.took
	}
	slices.Sort(d)
	m := d[len(d)/2]
	if len(d)%2 == 0 {
		m = (d[len(d)/2-1] + d[len(d)/2]) / 2
	}
	return float64(m) / float64(time.Millisecond)
}
