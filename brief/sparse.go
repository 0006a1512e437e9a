package brief

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
