package brief

// Tokens: the words of a sentence with their byte spans, and the small tests
// on a word that every extractor shares.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ctoken is a word of a sentence with its byte span in doc.text.
type ctoken struct {
	text       string
	start, end int
}

// tokenize returns the word tokens of text[start:end] with their spans in
// text. Inner periods, hyphens and apostrophes stay inside a token; a final
// period stays when the token is an abbreviation or an initial.
func tokenize(text string, start, end int) []ctoken {
	var out []ctoken
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || mojibakeTail(text[i:j], r) {
				j += n
				continue
			}
			if r == '.' || r == '-' || r == '\'' || r == '’' {
				if j+n < end {
					r2, _ := utf8.DecodeRuneInString(text[j+n : end])
					if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
						j += n
						continue
					}
				}
				if r == '\'' || r == '’' { // plural possessive: "players'"
					if j > i && text[j-1] == 's' && j+n <= end {
						j += n
					}
				}
				if r == '.' {
					w := strings.ToLower(text[i:j])
					if abbreviations[w] || honorifics[w] != 0 || w == "dr" || w == "rev" ||
						(utf8.RuneCountInString(w) == 1 && capitalised(text[i:j])) || strings.Contains(w, ".") {
						j += n
					}
				}
			}
			break
		}
		out = append(out, ctoken{text: text[i:j], start: i, end: j})
		i = j
	}
	return out
}

// mojibakeTail reports whether r continues a letter that UTF-8 read as
// Latin-1 split in two: "PeÃ±a" for "Peña", "FranÃ§ois" for "François".
// Pages with that fault are common; the name must stay one word.
func mojibakeTail(before string, r rune) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	// "Ã" may come composed or as "A" and a combining tilde.
	return r >= 0x80 && r <= 0xBF && (last >= 0xC2 && last <= 0xC5 || unicode.IsMark(last))
}

// key is the lower-cased form of a token without a final period, used to
// look it up in the word lists.
func key(t string) string {
	return strings.ToLower(strings.TrimSuffix(stripPossessive(t), "."))
}

func stripPossessive(t string) string {
	for _, s := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(t, s) && len(t) > len(s) {
			return t[:len(t)-len(s)]
		}
	}
	return t
}

func isPossessive(t string) bool { return stripPossessive(t) != t }

func capitalised(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

func onlySpace(s string) bool {
	return len(s) > 0 && strings.TrimSpace(s) == ""
}

func tokTexts(ts []ctoken) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = stripPossessive(t.text)
	}
	return out
}

// indexWord returns the byte index of w as a whole word in s, or -1.
func indexWord(s, w string) int {
	if w == "" {
		return -1
	}
	for off := 0; off < len(s); {
		k := strings.Index(s[off:], w)
		if k < 0 {
			return -1
		}
		k += off
		before, _ := utf8.DecodeLastRuneInString(s[:k])
		after, _ := utf8.DecodeRuneInString(s[k+len(w):])
		if (k == 0 || !unicode.IsLetter(before)) && (k+len(w) == len(s) || !unicode.IsLetter(after)) {
			return k
		}
		off = k + len(w)
	}
	return -1
}

func hasWord(s, w string) bool {
	for _, x := range words(s) {
		if x == w || strings.TrimSuffix(x, "s") == w {
			return true
		}
	}
	return false
}

func isAge(w string) bool {
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// words returns the lower-cased word tokens of s: runs of letters and
// digits, with inner apostrophes and hyphens kept ("don't", "co-operate").
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && (r == '\'' || r == '’' || r == '-') && i+utf8.RuneLen(r) < len(s) {
			n, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if unicode.IsLetter(n) || unicode.IsDigit(n) {
				continue
			}
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}
