package brief

import (
	"slices"
	"strings"
)

// Sides: who stands on either side of a meeting word. The reader
// reads the units left of a verb for its subject ("Putin and Xi met") and
// right of it for the other side ("met with Lavrov and Wang"), stepping
// over roles, appositives, manner and time words.

// skipAppositive steps over ", a role phrase," after a party at i: "Sergei
// Lavrov, Russia's foreign minister, and ...". It returns i when there is
// none.
func (r *reader) skipAppositive(i int) int {
	if r.low(i) != "," {
		return i
	}
	j := i + 1
	role := false
	for j < len(r.us) && j-i < 12 {
		u := r.us[j]
		if u.low == "," || u.low == ";" || u.low == "." || u.low == ")" {
			break
		}
		if meetVerbs[u.low].preps != nil || speechVerbs[u.low] || u.low == "who" || u.low == "which" {
			return i
		}
		if r.namesRole(j) {
			role = true
		}
		j++
	}
	if !role || j >= len(r.us) || r.low(j) != "," {
		return i
	}
	return j
}

// sideAfter reads the side that follows a meeting word ending before unit
// i: manner and time words, then one of preps ("with", "to"; "-" allows a
// direct object), then parties joined by "and" and commas.
func (r *reader) sideAfter(i int, preps []string) ([]*party, int) {
	i = r.skipManner(i)
	w := r.low(i)
	switch {
	case slices.Contains(preps, w):
		i++
	case slices.Contains(preps, "-"):
	default:
		return nil, i
	}
	return r.side(i)
}

// side reads parties joined by "and", commas, "as well as": the side that
// starts at unit i, with roles and appositives stepped over.
func (r *reader) side(i int) ([]*party, int) {
	if leaders, end := r.leadersOf(i); leaders != nil {
		return leaders, end
	}
	var out []*party
	for i < len(r.us) {
		i = r.skipQuantifier(i)
		j := r.roledPerson(i)
		if j < 0 && r.low(i) == "the" && i+1 < len(r.us) && r.us[i+1].kind == partyUnit {
			j = i + 1 // "before the Senate Banking Committee"
		}
		if j < 0 {
			j = i
			for j < len(r.us) && r.roleWord(j) && !(r.us[j].kind == wordUnit && r.us[j].low == "her") {
				j++
			}
		}
		if j > 0 && familyWords[r.low(j-1)] {
			break // "greeted by wife Samantha": a private meeting
		}
		p, end := r.partyAt(j)
		if p == nil && j > i {
			p, end = r.partyAt(i) // "the president", "his counterpart, X"
		}
		if p == nil && len(out) == 0 {
			// "officials from the Dravian government, including Luka Varga"
			if k := r.includingAfter(i); k > i {
				i = k
				continue
			}
		}
		if p == nil {
			break
		}
		out = appendParty(out, p)
		i = r.skipAppositive(end)
		// "Putin and Xi", "Abe, Park and Obama", "Reid, including Pelosi"
		n := i
		if r.low(n) == "," {
			n++
		}
		switch r.low(n) {
		case "and", "&", "plus", "including":
			n++
		case "as":
			if r.low(n+1) == "well" && r.low(n+2) == "as" {
				n += 3
			}
		default:
			// A bare comma joins only inside a list that ends in "and":
			// "met Abe, Park and Xi", not "met Abe, Park said".
			if n == i || !r.startsParty(n) || !r.listEndsInAnd(n) {
				return out, i
			}
		}
		if !r.startsParty(n) {
			return out, i
		}
		i = n
	}
	return out, i
}

// leadersOf reads "the leaders of France, Brazil, China and India" at
// unit i: the office-holder of each, "the leader of France" and so on. It
// returns nil when no such phrase stands there.
func (r *reader) leadersOf(i int) ([]*party, int) {
	noun := strings.TrimSuffix(r.low(i+1), "s")
	if r.low(i) != "the" || noun == r.low(i+1) || !roleNouns[noun] || r.low(i+2) != "of" {
		return nil, i
	}
	var out []*party
	j := i + 3
	for j < len(r.us) && r.us[j].kind == partyUnit && r.us[j].party.kind != personParty {
		if p := r.c.leaderOf(r.us[j].low); p != nil {
			out = append(out, &party{kind: personParty, p: p}) // "the leader of France": Hollande
		} else {
			out = append(out, &party{kind: officeParty, name: "the " + noun + " of " + r.us[j].text})
		}
		j++
		if r.low(j) == "," && r.low(j+1) == "and" {
			j++
		}
		if r.low(j) != "," && r.low(j) != "and" || j+1 >= len(r.us) || r.us[j+1].kind != partyUnit {
			break
		}
		j++
	}
	if len(out) < 2 {
		return nil, i
	}
	return out, j
}

func isMeetWord(w string) bool {
	_, v := meetVerbs[w]
	return v || isMeetNoun(w)
}

