package console

import (
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// hostile holds what a feed title may carry to attack a terminal: a
// window title change, a screen clear, a hyperlink, a C1 CSI, a bell,
// carriage return and backspace tricks, and a right-to-left override.
const hostile = "Bridge \x1b]0;pwned\x07opens\x1b[2J\x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\ \u009b31mtoday\r\bnow\u202eelif\x7f"

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, with tabs\tand\nnewlines", "plain text, with tabs\tand\nnewlines"},
		{"\x1b[31mred\x1b[0m", "red"},
		{hostile, "Bridge openshere 31mtodaynowelif"},
		{"bad \xff byte", "bad  byte"},
		{"Zürich – “quoted” 北京", "Zürich – “quoted” 北京"},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRenderStripsEscapes is the terminal escape injection: a
// feed title with escape sequences reached the console raw.
func TestRenderStripsEscapes(t *testing.T) {
	b := brief.Brief{Title: hostile, URL: "https://news.example/a", KeyPoints: []string{"A point " + hostile}}
	for _, m := range []bot.Message{
		{Text: hostile},
		{Brief: &b},
		{Digest: &brief.Digest{Stories: []brief.Story{{Headline: hostile, Brief: b}}}},
	} {
		out := Render(m)
		if strings.ContainsAny(out, "\x1b\x07\u009b\r\b\u202e\x7f") {
			t.Errorf("Render printed control characters: %q", out)
		}
		if !strings.Contains(out, "Bridge opens") {
			t.Errorf("Render lost the text around the escapes: %q", out)
		}
	}
}
