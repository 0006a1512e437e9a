package brief

import (
	"strconv"
	"strings"
)

// Cues: the meeting words of a sentence, each read with its sides into an
// event. Verbs take a subject and an object ("Putin met Wang"); nouns take
// a possessor, the subject of a light verb ("Wang held talks with
// Lavrov") or of the main clause ("After talks with Abe, Obama said"),
// and a side after "with" or "between".

// event is one meeting a cue reports, before the modality around it is
// weighed.
type event struct {
	class    cueClass
	cue      int  // unit index of the meeting word
	noun     bool // a noun ("talks"), else a verb
	tense    verbTense
	gov      int // unit that governs the event's modality: the verb, the light verb, the noun's determiner
	passive  bool
	trip     bool // the purpose of a trip told as done: "flew to Moscow to meet Putin"
	parties  []*party
	from, to int // units the event phrase spans
}

// events reads every meeting a sentence reports, in order.
func (r *reader) events() []event {
	var out []event
	for k := range r.us {
		if r.us[k].kind != wordUnit {
			continue
		}
		var ev event
		var ok bool
		w := r.us[k].low
		if vc, isVerb := meetVerbs[w]; isVerb && r.verbUse(k, vc) && !(isMeetNoun(w) && r.nounUse(k)) {
			ev, ok = r.verbEvent(k, vc)
		} else if cls, isNoun := meetNouns[w]; isNoun {
			ev, ok = r.nounEvent(k, cls)
		} else {
			ev, ok = r.phraseEvent(k)
		}
		if ok && len(ev.parties) >= 2 {
			out = append(out, ev)
		}
	}
	return out
}

// verbUse reports whether the verb form at k is used as a verb: "meeting"
// after a determiner is a noun, "visiting" before a name an adjective.
func (r *reader) verbUse(k int, vc verbCue) bool {
	if vc.tense != ingForm {
		return true
	}
	prev := r.low(r.skipMannerBack(k - 1))
	switch prev {
	case "a", "an", "the", "this", "that", "his", "her", "their", "its", "'s", "our", "my", "with", "no", "any", "first", "second":
		return false
	}
	return !(r.us[k].low == "meeting" && r.low(k+1) == "of") // "a meeting of the council"
}

// nounUse reports whether a word that may be a verb or a noun ("talks",
// "visit", "call") is a noun here: after a determiner, a possessive, an
// adjective or a light verb.
func (r *reader) nounUse(k int) bool {
	if k == 0 {
		return r.low(k) == "talks"
	}
	i := r.nounModifiersBack(k - 1)
	if i < k-1 {
		return true
	}
	w := r.low(i)
	return isDeterminer(w) || w == "'s" || lightVerbs[w] || w == "of" || w == "for" || w == "during" || w == "after" ||
		w == "in" || w == "at" || w == "following" || w == "no" || w == "any" || w == "this" || w == "that" ||
		r.low(k) == "talks" && r.us[i].kind != partyUnit
}

