package brief

import (
	"slices"
	"strings"
)

// Verbs of meeting: a subject and an object around the verb ("Putin met
// Wang"), a passive host ("was received by"), a participle whose subject
// is the main clause's, a trip's purpose ("flew to Moscow to meet"), a call,
// and the checks each class of meeting makes on its sides.

// verbEvent reads a meeting verb's sides.
func (r *reader) verbEvent(k int, vc verbCue) (event, bool) {
	ev := event{class: vc.class, cue: k, tense: vc.tense, gov: k, from: k, to: k + 1}
	after := k + 1
	if r.low(after) == "down" || r.low(after) == "up" { // "sat down with", "met up with"
		after++
	}
	if vc.class == consultCue && r.byPhone(after) {
		ev.class = callCue
	}
	if aux := r.skipMannerBackOnly(k - 1); vc.tense == pastForm && beForms[r.low(aux)] && r.low(r.skipManner(after)) == "by" {
		return r.passiveEvent(ev, aux, r.skipManner(after))
	}
	subjects, objects, end := r.verbSides(&ev, after, vc)
	if vc.class == visitCue && len(objects) == 0 {
		// "visited the White House": the president the article names.
		j := r.skipManner(after)
		if r.low(j) == "the" {
			j++
		}
		if head := r.seatHolder(j); head != nil {
			objects, end = []*party{head}, j+1
		}
	}
	if vc.class == hostCue && len(objects) == 0 {
		objects, end = r.occasionFor(after) // "hosted a dinner for Varga"
	}
	ev.to = max(end, k+1)
	if vc.class == consultCue && len(objects) > 0 && r.phoneAfter(end) {
		ev.class = callCue // "spoke with Varga by phone"
	}
	ev.parties = mergeParties(subjects, objects)
	if len(objects) > 0 {
		ev.gap = r.gapped(ev, subjects, vc)
	}
	if body := r.sentenceBody(); vc.class == testifyCue && body != nil && allOf(subjects, personParty) {
		ev.parties = appendParty(ev.parties, body) // "Reed grilled Osei at a hearing of the committee"
	}
	return ev, r.validSides(ev, subjects, objects)
}

// gapped reads a second meeting that shares the verb and its subject
// after ", and", the verb left out: "Pence met with Cruz last week, and
// this week with Kasich". It returns nil when there is none.
func (r *reader) gapped(ev event, subjects []*party, vc verbCue) *event {
	i := r.skipManner(ev.to)
	if r.low(i) == "," {
		i++
	}
	if r.low(i) != "and" || len(subjects) == 0 {
		return nil
	}
	j := r.skipManner(i + 1)
	if j == i+1 || !slices.Contains(vc.preps, r.low(j)) {
		return nil // "met Cruz, and Kasich said": a new clause
	}
	objects, end := r.side(j + 1)
	if len(objects) == 0 {
		return nil
	}
	g := ev
	g.parties, g.from, g.to, g.gap = mergeParties(subjects, objects), i+1, end, nil
	return &g
}

// passiveEvent reads "Orban was hosted by Nehammer": the agent after "by"
// at unit by is the host, the subject before the auxiliary at aux the
// guest.
func (r *reader) passiveEvent(ev event, aux, by int) (event, bool) {
	hosts, end := r.side(by + 1)
	guests, first := r.sideBefore(aux)
	ev.passive = true
	ev.parties = mergeParties(hosts, guests)
	ev.from, ev.to = first, end
	return ev, r.validSides(ev, guests, hosts)
}

