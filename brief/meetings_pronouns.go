package brief

import (
	"slices"
	"strings"
)

// Pronouns: who "he", "her" or "his" is in a meeting sentence. The
// nearest fitting person in the sentence, else in the sentences before,
// never the subject for an object pronoun, and silence when the names
// around contradict the pronoun.

// pronoun resolves the pronoun at unit i of gender g: the nearest person
// named before it in the sentence ("Reid told reporters that he had
// spoken to"), else the first named in the nearest
// sentence before that names one, leaving out the subjects already read.
// In a quotation only a person named earlier in the same quotation will
// do: "he" there is someone the speaker means.
func (r *reader) pronoun(i int, g byte) *person {
	later := r.laterInClause(i)
	fits := func(p *person, exact bool) bool {
		// p.gender is the people finder's: given names first (given_genders.go).
		return (p.gender == g || !exact && p.gender == 0) &&
			!slices.ContainsFunc(r.subjects, func(s *party) bool { return s.p == p }) && !slices.Contains(later, p)
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
	// A person known to fit in the sentences before wins over a nearer one
	// whose gender is unknown: "her testimony" after "Kerry" is Clinton's.
	for _, exact := range []bool{true, false} {
		for si := r.si - 1; si >= 0 && si >= r.si-8; si-- {
			for _, m := range r.c.in(&r.d.sents[si]) {
				// A known gender carries far only for a subject: "he"
				// three sentences after "defeating Donald Trump" is not
				// Trump.
				if fits(m.p, exact) && (!exact || si == r.si-1 || r.subjectLike(m.start)) {
					return m.p
				}
			}
		}
	}
	return nil
}

// subjectLike reports whether the mention at byte at stands where a
// subject does: first in its sentence or clause, after a comma or a
// joining word, not after a verb or a preposition.
func (r *reader) subjectLike(at int) bool {
	before := strings.TrimRight(r.d.text[:at], " \t\n\"“‘'")
	if before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ".") || strings.HasSuffix(before, ":") {
		return true
	}
	i := strings.LastIndexAny(before, " \t\n")
	w := before[i+1:]
	if w == "" || w[0] >= 'A' && w[0] <= 'Z' {
		return true // a title or a capitalised opener: "President Obama", "But Obama"
	}
	return subjectOpeners[w]
}

// subjectOpeners are the lower-case words a subject may follow.
var subjectOpeners = setOf("and", "but", "while", "when", "as", "that", "because", "since", "after",
	"before", "if", "though", "although", "whereas", "where", "until", "so", "then", "also", "said", "says")

// laterInClause returns the people named after a subject pronoun at unit
// i in its clause: "He met Ali" is not Ali.
func (r *reader) laterInClause(i int) []*person {
	if w := r.low(i); w != "he" && w != "she" {
		return nil
	}
	var out []*person
	for k := i + 1; k < len(r.us); k++ {
		if w := r.low(k); w == "," || w == "." || clauseBreaks[w] || w == "and" || w == "who" || w == "which" || w == "that" {
			break
		}
		if u := r.us[k]; u.kind == partyUnit && u.party.kind == personParty && u.party.p != nil {
			out = append(out, u.party.p)
		}
	}
	return out
}

// subjectBefore reports whether a person stands before unit i in its
// sentence in a subject's place (no preposition or verb before it), other
// than the subjects already read.
func (r *reader) subjectBefore(i int) bool {
	for k := i - 1; k >= 0; k-- {
		u := r.us[k]
		if u.kind == partyUnit && u.party.kind == personParty && !r.objectPlace(k) &&
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

// possessiveHer reports whether "her" at i is a determiner ("her
// counterpart") rather than an object ("met her").
func (r *reader) possessiveHer(i int) bool {
	if i+1 >= len(r.us) {
		return false
	}
	n := r.us[i+1]
	return n.kind == wordUnit && !joinWords[n.low] && !mannerWords[n.low] && !timeWords[n.low] && n.low != "in" && n.low != "at" || n.kind == roleUnit
}
