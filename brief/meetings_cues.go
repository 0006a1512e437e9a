package brief

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
	from, to int    // units the event phrase spans
	gap      *event // the same verb's second meeting: "met Cruz last week, and this week with Kasich"
	// each: the first party met each of the others apart, as calls and
	// talks between states are held ("talks with India, South Korea and
	// China").
	each bool
}

// bilateral reports whether a lone subject's calls or talks with several
// others are one with each: calls always, talks and negotiations when the
// other sides are all countries or office-holders.
func bilateral(ev event, subjects, objects []*party, noun string) bool {
	if len(subjects) != 1 || len(objects) < 2 {
		return false
	}
	if ev.class == callCue {
		return true // a phone call has two ends
	}
	states := allOf(objects, countryParty, officeParty) || allOf(subjects, countryParty) && allOf(objects, countryParty, otherParty)
	return states && (ev.class == negotiateCue || noun == "talks")
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
		if (w == "phone" || w == "telephone") && (r.low(k-1) == "by" || r.low(k-1) == "the" && r.low(k-2) == "on") || w == "host" && r.low(k-1) == "played" {
			ev, ok = r.phraseEvent(k) // "weighing in by phone with", "was on the phone with"
		} else if vc, isVerb := meetVerbs[w]; isVerb && r.verbUse(k, vc) && !(isMeetNoun(w) && r.nounUse(k)) {
			ev, ok = r.verbEvent(k, vc)
		} else if w == "conference" && phoneWords[r.low(k-1)] {
			ev, ok = r.nounEvent(k, callCue) // "a video conference with"
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
	if r.low(k) == "meeting" {
		// "a tense midday meeting": a noun unless a verb's company marks
		// it ("was meeting", "when meeting", "Sanders, meeting").
		j := r.skipMannerBackOnly(k - 1)
		if j < 0 {
			return false
		}
		p := r.us[j]
		return !(beForms[p.low] || verbMarkers[p.low] || p.kind == partyUnit || pronounGender[p.low] != 0 || p.low == "they" || p.low == "we")
	}
	return isDeterminer(w) || w == "'s" || lightVerbs[w] || w == "of" || w == "for" || w == "during" || w == "after" ||
		w == "in" || w == "at" || w == "following" || w == "no" || w == "any" || w == "this" || w == "that" ||
		r.low(k) == "talks" && r.us[i].kind != partyUnit
}

// verbMarkers stand before an -ing form used as a verb.
var verbMarkers = setOf("after", "before", "when", "while", "since", "upon", "by", "without", ",", "and", "-", "—", "–", "been", "recently", "also")
