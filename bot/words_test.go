package bot

import (
	"testing"
	"time"
)

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{24 * time.Hour, "24 hours"},
		{36 * time.Hour, "36 hours"},
		{48 * time.Hour, "2 days"},
		{12 * time.Hour, "12 hours"},
		{time.Minute, "1 minute"},
		{150 * time.Minute, "2 hours 30 minutes"},
		{1500 * time.Millisecond, "2 seconds"},
		{time.Millisecond, "1 second"},
		{61 * time.Second, "1 minute 1 second"},
		{time.Hour + time.Second, "1 hour"},
		{0, "0 seconds"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"summary", 7, "summary"},
		{"summaries", 7, "summar…"},
		{"ünïcödé", 4, "ünï…"},
		{"", 3, ""},
		{"abc", 1, "…"},
	} {
		if got := Clip(tt.in, tt.n); got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