// verbEvent reads a meeting verb's sides.
func (r *reader) verbEvent(k int, vc verbCue) (event, bool) {
	ev := event{class: vc.class, cue: k, tense: vc.tense, gov: k, from: k, to: k + 1}
	after := k + 1
	if r.low(after) == "down" || r.low(after) == "up" { // "sat down with", "met up with"
		after++
	}
	if (vc.class == consultCue) && r.byPhone(after) {
		ev.class = callCue
	}
	// "Orban was hosted by Nehammer": the agent after "by" is the host.
	aux := r.skipMannerBackOnly(k - 1)
	if vc.tense == pastForm && (r.low(aux) == "was" || r.low(aux) == "were" || r.low(aux) == "been" || r.low(aux) == "being") && r.low(r.skipManner(after)) == "by" {
		hosts, end := r.side(r.skipManner(after) + 1)
		guests, first := r.sideBefore(aux)
		ev.passive = true
		ev.parties = mergeParties(hosts, guests)
		ev.from, ev.to = first, end
		return ev, r.validSides(ev, guests, hosts)
	}
	var subjects, objects []*party
	end := k + 1
	switch m := r.tripVerb(k - 1); {
	case vc.tense == ingForm && r.participle(k):
		// "when meeting with Wang, Putin said": the main clause's subject,
		// found outside the participle phrase once its object is read.
		objects, end = r.sideAfter(after, vc.preps)
		if p := r.mainSubject(k, end); p != nil && !hasParty(objects, p) {
			subjects = []*party{p}
		}
	case vc.tense == baseForm && m >= 0:
		subjects, ev.from = r.sideBefore(m)
		ev.trip = true
	default:
		subjects, ev.from = r.sideBefore(k)
		if len(subjects) == 0 && r.low(r.skipMannerBack(k-1)) == "and" {
			// "filming shows and meeting with Sharpton", "considers the
			// remarks reprehensible and called Fluke": the subject of the
			// verbs before.
			objects, end = r.sideAfter(after, vc.preps)
			if p := r.mainSubject(k, end); p != nil && !hasParty(objects, p) {
				subjects = []*party{p}
			}
		}
	}
	if objects == nil {
		r.subjects = subjects
		objects, end = r.sideAfter(after, vc.preps)
		r.subjects = nil
	}
	ev.to = max(end, k+1)
	ev.parties = mergeParties(subjects, objects)
	return ev, r.validSides(ev, subjects, objects)
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
	if w := r.low(ev.cue); !ev.noun && (strings.HasPrefix(w, "spo") || strings.HasPrefix(w, "spe") || strings.HasPrefix(w, "talk")) && ev.class != callCue {
		// "spoke with Garland": a contact of unknown form, no meeting
		// (MEETINGS.md); "spoke by phone with" is a call.
		return false
	}
	switch ev.class {
	case visitCue:
		return len(objects) > 0 && allOf(objects, personParty, officeParty)
	case testifyCue:
		if r.low(ev.cue) == "interviewed" || r.low(ev.cue) == "interviews" || r.low(ev.cue) == "interview" || r.low(ev.cue) == "interviewing" {
			// A committee interviews witnesses; a reporter's interview is
			// not a meeting.
			return len(subjects) > 0 && allOf(subjects, orgParty) && isBody(subjects[0].name) && allOf(objects, personParty)
		}
		return len(objects) > 0 && allOf(objects, orgParty, countryParty, otherParty)
	case hostCue:
		return len(objects) > 0 && len(subjects) > 0
	}
	return true
}

