package brief

import (
	"slices"
	"strings"
)

// Nouns of meeting: "X's meeting with Y", "talks between X and Y", "X held
// talks with Y", "after a call with Y, X said"; the modifiers that may
// stand between a meeting noun and its determiner.

// nounEvent reads a meeting noun's sides: "X's meeting with Y", "talks
// between X and Y", "X held talks with Y", "during a meeting with Y, X".
func (r *reader) nounEvent(k int, cls cueClass) (event, bool) {
	ev := event{class: cls, cue: k, noun: true, tense: pastForm, gov: k, from: k, to: k + 1}
	objects, prep := r.nounObjects(&ev)
	det := r.nounModifiersBack(k - 1)
	if cls == testifyCue && (r.low(ev.to) == "from" || r.low(ev.to) == "by") && len(objects) > 0 {
		// "testimony before the commission from former Sen. Sam Nunn"
		if witness, end := r.side(ev.to + 1); len(witness) == 1 && witness[0].kind == personParty {
			ev.to = end
			ev.parties = mergeParties(witness, objects)
			ev.gov, ev.from = r.nounModifiersBack(k-1), r.nounModifiersBack(k-1)
			return ev, true
		}
	}
	holder, holderEnd := r.relativeHolder(k)
	if holder != nil {
		prep = "with" // "a conversation she had with Trump"
	}
	if !r.nounNamesMeeting(k, det, prep, len(objects) > 0 || holder != nil) {
		return ev, false
	}
	if body := r.hearingBody(det, k); body != nil {
		// "told a Senate Intelligence Committee hearing": the committee
		// is the other side.
		objects = appendParty(objects, body)
		det = r.nounModifiersBack(det - 1)
	}
	ev.gov, ev.from = det, max(det, 0)
	subjects := r.nounSubjects(&ev, det, len(objects))
	if holder != nil {
		// "a private meeting he had with Rubio"
		subjects, objects = []*party{holder}, nil
		objects, ev.to = r.side(holderEnd)
	}
	ev.parties = mergeParties(subjects, objects)
	ev.each = bilateral(ev, subjects, objects, r.low(k)) && r.low(k-1) != "conference"
	if (r.low(k) == "discussion" || r.low(k) == "conversation") && slices.ContainsFunc(objects, r.fromMedia) {
		return ev, false // "a discussion with the radio host Howard Stern": an interview
	}
	if cls == visitCue && len(objects) == 1 && objects[0].kind == countryParty && r.low(det) == "'s" {
		if head := r.headNamedWith(objects[0], subjects, ev.to); head != nil {
			objects = []*party{head} // "during Obama's visit to Turkey, President Erdogan said"
			ev.parties = mergeParties(subjects, objects)
		}
	}
	if cls == visitCue && (len(objects) == 0 || !allOf(objects, personParty, officeParty)) {
		return ev, false // a visit is to someone: "his visit to Mexico" is none
	}
	// Without a holder, only "talks between X and Y" names both sides;
	// "over breakfast with A and B" has a third, unnamed.
	if meals[r.low(k)] && len(objects) == 0 && len(subjects) < 2 {
		return ev, false // "he had dinner": with whom?
	}
	return ev, len(subjects) > 0 || len(objects) >= 2 && (prep == "between" || prep == "among")
}

// nounObjects reads the side after a meeting noun: "with", "between" or
// "among" the parties ("to" for a visit or a call, "before" for
// testimony), and a mediator after them ("brokered by Oman"). It returns
// them and the preposition.
func (r *reader) nounObjects(ev *event) ([]*party, string) {
	at := r.skipPlace(r.skipManner(ev.cue + 1)) // "a meeting last Monday with", "breakfast in New York with"
	prep := r.low(at)
	var objects []*party
	switch {
	case prep == "with" || prep == "between" || prep == "among",
		prep == "to" && (ev.class == visitCue || ev.class == callCue),
		prep == "from" && ev.class == callCue && callTakers[r.low(r.nounModifiersBack(ev.cue-1)-1)],   // "received a call from"
		prep == "on" && r.low(ev.cue) == "call" && lightVerbs[r.low(r.nounModifiersBack(ev.cue-1)-1)], // "paid a courtesy call on"
		prep == "before" && ev.class == testifyCue:
		objects, ev.to = r.side(at + 1)
	case prep == "of" && (r.low(ev.cue) == "session" || r.low(ev.cue) == "hearing"):
		// "invoked his rights in a closed session of the House Benghazi
		// Committee": a witness before the committee.
		j := at + 1
		if r.low(j) == "the" {
			j++
		}
		if j < len(r.us) && r.us[j].kind == partyUnit && r.us[j].party.kind == orgParty && isBody(r.us[j].text) {
			objects, ev.to, ev.class = []*party{r.us[j].party}, j+1, testifyCue
		}
	}
	by := ev.to
	if r.low(by) == "," {
		by++ // "talks between Israel and Hamas, mediated by Qatar,"
	}
	if w := r.low(by); (w == "brokered" || w == "mediated" || w == "hosted" || w == "attended") && r.low(by+1) == "by" {
		mediators, end := r.side(by + 2)
		if len(mediators) > 0 {
			objects, ev.to = mergeParties(objects, mediators), end
		}
	}
	return objects, prep
}

