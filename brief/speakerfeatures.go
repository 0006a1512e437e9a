package brief

// Speaker features: what the model sees of each candidate, where it stands
// from the quotation, the verb of saying it goes with, the pattern the
// sentence follows, and what it refers to.

import (
	"math"
	"strings"
)

// Features of a speaker candidate, indexes into a feature vector.
const (
	sfKind = iota // one per candKind: sfKind + int(kind)
	_
	_
	_
	_
	_
	_
	_
	_
	sfNull          // the "nobody" option
	sfNullNoCue     // nobody, and no verb of saying near the quotation
	sfNullShort     // nobody, and the quotation is four words or fewer
	sfNullInside    // nobody, and the quotation sits inside a sentence of someone else's words
	sfBefore        // the candidate comes before the quotation
	sfSameSent      // in the quotation's own sentences
	sfPrevSent      // in the sentence right before them
	sfEarlierSent   // two sentences before
	sfNextSent      // in the sentence after
	sfOtherPara     // in another paragraph
	sfLogDist       // log of the words between it and the quotation
	sfNearest       // the nearest candidate on its side
	sfBetween       // log of the candidates between it and the quotation
	sfCueBetween    // a verb of saying stands between it and the quotation
	sfSubject       // a verb of saying follows it: "Wang said", "Wang, 61, said"
	sfInverted      // a verb of saying comes right before it: "said Wang"
	sfAccording     // "according to" it
	sfColon         // its clause ends with a colon right before the quotation
	sfRightAfter    // within three words after a quotation that ends on a comma
	sfAfterSentence // after a quotation that ends its own sentence
	sfObject        // after "to", "told", "asked", "with": spoken to, not speaking
	sfPreposition   // after another preposition: "of", "for", "about"
	sfPossessive    // "Clinton's"
	sfOpens         // opens its sentence
	sfLogMentions   // log of the person's mentions in the article
	sfRole          // the person has a role
	sfFullName      // the mention is a full name, not a surname
	sfNamed         // it resolves to someone named
	sfSamePrev      // it resolves to the previous quotation's speaker
	sfSameNoCue     // in the quotation's sentences, which hold no verb of saying
	sfEarlierNoCue  // before the quotation's sentences, which hold no verb of saying
	sfPrevSamePara  // the previous speaker, quoted earlier in the same paragraph
	sfPrevLastPara  // the previous speaker, quoted in the paragraph before
	sfPrevFar       // the previous speaker, quoted two or more paragraphs before
	sfPrevNoCue     // the previous speaker, and no verb of saying near the quotation
	sfPrevWholePara // the previous speaker, and the quotation is its whole paragraph
	sfSubjectAfter  // subject of a verb after a quotation it follows
	sfSubjectBefore // subject of a verb before the quotation
	sfRule          // the attribution patterns read it as the speaker
	sfNearestName   // no pattern read a speaker, and it is the person named last before
	sfDash          // signs the quotation after a dash: "“…” ― Esther Tapia"
	sfLoneWord      // a name of one word
	sfSubjectFar    // a verb of saying follows it after several groups set off by commas: "McLuckie, a developer who lives near Avignon, France, with his wife, said"
	sfLeadsSaying   // it leads a sentence that goes on to a participle of saying: "Wendy Bower also saluted Mr Coe, saying:"
	numSpeakerFeatures
)

