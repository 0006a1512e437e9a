package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// appendWords appends the folded words of s to dst. A word is a run of
// letters, numbers and marks, with apostrophes inside it
// (Ukraine's, don't). With breaks, a line break adds "" so that a phrase
// does not run from one paragraph into the next.
func appendWords(dst []string, s string, breaks bool) []string {
	start := -1 // start of the current word, or -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && isApostrophe(r) && i+size < len(s) && isWordRune(firstRune(s[i+size:])):
			// Inside a word: keep going.
		default:
			if start >= 0 {
				dst = appendFolded(dst, s[start:i])
				start = -1
			}
			if breaks && r == '\n' && len(dst) > 0 && dst[len(dst)-1] != "" {
				dst = append(dst, "")
			}
		}
		i += size
	}
	if start >= 0 {
		dst = appendFolded(dst, s[start:])
	}
	return dst
}

func appendFolded(dst []string, w string) []string {
	if f := foldWord(w); f != "" {
		dst = append(dst, f)
	}
	return dst
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc'
}

// foldWord returns a word in the form that matching compares: lower case,
// without diacritics or apostrophes, possessive and plural folded. It
// allocates only for words that need changing.
func foldWord(w string) string {
	ascii, lower := true, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' || c == '\'' {
			lower = false
		}
	}
	if !ascii {
		w = foldRunes(w)
	} else if !lower {
		b := make([]byte, 0, len(w))
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		w = string(b)
	}
	if strings.IndexByte(w, '\'') >= 0 {
		w = strings.TrimSuffix(w, "'s")
		w = strings.ReplaceAll(w, "'", "")
	}
	return singular(w)
}

// foldRunes lower-cases a word with non-ASCII letters, takes off its
// diacritics and spells out the letters that have none to take off (ß, æ,
// ø, ł). Apostrophes become '.
func foldRunes(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFKD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
			continue // diacritics
		case isApostrophe(r):
			b.WriteByte('\'')
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ø':
			b.WriteByte('o')
		case 'ł':
			b.WriteByte('l')
		case 'đ', 'ð':
			b.WriteByte('d')
		case 'þ':
			b.WriteString("th")
		case 'ı':
			b.WriteByte('i')
		default:
			if isWordRune(r) || r == '\'' {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// singular folds an English plural to its singular, lightly: enough that
// elections, policies, crises and taxes find election, policy, crisis and
// tax, without a stemmer's surprises. It must be idempotent: String relies
// on folding a folded word giving it back.
func singular(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch w {
	case "news", "series", "species":
		return w
	case "crises":
		return "crisis"
	case "analyses":
		return "analysis"
	case "theses":
		return "thesis"
	case "diagnoses":
		return "diagnosis"
	case "hypotheses":
		return "hypothesis"
	case "children":
		return "child"
	case "women":
		return "woman"
	case "heroes", "vetoes", "embargoes", "echoes", "potatoes", "tomatoes", "torpedoes":
		return w[:len(w)-2]
	case "lives", "wives", "knives":
		return w[:len(w)-3] + "fe"
	case "thieves", "wolves", "halves", "shelves", "leaves":
		return w[:len(w)-3] + "f"
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) >= 5:
		return w[:len(w)-3] + "y" // policies
	case strings.HasSuffix(w, "ie") && len(w) >= 5:
		return w[:len(w)-2] + "y" // movie, as movies folds to movy
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2] // classes, taxes, churches, clashes
	case strings.HasSuffix(w, "s"):
		switch w[len(w)-2] {
		case 's', 'u', 'i':
			return w // press, virus, crisis
		}
		return w[:len(w)-1]
	}
	return w
}
