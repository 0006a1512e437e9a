package brief

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Case restoration: some sources deliver text in lower case (and split
// into tokens: "( cnn ) two cnn heroes ..."). Names, roles and sentence
// starts are found by their capitals, so such a text is given its case
// back before anything reads it: each word takes the form it most often
// has inside a sentence in cased news (truecase_words.txt, learned by
// TestTrainTrueCase), a pair of words the form the pair has ("White
// House"), and a sentence's first word a capital. A word the list does not
// know keeps its lower case: an unknown name stays unnamed rather than a
// common word becoming one. Only the case of letters changes, never a
// byte offset.

//go:embed truecase_words.txt
var trueCaseData string

// trueCaser maps a lower-case word, or two words joined by a space, to
// its usual cased form.
type trueCaser struct {
	words map[string]string
	pairs map[string]string
}

// trueCaseModel is read from the embedded list once per process.
var trueCaseModel = sync.OnceValue(loadTrueCaser)

func loadTrueCaser() *trueCaser {
	tc := &trueCaser{words: map[string]string{}, pairs: map[string]string{}}
	for line := range strings.Lines(trueCaseData) {
		form := strings.TrimSpace(line)
		if form == "" || strings.HasPrefix(form, "#") {
			continue
		}
		if strings.Contains(form, " ") {
			tc.pairs[strings.ToLower(form)] = form
		} else {
			tc.words[strings.ToLower(form)] = form
		}
	}
	return tc
}

// lowerCased reports whether text is written without capitals: fewer
// than one word in fifty starts with one, over at least twenty words.
func lowerCased(text string) bool {
	words, upper := 0, 0
	for _, w := range caseWords(text[:min(len(text), 8<<10)]) {
		words++
		if r, _ := utf8.DecodeRuneInString(text[w[0]:]); unicode.IsUpper(r) {
			upper++
		}
	}
	return words >= 20 && upper*50 < words
}

// trueCase returns lower-cased text with the case of its words restored,
// the same length in bytes.
func trueCase(text string) string {
	tc := trueCaseModel()
	b := []byte(text)
	ws := caseWords(text)
	start := true // the next word opens a sentence
	for i, w := range ws {
		if start || sentenceEndBetween(text, ws, i) {
			start = false
			capitaliseFirst(b, w[0])
		}
		low := text[w[0]:w[1]]
		if i+1 < len(ws) && onlySpace(text[w[1]:ws[i+1][0]]) {
			if form, ok := tc.pairs[low+" "+text[ws[i+1][0]:ws[i+1][1]]]; ok {
				first, second, _ := strings.Cut(form, " ")
				applyForm(b, w[0], first)
				applyForm(b, ws[i+1][0], second)
				continue
			}
		}
		if form, ok := tc.words[low]; ok {
			applyForm(b, w[0], form)
		} else if form, ok := tc.words[stripPossessive(low)]; ok {
			applyForm(b, w[0], form) // "putin's"
		}
	}
	return string(b)
}

// sentenceEndBetween reports whether a sentence ends between word i-1 and
// word i: a full stop, question or exclamation mark, or a line break,
// after the one and before the other.
func sentenceEndBetween(text string, ws [][2]int, i int) bool {
	if i == 0 {
		return true
	}
	gap := text[ws[i-1][1]:ws[i][0]]
	if strings.ContainsAny(gap, "!?\n") {
		return true
	}
	// "said . the": a stop standing alone, not the dot of "u.s." or "mr."
	return strings.Contains(gap, ".") && (strings.HasPrefix(gap, ".") && len(gap) > 1 && gap[1] == ' ' || strings.Contains(gap, " ."))
}

// caseWords returns the byte spans of the words of text: runs of letters,
// with dots inside ("u.s") and apostrophes between letters ("o'brien").
func caseWords(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		letter := unicode.IsLetter(r)
		if !letter && start >= 0 && (r == '.' || r == '\'' || r == '’') {
			if n, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):]); unicode.IsLetter(n) {
				continue
			}
		}
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// applyForm writes the case of form over the word of the same letters at
// b[at:], rune by rune, where the rune keeps its length in bytes.
func applyForm(b []byte, at int, form string) {
	for _, r := range form {
		old, n := utf8.DecodeRune(b[at:])
		if unicode.ToLower(old) == unicode.ToLower(r) && utf8.RuneLen(r) == n {
			utf8.EncodeRune(b[at:], r)
		}
		at += n
		if at >= len(b) {
			return
		}
	}
}

// capitaliseFirst gives the word at b[at:] a capital first letter.
func capitaliseFirst(b []byte, at int) {
	r, n := utf8.DecodeRune(b[at:])
	if u := unicode.ToUpper(r); utf8.RuneLen(u) == n {
		utf8.EncodeRune(b[at:], u)
	}
}
