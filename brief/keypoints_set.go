package brief

// The best three key points are chosen as a set, not one by one: a second
// linear model values each set of three from the best-scored sentences by
// what ROUGE rewards of a set as a whole, its length, how much of the
// article's vocabulary it covers, how much its sentences repeat each
// other. It was trained listwise, each dev article's sets ranked by their
// real ROUGE-1 against the highlights (keypoints_train_test.go).

// kpSetFeature names the inputs of the set model, in the order of
// kpSetWeights.
const (
	sSumP     = iota // summed sentence scores
	sSumLogit        // summed sentence logits
	sTokens          // words / 100
	sTokens2         // (words / 100)^2
	sShared          // content words shared between the set's sentences, per content word
	sCover           // share of the article's content-word mass the set's distinct words carry
	sTopic           // share of the article's ten most frequent content words it names
	sLead            // how many of the first three candidates it holds
	sFirst           // holds the first candidate
	sLast            // relative position of its last sentence
	numSetFeatures
)

var setFeatureNames = [numSetFeatures]string{
	"sSumP", "sSumLogit", "sTokens", "sTokens2", "sShared", "sCover", "sTopic", "sLead", "sFirst", "sLast",
}

// kpSetFeatures describes the set of candidates set (indices into cands,
// ascending). seen is scratch space, one stamp per word id, and stamp a
// value not yet in it.
func kpSetFeatures(cands []kpCand, st *kpStats, set []int, seen []int32, stamp int32) (x [numSetFeatures]float64) {
	tokens, content, distinct, topic := 0, 0, 0, 0
	cover := 0.0
	for _, i := range set {
		c := &cands[i]
		x[sSumP] += c.p
		x[sSumLogit] += c.z
		tokens += c.tokens
		content += len(c.content)
		for _, t := range c.content {
			if seen[t.id] == stamp {
				continue
			}
			seen[t.id] = stamp
			distinct++
			cover += float64(st.freq[t.id])
			if st.topic[t.id] {
				topic++
			}
		}
		if i < 3 {
			x[sLead]++
		}
		if i == 0 {
			x[sFirst] = 1
		}
	}
	x[sTokens] = float64(tokens) / 100
	x[sTokens2] = x[sTokens] * x[sTokens]
	if content > 0 {
		x[sShared] = float64(content-distinct) / float64(content)
	}
	if st.total > 0 {
		x[sCover] = cover / st.total
	}
	if st.nTopic > 0 {
		x[sTopic] = float64(topic) / float64(st.nTopic)
	}
	if len(set) > 0 && len(cands) > 1 {
		x[sLast] = float64(set[len(set)-1]) / float64(len(cands)-1)
	}
	return x
}

func kpSetScore(w, x *[numSetFeatures]float64) float64 {
	v := 0.0
	for i := range w {
		v += w[i] * x[i]
	}
	return v
}
