package brief

import (
	"iter"
	"math"
)

// The two key-point models are fitted the same way: features standardised
// to mean 0 and deviation 1, then full-batch gradient descent with Adam,
// which copes with the features' different scales.

// featureMoments returns the mean and standard deviation of features from
// to k-1 over rows; features before from keep mean 0 and deviation 1, and
// so does a constant feature (its weight stays 0).
func featureMoments(rows iter.Seq[[]float64], k, from int) (mean, sd []float64) {
	mean, sd = make([]float64, k), make([]float64, k)
	n := 0.0
	for range rows {
		n++
	}
	for x := range rows {
		for j := from; j < k; j++ {
			mean[j] += x[j] / n
		}
	}
	for x := range rows {
		for j := from; j < k; j++ {
			d := x[j] - mean[j]
			sd[j] += d * d / n
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] < 1e-9 {
			sd[j] = 1
		}
	}
	return mean, sd
}

// adam is the state of Adam's descent over len(m) weights.
type adam struct {
	m, v []float64
	t    int
}

func newAdam(k int) *adam { return &adam{m: make([]float64, k), v: make([]float64, k)} }

// step moves w against gradient g.
func (a *adam) step(w, g []float64) {
	const lr, b1, b2 = 0.05, 0.9, 0.999
	a.t++
	for j := range w {
		a.m[j] = b1*a.m[j] + (1-b1)*g[j]
		a.v[j] = b2*a.v[j] + (1-b2)*g[j]*g[j]
		mh := a.m[j] / (1 - math.Pow(b1, float64(a.t)))
		vh := a.v[j] / (1 - math.Pow(b2, float64(a.t)))
		w[j] -= lr * mh / (math.Sqrt(vh) + 1e-8)
	}
}