// includingAfter returns the unit after ", including" when a group with
// no name of its own ("officials from the government") is followed by the
// names of some of its members; i when there is none.
func (r *reader) includingAfter(i int) int {
	for k := i; k < len(r.us) && k < i+8; k++ {
		w := r.low(k)
		if w == "," && r.low(k+1) == "including" && r.startsParty(k+2) {
			return k + 2
		}
		if w == "," || w == "." || clauseBreaks[w] || isMeetWord(w) || r.us[k].kind == partyUnit && r.us[k].party.kind == personParty {
			return i
		}
	}
	return i
}

// listEndsInAnd reports whether the parties from unit i on, joined by
// commas, end in "and" or "or" before another party.
func (r *reader) listEndsInAnd(i int) bool {
	for n := 0; i < len(r.us) && n < 30; n++ {
		u := r.us[i]
		switch {
		case u.low == "and" || u.low == "or" || u.low == "&":
			return r.startsParty(i + 1)
		case u.low == "," || u.kind == partyUnit || u.kind == roleUnit || r.roleWord(i):
			i++
		default:
			return false
		}
	}
	return false
}

// startsParty reports whether a party, maybe after role words, starts at i.
func (r *reader) startsParty(i int) bool {
	if r.roledPerson(i) >= 0 {
		return true
	}
	for i < len(r.us) && r.roleWord(i) {
		i++
	}
	p, _ := r.partyAt(i)
	return p != nil
}

// sideBefore reads the subject that ends right before unit i: manner and
// time words, an appositive or a relative "who", then parties joined by
// "and" and commas. It returns the index of the subject's first unit.
func (r *reader) sideBefore(i int) ([]*party, int) {
	if r.low(i-1) == ")" {
		// "Osei (left) met", "Osei and Varga (pictured) met"
		for j := i - 2; j >= 0 && j >= i-5; j-- {
			if r.low(j) == "(" {
				if pictureWords[r.low(j+1)] {
					i = j
				}
				break
			}
		}
	}
	if r.low(i-1) == "," {
		// "Varga, meanwhile, met", "Varga, who took office in May, met":
		// the aside first, before its time words are read as the verb's.
		if r.low(i-3) == "," && asideWords[r.low(i-2)] {
			i -= 3
		} else if j := r.pictureAsideBack(i - 1); j != i-1 {
			i = j + 1
		} else if j := r.skipAppositiveBack(r.skipRelativeBack(r.skipTripBack(i - 1))); j != i-1 {
			i = j + 1
		}
	}
	i = r.skipMannerBack(i - 1)
	if i < 0 {
		return nil, 0
	}
	if pair, start := r.theTwo(i); pair != nil {
		return pair, start
	}
	// "Suu Kyi, who had breakfast with": the relative's antecedent; "Bob
	// Corker, a Tennessee Republican who has met": past the appositive.
	if w := r.low(i); (w == "who" || w == "which" || w == "that") && r.low(i-1) == "," {
		i = r.skipAppositiveBack(i - 2)
	} else if w == "who" {
		i = r.antecedentBeforeAppositive(i - 1)
	} else {
		i = r.skipAppositiveBack(r.skipRelativeBack(r.skipTripBack(i)))
	}
	var out []*party
	first := i + 1
	sawAnd := false
	for i >= 0 {
		p, start := r.partyEndingAt(i)
		if p == nil {
			break
		}
		out = append([]*party{p}, out...)
		first = start
		i = start - 1
		for i >= 0 && r.roleWord(i) {
			i--
		}
		// "Putin and Xi", "Abe, Park and Obama"; a comma alone joins only
		// ahead of an "and": "Against Clinton, Trump met" is one subject.
		switch w := r.low(i); {
		case w == "and" || w == "&" || w == "," && sawAnd:
			sawAnd = sawAnd || w != ","
			j := i - 1
			if r.low(j) == "," {
				j--
			}
			if q, _ := r.partyEndingAt(r.skipAppositiveBack(j)); q == nil {
				return out, first
			}
			i = r.skipAppositiveBack(j)
		default:
			return out, first
		}
	}
	return out, first
}

// antecedentBeforeAppositive returns the unit before ", a role phrase"
// that ends at unit i ("Corker, a Tennessee Republican"), or i when the
// words before are no such appositive.
func (r *reader) antecedentBeforeAppositive(i int) int {
	for j := i; j >= 0 && i-j < 10; j-- {
		w := r.low(j)
		if w == "," {
			if j > 0 && r.us[j-1].kind == partyUnit {
				return j - 1
			}
			return i
		}
		if r.us[j].kind == partyUnit && r.us[j].party.kind == personParty || clauseBreaks[w] || w == "." || isMeetWord(w) {
			return i
		}
	}
	return i
}

