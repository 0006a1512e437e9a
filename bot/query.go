package bot

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsbrief/newsbrief/brief"
)

// Limits on a query, so that a pasted page or a runaway script gets a short
// answer instead of a subscription no article will ever match.
const (
	MaxQueryLen   = 200 // characters, as typed and in canonical form
	MaxQueryTerms = 20  // words and phrases, exclusions included
)

// Query is a parsed topic query, such as
//
//	"climate change" -opinion
//	ai OR chips -"press release"
//
// A query is a list of terms that must all match. A term is a word or a
// "phrase" in double quotes (straight or curly); a phrase matches its words
// in a row. Terms joined by OR form one term that matches if any of them
// does, and OR binds tighter than the implicit AND, as in web search
// engines: `a b OR c` means a AND (b OR c). A term written -word or
// -"some phrase" excludes the articles that contain it. An upper-case AND is
// accepted and means nothing more than the space around it.
//
// Matching looks at an article's title and text, word by word: "ai" matches
// the word AI but not "said" or "Haiti". It ignores case and diacritics
// (cafe, café) and folds English plurals and possessives (election,
// elections, election's; policy, policies; crisis, crises), while short
// words (three letters or fewer) and a few words such as "news" stay as they
// are. A word written with inner punctuation, such as covid-19, is the phrase
// "covid 19".
//
// The zero Query matches nothing.
type Query struct {
	all [][]term // each group must have a term that matches
	not []term   // none of these may match
}

// term is one word, or a phrase of several, in folded form.
type term []string

// QueryError is why ParseQuery refused a query, in words a chat user can
// act on.
type QueryError struct {
	Msg string
}

func (e *QueryError) Error() string { return e.Msg }

func queryErrorf(format string, args ...any) error {
	return &QueryError{Msg: fmt.Sprintf(format, args...)}
}

// ParseQuery parses a query as a user types it. Its errors are *QueryError.
// It refuses input over MaxQueryLen characters before looking at it, so a
// megabyte of text costs no more than a short query.
func ParseQuery(s string) (Query, error) {
	// Every character takes at most utf8.UTFMax bytes: refuse a long input
	// without reading it, then count the characters of a short one.
	if len(s) > MaxQueryLen*utf8.UTFMax {
		return Query{}, queryErrorf("query too long: keep it under %d characters", MaxQueryLen)
	}
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > MaxQueryLen {
		return Query{}, queryErrorf("query too long: %d characters, at most %d", n, MaxQueryLen)
	}
	toks, err := lexQuery(s)
	if err != nil {
		return Query{}, err
	}
	if len(toks) == 0 {
		return Query{}, queryErrorf(`empty query: give a word or a "phrase" to follow, for example: ukraine`)
	}

	var (
		q     Query
		group []term // the OR group being built
		terms int
		orOK  bool // the previous token was a term that OR may follow
		orNow bool // the previous token was OR
	)
	flush := func() {
		if group != nil {
			q.all = append(q.all, group)
			group = nil
		}
	}
	for _, tk := range toks {
		switch {
		case tk.or:
			if !orOK {
				return Query{}, queryErrorf("OR needs a word or phrase on each side, as in: ai OR chips")
			}
			orOK, orNow = false, true
			continue
		case tk.and:
			if orNow {
				return Query{}, queryErrorf("OR needs a word or phrase on each side, as in: ai OR chips")
			}
			orOK = false
			continue
		}
		terms++
		if terms > MaxQueryTerms {
			return Query{}, queryErrorf("query too long: more than %d words and phrases", MaxQueryTerms)
		}
		if tk.not {
			if orNow {
				return Query{}, queryErrorf("an excluded term cannot be joined by OR: write %s on its own", tk.src)
			}
			flush()
			q.not = append(q.not, tk.words)
			orOK = false
			continue
		}
		if !orNow {
			flush()
		}
		group = append(group, tk.words)
		orOK, orNow = true, false
	}
	if orNow {
		return Query{}, queryErrorf("OR needs a word or phrase on each side, as in: ai OR chips")
	}
	flush()
	if len(q.all) == 0 {
		if len(q.not) == 0 {
			return Query{}, queryErrorf(`empty query: give a word or a "phrase" to follow, for example: ukraine`)
		}
		return Query{}, queryErrorf("query only excludes: add a word to follow, as in: ukraine %s", terms2src(q.not))
	}
	q.canonicalize()
	// Folding can lengthen a query (quotes around a phrase, ß to ss), and
	// the canonical form must parse again, so it obeys the limit too.
	if n := utf8.RuneCountInString(q.String()); n > MaxQueryLen {
		return Query{}, queryErrorf("query too long: %d characters once spelled out, at most %d", n, MaxQueryLen)
	}
	return q, nil
}

// terms2src renders exclusions for an error message.
func terms2src(ts []term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = "-" + t.String()
	}
	return strings.Join(parts, " ")
}

// token is one lexical element of a query.
type token struct {
	words   term
	not     bool
	or, and bool
	src     string // as typed, for error messages
}

