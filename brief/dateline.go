package brief

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A wire story opens on furniture for editors before its first word: a
// slug and a version ("BC-US--Budget,1st Ld-Writethru"), then a dateline
// ("WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "(CNN) --", or a
// place in capitals and a dash: "KYIV, Ukraine —").
var (
	reSlug = regexp.MustCompile(`^BC-\S+(?:\s+(?i:ld-writethru)\S*)?\s+`)
	// reDateline names a news agency in brackets after up to six words of
	// place and date; "( cnn ) --" in tokenised text.
	reDateline = regexp.MustCompile(`(?i)^(?:[\p{L}\p{N}][\p{L}\p{N}.'’-]*(?:\s*,\s*|\s+)){0,6}\(\s*(?:cnn|cnn money|cnnmoney|cnn student news|ew\.com|reuters|reuters health|ap|afp|upi|dpa|efe|ansa|xinhua|tass|kyodo|yonhap|anadolu|ians|pti|bloomberg|the canadian press|mashable|rolling stone|time\.com)\s*\)\s*(?:--|—|–|-|_|:)?\s*`)
	// reCapsDateline is a place in capitals, maybe a region or date after
	// a comma, and a dash.
	reCapsDateline = regexp.MustCompile(`^\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}(?:,\s*[\p{L}\p{N}.'’]+(?:\s+[\p{L}\p{N}.'’]+){0,3})?\s+(?:--|—|–|-|_)\s+`)
)

// wireLead returns the length in bytes of the wire furniture that opens
// sentence s: a slug, a dateline, or both; 0 when there is none. What is
// left must be a sentence of at least four words.
func wireLead(s string) int {
	n := 0
	if loc := reSlug.FindStringIndex(s); loc != nil {
		n = loc[1]
	}
	rest := s[n:]
	if strings.Contains(rest[:min(len(rest), 80)], "(") {
		if loc := reDateline.FindStringIndex(rest); loc != nil {
			n += loc[1]
		}
	} else if loc := reCapsDateline.FindStringIndex(rest); loc != nil && capsLetters(rest[:loc[1]]) >= 3 {
		n += loc[1]
	}
	if n == 0 || len(words(s[n:])) < 4 {
		return 0
	}
	return n
}

// capsLetters counts the capital letters in s.
func capsLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
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
