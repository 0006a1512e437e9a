package bot

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
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
	s, err := checkQueryLen(s)
	if err != nil {
		return Query{}, err
	}
	toks, err := lexQuery(s)
	if err != nil {
		return Query{}, err
	}
	if len(toks) == 0 {
		return Query{}, errEmptyQuery()
	}
	var b queryBuilder
	for _, tk := range toks {
		if err := b.add(tk); err != nil {
			return Query{}, err
		}
	}
	q, err := b.finish()
	if err != nil {
		return Query{}, err
	}
	q.canonicalize()
	// Folding can lengthen a query (quotes around a phrase, ß to ss), and
	// the canonical form must parse again, so it obeys the limit too.
	if n := utf8.RuneCountInString(q.String()); n > MaxQueryLen {
		return Query{}, queryErrorf("query too long: %d characters once spelled out, at most %d", n, MaxQueryLen)
	}
	return q, nil
}

// checkQueryLen trims a query and refuses it if it is over MaxQueryLen
// characters.
func checkQueryLen(s string) (string, error) {
	// Every character takes at most utf8.UTFMax bytes: refuse a long input
	// without reading it, then count the characters of a short one.
	if len(s) > MaxQueryLen*utf8.UTFMax {
		return "", queryErrorf("query too long: keep it under %d characters", MaxQueryLen)
	}
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > MaxQueryLen {
		return "", queryErrorf("query too long: %d characters, at most %d", n, MaxQueryLen)
	}
	return s, nil
}

func errEmptyQuery() error {
	return queryErrorf(`empty query: give a word or a "phrase" to follow, for example: ukraine`)
}

func errLoneOR() error {
	return queryErrorf("OR needs a word or phrase on each side, as in: ai OR chips")
}

// queryBuilder builds a Query from its tokens, one at a time: a term
// after OR joins the group of the term before it, any other term starts a
// group of its own, and an excluded term goes to the exclusions.
type queryBuilder struct {
	q     Query
	group []term // the OR group being built
	terms int
	orOK  bool // the previous token was a term that OR may follow
	orNow bool // the previous token was OR
}

func (b *queryBuilder) flush() {
	if b.group != nil {
		b.q.all = append(b.q.all, b.group)
		b.group = nil
	}
}

func (b *queryBuilder) add(tk token) error {
	switch {
	case tk.or:
		if !b.orOK {
			return errLoneOR()
		}
		b.orOK, b.orNow = false, true
		return nil
	case tk.and:
		if b.orNow {
			return errLoneOR()
		}
		b.orOK = false
		return nil
	}
	b.terms++
	if b.terms > MaxQueryTerms {
		return queryErrorf("query too long: more than %d words and phrases", MaxQueryTerms)
	}
	if tk.not {
		if b.orNow {
			return queryErrorf("an excluded term cannot be joined by OR: write %s on its own", tk.src)
		}
		b.flush()
		b.q.not = append(b.q.not, tk.words)
		b.orOK = false
		return nil
	}
	if !b.orNow {
		b.flush()
	}
	b.group = append(b.group, tk.words)
	b.orOK, b.orNow = true, false
	return nil
}

// finish returns the query built, unless it ended in OR or has nothing to
// follow.
func (b *queryBuilder) finish() (Query, error) {
	if b.orNow {
		return Query{}, errLoneOR()
	}
	b.flush()
	if len(b.q.all) == 0 {
		if len(b.q.not) == 0 {
			return Query{}, errEmptyQuery()
		}
		return Query{}, queryErrorf("query only excludes: add a word to follow, as in: ukraine %s", terms2src(b.q.not))
	}
	return b.q, nil
}

// terms2src renders exclusions for an error message.
func terms2src(ts []term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = "-" + t.String()
	}
	return strings.Join(parts, " ")
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

// IsZero reports whether q is the zero Query, which no parse returns.
func (q Query) IsZero() bool { return len(q.all) == 0 && len(q.not) == 0 }
