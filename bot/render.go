package bot

import (
	"strings"
	"unicode/utf16"

	"github.com/newsbrief/newsbrief/brief"
)

// This file holds what the adapters' renderers share: how a quotation
// reads in a chat, and how platforms count a message's length.

// QuoteText is a quotation without its marks and the comma that led back
// into the sentence, as brief's own renderers show it, for an adapter to
// put in its own quotation marks.
func QuoteText(q brief.Quote) string {
	t := strings.TrimSpace(strings.Trim(q.Text, `"“”'‘’`))
	return strings.TrimRight(t, ",;: ")
}

// UTF16Len is the length of s in UTF-16 code units, as Telegram and Slack
// count a message's length: text outside the Basic Multilingual Plane
// counts twice.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
