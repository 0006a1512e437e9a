package brief

import (
	"regexp"
	"slices"
	"strings"
)

// The argument reader: who stands on either side of a meeting word. It
// reads the units left of a verb for its subject ("Putin and Xi met") and
// right of it for the other side ("met with Lavrov and Wang"), stepping
// over roles, appositives, manner and time words.

// reader reads the units of one sentence.
type reader struct {
	d      *doc
	c      *cast
	si     int
	us     []unit
	quoted []bool // unit inside quotation marks
	// subjects already read: an object pronoun is someone else ("McConnell
	// met with her").
	subjects []*party
}

func newReader(d *doc, c *cast, si int) *reader {
	r := &reader{d: d, c: c, si: si, us: sentenceUnits(d, c, &d.sents[si])}
	r.quoted = quotedUnits(r.us)
	return r
}

// quotedUnits marks the units inside double quotation marks.
func quotedUnits(us []unit) []bool {
	out := make([]bool, len(us))
	in := false
	for i, u := range us {
		if u.kind == punctUnit {
			switch u.text {
			case "\"":
				in = !in
				continue
			case "“":
				in = true
				continue
			case "”":
				in = false
				continue
			}
		}
		out[i] = in
	}
	return out
}

func (r *reader) low(i int) string {
	if i < 0 || i >= len(r.us) {
		return ""
	}
	return r.us[i].low
}

// roleWord reports whether unit i is part of a role or a description
// standing before or after a name: "Chinese Foreign Minister", "visiting",
// "his Russian counterpart", "Senate Minority Leader".
func (r *reader) roleWord(i int) bool {
	u := r.us[i]
	if u.kind == roleUnit {
		return true
	}
	if u.kind != wordUnit {
		return false
	}
	w := strings.TrimSuffix(u.low, ".")
	return titleWords[w] || roleNouns[w] || roleModifiers[w] || nationality(w) || w == "visiting" ||
		w == "counterpart" || w == "counterparts" || w == "then" || strings.HasPrefix(w, "then-") || strings.HasPrefix(w, "ex-")
}

// partyAt returns the party unit i names, and the index after it: a party
// unit, a pronoun resolved, or an office-holder's description ("the
// Mexican president", "Iran's foreign minister").
func (r *reader) partyAt(i int) (*party, int) {
	if i < 0 || i >= len(r.us) {
		return nil, i
	}
	u := r.us[i]
	if u.kind == partyUnit {
		if (u.party.kind != personParty && collectiveNouns[r.low(i+1)] || r.low(i+1) == "campaign") && r.roledPerson(i) < 0 {
			// "the Texas delegation", "the Compaq board"
			start := u.start
			if r.low(i-1) == "the" {
				start = r.us[i-1].start
			}
			return &party{kind: orgParty, name: r.d.text[start:r.us[i+1].end]}, i + 2
		}
		if u.party.kind != personParty && (isMedia(u.low) || r.modifiesNoun(i)) || u.party.p != nil && isFirstPerson(strings.ToLower(u.party.p.name)) {
			return nil, i
		}
		if r.low(i+1) == "'s" && agentNouns[r.low(i+2)] {
			// "Arteta's representatives": his side of the talks
			return u.party, i + 3
		}
		// "Russia's foreign minister" is the minister, not Russia; "HP's
		// headquarters" is no party at all.
		if r.low(i+1) == "'s" {
			if p, end := r.description(i); p != nil {
				return p, end
			}
			return nil, i
		}
		return u.party, i + 1
	}
	if u.kind != wordUnit {
		return nil, i
	}
	if g, ok := pronounGender[u.low]; ok && u.low != "his" && u.low != "her" || u.low == "her" && !r.possessiveHer(i) {
		if p := r.pronoun(i, g); p != nil {
			return &party{kind: personParty, p: p}, i + 1
		}
		return nil, i
	}
	if u.low == "the" || u.low == "his" || u.low == "her" || u.low == "their" || u.low == "its" || u.low == "a" || u.low == "an" {
		return r.description(i)
	}
	return nil, i
}

