package main

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief"
)

func TestReference(t *testing.T) {
	tests := []struct {
		name string
		row  summRow
		sep  string
		want string
	}{
		{name: "summary_sents win", row: summRow{Summary: "a b . c d .", SummarySents: []string{"a b .", "c d ."}}, sep: " . ", want: "a b .\nc d ."},
		{name: "lines kept", row: summRow{Summary: "One .\nTwo ."}, sep: " . ", want: "One .\nTwo ."},
		{name: "highlights split", row: summRow{Summary: "Gary wins . Club unbeaten . He thanks players ."}, sep: " . ", want: "Gary wins .\nClub unbeaten .\nHe thanks players ."},
		{name: "no separator for the set", row: summRow{Summary: "maverick is a word . really"}, want: "maverick is a word . really"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reference(tt.row, tt.sep); got != tt.want {
				t.Errorf("reference(%+v, %q) = %q, want %q", tt.row, tt.sep, got, tt.want)
			}
		})
	}
}

func TestFirstLines(t *testing.T) {
	tests := []struct {
		items []string
		k     int
		want  string
	}{
		{items: nil, k: 3, want: ""},
		{items: []string{"a", "b"}, k: 3, want: "a\nb"},
		{items: []string{"a", " ", "b\nc", "d", "e"}, k: 3, want: "a\nb c\nd"},
	}
	for _, tt := range tests {
		if got := firstLines(tt.items, tt.k); got != tt.want {
			t.Errorf("firstLines(%q, %d) = %q, want %q", tt.items, tt.k, got, tt.want)
		}
	}
}

func TestScoreSet(t *testing.T) {
	rows := []summRow{
		{ID: "1", Text: "Alpha beta gamma. Delta epsilon. Zeta eta. Theta iota.", Summary: "alpha beta gamma\ndelta epsilon\nzeta eta"},
		{ID: "2", Text: "Kappa lambda. Mu nu.", Summary: "kappa lambda\nmu nu"},
		{ID: "3", Text: "Xi omicron.", Summary: "xi omicron"},
	}
	outs := []outcome{
		{brief: brief.Brief{KeyPoints: []string{"Alpha beta gamma.", "Delta epsilon.", "Zeta eta.", "Theta iota."}}, took: 3 * time.Millisecond},
		{err: errors.New("boom"), took: 1 * time.Millisecond},
		{brief: brief.Brief{}, took: 2 * time.Millisecond},
	}
	got := scoreSet(summSet{file: "x.jsonl"}, rows, outs)
	// Article 1 is perfect; 2 failed and 3 is empty, both 0.
	want := rougeF{R1: 100.0 / 3, R2: 100.0 / 3, RL: 100.0 / 3}
	if diff := cmp.Diff(want, got.brief, cmp.Comparer(near)); diff != "" {
		t.Errorf("scoreSet brief mismatch (-want +got):\n%s", diff)
	}
	if got.failed != 1 || got.empty != 1 || got.articles != 3 || got.medianMillis != 2 {
		t.Errorf("scoreSet = failed %d, empty %d, articles %d, median %v ms; want 1, 1, 3, 2", got.failed, got.empty, got.articles, got.medianMillis)
	}
	if got.firstErr == nil || !errors.Is(got.firstErr, outs[1].err) {
		t.Errorf("scoreSet firstErr = %v, want it to wrap %v", got.firstErr, outs[1].err)
	}
	// Lead-3 takes the first three sentences, so it scores the first
	// article 100 as well, and the short ones too.
	if got.lead3.R1 < 99.9 {
		t.Errorf("scoreSet Lead-3 R1 = %.1f, want 100", got.lead3.R1)
	}
}

func TestMeanF(t *testing.T) {
	if got := meanF(nil); got != (rougeF{}) {
		t.Errorf("meanF(nil) = %v, want zero", got)
	}
	got := meanF([]rougeF{{10, 20, 30}, {30, 0, 10}})
	if diff := cmp.Diff(rougeF{20, 10, 20}, got); diff != "" {
		t.Errorf("meanF mismatch (-want +got):\n%s", diff)
	}
}

func TestMedianMillis(t *testing.T) {
	ms := func(ds ...int) []outcome {
		var o []outcome
		for _, d := range ds {
			o = append(o, outcome{took: time.Duration(d) * time.Millisecond})
		}
		return o
	}
	tests := []struct {
		outs []outcome
		want float64
	}{
		{outs: nil, want: 0},
		{outs: ms(5, 1, 9), want: 5},
		{outs: ms(4, 1, 9, 2), want: 3},
	}
	for _, tt := range tests {
		if got := medianMillis(tt.outs); got != tt.want {
			t.Errorf("medianMillis(%v) = %v, want %v", tt.outs, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
