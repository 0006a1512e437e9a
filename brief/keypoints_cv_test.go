package brief

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsbrief/newsbrief/brief/rouge"
)

var (
	cv     = flag.Bool("cv", false, "cross-validate the key-point models on the dev sets")
	cvBags = flag.Int("cv-bags", 0, "with -cv, average this many bootstrap fits")
)

// kpDevDoc is one dev article prepared for training: its candidates, and
// their ROUGE tokens and the reference's as ids local to the article.
type kpDevDoc struct {
	set    int // index into devSets
	cands  []kpCand
	st     *kpStats
	toks   [][]int32
	ref    []int32 // count of each id in the reference
	refN   int
	oracle []int
	ex     []kpExample // labelled by membership of the oracle
}

func kpDevDocs(t testing.TB) []*kpDevDoc {
	var docs []*kpDevDoc
	for si, set := range devSets {
		cases := readSumm(t, set)
		for _, c := range cases {
			cands, st := kpCandidates(parse(Article{Text: c.Text}))
			if len(cands) == 0 {
				continue
			}
			d := &kpDevDoc{set: si, cands: cands, st: st}
			vocab := map[string]int32{}
			id := func(w string) int32 {
				v, ok := vocab[w]
				if !ok {
					v = int32(len(vocab))
					vocab[w] = v
				}
				return v
			}
			refToks := rouge.Tokenize(c.reference(), false)
			for _, w := range refToks {
				id(w)
			}
			for _, k := range cands {
				var ts []int32
				for _, w := range rouge.Tokenize(k.text, false) {
					ts = append(ts, id(w))
				}
				d.toks = append(d.toks, ts)
			}
			d.ref = make([]int32, len(vocab))
			for _, w := range refToks {
				d.ref[vocab[w]]++
			}
			d.refN = len(refToks)
			d.oracle = kpOracle(cands, c.reference())
			for i, k := range cands {
				y := 0.0
				if slices.Contains(d.oracle, i) {
					y = 1
				}
				d.ex = append(d.ex, kpExample{x: k.x, y: y})
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// f1 is ROUGE-1 F1 of the candidates set against the reference.
func (d *kpDevDoc) f1(set []int, scratch []int32) float64 {
	scratch = scratch[:0]
	scratch = append(scratch, d.ref...)
	hits, n := 0, 0
	for _, i := range set {
		for _, id := range d.toks[i] {
			n++
			if scratch[id] > 0 {
				scratch[id]--
				hits++
			}
		}
	}
	if hits == 0 {
		return 0
	}
	return 2 * float64(hits) / float64(n+d.refN)
}

// kpSetList is one article's sets of three, their features and their
// ROUGE-1.
type kpSetList struct {
	x []([numSetFeatures]float64)
	f []float64
}

func (d *kpDevDoc) sets(m *kpModel, prm kpParams) kpSetList {
	kpScoreAll(d.cands, m)
	var l kpSetList
	var scratch []int32
	seen, stamp := make([]int32, len(d.st.freq)), int32(0)
	kpSelect(d.cands, 3, prm, func(set []int) float64 {
		stamp++
		x := kpSetFeatures(d.cands, d.st, set, seen, stamp)
		l.x = append(l.x, x)
		l.f = append(l.f, d.f1(set, scratch))
		return 0
	})
	return l
}

// fitListwise fits set weights by ListNet: the softmax of the model's
// values over an article's sets is pulled towards the softmax of their
// ROUGE / tau. Features are standardised; L2 penalty l2.
func fitListwise(lists []kpSetList, tau, l2 float64, iters int) [numSetFeatures]float64 {
	mean, sd := featureMoments(func(yield func([]float64) bool) {
		for _, l := range lists {
			for i := range l.x {
				if !yield(l.x[i][:]) {
					return
				}
			}
		}
	}, numSetFeatures, 0)
	zs := kpSetTargets(lists, mean, sd, tau)
	var w [numSetFeatures]float64
	opt := newAdam(numSetFeatures)
	var p []float64
	for range iters {
		var g [numSetFeatures]float64
		for _, e := range zs {
			p = e.addGradient(&g, &w, p, len(zs))
		}
		for j := range numSetFeatures {
			g[j] += l2 * w[j]
		}
		opt.step(w[:], g[:])
	}
	var raw [numSetFeatures]float64
	for j := range numSetFeatures {
		raw[j] = w[j] / sd[j] // a constant shift of every set's value changes nothing
	}
	return raw
}

// kpSetTarget is one article's sets, standardised, with the target
// distribution over them: the softmax of their ROUGE / tau.
type kpSetTarget struct {
	z [][numSetFeatures]float64
	q []float64
}

// kpSetTargets standardises each list of at least two sets and gives it its
// target distribution.
func kpSetTargets(lists []kpSetList, mean, sd []float64, tau float64) []kpSetTarget {
	var zs []kpSetTarget
	for _, l := range lists {
		if len(l.x) < 2 {
			continue
		}
		var e kpSetTarget
		mx := slices.Max(l.f)
		sum := 0.0
		for i, x := range l.x {
			var z [numSetFeatures]float64
			for j := range numSetFeatures {
				z[j] = (x[j] - mean[j]) / sd[j]
			}
			e.z = append(e.z, z)
			q := math.Exp((l.f[i] - mx) / tau)
			e.q = append(e.q, q)
			sum += q
		}
		for i := range e.q {
			e.q[i] /= sum
		}
		zs = append(zs, e)
	}
	return zs
}

// addGradient adds to g this article's share (one of lists) of the
// cross-entropy's gradient at weights w; p is scratch space, returned for
// reuse.
func (e kpSetTarget) addGradient(g, w *[numSetFeatures]float64, p []float64, lists int) []float64 {
	p = p[:0]
	mx := math.Inf(-1)
	for _, z := range e.z {
		s := 0.0
		for j := range numSetFeatures {
			s += w[j] * z[j]
		}
		p = append(p, s)
		mx = max(mx, s)
	}
	sum := 0.0
	for i := range p {
		p[i] = math.Exp(p[i] - mx)
		sum += p[i]
	}
	for i, z := range e.z {
		d := p[i]/sum - e.q[i]
		for j := range numSetFeatures {
			g[j] += d * z[j] / float64(lists)
		}
	}
	return p
}

// pick returns the ROUGE-1 of the set sw values most.
func (l kpSetList) pick(sw *[numSetFeatures]float64) float64 {
	best, bestV := 0.0, math.Inf(-1)
	for i := range l.x {
		if v := kpSetScore(sw, &l.x[i]); v > bestV {
			best, bestV = l.f[i], v
		}
	}
	return best
}

type kpCVConfig struct {
	l2, setL2, tau float64
	iters          int
	prm            kpParams
	bags           int // bootstrap fits averaged; 0 or 1: one fit on all
}

// kpCVRepeats is how many times cross-validation runs, each over its own
// split into folds: one split's figure moves by a few tenths with the
// split alone.
const kpCVRepeats = 4

// kpCrossValidate returns mean ROUGE-1 x100 per dev set over 5 folds,
// repeated kpCVRepeats times, with and without the set model.
func kpCrossValidate(docs []*kpDevDoc, cfg kpCVConfig) (withSet, without, poolMax [2]float64) {
	var count [2]float64
	for rep := range kpCVRepeats {
		folds := rand.New(rand.NewPCG(uint64(rep), 5)).Perm(len(docs))
		for fold := range 5 {
			m, sw := kpFitFold(docs, cfg, func(i int) bool { return folds[i]%5 != fold })
			old := kpSetWeights0
			for i, d := range docs {
				if folds[i]%5 != fold {
					continue
				}
				l := d.sets(m, cfg.prm)
				withSet[d.set] += l.pick(&sw)
				without[d.set] += l.pick(&old)
				poolMax[d.set] += slices.Max(l.f)
				count[d.set]++
			}
		}
	}
	for s := range 2 {
		withSet[s] *= 100 / count[s]
		without[s] *= 100 / count[s]
		poolMax[s] *= 100 / count[s]
	}
	return
}

// kpFitFold fits both models on the docs train keeps: with cfg.bags > 1,
// each is the mean of that many fits on bootstrap samples of those docs.
func kpFitFold(docs []*kpDevDoc, cfg kpCVConfig, train func(i int) bool) (*kpModel, [numSetFeatures]float64) {
	var kept []*kpDevDoc
	for i, d := range docs {
		if train(i) {
			kept = append(kept, d)
		}
	}
	samples := [][]*kpDevDoc{kept}
	if cfg.bags > 1 {
		rng := rand.New(rand.NewPCG(7, uint64(len(kept))))
		samples = samples[:0]
		for range cfg.bags {
			var b []*kpDevDoc
			for range kept {
				b = append(b, kept[rng.IntN(len(kept))])
			}
			samples = append(samples, b)
		}
	}
	m := &kpModel{}
	for _, b := range samples {
		var ex []kpExample
		for _, d := range b {
			ex = append(ex, d.ex...)
		}
		w := fitLogistic(ex, cfg.l2, cfg.iters)
		for j := range w {
			m.oracle[j] += w[j] / float64(len(samples))
		}
	}
	var sw [numSetFeatures]float64
	for _, b := range samples {
		var lists []kpSetList
		for _, d := range b {
			lists = append(lists, d.sets(m, cfg.prm))
		}
		w := fitListwise(lists, cfg.tau, cfg.setL2, 300)
		for j := range w {
			sw[j] += w[j] / float64(len(samples))
		}
	}
	return m, sw
}

// kpSetWeights0 reproduce the choice before the set model: summed scores
// less 0.1 per 100 words.
var kpSetWeights0 = [numSetFeatures]float64{sSumP: 1, sTokens: -0.1}

func TestCrossValidateKeyPoints(t *testing.T) {
	if !*cv {
		t.Skip("run with -cv")
	}
	docs := kpDevDocs(t)
	cfg := kpCVConfig{l2: kpL2, iters: kpIters, setL2: kpSetL2, tau: kpTau, prm: kpDefaults, bags: *cvBags}
	ws, wo, pm := kpCrossValidate(docs, cfg)
	t.Logf("5-fold ROUGE-1 (%d splits), kaggle100 / realsumm100: %.2f / %.2f; without the set model %.2f / %.2f; best set in the pool %.2f / %.2f",
		kpCVRepeats, ws[0], ws[1], wo[0], wo[1], pm[0], pm[1])
}
