package sources

import (
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// Caps on one article, applied as feeds, pages and files are parsed, so
// that a hostile feed's 9 MB title costs no more downstream (storage,
// briefs, chat messages) than a headline.
const (
	// MaxTitle is the longest title kept, in characters; headlines run to
	// about a hundred.
	MaxTitle = 300
	// MaxSummary is the longest feed summary kept, in characters.
	MaxSummary = 5000
	// MaxText is the longest article text kept, in characters: a long
	// read of 15,000 words.
	MaxText = 100_000
)

// markupPerChar bounds the bytes of markup that one character of text
// takes (tags, entities, white space): raw markup is cut to this many
// bytes per character before it is parsed, so that a 9 MB title is never
// parsed whole.
const markupPerChar = 8

// clipMarkup cuts raw markup to what could hold n characters of text, at
// a character boundary. A tag cut in two is dropped by the parser.
func clipMarkup(s string, n int) string {
	limit := n * markupPerChar
	if len(s) <= limit {
		return s
	}
	for limit > 0 && !utf8.RuneStart(s[limit]) {
		limit--
	}
	return s[:limit]
}

// clipText cuts text longer than n characters to at most n, at the last
// space in its final tenth where there is one, with an ellipsis.
func clipText(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	end := 0
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if sp := strings.LastIndexAny(s[:end], " \n"); sp > 0 && utf8.RuneCountInString(s[sp:end]) < n/10 {
		end = sp
	}
	return strings.TrimRight(s[:end], " \n") + "…"
}

// capArticle applies the caps on title and text to an article.
func capArticle(a brief.Article) brief.Article {
	a.Title = clipText(a.Title, MaxTitle)
	a.Text = clipText(a.Text, MaxText)
	return a
}
