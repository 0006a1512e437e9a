package brief

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var trainSpeakers = flag.Bool("train-speakers", false, "retrain the speaker model on PolNeAR train and rewrite speaker_weights.go")

// spkExample is one quotation of the training data: the feature vectors of
// its candidates with the "nobody" option last, and which of them are the
// annotated speaker.
type spkExample struct {
	fs     []speakerVec
	gold   []int
	weight float64 // how much the example counts
}

// polnearDoc is a PolNeAR article as the brief sees it, with the
// annotations moved to byte offsets of the text it gets: briefeval cuts
// the headline that PolNeAR repeats as the first line.
type polnearDoc struct {
	a     Article
	attrs []polnearAttr
}

type polnearAttr struct {
	source      [][2]int // byte spans of the annotated speaker
	sourceText  string
	content     [][2]int
	fullyQuoted bool
}

func polnearDocs(arts []polnearArticle) []polnearDoc {
	out := make([]polnearDoc, 0, len(arts))
	for _, pa := range arts {
		byteAt := make([]int, 0, len(pa.Text)+1)
		for i := range pa.Text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(pa.Text))
		text := pa.Text
		if first, rest, ok := strings.Cut(text, "\n"); ok && pa.Title != "" && strings.HasPrefix(strings.TrimSpace(first), strings.TrimSpace(pa.Title)) {
			text = strings.TrimLeft(rest, "\n")
		}
		cut := len(pa.Text) - len(text)
		conv := func(segs [][2]int) [][2]int {
			var out [][2]int
			for _, s := range segs {
				a, b := byteAt[s[0]]-cut, byteAt[s[1]]-cut
				if a >= 0 && b > a {
					out = append(out, [2]int{a, b})
				}
			}
			return out
		}
		d := polnearDoc{a: Article{ID: pa.ID, Title: pa.Title, Text: text}}
		for _, at := range pa.Attributions {
			var pat polnearAttr
			for _, c := range at.Content {
				pat.content = append(pat.content, conv(c.Segments)...)
			}
			if at.Source != nil {
				pat.source = conv(at.Source.Segments)
				pat.sourceText = at.Source.Text
			}
			pat.fullyQuoted = at.FullyQuoted
			d.attrs = append(d.attrs, pat)
		}
		out = append(out, d)
	}
	return out
}

func overlapBytes(a [2]int, segs [][2]int) int {
	n := 0
	for _, s := range segs {
		n += max(0, min(a[1], s[1])-max(a[0], s[0]))
	}
	return n
}

// spkExamples turns annotated articles into training examples. Each
// accepted quotation takes the annotation whose content covers at least
// half of it; its gold candidates are those lying in the annotated source,
// or the previous speaker when the source names them. A quotation whose
// source no candidate holds teaches the "nobody" option.
func spkExamples(docs []polnearDoc) []spkExample {
	var out []spkExample
	for _, pd := range docs {
		d := parse(pd.a)
		c := findPeople(d)
		sc := newScene(d, c, quoteSpans(d))
		var prevSource [][2]int
		sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
			qs := [2]int{q.sp.start, q.sp.end}
			best, bestN := -1, 0
			for i, at := range pd.attrs {
				n := overlapBytes(qs, at.content)
				if n > bestN || n == bestN && best >= 0 && at.fullyQuoted && !pd.attrs[best].fullyQuoted {
					best, bestN = i, n
				}
			}
			if best < 0 || 2*bestN < q.sp.end-q.sp.start-2 {
				return speaker{}
			}
			at := pd.attrs[best]
			ex := spkExample{weight: 1}
			var who speaker
			prevGold := -1
			for k, cand := range cs {
				ex.fs = append(ex.fs, sc.candFeatures(q, cs, k))
				switch {
				case cand.kind == candPrev:
					if len(at.source) > 0 && len(prevSource) > 0 && at.source[0] == prevSource[0] ||
						nameInSpeaker(at.sourceText, cand.who.name) {
						prevGold = k
					}
				case len(at.source) > 0 && overlapBytes([2]int{sc.toks[cand.first].start, sc.toks[cand.last].end}, at.source) > 0:
					ex.gold = append(ex.gold, k)
					if who.name == "" {
						who = cand.who
					}
				}
			}
			// The previous speaker is the answer only when the source is not
			// named again near the quotation.
			if len(ex.gold) == 0 && prevGold >= 0 {
				ex.gold = []int{prevGold}
				who = cs[prevGold].who
			}
			ex.fs = append(ex.fs, nullFeatures(q))
			if len(ex.gold) == 0 {
				ex.gold = []int{len(ex.fs) - 1}
			}
			out = append(out, ex)
			prevSource = at.source
			return who
		})
	}
	return out
}