// isBody reports whether an organisation's name ends like a committee's.
func isBody(name string) bool {
	return bodyNouns[lastWord(name)] || lastWord(name) == "investigators"
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

func allOf(ps []*party, kinds ...partyKind) bool {
	for _, p := range ps {
		ok := false
		for _, k := range kinds {
			ok = ok || p.kind == k
		}
		if !ok {
			return false
		}
	}
	return true
}

// nounEvent reads a meeting noun's sides: "X's meeting with Y", "talks
// between X and Y", "X held talks with Y", "during a meeting with Y, X".
func (r *reader) nounEvent(k int, cls cueClass) (event, bool) {
	ev := event{class: cls, cue: k, noun: true, tense: pastForm, gov: k, from: k, to: k + 1}
	w := r.us[k].low
	var objects []*party
	at := r.skipManner(k + 1) // "a meeting last Monday with", "talks in the morning with"
	next := r.low(at)
	switch {
	case next == "with" || next == "between" || next == "among":
		objects, ev.to = r.side(at + 1)
	case next == "to" && (cls == visitCue || cls == callCue):
		objects, ev.to = r.side(at + 1)
	case next == "before" && cls == testifyCue:
		objects, ev.to = r.side(at + 1)
	}
	if w := r.low(ev.to); (w == "brokered" || w == "mediated" || w == "hosted") && r.low(ev.to+1) == "by" {
		// "secret talks with Iran brokered by Oman": the mediator too
		mediators, end := r.side(ev.to + 2)
		objects, ev.to = mergeParties(objects, mediators), end
	}
	det := r.nounModifiersBack(k - 1)
	if (w == "call" || w == "conversation") && len(objects) == 0 && !r.phoneModifier(det+1, k) {
		return ev, false
	}
	switch w {
	case "breakfast", "lunch", "dinner", "session", "audience", "call", "conversation", "discussion", "discussions", "talk":
		if next != "with" && next != "between" && next != "to" {
			return ev, false
		}
	}
	ev.gov = det
	ev.from = max(det, 0)
	var subjects []*party
	switch d := r.low(det); {
	case d == "'s":
		if p, start := r.partyEndingAt(det - 1); p != nil {
			subjects, ev.from = []*party{p}, start
		}
	case d == "his" || d == "her":
		if p, _ := r.partyAt(det); p == nil {
			if g, ok := pronounGender[d]; ok {
				if q := r.pronoun(det, g); q != nil {
					subjects = []*party{{kind: personParty, p: q}}
				}
			}
		}
	case lightVerbs[d] || lightVerbs[r.low(det-1)] && isDeterminer(d):
		lv := det
		if !lightVerbs[d] {
			lv = det - 1
		}
		ev.gov = lv
		subjects, ev.from = r.sideBefore(lv)
		if len(subjects) == 0 && r.participle(lv) {
			if p := r.mainSubject(lv, ev.to); p != nil {
				subjects = []*party{p}
			}
		}
	case det >= 0 && det == k-1 && r.us[det].kind == partyUnit:
		// "Putin talks with Xi" (a caption), "the Obama-Putin meeting"
		subjects, ev.from = r.sideBefore(k)
	case d == "in" && beForms[r.low(r.skipMannerBack(det-1))]:
		// "Liverpool are in talks with their captain", "had been in
		// secret talks with Iran"
		subjects, ev.from = r.sideBefore(r.skipMannerBack(det - 1))
	case nounPrepositions[d] || isDeterminer(d) && nounPrepositions[r.low(det-1)]:
		// "After talks with Abe, Obama said", "said in a call with"
		if len(objects) == 1 {
			if p := r.mainSubject(det-1, ev.to); p != nil {
				subjects = []*party{p}
			}
		}
	}
	ev.parties = mergeParties(subjects, objects)
	if cls == visitCue && !allOf(objects, personParty, officeParty) || cls == visitCue && len(objects) == 0 {
		return ev, false
	}
	return ev, len(subjects) > 0 || len(objects) >= 2
}

// nounModifiersBack steps left from i over the words that modify a
// meeting noun ("their first face-to-face", "a closed-door", "months of",
// "Tuesday's") and returns the unit before them: the determiner, the
// possessive, the light verb or the preposition.
func (r *reader) nounModifiersBack(i int) int {
	for n := 0; i >= 0 && n < 6; n++ {
		u := r.us[i]
		w := u.low
		if u.kind == wordUnit && (nounModifiers[w] || strings.Contains(w, "-") && !capitalised(u.text) || strings.HasSuffix(w, "ly") && len(w) > 4 || isNumber(w) ||
			timeWords[w] && w != "a" && w != "an" && w != "that" && w != "this" || isMeetNoun(w) && w != "talks") {
			i--
			continue
		}
		// "rounds of talks", "months of meetings", "a series of calls"
		if w == "of" && i > 0 && (timeWords[r.low(i-1)] || r.low(i-1) == "rounds" || r.low(i-1) == "round" || r.low(i-1) == "series") {
			i -= 2
			continue
		}
		if w == "'s" && i > 0 && timeWords[r.low(i-1)] { // "Tuesday's meeting"
			i -= 2
			continue
		}
		if w == "," && i > 0 && nounModifiers[r.low(i-1)] { // "a casual, get-acquainted summit"
			i--
			continue
		}
		return i
	}
	return i
}

// nounModifiers are adjectives that stand before a meeting noun.
var nounModifiers = setOf("private", "public", "secret", "closed-door", "formal", "informal", "brief",
	"long", "lengthy", "hour-long", "tense", "cordial", "warm", "friendly", "productive", "frank",
	"candid", "bilateral", "trilateral", "joint", "direct", "face-to-face", "one-on-one", "high-level",
	"top-level", "phone", "telephone", "video", "summit", "working", "official", "state", "surprise",
	"rare", "historic", "unprecedented", "landmark", "first", "second", "third", "last", "final",
	"recent", "earlier", "previous", "weekly", "monthly", "annual", "emergency", "marathon", "arduous",
	"intense", "difficult", "fruitful", "constructive", "casual", "get-acquainted", "courtesy",
	"several", "many", "multiple", "two", "three", "more", "other", "further", "fresh", "new",
	"separate", "lunch", "breakfast", "dinner", "morning", "afternoon", "evening", "hastily",
	"arranged", "scheduled", "planned", "proposed", "upcoming", "expected", "possible", "potential",
	"cancelled", "canceled", "postponed", "planned", "hoped-for", "would-be", "proposed", "future",
	"next", "rescheduled", "requested", "promised", "forthcoming", "prospective", "anticipated",
	"mooted", "rumored", "rumoured", "peace", "trade", "nuclear", "climate", "budget", "security",
	"ceasefire", "cease-fire", "diplomatic", "high-stakes", "closed", "crucial", "key", "important")

var beForms = setOf("is", "are", "was", "were", "been", "be", "being", "remain", "remained", "remains")

// nounPrepositions put a meeting noun in a phrase of the main clause,
// whose subject is the meeting's: "In a call with Putin, Macron urged".
var nounPrepositions = setOf("in", "at", "during", "after", "following", "since", "from", "over", "through", "amid", "for")

func isDeterminer(w string) bool {
	switch w {
	case "a", "an", "the", "their", "his", "her", "its", "our", "some", "several", "two", "three", "multiple", "many", "more", "further":
		return true
	}
	return false
}

// phoneModifier reports whether "phone", "telephone" or "video" stands in
// units [i, k): "a phone call", "a video conversation".
func (r *reader) phoneModifier(i, k int) bool {
	for ; i < k; i++ {
		switch r.low(i) {
		case "phone", "telephone", "video", "telephonic":
			return true
		}
	}
	return false
}

// phraseEvent reads the meeting phrases that are neither a meeting verb
// nor noun: "sat down with", "shook hands with", "called Putin".
func (r *reader) phraseEvent(k int) (event, bool) {
	w := r.low(k)
	ev := event{class: consultCue, cue: k, gov: k, from: k, to: k + 1, tense: pastForm}
	var preps []string
	after := k + 1
	switch {
	case w == "sat" && (r.low(k+1) == "down" || r.low(k+1) == "face"):
		after = k + 2
		for after < len(r.us) && (r.low(after) == "to" || r.low(after) == "face") {
			after++
		}
		preps = []string{"with"}
	case (w == "shakes" || w == "shook" || w == "shake") && r.low(k+1) == "hands" && r.tellsMeeting():
		after = k + 2
		preps = []string{"with"}
		if w == "shakes" {
			ev.tense = presentForm
		}
	case (w == "embraces" || w == "embraced") && r.tellsMeeting():
		preps = []string{"-"}
		if w == "embraces" {
			ev.tense = presentForm
		}
	case w == "called" || w == "rang":
		return r.callEvent(k)
	default:
		return ev, false
	}
	objects, end := r.sideAfter(after, preps)
	subjects, first := r.sideBefore(k)
	ev.parties = mergeParties(subjects, objects)
	ev.from, ev.to = first, end
	return ev, len(subjects) > 0 && len(objects) > 0
}

// callEvent reads "called" as a phone call: a person right after it and
// nothing that makes it a naming ("called Putin a thug"), an appeal
// ("called on Russia to", "called for talks") or a visit.
func (r *reader) callEvent(k int) (event, bool) {
	ev := event{class: callCue, cue: k, gov: k, from: k, to: k + 1, tense: pastForm}
	j := k + 1
	for j < len(r.us) && r.roleWord(j) {
		j++
	}
	if j >= len(r.us) || r.us[j].kind != partyUnit || r.us[j].party.kind != personParty {
		return ev, false
	}
	switch r.low(j + 1) {
	case "", ".", ",", "on", "to", "after", "before", "from", "last", "yesterday", "and", "this", "early", "late", "shortly", "again", "twice", "when", "while", "as", "in", "at":
	default:
		return ev, false
	}
	if r.low(j+1) == "to" && (r.low(j+2) == "the" || r.low(j+2) == "a") {
		return ev, false // "called Kerry to the stand"
	}
	subjects, first := r.sideBefore(k)
	if len(subjects) == 0 && r.low(r.skipMannerBack(k-1)) == "and" {
		if p := r.mainSubject(k, j+1); p != nil {
			subjects = []*party{p}
		}
	}
	if len(subjects) == 0 {
		return ev, false
	}
	ev.parties = mergeParties(subjects, []*party{r.us[j].party})
	ev.from, ev.to = first, j+1
	return ev, true
}

// tellsMeeting reports whether the sentence names a meeting, talks or a
// visit: a handshake on a tarmac is a greeting, during a meeting a
// meeting.
func (r *reader) tellsMeeting() bool {
	for _, u := range r.us {
		if isMeetNoun(u.low) && u.low != "call" {
			return true
		}
	}
	return false
}

// mergeParties returns a then b without repeats.
func mergeParties(a, b []*party) []*party {
	var out []*party
	for _, p := range a {
		out = appendParty(out, p)
	}
	for _, p := range b {
		out = appendParty(out, p)
	}
	return out
}

func isNumber(w string) bool {
	_, err := strconv.Atoi(strings.ReplaceAll(w, ",", ""))
	return err == nil
}

func isMeetNoun(w string) bool {
	_, ok := meetNouns[w]
	return ok
}
