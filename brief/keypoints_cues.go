package brief

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// reDateline is a wire story's opening: "(CNN) --", "LONDON, England
	// (Reuters) --", "( cnn ) --" in tokenised text.
	reDateline = regexp.MustCompile(`(?i)^(?:[\p{L}][\p{L}.'’-]*(?:\s*,\s*|\s+)){0,5}\(\s*(?:cnn|cnn money|cnnmoney|cnn student news|ew\.com|reuters|ap|afp|mashable|rolling stone|time\.com)\s*\)\s*(?:--|—|–|-|:)?\s*`)
	// reLabel is a caption's label: "Pictured: ...", "Happy couple: ...".
	reLabel = regexp.MustCompile(`^[\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3}\s?:\s`)
)

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

// weight is a content word of a sentence, by its id in the article, with
// its count.
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

// upperFirst capitalises the first letter of a sentence left by a stripped
// dateline, unless the text is lower case throughout (a tokenised corpus).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) || strings.ToLower(s) == s {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
