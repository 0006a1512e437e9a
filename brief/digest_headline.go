package brief

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// when no report has a title.
func (g *storyGrouping) headline(c *storyCluster) string {
	var srcs []string
	for _, m := range c.members {
		srcs = append(srcs, g.docs[m].source)
	}
	best, bestScore := "", -1.0
	for _, x := range c.members {
		t := storyCleanTitle(g.docs[x].art.Title, srcs)
		if t == "" {
			continue
		}
		var s float64
		for _, y := range c.members {
			if o := storyCleanTitle(g.docs[y].art.Title, srcs); y != x && o != "" {
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

var storyTitleKickers = []string{"breaking:", "breaking news:", "live:", "update:", "updated:", "watch:", "exclusive:", "video:"}

// storyCleanTitle drops what a feed adds to a headline: space runs, kickers
// such as "BREAKING:", and the outlet's name after a dash or bar.
func storyCleanTitle(t string, sources []string) string {
	t = strings.Join(strings.Fields(t), " ")
	for _, k := range storyTitleKickers {
		if len(t) > len(k) && strings.EqualFold(t[:len(k)], k) {
			t = strings.TrimSpace(t[len(k):])
		}
	}
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(sep):])
		for _, s := range sources {
			if s != "" && strings.EqualFold(tail, s) {
				t = t[:i]
				break
			}
		}
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		t = strings.TrimSuffix(t, ".")
	}
	return strings.TrimSpace(t)
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
