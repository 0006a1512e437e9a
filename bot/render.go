package bot

import (
	"unicode/utf16"
)

// This file holds what the adapters' renderers share: how platforms count
// a message's length. (How a quotation reads is brief.Quote.Bare, which
// brief's own renderers use too; a rune clip is Clip.)

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