// lexQuery splits a query into terms and operators. Terms with nothing to
// match (a lone "-", "&", an empty phrase) are dropped.
func lexQuery(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		not := false
		if r == '-' {
			not = true
			i += size
			if i >= len(s) {
				break
			}
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var text string
		if isQuote(r) {
			i += size
			end := strings.IndexFunc(s[i:], isQuote)
			if end < 0 {
				return nil, queryErrorf("unbalanced quote: close the phrase %s with a \"", Clip(s[start:], 31))
			}
			text = s[i : i+end]
			_, qsize := utf8.DecodeRuneInString(s[i+end:])
			i += end + qsize
		} else {
			end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
			if end < 0 {
				end = len(s) - i
			}
			text = s[i : i+end]
			i += end
			if !not {
				switch text {
				case "OR", "|":
					toks = append(toks, token{or: true, src: text})
					continue
				case "AND", "&&":
					toks = append(toks, token{and: true, src: text})
					continue
				}
			}
		}
		words := appendWords(nil, text, false)
		if len(words) == 0 {
			continue
		}
		toks = append(toks, token{words: words, not: not, src: s[start:i]})
	}
	return toks, nil
}

// isQuote reports whether r opens or closes a phrase: straight, curly and
// low double quotes, whichever way round a keyboard or phone puts them.
func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// canonicalize sorts and deduplicates, so that equal queries have one form.
func (q *Query) canonicalize() {
	for i, g := range q.all {
		slices.SortFunc(g, compareTerms)
		q.all[i] = slices.CompactFunc(g, slices.Equal)
	}
	slices.SortFunc(q.all, func(a, b []term) int { return slices.CompareFunc(a, b, compareTerms) })
	q.all = slices.CompactFunc(q.all, func(a, b []term) bool { return slices.EqualFunc(a, b, slices.Equal) })
	slices.SortFunc(q.not, compareTerms)
	q.not = slices.CompactFunc(q.not, slices.Equal)
}

func compareTerms(a, b term) int { return slices.Compare(a, b) }

// String returns the query in canonical form: folded words, OR groups and
// terms sorted, repeats dropped, exclusions last. Queries that match the same
// way for the same reasons ("Ukraine", " ukraine ", "UKRAINE") have the same
// String, which is what a subscription is keyed on; ParseQuery(q.String())
// gives q back.
func (q Query) String() string {
	var b strings.Builder
	for _, g := range q.all {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for i, t := range g {
			if i > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(t.String())
		}
	}
	for _, t := range q.not {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('-')
		b.WriteString(t.String())
	}
	return b.String()
}

func (t term) String() string {
	if len(t) == 1 {
		return t[0]
	}
	return `"` + strings.Join(t, " ") + `"`
}

// Match reports whether the article's title or text matches the query. To
// match many queries against one article, tokenise it once with
// NewMatchText and use MatchText.
func (q Query) Match(a brief.Article) bool {
	return q.MatchText(NewMatchText(a))
}

// MatchText reports whether the tokenised article matches the query. It
// does not allocate, and costs a few map look-ups per term.
func (q Query) MatchText(t *MatchText) bool {
	if len(q.all) == 0 || t == nil {
		return false
	}
	for _, g := range q.all {
		if !slices.ContainsFunc(g, t.has) {
			return false
		}
	}
	return !slices.ContainsFunc(q.not, t.has)
}

// MatchText is an article's title and text split into folded words, ready
// for many queries to be matched against it.
type MatchText struct {
	words []string         // folded words in order; "" where a phrase may not run on
	first map[string]int32 // each word's first position in words
	next  []int32          // position of the same word's next occurrence, or -1
}

// NewMatchText tokenises an article's title and text for MatchText.
func NewMatchText(a brief.Article) *MatchText {
	words := appendWords(make([]string, 0, 16+len(a.Text)/6), a.Title, true)
	words = append(words, "")
	words = appendWords(words, a.Text, true)
	t := &MatchText{
		words: words,
		first: make(map[string]int32, len(words)/2),
		next:  make([]int32, len(words)),
	}
	// Walk backwards so each word's chain runs forwards.
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if w == "" {
			t.next[i] = -1
			continue
		}
		if p, ok := t.first[w]; ok {
			t.next[i] = p
		} else {
			t.next[i] = -1
		}
		t.first[w] = int32(i)
	}
	return t
}

// has reports whether the text contains the term: its word, or its words
// in a row.
func (t *MatchText) has(tm term) bool {
	p, ok := t.first[tm[0]]
	if !ok {
		return false
	}
	if len(tm) == 1 {
		return true
	}
	for ; p >= 0; p = t.next[p] {
		end := int(p) + len(tm)
		if end > len(t.words) {
			return false
		}
		if slices.Equal(t.words[int(p)+1:end], tm[1:]) {
			return true
		}
	}
	return false
}

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

// IsZero reports whether q is the zero Query, which no parse returns.
func (q Query) IsZero() bool { return len(q.all) == 0 && len(q.not) == 0 }