// speakerFeatureNames name the features in the generated weights file.
var speakerFeatureNames = [numSpeakerFeatures]string{
	sfKind + int(candName): "sfKind + int(candName)", sfKind + int(candPronoun): "sfKind + int(candPronoun)",
	sfKind + int(candOther): "sfKind + int(candOther)", sfKind + int(candRole): "sfKind + int(candRole)",
	sfKind + int(candBody): "sfKind + int(candBody)", sfKind + int(candDocument): "sfKind + int(candDocument)",
	sfKind + int(candOrg): "sfKind + int(candOrg)", sfKind + int(candPrev): "sfKind + int(candPrev)",
	sfKind + int(candLoose): "sfKind + int(candLoose)",
	sfNull:                  "sfNull", sfNullNoCue: "sfNullNoCue", sfNullShort: "sfNullShort", sfNullInside: "sfNullInside",
	sfBefore: "sfBefore", sfSameSent: "sfSameSent", sfPrevSent: "sfPrevSent", sfEarlierSent: "sfEarlierSent",
	sfNextSent: "sfNextSent", sfOtherPara: "sfOtherPara", sfLogDist: "sfLogDist", sfNearest: "sfNearest",
	sfBetween: "sfBetween", sfCueBetween: "sfCueBetween", sfSubject: "sfSubject", sfInverted: "sfInverted",
	sfAccording: "sfAccording", sfColon: "sfColon", sfRightAfter: "sfRightAfter",
	sfAfterSentence: "sfAfterSentence", sfObject: "sfObject", sfPreposition: "sfPreposition",
	sfPossessive: "sfPossessive", sfOpens: "sfOpens", sfLogMentions: "sfLogMentions", sfRole: "sfRole",
	sfFullName: "sfFullName", sfNamed: "sfNamed", sfSamePrev: "sfSamePrev", sfSameNoCue: "sfSameNoCue",
	sfEarlierNoCue: "sfEarlierNoCue", sfPrevSamePara: "sfPrevSamePara", sfPrevLastPara: "sfPrevLastPara",
	sfPrevFar: "sfPrevFar", sfPrevNoCue: "sfPrevNoCue", sfPrevWholePara: "sfPrevWholePara",
	sfSubjectAfter: "sfSubjectAfter", sfSubjectBefore: "sfSubjectBefore", sfRule: "sfRule",
	sfNearestName: "sfNearestName", sfDash: "sfDash", sfLoneWord: "sfLoneWord",
	sfSubjectFar: "sfSubjectFar", sfLeadsSaying: "sfLeadsSaying",
}

// speakerVec is one candidate's feature vector.
type speakerVec [numSpeakerFeatures]float64

// nullFeatures describes the option that nobody named said the quotation.
func nullFeatures(q *quoteInfo) speakerVec {
	var f speakerVec
	f[sfNull] = 1
	f[sfNullNoCue] = b2f(!q.cueInSent)
	f[sfNullShort] = b2f(q.words <= 4)
	f[sfNullInside] = b2f(!q.wholePara && !q.comma && !q.endsSentence)
	return f
}

// candFeatures describes candidate k of cs for quotation q: who it stands
// for, then, for a candidate in the text, where it stands, what lies
// between it and the quotation, the pattern of saying it takes part in and
// the words it is made of.
func (sc *scene) candFeatures(q *quoteInfo, cs []speakerCand, k int) speakerVec {
	var f speakerVec
	c := &cs[k]
	sc.whoFeatures(&f, q, c)
	if c.kind == candPrev {
		prevFeatures(&f, q)
		return f
	}
	before := c.last < q.qs
	sc.placeFeatures(&f, q, c, before)
	sc.betweenFeatures(&f, q, cs, k, before)
	sc.patternFeatures(&f, q, c, before)
	sc.wordFeatures(&f, c)
	return f
}

// whoFeatures describe whom candidate c stands for.
func (sc *scene) whoFeatures(f *speakerVec, q *quoteInfo, c *speakerCand) {
	f[sfKind+int(c.kind)] = 1
	f[sfNamed] = b2f(c.who.name != "")
	f[sfSamePrev] = b2f(c.who.name != "" && c.who.name == q.prev.name)
	f[sfRule] = b2f(c.who.name != "" && c.who.name == q.rule)
	f[sfNearestName] = b2f(c.who.name != "" && c.who.name == q.near)
}

// prevFeatures describe the option that the quotation's speaker is the
// previous quotation's.
func prevFeatures(f *speakerVec, q *quoteInfo) {
	f[sfPrevSamePara] = b2f(q.prevParas == 0)
	f[sfPrevLastPara] = b2f(q.prevParas == 1)
	f[sfPrevFar] = b2f(q.prevParas >= 2)
	f[sfPrevNoCue] = b2f(!q.cueInSent)
	f[sfPrevWholePara] = b2f(q.wholePara)
}

