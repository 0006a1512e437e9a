package brief

import (
	"cmp"
	"math"
	"slices"
	"time"
	"unicode/utf8"
)

// storyDoc is an article prepared for grouping.
type storyDoc struct {
	art    Article
	title  string   // art.Title without the site's name
	terms  []weight // by term id; unit length
	names  []string // capitalised names in the lead, sorted
	size   int      // bytes of text
	source string
}

// storyCluster is a story before it is briefed: member indexes into
// storyGrouping.docs, the lead first, the rest by centrality.
type storyCluster struct {
	members []int
	score   float64
	latest  time.Time
	head    string
}

type storyGrouping struct {
	docs     []storyDoc
	clusters []storyCluster // ranked
	sims     map[[2]int32]float64
}

// groupArticles is Digest without the briefs: the readable articles in a
// canonical order and their stories, ranked.
func groupArticles(arts []Article, opts DigestOptions) *storyGrouping {
	g := &storyGrouping{}
	for _, a := range arts {
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
			continue
		}
		if len(words(a.Title)) == 0 && len(words(a.Text)) == 0 {
			continue
		}
		g.docs = append(g.docs, storyDoc{art: a})
	}
	// Sort first so that neither the order of arts nor a map's order
	// reaches the output.
	slices.SortStableFunc(g.docs, func(x, y storyDoc) int {
		a, b := x.art, y.art
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.URL, b.URL), cmp.Compare(a.ID, b.ID),
			cmp.Compare(a.Title, b.Title), cmp.Compare(a.Text, b.Text))
	})
	g.cleanTitles()
	g.vectorise()
	g.link(opts.Threshold)
	g.rank(opts)
	return g
}

// cleanTitles names every doc's outlet and cleans its title of the
// outlet's name: the source's name, the URL's host, and any tail that two
// or more of the outlet's titles share ("... - Coastal Wire").
func (g *storyGrouping) cleanTitles() {
	bySource := map[string][]string{}
	for i := range g.docs {
		d := &g.docs[i]
		d.source = storySourceName(d.art)
		bySource[d.source] = append(bySource[d.source], d.art.Title)
	}
	tails := map[string][]string{}
	for src, titles := range bySource {
		tails[src] = sharedTails(titles)
	}
	for i := range g.docs {
		d := &g.docs[i]
		d.title = cleanTitle(d.art.Title, append([]string{d.source, d.art.URL}, tails[d.source]...)...)
	}
}

// vectorise gives every doc its TF-IDF vector over the title (counted
// twice: it names the event) and the lead, and its names.
func (g *storyGrouping) vectorise() {
	vocab := map[string]int32{}
	var df []int
	counts := make([]map[int32]int, len(g.docs))
	for i := range g.docs {
		d := &g.docs[i]
		d.size = len(d.art.Text)
		d.names = storyLeadNames(d.art.Text)
		c := map[int32]int{}
		for _, w := range storyEventWords(d.title, d.art.Text) {
			if len(w) < 2 || digestStopwords[w] {
				continue
			}
			id, ok := vocab[w]
			if !ok {
				id = int32(len(df))
				vocab[w] = id
				df = append(df, 0)
			}
			if c[id] == 0 {
				df[id]++
			}
			c[id]++
		}
		counts[i] = c
	}
	// A small day (a topic's handful of articles) would make every shared
	// word common and pull two reports of one event apart: weigh words as
	// if among at least minCorpus articles.
	n := float64(max(len(g.docs), minCorpus))
	for i, c := range counts {
		g.docs[i].terms = storyVector(c, df, n)
	}
}

// storyEventWords are the words that describe an article's event: the
// title twice, then the lead.
func storyEventWords(title, text string) []string {
	lead := words(clip(text, leadBytes))
	tw := words(title)
	ws := make([]string, 0, 2*len(tw)+leadWords)
	return append(append(append(ws, tw...), tw...), lead[:min(len(lead), leadWords)]...)
}

// storyVector weighs an article's term counts by TF-IDF among n articles
// and scales the vector to unit length, sorted by term id.
func storyVector(counts map[int32]int, df []int, n float64) []weight {
	terms := make([]weight, 0, len(counts))
	for id, k := range counts {
		idf := math.Log((n+1)/float64(df[id]+1)) + 1
		terms = append(terms, weight{id, (1 + math.Log(float64(k))) * idf})
	}
	slices.SortFunc(terms, func(a, b weight) int { return cmp.Compare(a.id, b.id) })
	var norm float64
	for _, t := range terms {
		norm += t.w * t.w
	}
	norm = math.Sqrt(norm)
	for j := range terms {
		terms[j].w /= norm
	}
	return terms
}

// storyCosine is the cosine of two unit vectors sorted by term id.
func storyCosine(a, b []weight) float64 {
	s, _ := dot(a, b)
	return s
}