// callTakers are the verbs of a call's other end: "received a call from".
var callTakers = setOf("received", "got", "took", "had", "receives", "gets", "takes", "taking", "receiving")

// nounNamesMeeting reports whether the noun at k names a meeting here: a
// call or a conversation by phone or with someone, a meal or a session
// with someone ("dinner" alone is no meeting).
func (r *reader) nounNamesMeeting(k, det int, prep string, hasObjects bool) bool {
	switch w := r.low(k); w {
	case "call", "conversation":
		if r.phoneModifier(det+1, k) {
			return true // "in a phone call on Sunday, Osei told Varga"
		}
		return hasObjects && (prep == "with" || prep == "between" || prep == "to" || prep == "on" || prep == "from")
	case "breakfast", "lunch", "dinner":
		// "Osei and Varga had lunch": a light verb, and two who had it
		// (nounEvent checks them).
		return prep == "with" || prep == "between" || lightVerbs[r.low(det)] || r.low(det) == "for" && r.joinedFor(det) != nil
	case "session", "audience", "discussion", "discussions", "talk":
		return prep == "with" || prep == "between" || prep == "to" || prep == "of" && hasObjects
	}
	return true
}

// nounSubjects reads who holds the meeting a noun names, from what stands
// before its modifiers at det: a possessive ("Putin's talks"), a
// possessive pronoun, a light verb's subject ("Wang held talks"), a name
// right before it (a caption's "Putin talks with Xi"), a copula's subject
// ("Liverpool are in talks"), or the main clause's subject for a phrase
// ("After talks with Abe, Obama said").
func (r *reader) nounSubjects(ev *event, det, objects int) []*party {
	switch d := r.low(det); {
	case d == "'s":
		return r.possessors(ev, det)
	case d == "his" || d == "her":
		if q := r.pronoun(det, pronounGender[d]); q != nil {
			return []*party{{kind: personParty, p: q}}
		}
	case d == "my":
		// "In my first meeting with him," Mitchell recalled.
		if q := r.speakerAt(det); q != nil {
			return []*party{{kind: personParty, p: q}}
		}
	case d == "for" && objects == 0 && r.joinedFor(det) != nil:
		// "Osei joined Varga for talks"
		return r.joinedFor(det)
	case d == "their" && objects == 0:
		// "Obama warned the Chinese leader, Xi Jinping, during their
		// recent meeting": the two the sentence named before it; "After
		// their meeting, Osei and Varga said": the main clause's two.
		if two := r.twoNamedIn(det); two != nil {
			return two
		}
		if side := r.clauseParties(det, ev.to); len(side) == 2 && r.opensSentence(det) {
			return side
		}
		return nil
	case lightVerbs[d] || lightVerbs[r.low(det-1)] && isDeterminer(d):
		lv := det
		if !lightVerbs[d] {
			lv = det - 1
		}
		ev.gov = lv
		subjects, from := r.sideBefore(lv)
		ev.from = from
		if len(subjects) == 0 && r.participle(lv) {
			if p := r.mainSubject(lv, ev.to); p != nil {
				return []*party{p}
			}
		}
		return subjects
	case det >= 0 && det == ev.cue-1 && r.us[det].kind == partyUnit:
		subjects, from := r.sideBefore(ev.cue)
		ev.from = from
		return subjects
	case d == "in" && beForms[r.low(r.skipMannerBackOnly(det-1))]:
		subjects, from := r.sideBefore(r.skipMannerBackOnly(det - 1))
		ev.from = from
		return subjects
	case isDeterminer(d) && r.hearingVerb(det-1) >= 0:
		// "Brennan told a committee hearing", "testified at a hearing"
		v := r.hearingVerb(det - 1)
		ev.gov = v
		subjects, from := r.sideBefore(v)
		ev.from = from
		return subjects
	case nounPrepositions[d] || isDeterminer(d) && nounPrepositions[r.low(det-1)]:
		if objects == 1 {
			if p := r.mainSubject(det-1, ev.to); p != nil {
				return []*party{p}
			}
		}
		if objects == 0 {
			// "Osei and Varga agreed at a meeting", "Osei told Varga
			// during a phone call".
			return r.clauseParties(det-1, ev.to)
		}
	}
	return nil
}