// placeFeatures describe the sentence and paragraph candidate c stands in,
// seen from the quotation.
func (sc *scene) placeFeatures(f *speakerVec, q *quoteInfo, c *speakerCand, before bool) {
	si := sc.sentOf[c.first]
	f[sfBefore] = b2f(before)
	switch {
	case si >= q.first && si <= q.last:
		f[sfSameSent] = 1
		f[sfSameNoCue] = b2f(!q.cueInSent)
	case si == q.first-1:
		f[sfPrevSent] = 1
		f[sfEarlierNoCue] = b2f(!q.cueInSent)
	case si < q.first:
		f[sfEarlierSent] = 1
		f[sfEarlierNoCue] = b2f(!q.cueInSent)
	default:
		f[sfNextSent] = 1
	}
	edge := sc.d.sents[q.last].para
	if before {
		edge = sc.d.sents[q.first].para
	}
	f[sfOtherPara] = b2f(sc.d.sents[si].para != edge)
}

// betweenFeatures describe the words and the other candidates between
// candidate k and the quotation.
func (sc *scene) betweenFeatures(f *speakerVec, q *quoteInfo, cs []speakerCand, k int, before bool) {
	c := &cs[k]
	lo, hi := c.last+1, q.qs // the words between, before the quotation
	if !before {
		lo, hi = q.qe, c.first
	}
	f[sfLogDist] = math.Log1p(float64(max(hi-lo, 0)))
	f[sfCueBetween] = b2f(sc.cueIn(lo, hi))
	between, nearest := 0, true
	for j := range cs {
		o := &cs[j]
		if j == k || o.kind == candPrev {
			continue
		}
		if o.first >= lo && o.last < hi {
			between++
		}
		if (o.last < q.qs) == before && (before && o.first > c.last || !before && o.last < c.first) {
			nearest = false
		}
	}
	f[sfBetween] = math.Log1p(float64(between))
	f[sfNearest] = b2f(nearest)
}

// patternFeatures describe the verb of saying candidate c goes with and
// the pattern its sentence follows.
func (sc *scene) patternFeatures(f *speakerVec, q *quoteInfo, c *speakerCand, before bool) {
	si := sc.sentOf[c.first]
	subj := sc.subjectOfCue(c)
	f[sfSubject] = b2f(subj)
	f[sfSubjectAfter] = b2f(subj && !before)
	f[sfSubjectBefore] = b2f(subj && before)
	f[sfSubjectFar] = b2f(!subj && sc.subjectOverCommas(c))
	f[sfLeadsSaying] = b2f(before && si == q.first && sc.leadsSaying(c, q))
	f[sfInverted] = b2f(sc.cue(c.first-1) && onlySpace(sc.gap(c.first-1)) || sc.cue(c.first-2) && onlySpace(sc.gap(c.first-2)) && sc.key(c.first-1) == "by")
	f[sfAccording] = b2f(sc.key(c.first-2) == "according" && sc.key(c.first-1) == "to")
	if before {
		gap := sc.d.text[sc.toks[c.last].end:q.sp.start]
		f[sfColon] = b2f(strings.HasSuffix(strings.TrimSpace(gap), ":") && !strings.ContainsAny(gap, ".!?"))
	} else {
		f[sfRightAfter] = b2f(q.comma && c.first-q.qe <= 3 && si == q.last)
		f[sfAfterSentence] = b2f(q.endsSentence && si > q.last)
		gap := strings.TrimSpace(sc.d.text[q.sp.end:sc.toks[c.first].start])
		f[sfDash] = b2f(gap == "―" || gap == "—" || gap == "–" || gap == "-" || gap == "--")
	}
}

// wordFeatures describe the words of candidate c and the word before it,
// past any title or honorific: "told Mr Bannatyne" is spoken to.
func (sc *scene) wordFeatures(f *speakerVec, c *speakerCand) {
	si := sc.sentOf[c.first]
	switch sc.key(sc.beforeTitles(c.first) - 1) {
	case "to", "told", "asked", "with", "thanked", "urged", "and":
		f[sfObject] = 1
	case "of", "for", "about", "at", "from", "against", "on", "by", "than", "like", "as", "in", "between", "under":
		f[sfPreposition] = 1
	}
	f[sfPossessive] = b2f(isPossessive(sc.toks[c.last].text))
	f[sfOpens] = b2f(c.first == sc.from[si] || c.first == sc.from[si]+1 && !capitalisedName(sc, c.first))
	if c.p != nil {
		f[sfLogMentions] = math.Log1p(float64(c.p.count))
		f[sfRole] = b2f(c.p.role != "")
	}
	f[sfFullName] = b2f(c.kind == candName && c.last > c.first)
	f[sfLoneWord] = b2f((c.kind == candName || c.kind == candLoose) && c.last == c.first)
}

