package brief

import (
	"math"
	"slices"
)

// weight is one word of a sparse word vector: the word's id in a
// vocabulary of the article or the day, and its weight or count.
type weight struct {
	id int32
	w  float64
}

// dot returns the dot product of two sparse vectors sorted by id, and how
// many ids they share.
func dot(a, b []weight) (float64, int) {
	var s float64
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			n++
			i++
			j++
		}
	}
	return s, n
}

// compact sorts terms by id and merges repeats.
func compact(ts []weight) []weight {
	slices.SortFunc(ts, func(a, b weight) int { return int(a.id - b.id) })
	out := ts[:0]
	for _, t := range ts {
		if len(out) > 0 && out[len(out)-1].id == t.id {
			out[len(out)-1].w += t.w
			continue
		}
		out = append(out, t)
	}
	return out
}

// cosine is the cosine between two sentences' content words.
func cosine(a, b []weight) float64 {
	d, _ := dot(a, b)
	if d == 0 {
		return 0
	}
	na, _ := dot(a, a)
	nb, _ := dot(b, b)
	return d / math.Sqrt(na*nb)
}

// overlap counts the distinct content words two sentences share.
func overlap(a, b []weight) int {
	_, n := dot(a, b)
	return n
}
