package main

import (
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/brief"
)

// The scoring rule of the meetings dev set (MEETINGS.md, "Scoring").
//
// Two participants are the same party when the last word of their names is
// the same (a surname, or an organisation's last word unless it is a
// generic one such as "committee"), or when the distinctive words of one
// name all stand in the other ("Putin" and "Vladimir Putin", "Manchester
// United" and "Manchester United FC"). A label naming an office-holder by
// description ("the chief executive of Coca-Cola") is compared with the
// predicted name and role together.
//
// A predicted meeting matches a label of the same article when at least
// two of the label's participants are among its participants. Each
// prediction matches at most one label and each label at most one
// prediction, the pairs with most participants in common first; a
// prediction left over is a false alarm, a label left over a miss.

// nameStops are words that never identify a party: articles, joining
// words, honorifics.
var nameStops = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "for": true, "in": true,
	"at": true, "on": true, "to": true, "de": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "jr": true, "sr": true, "ii": true, "iii": true,
}

// genericLast are last words that many organisations share: "the Senate
// Intelligence Committee" and "the House Intelligence Committee" are not
// the same party for sharing "committee".
var genericLast = map[string]bool{
	"committee": true, "council": true, "party": true, "union": true, "ministry": true,
	"government": true, "department": true, "house": true, "senate": true, "club": true,
	"team": true, "delegation": true, "officials": true, "office": true, "board": true,
	"commission": true, "agency": true, "group": true, "company": true, "states": true,
	"nations": true, "court": true, "members": true, "leaders": true, "minister": true,
	"president": true, "secretary": true, "representatives": true, "united": false,
}

// nameWords returns the distinctive lower-case words of a name.
func nameWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !nameStops[w] {
			out = append(out, w)
		}
	}
	return out
}

// isDescription reports whether a labelled name describes an office-holder
// rather than naming one: it holds a word in lower case ("the chief
// executive of Coca-Cola", "Iran's foreign minister").
func isDescription(name string) bool {
	for _, w := range strings.Fields(name) {
		lw := strings.ToLower(w)
		if lw == w && !nameStops[lw] && !nameParticles[lw] {
			return true
		}
	}
	return false
}

// nameParticles are lower-case words inside names: "Ursula von der Leyen".
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "da": true, "di": true, "del": true,
	"bin": true, "ibn": true, "al": true, "el": true, "la": true, "le": true, "du": true, "y": true,
}

// sameParty reports whether a labelled participant and a predicted one
// are the same party under the rule above.
func sameParty(label, pred brief.Person) bool {
	lw := nameWords(label.Name)
	pw := nameWords(pred.Name)
	if isDescription(label.Name) {
		pw = nameWords(pred.Name + " " + pred.Role)
	}
	if len(lw) == 0 || len(pw) == 0 {
		return false
	}
	ll, pl := lw[len(lw)-1], pw[len(pw)-1]
	if ll == pl && !genericLast[ll] {
		return true
	}
	return subset(lw, pw) || subset(nameWords(pred.Name), lw)
}

