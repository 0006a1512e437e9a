package brief

import (
	"cmp"
	"slices"
	"strings"
)

// story briefs one cluster: the lead's brief, with what the next reports
// add, and every source.
func (s *Summarizer) story(g *storyGrouping, c storyCluster) Story {
	st := Story{Headline: c.head, Score: c.score}
	for i, m := range c.members {
		a := g.docs[m].art
		st.Sources = append(st.Sources, StorySource{
			Name:      g.docs[m].source,
			Title:     g.docs[m].title,
			URL:       a.URL,
			Published: a.Published,
			ArticleID: a.ID,
		})
		if i > mergeFrom {
			continue // a source only: the brief has enough
		}
		b, err := s.Summarize(a)
		if err != nil { // a title with no text: the title is the brief
			b = Brief{ID: a.ID, Title: a.Title, URL: a.URL, Published: a.Published}
		}
		if i == 0 {
			st.Brief = b
			st.Brief.Title = g.docs[m].title
		} else {
			storyMergeBrief(&st.Brief, b, s.opts.MaxKeyPoints)
		}
	}
	slices.SortStableFunc(st.Sources, func(a, b StorySource) int {
		if a.Published.IsZero() != b.Published.IsZero() {
			if a.Published.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.Name, b.Name), cmp.Compare(a.URL, b.URL))
	})
	return st
}

// storyMergeBrief adds to dst the meetings, quotes and key points of b that
// dst does not already tell.
func storyMergeBrief(dst *Brief, b Brief, maxKeyPoints int) {
	for _, m := range b.Meetings {
		if len(dst.Meetings) >= maxMeetings {
			break
		}
		if !slices.ContainsFunc(dst.Meetings, func(o Meeting) bool { return storySameMeeting(o, m) }) {
			dst.Meetings = append(dst.Meetings, m)
		}
	}
	for _, q := range b.Quotes {
		if len(dst.Quotes) >= maxQuotes {
			break
		}
		if !slices.ContainsFunc(dst.Quotes, func(o Quote) bool { return storyTellsSame(o.Text, q.Text) }) {
			dst.Quotes = append(dst.Quotes, q)
		}
	}
	for _, k := range b.KeyPoints {
		if len(dst.KeyPoints) >= maxKeyPoints {
			break
		}
		if !slices.ContainsFunc(dst.KeyPoints, func(o string) bool { return storyTellsSame(o, k) }) {
			dst.KeyPoints = append(dst.KeyPoints, k)
		}
	}
}

func storySameMeeting(a, b Meeting) bool {
	names := func(m Meeting) []string {
		var ns []string
		for _, p := range m.Participants {
			ns = append(ns, strings.ToLower(p.Name))
		}
		slices.Sort(ns)
		return ns
	}
	return slices.Equal(names(a), names(b))
}

// storyTellsSame reports whether two sentences say much the same: most of the
// shorter one's content words are in the other.
func storyTellsSame(a, b string) bool {
	x, y := digestWords(a), digestWords(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return true
	}
	inter := 0
	for _, w := range x {
		if _, ok := slices.BinarySearch(y, w); ok {
			inter++
		}
	}
	return float64(inter) >= 0.6*float64(len(x))
}