// verbSides reads an active verb's subjects and objects: the main
// clause's subject for a participle ("when meeting with Wang, Putin
// said") or for a verb after "and" with none of its own, the traveller
// for a trip's purpose ("flew to Moscow to meet"), else the subject right
// before it. Objects that are pronouns are never the subject.
func (r *reader) verbSides(ev *event, after int, vc verbCue) (subjects, objects []*party, end int) {
	k := ev.cue
	end = k + 1
	switch m := r.tripVerb(k - 1); {
	case vc.tense == ingForm && r.participle(k):
		objects, end = r.sideAfter(after, vc.preps)
		if p := r.mainSubject(k, end); p != nil && !hasParty(objects, p) {
			subjects = []*party{p}
		}
		return subjects, objects, end
	case vc.tense == baseForm && m >= 0:
		subjects, ev.from = r.sideBefore(m)
		ev.trip = true
	default:
		subjects, ev.from = r.sideBefore(k)
		if t := r.skipMannerBack(k - 1); len(subjects) == 0 && r.low(t) == "they" && reciprocal[r.low(k)] {
			subjects, ev.from = r.they(k), t
		}
		if len(subjects) == 0 && r.low(r.skipMannerBack(k-1)) == "and" {
			// "filming shows and meeting with Sharpton"
			objects, end = r.sideAfter(after, vc.preps)
			if p := r.mainSubject(k, end); p != nil && !hasParty(objects, p) {
				subjects = []*party{p}
			}
			return subjects, objects, end
		}
	}
	r.subjects = subjects
	objects, end = r.sideAfter(after, vc.preps)
	r.subjects = nil
	return subjects, objects, end
}

// participle reports whether the -ing verb at k opens a participle phrase
// with no subject of its own: "when meeting with", ", visiting".
func (r *reader) participle(k int) bool {
	i := r.skipMannerBack(k - 1)
	if i < 0 {
		return true
	}
	switch r.low(i) {
	case "when", "while", "after", "before", "since", "upon", "by", ",", "—", "–", "-", "of", "in":
		return true
	}
	return false
}

// byPhone reports whether "by phone", "on the phone", "by video link"
// follows at i.
func (r *reader) byPhone(i int) bool {
	for n := 0; n < 4 && i < len(r.us); n, i = n+1, i+1 {
		switch r.low(i) {
		case "phone", "telephone", "video", "videoconference":
			return true
		case "by", "on", "the", "over", "a", "privately", "briefly", "again":
			continue
		}
		return false
	}
	return false
}

// occasionFor reads the guests of "a dinner for Varga" or "a reception
// in honour of Varga" at unit i, after a hosting verb; nil when none.
func (r *reader) occasionFor(i int) ([]*party, int) {
	i = r.skipManner(i)
	if w := r.low(i); w != "a" && w != "an" && w != "the" {
		return nil, i
	}
	for j := i + 1; j < len(r.us) && j <= i+4; j++ {
		if !occasionNouns[r.low(j)] {
			continue
		}
		k := j + 1
		switch {
		case r.low(k) == "for":
			k++
		case r.low(k) == "in" && (r.low(k+1) == "honour" || r.low(k+1) == "honor") && r.low(k+2) == "of":
			k += 3
		default:
			return nil, i
		}
		return r.side(k)
	}
	return nil, i
}

// phoneAfter reports whether the manner and time words from unit i on say
// "by phone": "spoke with Varga on Sunday by telephone".
func (r *reader) phoneAfter(i int) bool {
	for ; i < len(r.us) && i < r.skipManner(i); i++ {
		if r.byPhone(i) {
			return true
		}
	}
	return false
}

// they returns who "they" are before a reciprocal verb at k: the parties
// of the meeting told last when the verb says it is another ("They met
// again"), else the two people the sentence before names, when it names
// exactly two; nil otherwise.
func (r *reader) they(k int) []*party {
	if r.low(k+1) == "again" || r.low(k-1) == "again" {
		if n := len(r.prior); n > 0 && r.prior[n-1].sentIdx >= r.si-8 {
			return r.prior[n-1].parties
		}
		return nil
	}
	return r.twoNamedBefore(true)
}

// inPerson reports whether the clause after unit i places the event at an
// occasion, in person: "talked at last month's Congressional Ball",
// "spoke with her during a reception". A speech to an audience is no
// meeting (MEETINGS.md): its callers ask for people on the other side.
func (r *reader) inPerson(i int) bool {
	for ; i < len(r.us); i++ {
		w := r.low(i)
		if clauseBreaks[w] || w == "." || w == "," {
			return false
		}
		if w != "at" && w != "during" {
			continue
		}
		for j := i + 1; j < len(r.us) && j <= i+5; j++ {
			if occasionNouns[r.low(j)] || r.us[j].kind == partyUnit && r.us[j].party.kind != personParty && occasionNouns[lastWord(r.us[j].low)] {
				return true
			}
		}
	}
	return false
}

