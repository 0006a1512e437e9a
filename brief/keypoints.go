package brief

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Key points are chosen in two steps. A logistic model over cheap sentence
// features (position, length, centrality, quotes, pronouns...; weights
// learned on the dev sets by keypoints_train_test.go and stored in
// keypoints_weights.go) scores how likely each body sentence is to be one
// of the three that best match a reader's highlights. Then, among the ten
// best-scored sentences, the set of three that a second model values most
// (keypoints_set.go) is chosen, never two near-repeats. Up to two more
// points follow: the best remaining by summed score less a charge for
// their length (ROUGE F1 punishes a long brief).

// kpParams tune the choice among scored sentences.
type kpParams struct {
	// refLen is the length, in words, of a typical set of highlights; the
	// choice trades words promised against words spent as ROUGE F1 does.
	refLen float64
	// redundancy discounts a sentence's promise by the content words it
	// shares with sentences already chosen.
	redundancy float64
	// nearRepeat is the share of the shorter sentence's content words that
	// makes two sentences repeats of each other.
	nearRepeat float64
	// pool is how many of the best-scored sentences are searched for the
	// best three.
	pool int
	// lenPenalty, when set, values a set by its summed scores less this
	// much per 100 words, instead of by promised words per word.
	lenPenalty float64
}

var kpDefaults = kpParams{refLen: 55, redundancy: 0.5, nearRepeat: 0.6, pool: 10, lenPenalty: 0.1}

// keyPoints picks up to max sentences that carry the story: the best three
// first, in article order, then up to two more.
func keyPoints(d *doc, max int) []string {
	// The model learned its points from sentences as the page splits
	// them, wrapped lines' stray stops and all.
	return kpPoints(d.asGiven(), max, &kpTrained, kpDefaults)
}

// kpModel is the learned part of the choice.
type kpModel struct {
	// oracle scores how likely a sentence is one of the three that best
	// match the highlights.
	oracle [numFeatures]float64
	// set values a set of three; nil values it by prm's rule alone.
	set *[numSetFeatures]float64
}

func kpPoints(d *doc, max int, m *kpModel, prm kpParams) []string {
	cands, st := kpCandidates(d)
	if len(cands) == 0 {
		return nil
	}
	kpScoreAll(cands, m)
	var setValue func([]int) float64
	if m.set != nil {
		seen, stamp := make([]int32, len(st.freq)), int32(0)
		setValue = func(set []int) float64 {
			stamp++
			x := kpSetFeatures(cands, st, set, seen, stamp)
			return kpSetScore(m.set, &x)
		}
	}
	chosen := kpSelect(cands, max, prm, setValue)
	out := make([]string, len(chosen))
	for i, c := range chosen {
		out[i] = cands[c].text
	}
	return out
}

// kpScoreAll sets each candidate's scores.
func kpScoreAll(cands []kpCand, m *kpModel) {
	for i := range cands {
		c := &cands[i]
		c.p = kpScore(&m.oracle, &c.x)
		q := min(max(c.p, 1e-6), 1-1e-6)
		c.z = math.Log(q / (1 - q))
	}
}

// kpScore is the model's prediction for one sentence.
func kpScore(w, x *[numFeatures]float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// leadPoints picks up to max key points for an article in a language the
// key-point model cannot read (its features count English words): the
// first sentences that may be key points, in order, each its wire lead and
// any glued headline cut, skipping the headline again and near-repeats.
// nil when no sentence qualifies (one line), or the script writes no
// spaces between words (Chinese, Japanese, Thai), which words cannot count.
func leadPoints(d *doc, max int) []string {
	if strings.Count(d.text, " ")*30 < utf8.RuneCountInString(d.text) {
		return nil
	}
	tokenised := tokenisedText(d)
	titles := headlineWords(d.title)
	var out []string
	var seen [][]string
	for i := range d.sents {
		if len(out) == max {
			break
		}
		c, ok := kpCandidate(d, i, tokenised, titles)
		if !ok || slices.ContainsFunc(seen, func(ws []string) bool { return sameWords(ws, c.words) >= kpDefaults.nearRepeat }) {
			continue
		}
		seen = append(seen, c.words)
		out = append(out, c.text)
	}
	return out
}