// beforeTitles returns the first token of the titles and honorifics right
// before the name at i in its sentence ("Mr", "Foreign Secretary"), or i.
func (sc *scene) beforeTitles(i int) int {
	for j := i - 1; j >= 0 && i-j <= 3 && sc.sentOf[j] == sc.sentOf[i] && onlySpace(sc.gap(j)); j-- {
		w := strings.TrimSuffix(sc.key(j), ".")
		if honorifics[w] == 0 && !titleWords[w] && w != "dr" && w != "rev" {
			break
		}
		i = j
	}
	return i
}

// personNamed returns the person of the cast whose name is name, or nil.
func (sc *scene) personNamed(name string) *person {
	for _, p := range sc.c.people {
		if p.name == name {
			return p
		}
	}
	return nil
}

// subjectOfCue reports whether a verb of saying follows the candidate, next
// to it ("Wang said", "Wang also said") or after an appositive set off by
// commas ("Kenneth Baer, a former official, said").
func (sc *scene) subjectOfCue(c *speakerCand) bool {
	j := c.last + 1
	if j >= len(sc.toks) || sc.sentOf[j] != sc.sentOf[c.last] {
		return false
	}
	g := sc.gap(c.last)
	if onlySpace(g) {
		if sc.cue(sc.skipAdverbs(j)) {
			return true
		}
		// "Mr. Morgan of the Sierra Club said": a short phrase of where
		// the speaker comes from.
		switch sc.key(j) {
		case "of", "from", "at", "with", "for", "in":
			for k := j + 1; k < j+7 && k < len(sc.toks) && sc.sentOf[k] == sc.sentOf[j]; k++ {
				if !onlySpace(sc.gap(k - 1)) {
					return false
				}
				if sc.cue(k) {
					return true
				}
			}
		}
		return false
	}
	if strings.TrimSpace(g) != "," && strings.TrimSpace(g) != "(" && strings.TrimSpace(g) != "--" && strings.TrimSpace(g) != "—" {
		return false
	}
	for k := j; k < len(sc.toks) && k < j+45 && sc.sentOf[k] == sc.sentOf[c.last] && !sc.quoted[k]; k++ {
		g := strings.TrimSpace(sc.gap(k - 1))
		if k > j && (g == "," || g == ")" || g == "--" || g == "—" || g == "),") {
			return sc.cue(sc.skipAdverbs(k))
		}
		if strings.ContainsAny(g, ".;:!?\"“”") {
			return false
		}
	}
	return false
}

// subjectOverCommas reports whether a verb of saying follows the
// candidate after several groups set off by commas, none of them holding
// a full stop or a quotation: "Mr McLuckie, a developer who lives near
// Avignon, France, with his wife, Betty, 43, said".
func (sc *scene) subjectOverCommas(c *speakerCand) bool {
	j := c.last + 1
	if j >= len(sc.toks) || strings.TrimSpace(sc.gap(c.last)) != "," {
		return false
	}
	for k := j + 1; k < len(sc.toks) && k < j+45 && sc.sentOf[k] == sc.sentOf[c.last] && !sc.quoted[k]; k++ {
		g := strings.TrimSpace(sc.gap(k - 1))
		if strings.ContainsAny(g, ".;:!?\"“”") {
			return false
		}
		if g == "," && sc.cue(sc.skipAdverbs(k)) {
			return true
		}
	}
	return false
}

// leadsSaying reports whether the candidate is the first word group of
// its sentence, which goes on before the quotation to a participle of
// saying: "School head Wendy Bower also saluted Mr Coe, saying:".
func (sc *scene) leadsSaying(c *speakerCand, q *quoteInfo) bool {
	s := sc.sentOf[c.first]
	start := sc.from[s]
	for start < c.first && (sc.quoted[start] || !capitalised(sc.toks[start].text) && start+3 < c.first) {
		start++
	}
	if c.first-start > 3 {
		return false // not near the sentence's start
	}
	for k := c.last + 1; k < q.qs; k++ {
		if sc.quoted[k] || sc.sentOf[k] != s {
			return false
		}
		if speechParticiples[sc.key(k)] {
			return true
		}
	}
	return false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