// fromMedia reports whether a party works in the news: a host, an anchor,
// a reporter, by the role the article gives or the words before the name.
func (r *reader) fromMedia(p *party) bool {
	if p.p == nil {
		return isMedia(strings.ToLower(p.name))
	}
	for _, w := range words(p.p.role) {
		if mediaRoles[w] {
			return true
		}
	}
	return false
}

// mediaRoles are the jobs of people who interview others for a living.
var mediaRoles = setOf("host", "anchor", "reporter", "journalist", "columnist", "correspondent",
	"interviewer", "commentator", "presenter", "radio", "podcaster", "broadcaster")

// hearingBody returns the committee named right before a noun of
// testimony ("a Senate Intelligence Committee hearing"), else nil.
func (r *reader) hearingBody(det, k int) *party {
	if det < 0 || meetNouns[r.low(k)] != testifyCue || r.us[det].kind != partyUnit || r.us[det].party.kind == personParty || !isBody(r.us[det].text) {
		return nil
	}
	return r.us[det].party
}

// hearingVerbs tell a witness's part at a hearing.
var hearingVerbs = setOf("told", "testified", "appeared", "addressed", "testifies", "tells")

// hearingVerb returns the unit of the witness's verb before unit i ("told
// a hearing", "testified at a hearing", "appeared before"), or -1.
func (r *reader) hearingVerb(i int) int {
	if w := r.low(i); w == "at" || w == "before" || w == "to" {
		i--
	}
	if hearingVerbs[r.low(i)] {
		return i
	}
	return -1
}

