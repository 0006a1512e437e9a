package brief

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// reLabel is a caption's label: "Pictured: ...", "Happy couple: ...".
var reLabel = regexp.MustCompile(`^[\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3}\s?:\s`)

// isLabelled reports whether s opens on a caption's label.
func isLabelled(s string) bool {
	return strings.Contains(s[:min(len(s), 40)], ":") && reLabel.MatchString(s)
}

// tokenisedText reports whether most sentences of d end " ." as in a
// tokenised corpus; in running text only DailyMail's captions and the ends
// of its paragraphs do.
func tokenisedText(d *doc) bool {
	n := 0
	for i := range d.sents {
		if strings.HasSuffix(d.sents[i].text, " .") {
			n++
		}
	}
	return n*2 > len(d.sents)
}

// hasQuote reports whether s quotes someone: double quotes, tokenised
// “ ” quotes, or a single quote opening a word.
func hasQuote(s string) bool {
	return strings.ContainsAny(s, `"“”«`) || strings.Contains(s, "``") ||
		strings.Contains(s, " '") || strings.Contains(s, " ‘") || opensQuote(s)
}

func opensQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(`"“'‘«`, r) || strings.HasPrefix(s, "``")
}
