package bot

import (
	"html"
	"net/url"
	"strings"
	"unicode"
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

// BareURLEnd returns where the bare http(s) URL that starts at s[i] ends,
// or i if none starts there: Telegram and Slack link such URLs in a
// message's text on their own, and their previews do the same. A URL
// starts a word, runs to the next space or angle bracket, and leaves
// out the punctuation that ends a sentence or closes a bracket.
func BareURLEnd(s string, i int) int {
	rest := s[i:]
	if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") {
		return i
	}
	if i > 0 {
		if prev, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '/' {
			return i
		}
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' })
	if end < 0 {
		end = len(rest)
	}
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(rest[:end])
		if !strings.ContainsRune(".,;:!?)]}'*_~”’»", r) ||
			r == ')' && strings.Count(rest[:end], "(") >= strings.Count(rest[:end], ")") {
			break // a bracket the URL opened is part of it
		}
		end -= n
	}
	if scheme, _, _ := strings.Cut(rest, "://"); end <= len(scheme)+len("://") {
		return i // no host
	}
	return i + end
}
