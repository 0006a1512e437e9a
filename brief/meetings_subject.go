package brief

import (
	"slices"
	"strings"
)

// Sides named outside the meeting phrase: "the two leaders" for the two
// people the text named just before, and the main clause's subject for a
// participle or a phrase with no subject of its own.

// pairNouns follow "the two" or "both" to name two people: "the two
// leaders met".
var pairNouns = setOf("men", "women", "leaders", "presidents", "ministers", "candidates",
	"rivals", "politicians", "senators", "sides", "officials", "chiefs", "executives")

// theTwo reads "the two leaders" or "both men" ending at unit i as the two
// people the text named last: in the sentence before it, or the one
// before that, when exactly two people are named there. It returns nil
// when the text does not name exactly two.
func (r *reader) theTwo(i int) ([]*party, int) {
	if !pairNouns[r.low(i)] {
		return nil, 0
	}
	start := i - 1
	switch {
	case r.low(i-1) == "two" && r.low(i-2) == "the":
		start = i - 2
	case r.low(i-1) == "both":
	default:
		return nil, 0
	}
	// "the meeting between Obama and Sanders was raised when the two men
	// talked": the two named before it in the sentence.
	if pair := r.twoNamedIn(start); pair != nil {
		return pair, start
	}
	if len(r.peopleBefore(start)) == 0 {
		if pair := r.twoNamedBefore(false); pair != nil {
			return pair, start
		}
	}
	return nil, 0
}

// peopleBefore returns the people the sentence names before unit i.
func (r *reader) peopleBefore(i int) []*party {
	var people []*party
	for k := 0; k < i; k++ {
		if u := r.us[k]; u.kind == partyUnit && u.party.kind == personParty {
			people = appendParty(people, u.party)
		}
	}
	return people
}

// twoNamedIn returns the two people the sentence names before unit i, when
// it names exactly two; else nil.
func (r *reader) twoNamedIn(i int) []*party {
	people := r.peopleBefore(i)
	if len(people) != 2 {
		return nil
	}
	return people
}

// twoNamedBefore returns the two people the nearest sentence before names,
// within two sentences, when it names exactly two (joined by "and" when
// joined is set: "Obama and Netanyahu"); else nil.
func (r *reader) twoNamedBefore(joined bool) []*party {
	for si := r.si - 1; si >= 0 && si >= r.si-2; si-- {
		var people []*person
		ms := r.c.in(&r.d.sents[si])
		for _, m := range ms {
			if !slices.Contains(people, m.p) {
				people = append(people, m.p)
			}
		}
		switch len(people) {
		case 0:
			continue
		case 2:
			if joined && !joinedByAnd(r.d.text, ms, people) {
				return nil
			}
			return []*party{{kind: personParty, p: people[0]}, {kind: personParty, p: people[1]}}
		}
		return nil
	}
	return nil
}

// joinedByAnd reports whether a mention of the first person is followed by
// "and" and a mention of the second: "Mr. Obama and Mr. Netanyahu".
func joinedByAnd(text string, ms []mention, people []*person) bool {
	for i := 0; i+1 < len(ms); i++ {
		if ms[i].p == people[0] && ms[i+1].p == people[1] {
			between := strings.Fields(text[ms[i].end:ms[i+1].start])
			if len(between) > 0 && between[0] == "and" && len(between) <= 2 {
				return true
			}
		}
	}
	return false
}

// mainSubject returns the subject of the sentence's main clause for a
// participle or a phrase that has none of its own ("Obama said after
// meeting with Putin", "After talks with Abe, Obama said"): the nearest
// person, organisation or office-holder before the phrase [from, to) that
// is no preposition's object, on the same side of quotation marks; the
// first after the phrase when the phrase opens the sentence.
func (r *reader) mainSubject(from, to int) *party {
	inQuote := from < len(r.us) && r.quoted[max(from, 0)]
	eligible := func(i int) *party {
		u := r.us[i]
		// Not the object of a preposition or a verb: "calling Trump his
		// friend, meeting with him" is Cruz's meeting.
		if r.quoted[i] != inQuote || r.objectPlace(i) || possessives[r.low(i-1)] || possessives[r.low(i-2)] && r.us[i-1].kind == wordUnit ||
			r.low(i-1) == "in" || r.low(i-1) == "at" {
			return nil // nor a name after "his": "invoked his 5th Amendment rights"
		}
		if u.kind == partyUnit && u.party.kind != countryParty && u.party.kind != otherParty || u.low == "he" || u.low == "she" {
			if p, end := r.partyAt(i); p != nil && r.low(end) != "'s" {
				return p
			}
		}
		return nil
	}
	if !r.opensSentence(from) {
		// The nearest subject before the phrase: "whether Clinton perjured
		// herself while testifying"; none when the writer or the reader is
		// the subject ("I did that over breakfast with").
		for i := from - 1; i >= 0; i-- {
			if firstOrSecondPerson[r.low(i)] && r.quoted[i] == inQuote {
				return nil
			}
			if p := eligible(i); p != nil {
				return p
			}
		}
		return nil
	}
	for i := to; i < len(r.us); i++ {
		if p := eligible(i); p != nil {
			return p
		}
	}
	return nil
}

// possessives stand before a noun, never before a subject.
var possessives = setOf("his", "her", "their", "its", "my", "our", "your")

// firstOrSecondPerson are the subjects a participle or phrase may have
// that name nobody in the article.
var firstOrSecondPerson = setOf("i", "we", "you", "i've", "i'd", "we've")

// opensSentence reports whether the phrase at unit i comes before the
// main clause's subject: no person, organisation or subject pronoun stands
// before it ("After meeting", "In New York, after meeting", "Emerging
// from a meeting with").
func (r *reader) opensSentence(i int) bool {
	for k := 0; k < i; k++ {
		u := r.us[k]
		if u.kind == partyUnit && u.party.kind != countryParty && u.party.kind != otherParty {
			return false
		}
		if u.kind == wordUnit && (pronounGender[u.low] != 0 || firstOrSecondPerson[u.low] || u.low == "they" || u.low == "it") {
			return false
		}
	}
	return true
}