// pronoun resolves the pronoun at unit i of gender g: the nearest person
// named before it in the sentence ("Reid told reporters that he had
// spoken to"), else the first named in the nearest
// sentence before that names one, leaving out the subjects already read.
// In a quotation only a person named earlier in the same quotation will
// do: "he" there is someone the speaker means.
func (r *reader) pronoun(i int, g byte) *person {
	fits := func(p *person, exact bool) bool {
		return (p.gender == g || !exact && p.gender == 0) && !slices.ContainsFunc(r.subjects, func(s *party) bool { return s.p == p })
	}
	// In each sentence, nearest first, a person whose gender is known to
	// fit wins over one whose gender is unknown ("her testimony" after
	// "John Kerry ... Hillary Clinton").
	for _, exact := range []bool{true, false} {
		for k := i - 1; k >= 0; k-- {
			u := r.us[k]
			// The object of a preposition is seldom what a later pronoun
			// means: "a meeting he had with Rubio, he also hosted".
			if u.kind != partyUnit || u.party.kind != personParty || r.quoted[i] && !r.quoted[k] || objectPrepositions[r.low(k-1)] {
				continue
			}
			if fits(u.party.p, exact) {
				return u.party.p
			}
			// "Clinton arrived ... where he met": the Clinton who is a he.
			if q := r.namesake(u.party.p, g); q != nil && fits(q, exact) && u.end-u.start < len(u.party.p.name) {
				return q
			}
		}
	}
	if r.quoted[i] || r.subjectBefore(i) {
		// A subject earlier in the sentence that does not fit means the
		// names are not what they seem ("Clinton arrived ... where he
		// met"): better silent than the wrong person.
		return nil
	}
	for si := r.si - 1; si >= 0 && si >= r.si-8; si-- {
		for _, exact := range []bool{true, false} {
			for _, m := range r.c.in(&r.d.sents[si]) {
				if fits(m.p, exact) {
					return m.p
				}
			}
		}
	}
	return nil
}

// subjectBefore reports whether a person stands before unit i in its
// sentence in a subject's place (no preposition or verb before it), other
// than the subjects already read.
func (r *reader) subjectBefore(i int) bool {
	for k := i - 1; k >= 0; k-- {
		u := r.us[k]
		if u.kind == partyUnit && u.party.kind == personParty && !objectPrepositions[r.low(k-1)] && !(k > 0 && r.us[k-1].kind == wordUnit && isVerbForm(r.low(k-1))) &&
			!slices.ContainsFunc(r.subjects, func(s *party) bool { return s.p == u.party.p }) {
			return true
		}
	}
	return false
}

// namesake returns another person of the article who shares p's surname
// and has gender g, when exactly one does.
func (r *reader) namesake(p *person, g byte) *person {
	fs := strings.Fields(p.name)
	if len(fs) < 2 {
		return nil
	}
	var found *person
	for _, q := range matchPart(r.c.people, fs[len(fs)-1]) {
		if q != p && q.gender == g {
			if found != nil {
				return nil
			}
			found = q
		}
	}
	return found
}

var objectPrepositions = setOf("with", "to", "for", "by", "of", "against", "about", "from", "on", "at", "than")

// modifiesNoun reports whether the name at unit i stands before a noun it
// qualifies: "Clinton Foundation donors", "Senate staff" name the donors
// and the staff, not the foundation or the Senate.
func (r *reader) modifiesNoun(i int) bool {
	if i+1 >= len(r.us) {
		return false
	}
	n := r.us[i+1]
	if n.kind != wordUnit || capitalised(n.text) {
		return false
	}
	w := n.low
	if chunkStops[w] || joinWords[w] || timeWords[w] || mannerWords[w] || speechVerbs[w] || isMeetWord(w) || w == "'s" || notNouns[w] ||
		lightVerbs[w] || motionVerbs[w] || commonVerbs[w] || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") ||
		strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || roleNouns[w] || titleWords[w] {
		return false
	}
	return r.roledPerson(i) < 0
}

// agentNouns act for the one whose possessive they follow: talks with
// "Arteta's representatives" are talks with Arteta's side.
var agentNouns = setOf("representatives", "representative", "agent", "agents", "lawyers", "lawyer",
	"attorneys", "attorney", "advisers", "advisors", "aides", "envoy", "envoys", "camp", "people",
	"negotiators", "delegation", "team", "officials")

// commonVerbs are irregular verb forms that follow a subject's name:
// "Rovers held talks", "NATO sent troops".
var commonVerbs = setOf("held", "had", "has", "made", "took", "gave", "sent", "went", "came", "saw",
	"won", "lost", "got", "put", "set", "kept", "left", "began", "brought", "bought", "sold",
	"paid", "led", "ran", "sat", "stood", "spoke", "wrote", "knew", "thought", "found", "felt",
	"became", "broke", "chose", "drew", "fell", "flew", "grew", "hid", "hit", "hung", "let",
	"meant", "rose", "sought", "struck", "swore", "taught", "threw", "understood", "woke", "can",
	"will", "would", "could", "should", "may", "might", "must", "shall", "do", "does", "did")