// relativeHolder reads "he had with", "Pate held with" right after a
// meeting noun at k: the one who held it, and the unit where its other
// side starts.
func (r *reader) relativeHolder(k int) (*party, int) {
	at := k + 1
	w := r.skipManner(at + 2) // "the encounter he had last week with Trump"
	if !lightVerbs[r.low(at+1)] || r.low(w) != "with" {
		return nil, 0
	}
	if p, end := r.partyAt(at); p != nil && end == at+1 {
		return p, w + 1
	}
	return nil, 0
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
			timeWords[w] && w != "a" && w != "an" && w != "that" && w != "this" && w != "for" && w != "about" && w != "than" || isMeetNoun(w) && w != "talks") {
			i--
			continue
		}
		// "rounds of talks", "months of meetings", "a series of calls"
		if w == "of" && i > 0 && (timeWords[r.low(i-1)] || r.low(i-1) == "rounds" || r.low(i-1) == "round" || r.low(i-1) == "series") {
			i -= 2
			continue
		}
		if u.kind == roleUnit && allTime(w) { // "Osei's Sunday meeting"
			i--
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
var nounModifiers = setOf("private", "public", "secret", "closed-door", "midday", "overnight", "late-night", "formal", "informal", "brief",
	"long", "lengthy", "hour-long", "tense", "cordial", "warm", "friendly", "productive", "frank",
	"candid", "bilateral", "trilateral", "joint", "direct", "face-to-face", "one-on-one", "high-level",
	"top-level", "phone", "telephone", "video", "conference", "summit", "working", "official", "state", "surprise",
	"rare", "historic", "unprecedented", "landmark", "first", "second", "third", "last", "final",
	"recent", "earlier", "previous", "weekly", "monthly", "annual", "emergency", "marathon", "arduous",
	"intense", "difficult", "fruitful", "constructive", "casual", "get-acquainted", "courtesy",
	"several", "many", "multiple", "two", "three", "more", "other", "further", "fresh", "new",
	"separate", "lunch", "breakfast", "dinner", "morning", "afternoon", "evening", "hastily",
	"arranged", "scheduled", "planned", "proposed", "upcoming", "expected", "possible", "potential",
	"cancelled", "canceled", "postponed", "planned", "hoped-for", "would-be", "proposed", "future",
	"next", "rescheduled", "requested", "promised", "forthcoming", "prospective", "anticipated",
	"mooted", "rumored", "rumoured", "peace", "trade", "nuclear", "climate", "budget", "security",
	"ceasefire", "cease-fire", "diplomatic", "free", "high-stakes", "closed", "crucial", "key", "important",
	"very", "really", "extremely", "good", "great", "excellent", "positive", "useful", "wonderful",
	"substantive", "detailed", "extensive", "intensive", "tough", "heated", "short", "quick", "long-awaited",
	"hour", "two-hour", "three-hour", "successful", "encouraging", "amicable", "lively", "hastily-arranged")

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

// tellVerbs put their object in the conversation: "Osei told Varga
// during a call".
var tellVerbs = setOf("told", "warned", "assured", "asked", "urged", "informed", "reminded",
	"pressed", "thanked", "congratulated", "briefed", "promised")

// clauseParties returns the sides the main clause gives a meeting phrase
// at units [from, to) that has none of its own: a subject of two or more
// ("Osei and Varga agreed at a meeting", "At a meeting in Geneva, Osei and
// Varga agreed"), or a subject and the one it told something ("Osei told
// Varga during a phone call"). The clause's first party decides; nil
// when it gives fewer than two.
func (r *reader) clauseParties(from, to int) []*party {
	start, end := 0, from
	if r.opensSentence(from) {
		start, end = to, len(r.us)
	}
	for i := start; i < end; i++ {
		if r.quoted[i] || r.us[i].kind != partyUnit && r.low(i) != "he" && r.low(i) != "she" || r.low(i-1) == "in" || r.low(i-1) == "at" {
			continue // "in Geneva" is where, not who
		}
		side, j := r.side(i)
		if j > end || r.objectPlace(i) {
			return nil
		}
		if len(side) >= 2 {
			return side
		}
		if k := r.skipManner(j); len(side) == 1 && tellVerbs[r.low(k)] {
			if obj, _ := r.side(k + 1); len(obj) == 1 && obj[0].kind == personParty && obj[0].key() != side[0].key() {
				return []*party{side[0], obj[0]}
			}
		}
		return nil
	}
	return nil
}

// possessors reads who holds a meeting told with a possessive ending at
// unit det: "Osei's meeting", "Osei and Varga's meeting".
func (r *reader) possessors(ev *event, det int) []*party {
	if u := r.us[max(det-1, 0)]; det > 1 && u.kind == partyUnit && r.low(det-2) == "and" {
		if p, start := r.partyEndingAt(det - 3); p != nil && p.key() != u.party.key() {
			ev.from = start // "Osei and Varga's meeting"
			return []*party{p, u.party}
		}
	}
	if p, start := r.partyEndingAt(det - 1); p != nil {
		ev.from = start
		return []*party{p}
	}
	if u := r.us[max(det-1, 0)]; det > 0 && u.kind == partyUnit && !r.modifiesNoun(det-1) {
		ev.from = det - 1 // "Osei's meeting with Varga"
		return []*party{u.party}
	}
	return nil
}

// headNamedWith returns the head of state or government of the country
// visited that the clause right after the visit phrase ending at unit
// end opens with ("During Obama's visit to Turkey, President Erdogan
// said"): a person titled president, prime minister, chancellor, king or
// premier whose role names no other nationality, not a possessor. Nil
// when there is none.
func (r *reader) headNamedWith(country *party, visitors []*party, end int) *party {
	name := strings.ToLower(strings.TrimPrefix(country.name, "the "))
	var found *party
	for k := end; k < len(r.us) && k < end+6; k++ {
		u := r.us[k]
		if u.kind != partyUnit || u.party.p == nil || hasParty(visitors, u.party) || r.low(k+1) == "'s" {
			continue
		}
		role := strings.ToLower(u.party.p.role)
		if head := lastWord(role); head != "president" && head != "minister" && head != "chancellor" && head != "king" && head != "premier" {
			continue
		}
		if hasWord(role, "foreign") || hasWord(role, "vice") || hasWord(role, "deputy") || hasWord(role, "former") {
			continue
		}
		if slices.ContainsFunc(words(role), func(w string) bool {
			return nationality(w) && w != demonyms[name] && !strings.HasPrefix(w, name[:max(len(name)-1, 1)])
		}) {
			continue // "French President" on a visit to Turkey is another visitor
		}
		if found != nil && found.key() != u.party.key() {
			return nil
		}
		found = u.party
	}
	return found
}

// meals are meeting nouns only with company.
var meals = setOf("breakfast", "lunch", "dinner")

// joinedFor reads "Osei joined Varga for" ending at unit det ("for"):
// the one who joined and the one joined; nil otherwise.
func (r *reader) joinedFor(det int) []*party {
	obj, start := r.partyEndingAt(det - 1)
	if obj == nil || r.low(start-1) != "joined" {
		return nil
	}
	subjects, _ := r.sideBefore(start - 1)
	if len(subjects) == 0 || hasParty(subjects, obj) {
		return nil
	}
	return append(subjects, obj)
}
