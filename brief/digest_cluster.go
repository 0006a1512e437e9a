package brief

import (
	"cmp"
	"slices"
)

// storyEdge is a pair of similar articles, i < j.
type storyEdge struct {
	i, j int32
	sim  float64
}

// link finds the pairs of similar articles through an inverted index of
// their rarer terms, rather than comparing all pairs, then joins them
// into clusters by average linkage: two groups merge when their articles
// are similar on average, so a chain of look-alikes does not become one
// story.
func (g *storyGrouping) link(threshold float64) {
	edges := g.similarPairs()
	g.averageLinkage(edges, threshold)
}

// storyPosting is one article's weight for a term in the inverted index.
type storyPosting struct {
	doc int32
	w   float64
}

// storyMaxDF is how many articles a term may be in and still find pairs:
// a more common term still counts in the exact cosine. A fixed cap keeps
// the search linear in the articles.
const storyMaxDF = 32

// similarPairs returns the pairs of articles at least edgeFloor alike,
// most alike first, and records their similarity in g.sims.
func (g *storyGrouping) similarPairs() []storyEdge {
	var postings [][]storyPosting
	for i, d := range g.docs {
		for _, t := range d.terms {
			for int(t.id) >= len(postings) {
				postings = append(postings, nil)
			}
			postings[t.id] = append(postings[t.id], storyPosting{int32(i), t.w})
		}
	}
	acc := make([]float64, len(g.docs))
	var touched []int32
	var edges []storyEdge
	g.sims = map[[2]int32]float64{}
	for i, d := range g.docs {
		for _, t := range d.terms {
			p := postings[t.id]
			if len(p) > storyMaxDF {
				continue
			}
			// Postings are in doc order: only the later docs.
			k, _ := slices.BinarySearchFunc(p, int32(i)+1, func(p storyPosting, i int32) int { return cmp.Compare(p.doc, i) })
			for _, q := range p[k:] {
				if acc[q.doc] == 0 {
					touched = append(touched, q.doc)
				}
				acc[q.doc] += t.w * q.w
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			if acc[j] >= edgeFloor/2 {
				if sim := storyCosine(d.terms, g.docs[j].terms); sim >= edgeFloor {
					edges = append(edges, storyEdge{int32(i), j, sim})
					g.sims[[2]int32{int32(i), j}] = sim
				}
			}
			acc[j] = 0
		}
		touched = touched[:0]
	}
	slices.SortFunc(edges, func(a, b storyEdge) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	return edges
}

// averageLinkage joins articles along edges, most alike first, while the
// two groups' mean similarity reaches threshold, and sets g.clusters.
func (g *storyGrouping) averageLinkage(edges []storyEdge, threshold float64) {
	n := len(g.docs)
	parent := make([]int, n)
	members := make([][]int, n)
	for i := range parent {
		parent[i] = i
		members[i] = []int{i}
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for _, e := range edges {
		if e.sim < threshold {
			break
		}
		a, b := find(int(e.i)), find(int(e.j))
		if a == b || g.meanSim(members[a], members[b]) < threshold {
			continue
		}
		if b < a {
			a, b = b, a
		}
		parent[b] = a
		members[a] = append(members[a], members[b]...)
		members[b] = nil
	}
	for i := range n {
		if find(i) == i {
			m := members[i]
			slices.Sort(m)
			g.clusters = append(g.clusters, storyCluster{members: m})
		}
	}
}

// meanSim is the mean similarity between the articles of two groups.
func (g *storyGrouping) meanSim(a, b []int) float64 {
	var sum float64
	for _, x := range a {
		for _, y := range b {
			sum += g.sim(x, y)
		}
	}
	return sum / float64(len(a)*len(b))
}

func (g *storyGrouping) sim(x, y int) float64 {
	if x > y {
		x, y = y, x
	}
	return g.sims[[2]int32{int32(x), int32(y)}]
}
