package brief

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// headline is the title that shares the most words with the story's
// other titles, cleaned of its outlet's name; the lead's first sentence
// when no report has a title.
func (g *storyGrouping) headline(c *storyCluster) string {
	best, bestScore := "", -1.0
	for _, x := range c.members {
		t := g.docs[x].title
		if t == "" {
			continue
		}
		var s float64
		for _, y := range c.members {
			if o := g.docs[y].title; y != x && o != "" {
				s += storyTitleOverlap(t, o)
			}
		}
		if s > bestScore { // the lead, first in members, wins a tie
			best, bestScore = t, s
		}
	}
	if best != "" {
		return best
	}
	lead := g.docs[c.members[0]].art.Text
	if spans := splitSentences(storyFirstParagraph(lead)); len(spans) > 0 {
		lead = storyFirstParagraph(lead)[spans[0][0]:spans[0][1]]
	}
	return storyShorten(strings.Join(strings.Fields(lead), " "), 100)
}

func storyFirstParagraph(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// storyShorten cuts s to at most n runes at a word boundary, with "…".
func storyShorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

func digestWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !digestStopwords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func storyTitleOverlap(a, b string) float64 {
	x, y := digestWords(a), digestWords(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	inter := 0
	for _, w := range x {
		if _, ok := slices.BinarySearch(y, w); ok {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

// storySourceName is the outlet: the article's source, else its URL's host.
func storySourceName(a Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}
