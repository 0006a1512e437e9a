package bot

import (
	"html"
	"net/url"
	"unicode/utf16"
	"unicode/utf8"
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

// PreviewAnchor is the opening tag of a link in a preview of a message
// (the console's Preview page): only http and https URLs with a host
// become links, and none of them may tell the page it came from, or
// count as the console's endorsement. It returns "" for any other URL,
// whose text the preview then shows unlinked.
func PreviewAnchor(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || !utf8.ValidString(u) {
		return ""
	}
	return `<a href="` + html.EscapeString(p.String()) + `" rel="noopener noreferrer nofollow">`
}