// notNouns are the prepositions and adverbs that may follow a name and
// that the stop lists leave out.
var notNouns = setOf("ahead", "regarding", "concerning", "amid", "toward", "towards", "behind",
	"beyond", "across", "along", "alongside", "following", "re", "earlier", "later", "together",
	"instead", "too", "either", "yet", "again", "first", "last", "this", "that", "who", "which",
	"whose", "where", "whom", "when", "as", "upon", "onto", "inside", "outside", "near", "past")

// possessiveHer reports whether "her" at i is a determiner ("her
// counterpart") rather than an object ("met her").
func (r *reader) possessiveHer(i int) bool {
	if i+1 >= len(r.us) {
		return false
	}
	n := r.us[i+1]
	return n.kind == wordUnit && !joinWords[n.low] && !mannerWords[n.low] && !timeWords[n.low] && n.low != "in" && n.low != "at" || n.kind == roleUnit
}

// description reads an office-holder described without a name, from unit
// i: a determiner or a possessor, role words ending in a role noun, maybe
// "of" an organisation. An appositive name after it wins ("the Russian
// foreign minister, Sergey Lavrov"); a bare "the president" is resolved
// to the person the article gives that role, or dropped.
func (r *reader) description(i int) (*party, int) {
	start := i
	j := i + 1
	qualified := false
	if r.us[i].kind == partyUnit { // "Russia 's foreign minister"
		j = i + 2
		qualified = true
	}
	noun := ""
	for adjectives := 0; j < len(r.us); j++ {
		w := strings.TrimSuffix(r.us[j].low, ".")
		if !r.roleWord(j) {
			// "a pro-Trump delegate candidate": adjectives, up to a few
			if adjectives >= 3 || r.us[j].kind != wordUnit || chunkStops[w] || joinWords[w] || isMeetWord(w) || speechVerbs[w] || timeWords[w] {
				break
			}
			adjectives++
			continue
		}
		if r.us[j].kind == roleUnit || nationality(w) {
			qualified = true
		}
		if lw := lastWord(w); roleNouns[lw] || titleWords[lw] {
			noun = lw
		}
	}
	for j > i+1 && !r.roleWord(j-1) { // end the description at its role noun
		j--
	}
	if r.low(start) == "a" || r.low(start) == "an" {
		// "a pro-Trump delegate candidate, Clara Powers": identifiable only
		// by the name that follows.
		if noun == "" {
			return nil, i
		}
		if j < len(r.us) && r.us[j].kind == partyUnit && r.us[j].party.kind == personParty {
			return r.us[j].party, j + 1
		}
		if p, end := r.appositive(j); p != nil {
			return p, end
		}
		return nil, i
	}
	if noun == "" && r.low(start) == "the" && bodyNouns[r.low(i+1)] {
		// "the panel": the committee the article named last.
		if name := r.lastBodyNamed(r.us[i].start); name != "" {
			return &party{kind: orgParty, name: name}, i + 2
		}
	}
	if familyWords[noun] && r.low(start) != "the" {
		return nil, i // a relative met is a private meeting: "met his wife, Ana"
	}
	if noun != "" && j < len(r.us) && r.us[j].kind == partyUnit && (r.us[j].party.kind == personParty || r.us[j].party.kind == otherParty) {
		return r.us[j].party, j + 1 // "Iraq's Prime Minister Haider al-Abadi", "his counterpart Han Min-koo"
	}
	if noun == "" || noun == "counterpart" && !r.appositiveName(j) {
		return nil, i
	}
	if (r.low(j) == "of" || r.low(j) == "for" || r.low(j) == "at") && j+1 < len(r.us) {
		k := j + 1
		if r.low(k) == "the" {
			k++
		}
		if k < len(r.us) && r.us[k].kind == partyUnit && r.us[k].party.kind != personParty {
			j = k + 1
			qualified = true
		}
	}
	if p, end := r.appositive(j); p != nil {
		return p, end
	}
	text := r.d.text[r.us[start].start:r.us[j-1].end]
	if p := r.c.officeHolder(r.d, r.us[start].start, noun, text); p != nil {
		return &party{kind: personParty, p: p}, j
	}
	if !qualified {
		return nil, i
	}
	return &party{kind: officeParty, name: text}, j
}

// bodyNouns refer back to a committee named before: "testified before
// the panel".
var bodyNouns = setOf("committee", "panel", "commission", "subcommittee")

