package brief

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rank orders each cluster's members, the lead first, picks its headline
// and scores it; then orders the clusters.
func (g *storyGrouping) rank(opts DigestOptions) {
	clusterNames, nameStories := g.clusterNames()
	for ci := range g.clusters {
		c := &g.clusters[ci]
		g.orderMembers(c)
		c.head = g.headline(c)
		c.score = g.score(c, opts) + 0.5*g.prominence(clusterNames[ci], nameStories)
	}
	slices.SortStableFunc(g.clusters, func(a, b storyCluster) int {
		return cmp.Or(cmp.Compare(b.score, a.score), b.latest.Compare(a.latest),
			cmp.Compare(a.head, b.head), cmp.Compare(a.members[0], b.members[0]))
	})
}

// clusterNames returns the names in each cluster's leads, and how many
// clusters name each.
func (g *storyGrouping) clusterNames() ([][]string, map[string]int) {
	nameStories := map[string]int{}
	clusterNames := make([][]string, len(g.clusters))
	for ci, c := range g.clusters {
		var names []string
		for _, m := range c.members {
			names = append(names, g.docs[m].names...)
		}
		slices.Sort(names)
		names = slices.Compact(names)
		clusterNames[ci] = names
		for _, nm := range names {
			nameStories[nm]++
		}
	}
	return clusterNames, nameStories
}

// score values a story by its outlets and its recency, and sets c.latest.
func (g *storyGrouping) score(c *storyCluster, opts DigestOptions) float64 {
	sources := map[string]bool{}
	for _, m := range c.members {
		d := g.docs[m]
		sources[cmp.Or(d.source, "#"+fmt.Sprint(m))] = true
		if d.art.Published.After(c.latest) {
			c.latest = d.art.Published
		}
	}
	score := math.Log2(1 + float64(len(sources)))
	if !opts.Now.IsZero() && !c.latest.IsZero() {
		age := max(opts.Now.Sub(c.latest), 0)
		score += math.Exp2(-float64(age) / float64(opts.HalfLife))
	}
	return score
}

// prominence values a story by its three names most named in other
// stories today: a name that several stories mention belongs to someone
// or somewhere prominent.
func (g *storyGrouping) prominence(names []string, nameStories map[string]int) float64 {
	var weights []float64
	for _, nm := range names {
		weights = append(weights, math.Log(float64(nameStories[nm])))
	}
	slices.SortFunc(weights, func(a, b float64) int { return cmp.Compare(b, a) })
	var prominence float64
	for _, w := range weights[:min(3, len(weights))] {
		prominence += w
	}
	if n := len(g.clusters); n > 1 {
		prominence /= 3 * math.Log(float64(n))
	}
	return prominence
}

// orderMembers puts the most central report first (the one most like the
// others), the longer text winning a tie: its brief leads the story.
func (g *storyGrouping) orderMembers(c *storyCluster) {
	central := make(map[int]float64, len(c.members))
	for _, x := range c.members {
		for _, y := range c.members {
			if x != y {
				central[x] += g.sim(x, y)
			}
		}
	}
	slices.SortStableFunc(c.members, func(x, y int) int {
		return cmp.Or(cmp.Compare(central[y], central[x]),
			cmp.Compare(g.docs[y].size, g.docs[x].size), cmp.Compare(x, y))
	})
}

// storyNameStopwords are capitalised words that name nobody and nowhere.
var storyNameStopwords = setOf(strings.Fields(`The A An He She It They We I In On At But And Or If When While After
		Before As For From This That These Those His Her Their Its Our There Here Mr Mrs Ms Dr Monday
		Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
		August September October November December Today Yesterday Tomorrow Last Next New One Two By
		With Without Under Over According Meanwhile However Speaking Asked Police Officials CNN
		Mayor President Vice Prime Minister Secretary Senator Governor Chancellor Judge Chief General
		King Queen Prince Princess Foreign Defence Defense Transport Interior Finance Sir Lord Lady Pope`)...)

// storyLeadNames returns the capitalised names (people, places, bodies) in
// the first sentences of text: runs of capitalised words, a lone word at
// a sentence's start left out because any word is capitalised there.
func storyLeadNames(text string) []string {
	const leadSentences = 3
	var names []string
	n := 0
	for _, para := range strings.Split(clip(text, leadBytes), "\n") {
		for _, sp := range splitSentences(para) {
			if n == leadSentences {
				break
			}
			n++
			names = append(names, storyNameRuns(para[sp[0]:sp[1]])...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func storyNameRuns(s string) []string {
	var out, run []string
	startRun := false
	flush := func() {
		if len(run) > 1 || (len(run) == 1 && !startRun) {
			out = append(out, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, f := range strings.Fields(s) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) || storyNameStopwords[w] || strings.ToUpper(w) == w && len(w) > 4 {
			flush()
			continue
		}
		if len(run) == 0 {
			startRun = i == 0
		}
		run = append(run, w)
		// Punctuation after a word ends the name: "Moscow, Russia".
		if f != w && !strings.HasSuffix(f, "'s") && !strings.HasSuffix(f, "’s") {
			flush()
		}
	}
	flush()
	return out
}
