package rouge

import "strings"

// porterStem returns the stem of a lower-case ASCII word by the Porter
// algorithm with NLTK's extensions (NLTK's PorterStemmer in its default
// NLTK_EXTENSIONS mode), which is what rouge-score stems with. The steps
// follow NLTK's code one for one; where NLTK departs from Porter's paper
// the comment says so, because those departures are what the published
// scores were computed with.
func porterStem(w string) string {
	if s, ok := irregular(w); ok {
		return s
	}
	if len(w) <= 2 {
		return w
	}
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5a(w)
	return step5b(w)
}

// irregular is NLTK's table of forms that bypass the algorithm.
func irregular(w string) (string, bool) {
	switch w {
	case "sky", "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "news":
		return "news", true
	case "innings", "inning":
		return "inning", true
	case "outings", "outing":
		return "outing", true
	case "cannings", "canning":
		return "canning", true
	case "howe", "proceed", "exceed", "succeed":
		return w, true
	}
	return "", false
}

// isCons reports whether w[i] is a consonant: not a vowel, and y only after
// a vowel or at the start.
func isCons(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isCons(w, i-1)
	}
	return true
}

// measure is Porter's m: how many vowel-consonant transitions s has.
func measure(s string) int {
	m := 0
	prevVowel := false
	for i := range len(s) {
		c := isCons(s, i)
		if c && prevVowel {
			m++
		}
		prevVowel = !c
	}
	return m
}

func containsVowel(s string) bool {
	for i := range len(s) {
		if !isCons(s, i) {
			return true
		}
	}
	return false
}

func endsDoubleCons(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isCons(w, n-1)
}

// endsCVC is Porter's *o, with NLTK's extension to two-letter stems.
func endsCVC(w string) bool {
	n := len(w)
	if n >= 3 && isCons(w, n-3) && !isCons(w, n-2) && isCons(w, n-1) {
		c := w[n-1]
		return c != 'w' && c != 'x' && c != 'y'
	}
	return n == 2 && !isCons(w, 0) && isCons(w, 1)
}

// suffixRule replaces suffix by repl when cond holds for the stem left
// without the suffix.
type suffixRule struct {
	suffix, repl string
	cond         func(stem string) bool
}

// applyRules applies the first rule whose suffix w ends with, if its
// condition holds; as in NLTK, a matching suffix whose condition fails ends
// the search.
func applyRules(w string, rules []suffixRule) string {
	for _, r := range rules {
		if strings.HasSuffix(w, r.suffix) {
			stem := w[:len(w)-len(r.suffix)]
			if r.cond(stem) {
				return stem + r.repl
			}
			return w
		}
	}
	return w
}

func positiveMeasure(s string) bool { return measure(s) > 0 }
func measureAbove1(s string) bool   { return measure(s) > 1 }

func step1a(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) == 4: // NLTK: dies -> die, flies -> fli
		return w[:1] + "ie"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ies"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

func step1b(w string) string {
	if strings.HasSuffix(w, "ied") { // NLTK: died -> die, spied -> spi
		if len(w) == 4 {
			return w[:1] + "ie"
		}
		return w[:len(w)-3] + "i"
	}
	if strings.HasSuffix(w, "eed") {
		if stem := w[:len(w)-3]; measure(stem) > 0 {
			return stem + "ee"
		}
		return w
	}
	var stem string
	switch {
	case strings.HasSuffix(w, "ed") && containsVowel(w[:len(w)-2]):
		stem = w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && containsVowel(w[:len(w)-3]):
		stem = w[:len(w)-3]
	default:
		return w
	}
	switch {
	case strings.HasSuffix(stem, "at"), strings.HasSuffix(stem, "bl"), strings.HasSuffix(stem, "iz"):
		return stem + "e"
	case endsDoubleCons(stem):
		if c := stem[len(stem)-1]; c != 'l' && c != 's' && c != 'z' {
			return stem[:len(stem)-1]
		}
		return stem
	case measure(stem) == 1 && endsCVC(stem):
		return stem + "e"
	}
	return stem
}

// step1c turns a final y into i after a consonant that is not the whole
// stem (NLTK's rule; Porter's asks only for a vowel earlier in the stem).
func step1c(w string) string {
	if !strings.HasSuffix(w, "y") {
		return w
	}
	stem := w[:len(w)-1]
	if len(stem) > 1 && isCons(stem, len(stem)-1) {
		return stem + "i"
	}
	return w
}

func step2(w string) string {
	// NLTK applies alli -> al first and, if it fires, step 2 again.
	if strings.HasSuffix(w, "alli") && positiveMeasure(w[:len(w)-4]) {
		return step2(w[:len(w)-4] + "al")
	}
	pos := positiveMeasure
	return applyRules(w, []suffixRule{
		{"ational", "ate", pos},
		{"tional", "tion", pos},
		{"enci", "ence", pos},
		{"anci", "ance", pos},
		{"izer", "ize", pos},
		{"bli", "ble", pos}, // NLTK departs from the paper's abli -> able
		{"alli", "al", pos},
		{"entli", "ent", pos},
		{"eli", "e", pos},
		{"ousli", "ous", pos},
		{"ization", "ize", pos},
		{"ation", "ate", pos},
		{"ator", "ate", pos},
		{"alism", "al", pos},
		{"iveness", "ive", pos},
		{"fulness", "ful", pos},
		{"ousness", "ous", pos},
		{"aliti", "al", pos},
		{"iviti", "ive", pos},
		{"biliti", "ble", pos},
		{"fulli", "ful", pos}, // NLTK
		// NLTK: logi -> log with the l counted in the stem, so that geology
		// and theology shorten like archaeology.
		{"logi", "log", func(string) bool { return pos(w[:len(w)-3]) }},
	})
}

func step3(w string) string {
	pos := positiveMeasure
	return applyRules(w, []suffixRule{
		{"icate", "ic", pos},
		{"ative", "", pos},
		{"alize", "al", pos},
		{"iciti", "ic", pos},
		{"ical", "ic", pos},
		{"ful", "", pos},
		{"ness", "", pos},
	})
}

func step4(w string) string {
	m1 := measureAbove1
	return applyRules(w, []suffixRule{
		{"al", "", m1},
		{"ance", "", m1},
		{"ence", "", m1},
		{"er", "", m1},
		{"ic", "", m1},
		{"able", "", m1},
		{"ible", "", m1},
		{"ant", "", m1},
		{"ement", "", m1},
		{"ment", "", m1},
		{"ent", "", m1},
		{"ion", "", func(stem string) bool {
			return m1(stem) && (strings.HasSuffix(stem, "s") || strings.HasSuffix(stem, "t"))
		}},
		{"ou", "", m1},
		{"ism", "", m1},
		{"ate", "", m1},
		{"iti", "", m1},
		{"ous", "", m1},
		{"ive", "", m1},
		{"ize", "", m1},
	})
}

// step5a drops a final e when m > 1, or when m = 1 and the stem does not
// end consonant-vowel-consonant. Unlike the other steps both conditions are
// tried, as in NLTK.
func step5a(w string) string {
	if !strings.HasSuffix(w, "e") {
		return w
	}
	stem := w[:len(w)-1]
	if m := measure(stem); m > 1 || (m == 1 && !endsCVC(stem)) {
		return stem
	}
	return w
}

// step5b turns a final ll into l when m > 1.
func step5b(w string) string {
	if strings.HasSuffix(w, "ll") && measure(w[:len(w)-1]) > 1 {
		return w[:len(w)-1]
	}
	return w
}