// lastBodyNamed returns the last committee, commission or panel named in
// the article before byte at: "the House Select Committee on Benghazi".
func (r *reader) lastBodyNamed(at int) string {
	best := ""
	for _, loc := range reBodyName.FindAllStringIndex(r.d.text[:at], -1) {
		best = r.d.text[loc[0]:loc[1]]
	}
	return strings.TrimPrefix(best, "the ")
}

var reBodyName = regexp.MustCompile(`\b(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:Committee|Commission|Subcommittee|Panel)(?:\s+on\s+\p{Lu}[\p{L}-]*)?`)

// familyWords are relatives: meeting one is not a meeting in the news
// sense.
var familyWords = setOf("wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
	"family", "children", "girlfriend", "boyfriend", "fiancee", "fiancée", "fiance", "parents",
	"grandson", "granddaughter", "grandmother", "grandfather", "widow", "niece", "nephew", "cousin")

func lastWord(s string) string {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(fs[len(fs)-1]), ".")
}

// appositiveName reports whether a name follows at i after a comma.
func (r *reader) appositiveName(i int) bool {
	p, _ := r.appositive(i)
	return p != nil
}

// appositive reads ", Name" at unit i: the name given to a description.
func (r *reader) appositive(i int) (*party, int) {
	if r.low(i) != "," || i+1 >= len(r.us) {
		return nil, i
	}
	u := r.us[i+1]
	if u.kind == partyUnit && u.party.kind == personParty {
		end := i + 2
		if r.low(end) == "," {
			end++
		}
		return u.party, end
	}
	return nil, i
}

// namesRole reports whether unit i ends in a role noun or a title:
// "minister", "Foreign Minister", but not "Friday".
func (r *reader) namesRole(i int) bool {
	u := r.us[i]
	if u.kind != wordUnit && u.kind != roleUnit {
		return false
	}
	w := lastWord(u.low)
	return roleNouns[w] || titleWords[w]
}

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

// skipManner steps over manner and time words: "privately", "for two hours",
// "by phone", "on Tuesday".
func (r *reader) skipManner(i int) int {
	for i < len(r.us) {
		w := r.low(i)
		if (mannerWords[w] || timeWords[w]) && w != "to" && w != "with" && w != "in" && w != "at" && w != "by" && w != "on" && w != "for" && w != "the" && w != "a" && w != "an" {
			i++
			continue
		}
		// "by phone", "on Tuesday", "for two hours", "in person", "at length"
		if (w == "by" || w == "on" || w == "for" || w == "over" || w == "in" || w == "at") && i+1 < len(r.us) {
			n := r.low(i + 1)
			if n == "the" && i+2 < len(r.us) {
				n = r.low(i + 2)
			}
			if n == "phone" || n == "telephone" || n == "video" || timeWords[n] || n == "person" || n == "length" || n == "private" {
				i += 2
				for i < len(r.us) && (timeWords[r.low(i)] || r.low(i) == "phone" || r.low(i) == "telephone" || r.low(i) == "link") {
					i++
				}
				continue
			}
		}
		return i
	}
	return i
}

