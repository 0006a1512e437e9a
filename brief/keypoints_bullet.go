package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clauseWords open a clause; Bullet may cut just before them.
var clauseWords = map[string]bool{
	"which": true, "who": true, "whom": true, "whose": true, "where": true,
	"while": true, "when": true, "after": true, "before": true, "because": true,
	"although": true, "though": true, "but": true, "since": true, "until": true,
	"despite": true, "whereas": true, "unless": true, "according": true,
}

// Bullet shortens sentence s to at most max runes for a chat message. It
// cuts at the last clause boundary that fits (a comma, semicolon, colon,
// dash or parenthesis, or before a word such as "which" or "who") and adds
// "…"; only when no clause boundary leaves at least three words does it
// cut at a word boundary. A sentence that fits is returned unchanged.
func Bullet(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	if max == 1 {
		return "…"
	}
	limit := max - 1 // room for the ellipsis
	clause, word := -1, -1
	words, runes := 0, 0
	prevSpace := true
	for i, r := range s {
		if runes > limit {
			break
		}
		runes++
		space := unicode.IsSpace(r)
		if !space && prevSpace {
			words++
			// A clause word: cut before it.
			if words > 3 && runes-1 <= limit {
				if w := leadingWord(s[i:]); clauseWords[strings.ToLower(w)] {
					clause = i
				}
			}
		}
		if space && !prevSpace && runes-1 <= limit {
			word = i
		}
		switch r {
		case ',', ';', ':', '(', '–', '—':
			if words >= 3 && runes-1 <= limit {
				clause = i
			}
		case '-':
			// A dash set off by spaces, not a hyphen.
			if i > 0 && s[i-1] == ' ' && words >= 3 && runes-1 <= limit {
				clause = i
			}
		}
		prevSpace = space
	}
	cut := clause
	if cut < 0 {
		cut = word
	}
	if cut <= 0 {
		// One word longer than the room: cut inside it.
		n := 0
		for i := range s {
			if n == limit {
				cut = i
				break
			}
			n++
		}
	}
	return strings.TrimRight(s[:cut], " ,;:-–—(") + "…"
}

// leadingWord returns the letters at the start of s.
func leadingWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}