// partyEndingAt returns the party whose last unit is i, and its first
// unit: a party unit or a pronoun ("he", "she"), with the possessive of an
// office ("Iran 's foreign minister") read forward.
func (r *reader) partyEndingAt(i int) (*party, int) {
	if i < 0 {
		return nil, i
	}
	u := r.us[i]
	switch {
	case u.kind == wordUnit && agentNouns[u.low]:
		// "Patriot Coal's executives and advisers met": Patriot Coal's side.
		k := i
		for k-2 >= 0 && (r.low(k-1) == "and" || r.low(k-1) == ",") && agentNouns[r.low(k-2)] {
			k -= 2
		}
		if r.low(k-1) == "'s" && k >= 2 && r.us[k-2].kind == partyUnit {
			return r.us[k-2].party, k - 2
		}
		return nil, i
	case u.kind == wordUnit && bodyNouns[u.low] && r.low(i-1) == "the":
		// "the committee interviewed": the committee named before.
		if p, end := r.description(i - 1); p != nil && end == i+1 {
			return p, i - 1
		}
		return nil, i
	case u.kind == partyUnit:
		// "President Amara Osei of Kelmar welcomed": Osei, not Kelmar.
		if u.party.kind != personParty && r.low(i-1) == "of" && i >= 2 && r.us[i-2].kind == partyUnit && r.us[i-2].party.kind == personParty {
			return r.us[i-2].party, i - 2
		}
		p, _ := r.partyAt(i)
		if p == nil || r.low(i+1) == "'s" {
			return nil, i
		}
		return p, i
	case u.low == "he" || u.low == "she" || u.low == "i":
		p, _ := r.partyAt(i)
		return p, i
	case u.kind == roleUnit || u.kind == wordUnit && (roleNouns[strings.TrimSuffix(u.low, ".")] || titleWords[u.low]):
		// "the Mexican president met", "the President called": find where
		// the description starts.
		for k := i - 1; k >= 0 && i-k <= 5; k-- {
			w := r.low(k)
			if w == "the" || w == "his" || w == "her" || w == "its" || w == "'s" {
				if w == "'s" {
					k--
				}
				if p, end := r.description(k); p != nil && end == i+1 {
					return p, k
				}
				return nil, i
			}
			if !r.roleWord(k) {
				return nil, i
			}
		}
	}
	return nil, i
}

// skipRelativeBack steps left over ", which then managed the server," that
// ends at unit i, returning the unit before it, or i when there is none.
func (r *reader) skipRelativeBack(i int) int {
	if r.low(i) != "," {
		return i
	}
	for j := i - 1; j > 0 && i-j < 16; j-- {
		switch w := r.low(j); {
		case w == "," && (r.low(j+1) == "which" || r.low(j+1) == "who" || r.low(j+1) == "whose"):
			return j - 1
		case w == "," || w == ";" || w == "." || isQuoteMark(w) || clauseBreaks[w] && w != "said" && w != "told":
			return i
		}
	}
	return i
}

// asideWords stand alone between commas after a subject: "Varga,
// meanwhile, met".
var asideWords = setOf("meanwhile", "however", "too", "though", "also", "instead", "separately",
	"later", "earlier", "then", "therefore", "moreover", "nonetheless", "nevertheless", "reportedly")

// pictureWords open a photo aside: "(left)", ", pictured right,".
var pictureWords = setOf("pictured", "left", "right", "centre", "center", "above", "below", "top", "bottom", "inset", "l", "r", "c")

// pictureAsideBack steps left over ", pictured left," that ends at unit i,
// returning the unit before it, or i when there is none.
func (r *reader) pictureAsideBack(i int) int {
	for j := i - 1; j > 0 && j >= i-4; j-- {
		if r.low(j) == "," {
			if r.low(j+1) == "pictured" {
				return j - 1
			}
			return i
		}
		if !pictureWords[r.low(j)] {
			return i
		}
	}
	return i
}

// tripNouns name a journey an aside may place its subject on.
var tripNouns = setOf("visit", "trip", "tour", "stay", "stopover", "mission")

// skipTripBack steps left over ", on a visit to Kelmar," that ends at unit
// i, returning the unit before it, or i when there is none.
func (r *reader) skipTripBack(i int) int {
	if r.low(i) != "," {
		return i
	}
	for j := i - 1; j > 0 && i-j < 12; j-- {
		if r.low(j) != "," {
			continue
		}
		if w := r.low(j + 1); w != "on" && w != "during" && w != "after" {
			return i
		}
		for k := j + 2; k < i && k <= j+5; k++ {
			if tripNouns[r.low(k)] {
				return j - 1
			}
		}
		return i
	}
	return i
}

// skipAppositiveBack steps left over ", a role phrase," that ends at unit
// i, returning the unit before it, or i when there is none.
func (r *reader) skipAppositiveBack(i int) int {
	if r.low(i) != "," {
		return i
	}
	j := i - 1
	role := false
	for j >= 0 && i-j < 12 {
		u := r.us[j]
		if u.low == "," {
			break
		}
		if u.low == ";" || u.low == "." || meetVerbs[u.low].preps != nil || speechVerbs[u.low] {
			return i
		}
		if r.namesRole(j) || isAge(u.low) {
			role = true
		}
		j--
	}
	if !role || j < 0 {
		return i
	}
	return j - 1
}