// side reads parties joined by "and", commas, "as well as": the side that
// starts at unit i, with roles and appositives stepped over.
func (r *reader) side(i int) ([]*party, int) {
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

// roledPerson returns the unit of a person named after role material that
// starts at i: titles, lower-case role words and an organisation that
// qualifies them ("European Union foreign policy chief Kaja Kallas",
// "Justice Department congressional liaison Peter Kadzik"). It returns -1
// when no person follows, or the role does not end right before the name.
func (r *reader) roledPerson(i int) int {
	for k := i; k < len(r.us) && k-i <= 7; k++ {
		u := r.us[k]
		switch {
		case u.kind == partyUnit && (u.party.kind == personParty || u.party.kind == otherParty && k > i):
			// "liaison Peter Kadzik", "actress Shailene Woodley"
			if k == i || r.roleWord(k-1) || r.us[k-1].kind == wordUnit && !capitalised(r.us[k-1].text) && !chunkStops[r.low(k-1)] && !familyWords[r.low(k-1)] {
				return k
			}
			return -1
		case r.roleWord(k), u.kind == partyUnit && r.low(k+1) != "'s" && r.low(k+1) != "and",
			u.kind == wordUnit && !capitalised(u.text) && !chunkStops[u.low] && !joinWords[u.low] && !timeWords[u.low] && !mannerWords[u.low] && !isMeetWord(u.low):
			continue
		}
		return -1
	}
	return -1
}

func isMeetWord(w string) bool {
	_, v := meetVerbs[w]
	return v || isMeetNoun(w)
}

// skipQuantifier steps over "half a dozen", "members of", "a group of"
// before a party.
func (r *reader) skipQuantifier(i int) int {
	start := i
	for n := 0; n < 4 && i < len(r.us); n++ {
		switch r.low(i) {
		case "half", "a", "dozen", "dozens", "several", "some", "two", "three", "four", "top", "other",
			"senior", "fellow", "members", "member", "group", "representatives", "officials", "of", "both":
			i++
			continue
		}
		break
	}
	if i > start && r.low(i-1) != "of" && r.low(i-1) != "dozen" && r.low(i-1) != "top" && r.low(i-1) != "senior" &&
		r.low(i-1) != "other" && r.low(i-1) != "both" && r.low(i-1) != "several" && r.low(i-1) != "fellow" {
		return start
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
	i = r.skipMannerBack(i - 1)
	if i < 0 {
		return nil, 0
	}
	// "Suu Kyi, who had breakfast with": the relative's antecedent; "Bob
	// Corker, a Tennessee Republican who has met": past the appositive.
	if w := r.low(i); (w == "who" || w == "which" || w == "that") && r.low(i-1) == "," {
		i = r.skipAppositiveBack(i - 2)
	} else if w == "who" {
		i = r.antecedentBeforeAppositive(i - 1)
	} else {
		i = r.skipAppositiveBack(i)
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
	case u.low == "he" || u.low == "she":
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

// skipMannerBack steps left over manner and time words from unit i and
// returns the first unit that is neither.
func (r *reader) skipMannerBack(i int) int {
	for i >= 0 {
		w := r.low(i)
		if mannerWords[w] && w != "to" && w != "with" && w != "by" && w != "in" || timeWords[w] || w == "on" || w == "also" || w == "not" || w == "n't" || w == "never" {
			i--
			continue
		}
		// ", on Tuesday," between the subject and the verb
		if w == "," && i > 0 && (timeWords[r.low(i-1)] || mannerWords[r.low(i-1)]) {
			i--
			continue
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
		if prev := r.low(i - 1); r.quoted[i] != inQuote || objectPrepositions[prev] || i > 0 && r.us[i-1].kind == wordUnit && isVerbForm(prev) {
			return nil
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
		// herself while testifying".
		for i := from - 1; i >= 0; i-- {
			if p := eligible(i); p != nil {
				return p
			}
		}
	}
	for i := to; i < len(r.us); i++ {
		if p := eligible(i); p != nil {
			return p
		}
	}
	return nil
}

// isVerbForm reports whether a lower-case word looks like a verb that
// takes an object: an -ing or -ed form or a common irregular one.
func isVerbForm(w string) bool {
	return commonVerbs[w] || lightVerbs[w] || isMeetWord(w) || speechVerbs[w] ||
		len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
}

// opensSentence reports whether only a preposition or a subordinator and
// the sentence's opening stand before unit i: "After meeting", "In a call".
func (r *reader) opensSentence(i int) bool {
	for k := 0; k < i; k++ {
		if u := r.us[k]; u.kind == partyUnit || u.low == "," {
			return false
		}
	}
	return true
}

func isMedia(low string) bool {
	for _, w := range strings.Fields(low) {
		if mediaWords[strings.Trim(w, ".,")] {
			return true
		}
	}
	return false
}

// appendParty adds p to ps unless ps holds the same party.
func appendParty(ps []*party, p *party) []*party {
	if p == nil || slices.ContainsFunc(ps, func(q *party) bool { return q.key() == p.key() }) {
		return ps
	}
	return append(ps, p)
}

// officeHolder returns the person the article gives a role to that a
// description names: "the president" is the person titled President
// named most recently before at; "the Mexican president" must carry
// "Mexican" (or "Mexico") in the role too. Nil when nobody fits.
func (c *cast) officeHolder(d *doc, at int, noun, description string) *person {
	var quals []string
	for _, w := range words(description) {
		if w == noun || w == "the" || w == "his" || w == "her" || w == "their" || w == "its" || w == "s" {
			continue
		}
		quals = append(quals, w)
	}
	fits := func(p *person) bool {
		if !hasWord(p.role, noun) {
			return false
		}
		role := strings.ToLower(p.role)
		for _, q := range quals {
			if roleModifiers[q] && q != "foreign" && q != "prime" && q != "vice" && q != "deputy" {
				continue
			}
			stem := q
			if len(q) > 5 {
				stem = q[:len(q)-3] // "mexican" and "mexico", "russian" and "russia"
			}
			if !strings.Contains(role, stem) {
				return false
			}
		}
		return true
	}
	var best *person
	bestAt := -1
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if m.start > bestAt && fits(m.p) {
			best, bestAt = m.p, m.start
		}
	}
	return best
}
