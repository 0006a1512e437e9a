package brief

import (
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	ref := time.Date(2025, 4, 3, 15, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		sentence string
		year     int
		want     string // String() after resolve(ref); "" for no date
	}{
		{"Putin on Tuesday called on Russia and China to act.", 0, "Tuesday, April 1, 2025"},
		{"The talks were held on Thursday night in Vienna.", 0, "Thursday, April 3, 2025"},
		{"They met in Moscow, Russia, on April 1, 2025.", 0, "Tuesday, April 1, 2025"},
		{"The vote is due on 14 March.", 2025, "Friday, March 14, 2025"},
		{"The vote is due on 14 March.", 0, "14 March"},
		{"Officials met yesterday to agree a plan.", 0, "yesterday"},
		{"Nothing about time here.", 0, ""},
		{"He was born on February 30, 2001.", 0, "February 30, 2001"},
	}
	for _, tt := range tests {
		dm, ok := findDate(tt.sentence, tt.year)
		got := ""
		if ok {
			got = dm.resolve(ref).String()
		}
		if got != tt.want {
			t.Errorf("findDate(%q) resolved = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
