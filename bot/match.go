package bot

import (
	"slices"

	"github.com/newsbrief/newsbrief/brief"
)

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
