package brief

// Sentence splitting: where a period, a question mark or a CJK full stop
// ends a sentence, in clean, tokenised and space-lost text.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = withStates(map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sen": true, "rep": true, "gov": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "capt": true, "cmdr": true, "adm": true, "maj": true, "cpl": true,
	"pvt": true, "rev": true, "hon": true, "pres": true, "supt": true, "det": true,
	"insp": true, "jr": true, "sr": true, "messrs": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": true, "inc": true,
	"corp": true, "co": true, "ltd": true, "bros": true, "dept": true, "univ": true,
	"approx": true, "est": true, "fig": true, "vol": true, "op": true, "ave": true,
	"blvd": true, "rd": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true,
	"u.n": true, "e.g": true, "i.e": true, "d.c": true, "ph.d": true, "al": true,
	"del": true, "assn": true, "sens": true, "reps": true, "govt": true,
})

// usStates are US states as news abbreviates them: "Kansas City, Mo.",
// "(D-Calif.)". They never end a sentence in mid-text but may end one.
var usStates = strings.Fields(`ala ariz ark calif colo conn fla ga ill ind kan ky la md mass mich minn
	miss mo mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex va vt wash wis w.va wyo`)

// withStates adds the state abbreviations to m.
func withStates(m map[string]bool) map[string]bool {
	for _, st := range usStates {
		m[st] = true
	}
	return m
}

// closers may follow the punctuation that ends a sentence.
const closers = `"'”’)]»«“」』›`

// splitSentences returns the byte spans of the sentences in one paragraph,
// trimmed of surrounding space.
func splitSentences(p string) [][2]int {
	var spans [][2]int
	start := 0
	emit := func(end int) {
		s, e := trimSpan(p, start, end)
		if s < e {
			spans = append(spans, [2]int{s, e})
		}
		start = end
	}
	inQuote := false
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if r == '。' || r == '！' || r == '？' {
			// CJK full stops end a sentence with no space after them, after
			// the closing mark of a quotation they end.
			i += size
			for i < len(p) {
				c, n := utf8.DecodeRuneInString(p[i:])
				if c != '」' && c != '』' && c != '”' && c != '’' {
					break
				}
				i += n
			}
			emit(i)
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			inQuote = quoteState(inQuote, r)
			i += size
			continue
		}
		dot, end := i, i+size
		for end < len(p) && (p[end] == '.' || p[end] == '!' || p[end] == '?') {
			end++
		}
		for end < len(p) {
			c, n := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(closers, c) {
				break
			}
			inQuote = quoteState(inQuote, c)
			end += n
		}
		i = end
		if end < len(p) {
			c, _ := utf8.DecodeRuneInString(p[end:])
			if !unicode.IsSpace(c) && !(r == '.' && end == dot+1 && gluedSentences(p, dot)) {
				continue // "3.5", "U.S.", "example.com"
			}
		}
		if !endsSentence(p, dot, end) {
			continue
		}
		if inQuote && strings.ContainsAny(p[end:min(len(p), end+maxQuoteRun)], "\"”“»«") {
			// A quotation of several sentences stays one sentence with its
			// attribution: `Varga said: "We agree. Talks go on."`.
			continue
		}
		emit(end)
	}
	emit(len(p))
	return spans
}

// maxQuoteRun is how far a quotation is followed to its closing mark.
const maxQuoteRun = 400

// quoteState follows double quotation marks: straight ones toggle, curly
// ones open and close. “ opens English quotations and closes German ones
// („…“), and guillemets face either way (French «…», German »…«).
func quoteState(open bool, r rune) bool {
	switch r {
	case '"', '“', '«', '»':
		return !open
	case '„', '「', '『':
		return true
	case '”', '」', '』':
		return false
	}
	return open
}

// endsSentence reports whether the period at p[dot] ends a sentence; after
// is the index just past the period and its closers.
func endsSentence(p string, dot, after int) bool {
	// A period set off by spaces is a tokenised corpus's or DailyMail's
	// sentence end: "injuries . The".
	if dot > 0 && p[dot-1] == ' ' {
		return true
	}
	word := wordBefore(p, dot)
	next := nextWord(p[after:])
	if next == "" {
		return true
	}
	if p[dot] != '.' || after > dot+1 {
		// "Why?" he asked. / ...he said." Then
		return startsSentence(next)
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		// "Dr. Smith" goes on; "in the U.S. The" ends a sentence when the
		// abbreviation can close one and the next word often starts one.
		if sentenceFinalAbbr[lw] {
			return startsSentence(next) && commonStarter(next)
		}
		return false
	}
	// A single initial: "John F. Kennedy", or dotted ones: "G.K. Butterfield".
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && unicode.IsUpper(r) || reInitials.MatchString(word) {
		return commonStarter(next) // but "hepatitis A. The diocese"
	}
	return startsSentence(next)
}

var reInitials = regexp.MustCompile(`^(?:\p{Lu}\.)+\p{Lu}$`)

// wordBefore returns the word that ends at p[end].
func wordBefore(p string, end int) string {
	start := strings.LastIndexFunc(p[:end], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("(\"'“‘", r)
	})
	if start < 0 {
		return p[:end]
	}
	_, n := utf8.DecodeRuneInString(p[start:])
	return p[start+n : end]
}

// gluedSentences reports whether the period at p[dot], with no space after
// it, still ends a sentence, as in text whose spaces were lost: "at
// home.Half of parents", "in Ferguson.The officer". It takes a word of
// lower-case letters, or a capitalised one of three letters or more,
// before, and a capital after, and refuses domains, initials and
// abbreviations.
func gluedSentences(p string, dot int) bool {
	next, _ := utf8.DecodeRuneInString(p[dot+1:])
	if !unicode.IsUpper(next) {
		return false
	}
	word := wordBefore(p, dot)
	n := utf8.RuneCountInString(word)
	if n < 2 || abbreviations[strings.ToLower(word)] {
		return false
	}
	for i, r := range word {
		if !unicode.IsLower(r) && !(i == 0 && unicode.IsUpper(r) && n >= 3) {
			return false
		}
	}
	after := p[dot+1:]
	if end := strings.IndexFunc(after, unicode.IsSpace); end >= 0 {
		after = after[:end]
	}
	return !strings.Contains(after, ".") // "site.Com.au", "example.Org/x"
}

var sentenceFinalAbbr = withStates(map[string]bool{
	"u.s": true, "u.k": true, "u.n": true, "d.c": true, "etc": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "a.m": true, "p.m": true,
})

// commonStarter reports whether w often opens a sentence, so that an
// abbreviation before it likely closed the last one.
func commonStarter(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and",
		"in", "on", "at", "this", "that", "these", "those", "there", "his", "her",
		"their", "its", "officials", "police", "if", "when", "while", "after",
		"as", "so", "yet", "however", "meanwhile", "according":
		return true
	}
	return false
}

// nextWord returns the first word of s after leading space and openers.
func nextWord(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	s = strings.TrimLeft(s, "\"'“‘([-–—")
	end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if end < 0 {
		return s
	}
	return s[:end]
}

// startsSentence reports whether w can open a sentence: a capital, a digit,
// or (in lower-cased corpora) any word after a period set off by space.
func startsSentence(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func trimSpan(p string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(p[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(p[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}