// nameInSpeaker reports whether the annotated source's last name word is
// among the words of name.
func nameInSpeaker(source, name string) bool {
	last := speakerLastWord(source)
	if last == "" || name == "" {
		return false
	}
	for _, w := range words(name) {
		if w == last {
			return true
		}
	}
	return false
}

// fitSpeakers fits the weights by full-batch gradient descent (Adam) on
// the log-likelihood of the gold options with an L2 penalty. It is
// deterministic: the same examples give the same weights.
func fitSpeakers(exs []spkExample, l2 float64, iters int) speakerVec {
	var w, m, v speakerVec
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	model := speakerModel{}
	for it := 1; it <= iters; it++ {
		var g speakerVec
		var n float64
		for _, ex := range exs {
			n += ex.weight
			model.w = w
			ps := model.probabilities(ex.fs)
			var pg float64
			for _, k := range ex.gold {
				pg += ps[k]
			}
			if pg <= 0 {
				pg = 1e-12
			}
			// d(-log sum_gold p)/dw = E_p[f] - E_{p|gold}[f]
			for k, f := range ex.fs {
				coef := ps[k]
				for _, gk := range ex.gold {
					if gk == k {
						coef -= ps[k] / pg
					}
				}
				coef *= ex.weight
				if coef == 0 {
					continue
				}
				for i, x := range f {
					g[i] += coef * x
				}
			}
		}
		for i := range g {
			g[i] = g[i]/n + l2*w[i]
			m[i] = b1*m[i] + (1-b1)*g[i]
			v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
			mh := m[i] / (1 - math.Pow(b1, float64(it)))
			vh := v[i] / (1 - math.Pow(b2, float64(it)))
			w[i] -= lr * mh / (math.Sqrt(vh) + eps)
		}
	}
	return w
}

// maxDevWrong is the most wrong speakers, in per cent of named quotations
// on PolNeAR dev, that the threshold may allow: below the 5%, for
// the margin held-out news needs.
const maxDevWrong = 4.0

// wrongCost is what a wrong name costs in the threshold's choice, in right
// names. Two, on the dev sets of today, chooses a threshold (0.65) that
// loses PolNeAR a tenth of its right names to save a few wrong ones.
const wrongCost = 1

// cnndmWeight is how much a hand-labelled CNN/DailyMail quotation counts
// in training against one of PolNeAR: the genre the model must also
// serve has far fewer labels.
const cnndmWeight = 5