// subset reports whether every word of a is in b; an empty a is not.
func subset(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// commonParties pairs the participants of a label and a prediction one to
// one and returns how many pairs were found.
func commonParties(label, pred []brief.Person) int {
	used := make([]bool, len(pred))
	n := 0
	for _, l := range label {
		for j, p := range pred {
			if !used[j] && sameParty(l, p) {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}

// minCommon is how many participants a prediction must share with a label
// to be the same meeting.
const minCommon = 2

// pair is a prediction matched to a label, by index.
type pair struct{ label, pred, common int }

// matchMeetings pairs labels with predictions of one article, one to one,
// the pairs with most parties in common first (then in label order).
func matchMeetings(labels []labelMeeting, preds []brief.Meeting) []pair {
	var cands []pair
	for i, l := range labels {
		for j, p := range preds {
			if c := commonParties(l.Participants, p.Participants); c >= min(minCommon, len(l.Participants)) && c > 0 {
				cands = append(cands, pair{label: i, pred: j, common: c})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b pair) int { return b.common - a.common })
	usedL := make([]bool, len(labels))
	usedP := make([]bool, len(preds))
	var out []pair
	for _, c := range cands {
		if usedL[c.label] || usedP[c.pred] {
			continue
		}
		usedL[c.label], usedP[c.pred] = true, true
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b pair) int { return a.label - b.label })
	return out
}

// samePlace reports whether a predicted place names the labelled one: one
// comma-separated part of either has all its distinctive words in the
// other ("Moscow" and "the Kremlin, Moscow").
func samePlace(label, pred string) bool {
	lw, pw := nameWords(label), nameWords(pred)
	for _, part := range strings.Split(label, ",") {
		if subset(nameWords(part), pw) {
			return true
		}
	}
	for _, part := range strings.Split(pred, ",") {
		if subset(nameWords(part), lw) {
			return true
		}
	}
	return false
}

// meetingCounts are the tallies behind the meeting metrics, summed over
// articles.
type meetingCounts struct {
	articles, labels, preds, matched int
	// Over matched meetings: participants labelled, predicted, in common.
	partLabel, partPred, partCommon int
	// Over matched labels that state a place.
	placeLabelled, placeRight   int
	distractors, distractorsHit int
}

func (c *meetingCounts) add(o meetingCounts) {
	c.articles += o.articles
	c.labels += o.labels
	c.preds += o.preds
	c.matched += o.matched
	c.partLabel += o.partLabel
	c.partPred += o.partPred
	c.partCommon += o.partCommon
	c.placeLabelled += o.placeLabelled
	c.placeRight += o.placeRight
	c.distractors += o.distractors
	c.distractorsHit += o.distractorsHit
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c meetingCounts) precision() float64 { return ratio(c.matched, c.preds) }
func (c meetingCounts) recall() float64    { return ratio(c.matched, c.labels) }
func (c meetingCounts) f1() float64        { return f1(c.precision(), c.recall()) }
func (c meetingCounts) participantF1() float64 {
	return f1(ratio(c.partCommon, c.partPred), ratio(c.partCommon, c.partLabel))
}
func (c meetingCounts) placeAccuracy() float64 { return ratio(c.placeRight, c.placeLabelled) }

// scoredArticle is one article's predictions against its labels.
type scoredArticle struct {
	counts meetingCounts
	pairs  []pair
	// hits[j] is the distractor whose cue lies in the sentence of false
	// alarm j, or -1.
	hits []int
}

// scoreMeetings applies the rule to one article. text is the article's
// text as labelled, where the distractors' offsets point.
func scoreMeetings(row labelRow, text string, preds []brief.Meeting) scoredArticle {
	pairs := matchMeetings(row.Meetings, preds)
	c := meetingCounts{articles: 1, labels: len(row.Meetings), preds: len(preds), matched: len(pairs), distractors: len(row.Distractors)}
	for _, p := range pairs {
		l, m := row.Meetings[p.label], preds[p.pred]
		c.partLabel += len(l.Participants)
		c.partPred += len(m.Participants)
		c.partCommon += commonParties(l.Participants, m.Participants)
		if strings.TrimSpace(l.Place) != "" {
			c.placeLabelled++
			if samePlace(l.Place, m.Place) {
				c.placeRight++
			}
		}
	}
	hits := make([]int, len(preds))
	hitDistractor := make([]bool, len(row.Distractors))
	for j, m := range preds {
		hits[j] = -1
		if m.Sentence == "" || slices.ContainsFunc(pairs, func(p pair) bool { return p.pred == j }) {
			continue
		}
		at := strings.Index(text, m.Sentence)
		if at < 0 {
			continue
		}
		for k, d := range row.Distractors {
			if d.Offset >= at && d.Offset < at+len(m.Sentence) {
				hits[j] = k
				hitDistractor[k] = true
				break
			}
		}
	}
	for _, h := range hitDistractor {
		if h {
			c.distractorsHit++
		}
	}
	return scoredArticle{counts: c, pairs: pairs, hits: hits}
}