// occasionNouns name a gathering where people meet in person.
var occasionNouns = setOf("ball", "gala", "reception", "ceremony", "dinner", "lunch", "breakfast",
	"party", "celebration", "funeral", "wedding", "banquet", "fundraiser", "luncheon")

// validSides checks the sides against what the class of meeting needs: a
// visit is to a person, testimony before a body, a talk with anyone but
// the press.
func (r *reader) validSides(ev event, subjects, objects []*party) bool {
	if len(subjects) == 0 && len(objects) < 2 {
		return false
	}
	if len(objects) == 0 && !ev.noun && !r.reciprocal(ev) && ev.class != callCue {
		return false // "Perez and Castro both spoke to the audience": not to each other
	}
	if w := r.low(ev.cue); !ev.noun && (strings.HasPrefix(w, "spo") || strings.HasPrefix(w, "spe") || strings.HasPrefix(w, "talk") || strings.HasPrefix(w, "chat")) && ev.class != callCue && !(allOf(objects, personParty) && r.inPerson(ev.cue+1)) {
		// "spoke with Garland": a contact of unknown form, no meeting
		// (MEETINGS.md); "spoke by phone with" is a call.
		return false
	}
	switch ev.class {
	case visitCue:
		return len(objects) > 0 && allOf(objects, personParty, officeParty)
	case testifyCue:
		if questionVerbs[strings.TrimSuffix(strings.TrimSuffix(r.low(ev.cue), "ed"), "s")] || strings.HasPrefix(r.low(ev.cue), "interview") || strings.HasPrefix(r.low(ev.cue), "question") {
			// A committee interviews, questions or grills witnesses; a
			// reporter's interview is not a meeting, nor a senator's
			// question outside a hearing.
			if len(subjects) == 0 || len(objects) == 0 || !allOf(objects, personParty) {
				return false
			}
			body := allOf(subjects, orgParty) && isBody(subjects[0].name)
			return body || !strings.HasPrefix(r.low(ev.cue), "interview") && allOf(subjects, personParty) && r.atHearing()
		}
		return len(objects) > 0 && allOf(objects, orgParty, countryParty, otherParty)
	case hostCue:
		// Someone hosts someone: "Cleveland hosted the Gay Games" is an event.
		return len(objects) > 0 && len(subjects) > 0 && allOf(objects, personParty, officeParty, orgParty)
	}
	return true
}

// questionVerbs are the stems of the verbs a committee puts questions to
// a witness with.
var questionVerbs = setOf("question", "questioned", "grill", "grilled", "quiz", "quizz", "quizzes")

// atHearing reports whether the sentence names a committee, panel or
// commission, or a "committee hearing": a hearing alone may be a court's
// (MEETINGS.md: court hearings are no meetings).
func (r *reader) atHearing() bool {
	for i, u := range r.us {
		if u.low == "hearing" && (bodyNouns[r.low(i-1)] || r.low(i-1) == "congressional") {
			return true
		}
	}
	return r.sentenceBody() != nil
}

// sentenceBody returns the committee, panel or commission the sentence
// names, or nil.
func (r *reader) sentenceBody() *party {
	for _, u := range r.us {
		if u.kind == partyUnit && u.party.kind == orgParty && isBody(u.party.name) {
			return u.party
		}
	}
	return nil
}

// isBody reports whether an organisation's name ends like a committee's.
func isBody(name string) bool {
	for _, w := range words(name) {
		if bodyNouns[w] || w == "investigators" {
			return true
		}
	}
	return false
}

// reciprocal verbs take their two sides as one plural subject: "Putin and
// Xi met", "the two sides negotiated".
var reciprocal = setOf("met", "meet", "meets", "meeting", "conferred", "huddled", "negotiated",
	"negotiating", "dined", "lunched", "spoke", "spoken", "talked")

// reciprocal reports whether the event's verb reads its subjects as
// meeting each other: "Putin and Xi met", but not "both spoke to the
// audience".
func (r *reader) reciprocal(ev event) bool {
	return reciprocal[r.low(ev.cue)]
}
