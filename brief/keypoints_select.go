package brief

import (
	"math"
	"slices"
)

// kpSelect returns the indices into cands of the key points, the first
// three as a set chosen for their joint value, in article order.
//
// setValue, when not nil, values a candidate set of three (indices into
// cands, in article order) in place of prm's rule.
func kpSelect(cands []kpCand, max int, prm kpParams, setValue func(set []int) float64) []int {
	s := newKPSelection(cands, prm)
	best := s.bestThree(setValue)
	extra := s.more(best, max)
	out := make([]int, 0, len(best)+len(extra))
	for _, i := range best {
		out = append(out, s.pool[i])
	}
	for _, i := range extra {
		out = append(out, s.pool[i])
	}
	return out
}

// kpSelection is the search for key points among the pool of best-scored
// candidates. Sets hold indices into pool.
type kpSelection struct {
	cands []kpCand
	prm   kpParams
	pool  []int // indices into cands, in article order
	// shared[i][j]: content words pool sentence j shares with sentence i.
	shared [][]int
	// repeat[i][j]: the two are near-repeats, never both chosen.
	repeat [][]bool
}

func newKPSelection(cands []kpCand, prm kpParams) *kpSelection {
	s := &kpSelection{cands: cands, prm: prm, pool: kpPool(cands, prm.pool)}
	s.comparePairs()
	return s
}

// kpPool returns the size candidates with the highest promise, in article
// order.
func kpPool(cands []kpCand, size int) []int {
	pool := make([]int, len(cands))
	for i := range pool {
		pool[i] = i
	}
	slices.SortStableFunc(pool, func(a, b int) int {
		va, vb := cands[a].p, cands[b].p
		switch {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return a - b
	})
	if len(pool) > size {
		pool = pool[:size]
	}
	slices.Sort(pool)
	return pool
}

// comparePairs fills shared and repeat for every pair in the pool.
func (s *kpSelection) comparePairs() {
	n := len(s.pool)
	s.shared = make([][]int, n)
	s.repeat = make([][]bool, n)
	for i := range n {
		s.shared[i] = make([]int, n)
		s.repeat[i] = make([]bool, n)
	}
	for i := 0; i < n; i++ {
		a := s.cands[s.pool[i]].content
		for j := i + 1; j < n; j++ {
			b := s.cands[s.pool[j]].content
			sh := overlap(a, b)
			s.shared[i][j], s.shared[j][i] = sh, sh
			short := min(len(a), len(b))
			r := short > 0 && float64(sh) >= s.prm.nearRepeat*float64(short)
			s.repeat[i][j], s.repeat[j][i] = r, r
		}
	}
}

// value is prm's rule for a set: summed scores less a charge per word, or
// promised words per word spent.
func (s *kpSelection) value(set []int) float64 {
	gain, length := 0.0, 0.0
	for k, i := range set {
		c := &s.cands[s.pool[i]]
		g := c.p * float64(c.tokens)
		for _, j := range set[:k] {
			g -= s.prm.redundancy * c.p * float64(s.shared[i][j])
		}
		gain += g
		length += float64(c.tokens)
	}
	if s.prm.lenPenalty > 0 {
		sum := 0.0
		for _, i := range set {
			sum += s.cands[s.pool[i]].p
		}
		return sum - s.prm.lenPenalty*length/100
	}
	return gain / (length + s.prm.refLen)
}

// repeats reports whether pool sentence i near-repeats one in set.
func (s *kpSelection) repeats(i int, set []int) bool {
	for _, j := range set {
		if s.repeat[i][j] {
			return true
		}
	}
	return false
}

// bestThree searches every set of three in the pool without near-repeats
// for the one valued most, by setValue when not nil, else by value.
func (s *kpSelection) bestThree(setValue func([]int) float64) []int {
	n := len(s.pool)
	best, bestV := []int(nil), math.Inf(-1)
	want := min(3, n)
	set := make([]int, 0, 3)
	candSet := make([]int, 0, 3)
	var search func(from int)
	search = func(from int) {
		if len(set) == want {
			var v float64
			if setValue != nil {
				candSet = candSet[:0]
				for _, i := range set {
					candSet = append(candSet, s.pool[i])
				}
				v = setValue(candSet)
			} else {
				v = s.value(set)
			}
			if v > bestV {
				best, bestV = slices.Clone(set), v
			}
			return
		}
		for i := from; i < n; i++ {
			if !s.repeats(i, set) {
				set = append(set, i)
				search(i + 1)
				set = set[:len(set)-1]
			}
		}
	}
	search(0)
	if best == nil { // every pair a near-repeat: take the single best
		best = []int{0}
		for i := range n {
			if s.cands[s.pool[i]].p > s.cands[s.pool[best[0]]].p {
				best[0] = i
			}
		}
	}
	return best
}

// more returns, in article order, up to max-len(best) further points: one
// at a time, the one that raises value most, never a near-repeat.
func (s *kpSelection) more(best []int, max int) []int {
	var extra []int
	for len(best)+len(extra) < max {
		pick, pickV := -1, math.Inf(-1)
		all := append(slices.Clone(best), extra...)
		for i := range s.pool {
			if slices.Contains(all, i) || s.repeats(i, all) {
				continue
			}
			if v := s.value(append(all, i)); v > pickV {
				pick, pickV = i, v
			}
		}
		if pick < 0 {
			break
		}
		extra = append(extra, pick)
	}
	slices.Sort(extra)
	return extra
}
