package brief

// Phrases of meeting that are neither a meeting verb nor a meeting noun:
// "sat down with", "shook hands with", "called Putin", "was on the phone
// with", "played golf with", "arrived at the White House".

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
	case (w == "phone" || w == "telephone") && r.low(k-1) == "the" && r.low(k-2) == "on" && beForms[r.low(k-3)] && r.low(k+1) == "with":
		return r.onPhoneEvent(k)
	case w == "host" && r.low(k-1) == "played" && r.low(k+1) == "to":
		return r.playedHostEvent(k)
	case w == "golf" && golfVerbs[r.low(k-1)]:
		// A round of golf between public figures is a meeting (MEETINGS.md).
		return r.golfEvent(k)
	case (w == "arrived" || w == "arrives") && r.low(k+1) == "at":
		return r.arrivedAtEvent(ev, k)
	case (w == "phone" || w == "telephone") && r.low(k-1) == "by" && r.low(k+1) == "with":
		// "Obama was weighing in by phone with the leaders of France":
		// the main clause's subject called them.
		ev.class = callCue
		objects, end := r.side(k + 2)
		if len(objects) == 0 || r.isMeetWordAt(k-2) {
			return ev, false // a meeting verb reads its own phone: "spoke by phone with"
		}
		if p := r.mainSubject(k-1, end); p != nil && !hasParty(objects, p) {
			ev.parties, ev.from, ev.to = mergeParties([]*party{p}, objects), k-1, end
			ev.each = bilateral(ev, []*party{p}, objects, "")
			return ev, true
		}
		return ev, false
	default:
		return ev, false
	}
	objects, end := r.sideAfter(after, preps)
	subjects, first := r.sideBefore(k)
	ev.parties = mergeParties(subjects, objects)
	ev.from, ev.to = first, end
	// "Putin and Xi shook hands before their talks": both sides in the subject.
	return ev, len(subjects) > 0 && len(objects) > 0 || len(subjects) >= 2 && w != "sat"
}

// golfVerbs put "golf" to a round played.
var golfVerbs = setOf("played", "plays", "playing")

// golfEvent reads "Obama and Kim played golf", "Obama played golf with
// Kim" and "after playing golf with Kim, Obama said": the verb before
// "golf" at k governs it.
func (r *reader) golfEvent(k int) (event, bool) {
	verb := r.low(k - 1)
	ev := event{class: consultCue, cue: k - 1, gov: k - 1, from: k - 1, to: k + 1, tense: pastForm}
	if verb == "plays" {
		ev.tense = presentForm
	}
	objects, end := r.sideAfter(k+1, []string{"with"})
	var subjects []*party
	if verb == "playing" {
		ev.tense = ingForm
		if p := r.mainSubject(k-1, end); p != nil && !hasParty(objects, p) {
			subjects = []*party{p}
		}
	} else {
		subjects, ev.from = r.sideBefore(k - 1)
	}
	ev.parties, ev.to = mergeParties(subjects, objects), max(end, k+1)
	return ev, len(subjects) > 0 && len(objects) > 0 || len(subjects) >= 2 && len(objects) == 0
}

// callEvent reads "called" as a phone call: a person right after it and
// nothing that makes it a naming ("called Putin a thug"), an appeal
// ("called on Russia to", "called for talks") or a visit.
func (r *reader) callEvent(k int) (event, bool) {
	ev := event{class: callCue, cue: k, gov: k, from: k, to: k + 1, tense: pastForm}
	next := k + 1
	for next < len(r.us) && (timeWords[r.low(next)] || r.us[next].kind == roleUnit && allTime(r.us[next].low)) {
		next++ // "called Wednesday for"
	}
	if w := r.low(next); w == "on" || w == "for" || w == "it" || w == "off" || w == "up" || w == "out" {
		return ev, false // an appeal, a demand, a naming, a cancellation
	}
	objects, j := r.side(k + 1)
	if len(objects) != 1 || objects[0].kind != personParty {
		return ev, false
	}
	j-- // the callee's last unit
	if r.low(j+1) == "," && r.low(j+2) == "and" {
		j++ // "called a candidate, Clara Powers, and encouraged her"
	}
	// What follows the callee tells a call from a naming: "called Putin on
	// Tuesday", not "called Yanukovych, a former trucker, an outstanding
	// leader".
	switch r.low(j + 1) {
	case "", ".", "on", "to", "after", "before", "from", "last", "yesterday", "and", "this", "early", "late", "shortly", "again", "when", "while", "as", "in", "at":
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
	if len(subjects) == 0 || !allOf(subjects, personParty, officeParty) {
		return ev, false // people call; "a PAC called Stop Hillary" names one
	}
	ev.parties = mergeParties(subjects, objects)
	ev.from, ev.to = first, j+1
	return ev, true
}

// isMeetWordAt reports whether a meeting verb or noun stands at unit i or
// one or two units before it ("spoke briefly by phone").
func (r *reader) isMeetWordAt(i int) bool {
	for k := i; k >= 0 && k >= i-2; k-- {
		if isMeetWord(r.low(k)) {
			return true
		}
	}
	return false
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

// onPhoneEvent reads "Varga was on the phone with Osei": "phone" at k.
func (r *reader) onPhoneEvent(k int) (event, bool) {
	ev := event{class: callCue, cue: k, gov: k - 3, tense: pastForm}
	objects, end := r.side(k + 2)
	subjects, first := r.sideBefore(k - 3)
	ev.parties, ev.from, ev.to = mergeParties(subjects, objects), first, end
	return ev, len(subjects) > 0 && len(objects) > 0
}

// playedHostEvent reads "Osei played host to Varga": "host" at k.
func (r *reader) playedHostEvent(k int) (event, bool) {
	ev := event{class: hostCue, cue: k - 1, gov: k - 1, tense: pastForm}
	objects, end := r.side(k + 2)
	subjects, first := r.sideBefore(k - 1)
	ev.parties, ev.from, ev.to = mergeParties(subjects, objects), first, end
	return ev, len(subjects) > 0 && len(objects) > 0 && allOf(objects, personParty, officeParty, orgParty)
}

// arrivedAtEvent reads "Netanyahu arrived at the White House": a visit to
// the president; "arrived" at k.
func (r *reader) arrivedAtEvent(ev event, k int) (event, bool) {
	j := k + 2
	if r.low(j) == "the" {
		j++
	}
	head := r.seatHolder(j)
	if head == nil {
		return ev, false
	}
	ev.class = visitCue
	if r.low(k) == "arrives" {
		ev.tense = presentForm
	}
	subjects, first := r.sideBefore(k)
	ev.parties, ev.from, ev.to = mergeParties(subjects, []*party{head}), first, j+1
	return ev, len(subjects) > 0 && !hasParty(subjects, head)
}
