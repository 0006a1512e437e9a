package sources

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClipText(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "a short title", 20, "a short title"},
		{"exactly n", "abcde", 5, "abcde"},
		{"cut at a space near the end", "one two three four five six", 20, "one two three four…"},
		{"no space near the end", strings.Repeat("x", 30), 10, "xxxxxxxxx…"},
		{"characters, not bytes", strings.Repeat("ü", 30), 10, "üüüüüüüüü…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clipText(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("clipText(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.n {
				t.Errorf("clipText(%q, %d) has %d characters", tt.in, tt.n, n)
			}
		})
	}
}

// TestLocalFilesCapped: a text file or a page with a megabyte-long title
// gives an article within the caps, as a feed does.
func TestLocalFilesCapped(t *testing.T) {
	long := strings.Repeat("headline ", 1<<20/9)
	for _, f := range []struct{ name, data string }{
		{"story.txt", long + "\n\n" + strings.Repeat("The council met on Monday. ", 5000)},
		{"page.html", "<html><head><title>" + long + "</title></head><body><article><h1>" + long + "</h1><p>" +
			strings.Repeat("The council met on Monday and agreed on the plan. ", 200) + "</p></article></body></html>"},
	} {
		arts, err := ParseLocal(f.name, []byte(f.data))
		if err != nil {
			t.Fatalf("ParseLocal(%s): %v", f.name, err)
		}
		if n := utf8.RuneCountInString(arts[0].Title); n > MaxTitle {
			t.Errorf("ParseLocal(%s) title has %d characters, want at most %d", f.name, n, MaxTitle)
		}
		if n := utf8.RuneCountInString(arts[0].Text); n > MaxText {
			t.Errorf("ParseLocal(%s) text has %d characters, want at most %d", f.name, n, MaxText)
		}
	}
}
