package brief

// The speaker model: a conditional logistic regression that scores every
// candidate of a quotation and the option that nobody named said it. The
// weights are learned from PolNeAR's training split (speaker_train_test.go)
// and live in speaker_weights.go.

import (
	"math"
	"strings"
	"time"
	"unicode"
)

// speakerModel holds one weight per feature and the least probability a
// speaker needs before a quotation is attributed to them.
type speakerModel struct {
	w         speakerVec
	threshold float64
}

func (m *speakerModel) score(f *speakerVec) float64 {
	var s float64
	for i, x := range f {
		s += m.w[i] * x
	}
	return s
}

// probabilities returns the softmax over the candidates' scores, the
// "nobody" option last.
func (m *speakerModel) probabilities(fs []speakerVec) []float64 {
	ps := make([]float64, len(fs))
	top := math.Inf(-1)
	for i := range fs {
		ps[i] = m.score(&fs[i])
		top = max(top, ps[i])
	}
	var sum float64
	for i := range ps {
		ps[i] = math.Exp(ps[i] - top)
		sum += ps[i]
	}
	for i := range ps {
		ps[i] /= sum
	}
	return ps
}

// choose returns the speaker of quotation q: the named person or body that
// the candidates standing for it make most probable, when that probability
// reaches the threshold and no guard doubts it; otherwise nobody. It
// returns the model's guess before the guards too, which the quotations
// after q go on from, as they did when the model learned.
func (m *speakerModel) choose(sc *scene, q *quoteInfo, cs []speakerCand) (said, guess speaker) {
	if len(cs) == 0 {
		return speaker{}, speaker{}
	}
	fs := make([]speakerVec, 0, len(cs)+1)
	for k := range cs {
		fs = append(fs, sc.candFeatures(q, cs, k))
	}
	fs = append(fs, nullFeatures(q))
	ps := m.probabilities(fs)
	guess = m.mostProbable(sc, cs, ps, false)
	said = m.mostProbable(sc, cs, ps, true)
	if said.name != "" && (!sc.ruleAgrees(q, said, cs) || sc.inAppositive(q, said, cs, ps)) {
		said = speaker{}
	}
	return said, guess
}

// mostProbable returns the name that the candidates standing for it,
// less the doubtful ones when skipDoubt, make most probable, with its
// role; nobody when that probability is below the threshold or the name
// cannot be a speaker's.
func (m *speakerModel) mostProbable(sc *scene, cs []speakerCand, ps []float64, skipDoubt bool) speaker {
	var best speaker
	bestP := 0.0
	total := map[string]float64{}
	for k, c := range cs {
		if c.who.name == "" || skipDoubt && (c.doubtful() || sc.embeddedSubject(&c)) {
			continue
		}
		total[c.who.name] += ps[k]
		if p := total[c.who.name]; p > bestP || p == bestP && c.who.role != "" && best.role == "" {
			best, bestP = c.who, p
		}
	}
	if bestP < m.threshold || !speakerLike(best.name) {
		return speaker{}
	}
	if best.role == "" {
		// The role may come from another candidate of the same name.
		for _, c := range cs {
			if c.who.name == best.name && c.who.role != "" {
				best.role = c.who.role
			}
		}
	}
	return best
}

// speakerLike reports whether a resolved name can be a speaker's: it has a
// capitalised word, no word of it is a weekday or a number, and it is no
// country's name.
func speakerLike(name string) bool {
	capital := false
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsDigit(r) || weekdayNumber(key(w)) != time.Sunday || key(w) == "sunday" {
			return false
		}
		if unicode.IsUpper(r) {
			capital = true
		}
	}
	return capital && !isCountry(name)
}

// doubtful reports whether a "he" or "she" has two readings that name
// different people, the speaker quoted last and a person the words before
// it name, and the reading not taken is known to be of the pronoun's
// gender ("Michael Graydon", not "Sony" or "Amy Pascal" whose gender
// nothing tells). Such a pronoun counts for nobody: right or silent.
func (c *speakerCand) doubtful() bool {
	return c.rival != nil && c.rival != c.p && c.rival.gender != 0
}

// ruleAgrees reports whether best fits the speaker the attribution
// patterns read in the quotation's own sentences, if any: the same name, a
// part of it ("Eccleston-Todd"), words a candidate for best stands on ("the
// minister"), or a candidate for best in those sentences that opens one or
// is the subject of a verb of saying. When the sentence says who speaks
// ("said the photographer", "a later message said", "Google Maps claims
// …, but Jerry Brotton is not so sure") and the model picks someone named
// elsewhere, quoted before or named in another clause, one of them is
// wrong: right or silent.
func (sc *scene) ruleAgrees(q *quoteInfo, best speaker, cs []speakerCand) bool {
	if q.rule == "" || q.rule == best.name {
		return true
	}
	rw := strings.Fields(q.rule)
	last := key(stripPossessive(rw[len(rw)-1]))
	if stopwords[last] || strings.ContainsAny(q.rule, "'‘’\"“”") {
		return true // a fragment the patterns misread: "a bit 'perplexed' and"
	}
	for _, w := range strings.Fields(best.name) {
		if key(w) == last {
			return true
		}
	}
	for _, c := range cs {
		if c.who.name != best.name || c.first < 0 {
			continue
		}
		if key(stripPossessive(sc.toks[c.last].text)) == last {
			return true
		}
		si := sc.sentOf[c.first]
		if si >= q.first && si <= q.last && (sc.subjectOfCue(&c) || sc.subjectOverCommas(&c) || sc.beforeTitles(c.first) == sc.from[si]) {
			return true
		}
	}
	return false
}

// inAppositive reports whether the likeliest candidate for best stands
// between the name that opens its sentence and that name's verb of
// saying, in the words set off by commas that describe the opener: "Mr
// McLuckie, who lives near Avignon with his wife, Betty, said". The
// sentence's speaker is the opener, not a name in its description.
func (sc *scene) inAppositive(q *quoteInfo, best speaker, cs []speakerCand, ps []float64) bool {
	k := -1
	for j, c := range cs {
		if c.who.name == best.name && c.first >= 0 && (k < 0 || ps[j] > ps[k]) {
			k = j
		}
	}
	if k < 0 || cs[k].last >= q.qs {
		return false
	}
	c := &cs[k]
	si := sc.sentOf[c.first]
	for j := range cs {
		o := &cs[j]
		if o.kind != candName || o.first < 0 || o.first >= c.first || o.who.name == best.name || sc.sentOf[o.first] != si {
			continue
		}
		if sc.beforeTitles(o.first) == sc.from[si] && sc.subjectOverCommas(o) {
			return true
		}
	}
	return false
}

// embeddedSubject reports whether pronoun candidate c follows a verb of
// saying and goes on with a verb, as the subject of what is said: "and
// said he is ready" is not "said he".
func (sc *scene) embeddedSubject(c *speakerCand) bool {
	if c.kind != candPronoun || c.first < 1 || !sc.cue(c.first-1) || !onlySpace(sc.gap(c.first-1)) || !onlySpace(sc.gap(c.first)) {
		return false
	}
	return clauseVerbs[sc.key(c.first+1)]
}

// clauseVerbs open the predicate of a clause after its subject.
var clauseVerbs = setOf("is", "was", "would", "will", "had", "has", "could", "should", "might",
	"must", "did", "does", "can", "may", "were", "are", "wanted", "wants", "hoped", "hopes", "believed",
	"believes", "thought", "thinks", "felt", "feels", "knew", "knows", "planned", "plans", "expected", "expects")