// TestTrainSpeakers fits the speaker model on PolNeAR's training split and
// both CNN/DailyMail label parts (tune and dev), and rewrites
// speaker_weights.go:
//
//	go test ./brief -run TestTrainSpeakers -train-speakers
//
// The threshold is chosen by two-fold cross-validation over the CNN/DM
// parts: a model fitted with one part is scored on the other and on
// PolNeAR dev, which no model trains on.
func TestTrainSpeakers(t *testing.T) {
	if !*trainSpeakers {
		t.Skip("run with -train-speakers to retrain the speaker model")
	}
	weight := float64(cnndmWeight)
	if v, err := strconv.ParseFloat(os.Getenv("SPEAKER_CNNDM_WEIGHT"), 64); err == nil {
		weight = v
	}
	polnear := spkExamples(polnearDocs(readPolNeAR(t, "train")))
	parts := [2][]cnndmDoc{readCNNDMLabels(t, "speakers_cnndm.jsonl"), readCNNDMLabels(t, "speakers_cnndm_dev.jsonl")}
	exs := [2][]spkExample{cnndmExamples(parts[0], weight), cnndmExamples(parts[1], weight)}
	dev := readPolNeAR(t, "dev")
	thresholds := []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7}
	var pn [2][]quoteScore // [fold][threshold]
	var cn [2][]cnndmScore
	for fold := range 2 {
		train := append(slices.Clip(polnear), exs[fold]...)
		w := fitSpeakers(train, 1e-4, 400)
		for _, th := range thresholds {
			m := &speakerModel{w: w, threshold: th}
			pn[fold] = append(pn[fold], scoreQuotes(dev, func(a Article) []Quote {
				d := parse(a)
				qs, _ := quotesWith(d, findPeople(d), m)
				return qs
			}))
			cn[fold] = append(cn[fold], scoreCNNDM(parts[1-fold], m))
		}
	}
	best, bestScore := 0.0, math.Inf(-1)
	for k, th := range thresholds {
		p := pn[0][k].add(pn[1][k])
		c := cn[0][k].add(cn[1][k])
		t.Logf("threshold %.2f: PolNeAR dev speaker %.1f%%, wrong %.1f%% (two folds); CNN/DM held out of training %v", th, p.sp(), p.wrong(), c)
		// A wrong name is worse than none: each cancels a right one,
		// summed over both genres, while at most one named PolNeAR
		// quotation in 25 gets a wrong one. Of equals, the highest
		// threshold, which is silent more often.
		score := p.sp() - wrongCost*p.wrong() + c.sp() - wrongCost*c.wrongs()
		if p.wrong() <= maxDevWrong && score >= bestScore {
			best, bestScore = th, score
		}
	}
	t.Logf("threshold %.2f", best)
	if *trainDry {
		return
	}
	w := fitSpeakers(append(append(slices.Clip(polnear), exs[0]...), exs[1]...), 1e-4, 400)
	if err := writeSpeakerWeights("speaker_weights.go", speakerModel{w: w, threshold: best}); err != nil {
		t.Fatal(err)
	}
}

var trainDry = flag.Bool("train-dry", false, "with -train-speakers, report the thresholds without rewriting speaker_weights.go")

func writeSpeakerWeights(path string, m speakerModel) error {
	var b bytes.Buffer
	fmt.Fprintln(&b, "// speakerWeights is the speaker model fitted on PolNeAR's training split")
	fmt.Fprintln(&b, "// and the hand-labelled CNN/DailyMail quotations, with the threshold")
	fmt.Fprintln(&b, "// chosen on PolNeAR dev and by cross-validation over the CNN/DM labels.")
	fmt.Fprintln(&b, "var speakerWeights = &speakerModel{")
	fmt.Fprintf(&b, "threshold: %g,\n", m.threshold)
	fmt.Fprintln(&b, "w: speakerVec{")
	for i, x := range m.w {
		fmt.Fprintf(&b, "%s: %.6g,\n", speakerFeatureNames[i], x)
	}
	fmt.Fprintln(&b, "},")
	fmt.Fprintln(&b, "}")
	return writeGenerated(path, "go test ./brief -run TestTrainSpeakers -train-speakers", &b)
}

// TestSpeakerErrors lists, for PolNeAR dev, the named quotations the model
// gets wrong or leaves silent, with every candidate's probability, and
// counts them; set SPEAKER_ERRORS=1, and SPEAKER_SPLIT=train for the
// training split.
func TestSpeakerErrors(t *testing.T) {
	if os.Getenv("SPEAKER_ERRORS") == "" {
		t.Skip("set SPEAKER_ERRORS=1 to list the speaker model's errors on dev")
	}
	m := speakerWeights
	split := "dev"
	if s := os.Getenv("SPEAKER_SPLIT"); s != "" {
		split = s
	}
	var named, right, wrong int
	defer func() { t.Logf("%s: named %d, right %d, wrong %d", split, named, right, wrong) }()
	for _, pd := range polnearDocs(readPolNeAR(t, split)) {
		d := parse(pd.a)
		c := findPeople(d)
		sc := newScene(d, c, quoteSpans(d))
		sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
			who, guess := m.choose(sc, q, cs)
			qs := [2]int{q.sp.start, q.sp.end}
			for _, at := range pd.attrs {
				if !at.fullyQuoted || 2*overlapBytes(qs, at.content) < q.sp.end-q.sp.start-2 {
					continue
				}
				last := speakerLastWord(at.sourceText)
				if last == "" {
					break
				}
				named++
				if nameInSpeaker(at.sourceText, who.name) {
					right++
					break
				}
				if who.name != "" {
					wrong++
				}
				t.Log(sc.explain(m, q, cs, fmt.Sprintf("%s gold %q got %q", pd.a.ID, at.sourceText, who.name)))
				break
			}
			return guess
		})
	}
}
