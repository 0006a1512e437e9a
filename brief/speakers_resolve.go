package brief

// Resolving a speaker candidate that is not a name to whom it stands for:
// a pronoun to the person it refers back to, a role noun ("the minister")
// to the person holding the role, a body noun ("the newspaper") to the
// organisation named before.

import (
	"sort"
	"strings"
)

// prevSpeaker returns the person quoted last, when that was in this
// paragraph or the one before and the gender fits.
func (sc *scene) prevSpeaker(q *quoteInfo, g byte) *person {
	if q.prev.name == "" || q.prevParas > 1 {
		return nil
	}
	if p := sc.personNamed(q.prev.name); p != nil && (p.gender == 0 || p.gender == g) {
		return p
	}
	return nil
}

// resolvePronoun returns the person "he" or "she" at token i stands for:
// the first person of the right gender named outside quotations earlier in
// its sentence, else the first one named in the nearest sentence before
// that names one, up to eight sentences back. Names that cannot be a
// sentence's subject are passed over: "Mr Foley's murder", "to Clinton".
// It returns the sentence where the person was found too, -1 with none.
func (sc *scene) resolvePronoun(i int, g byte) (*person, int) {
	fits := func(p *person) bool { return p.gender == 0 || p.gender == g }
	si := sc.sentOf[i]
	for s := si; s >= 0 && s >= si-8; s-- {
		end := sc.d.sents[s].end
		if s == si {
			end = sc.toks[i].start
		}
		for _, m := range sc.c.mentionsIn(sc.d.sents[s].start, end) {
			k := sc.tokenAt(m.start)
			last := max(k, sc.tokenAt(m.end)-1)
			if sc.quoted[k] || !fits(m.p) || isPossessive(sc.toks[last].text) || sc.objectAt(k) {
				continue
			}
			return m.p, s
		}
	}
	return nil, -1
}

// objectAt reports whether the name at token i follows a preposition or a
// verb of address, so that it is spoken to or of, not speaking.
func (sc *scene) objectAt(i int) bool {
	switch sc.key(i - 1) {
	case "to", "told", "asked", "with", "of", "for", "about", "at", "from", "against", "on", "by",
		"than", "like", "as", "in", "between", "under", "and", "thanked", "urged":
		return true
	}
	return false
}

// resolveNoun returns the person a role noun phrase refers to: "the
// minister" is the last person before it whose role holds "minister".
// Indefinite phrases ("a spokesman") refer to nobody named.
func (sc *scene) resolveNoun(k candKind, first, head int) *person {
	if k != candRole {
		return nil
	}
	if strings.TrimSpace(sc.gap(head)) == "," && head+1 < len(sc.toks) {
		// "The officer, Darren Wilson, said": described first, named after.
		at := sc.toks[head+1].start
		if ms := sc.c.mentionsIn(at, at+maxNameLen); len(ms) > 0 && ms[0].start == at {
			return ms[0].p
		}
	}
	switch sc.key(first) {
	case "the", "this", "that":
	default:
		return nil
	}
	noun := sc.key(head)
	ms := sc.c.mentionsIn(0, sc.toks[first].start)
	for k := len(ms) - 1; k >= 0 && k >= len(ms)-maxLookBack; k-- {
		if hasWord(strings.ToLower(ms[k].p.role), noun) && !sc.quoted[sc.tokenAt(ms[k].start)] {
			return ms[k].p
		}
	}
	return nil
}

// maxNameLen bounds the bytes of one mention of a name.
const maxNameLen = 80

// maxLookBack bounds how many mentions back a noun or pronoun is resolved,
// so that a long text costs time in proportion to its length.
const maxLookBack = 200

// orgsIn returns the names in os, sorted by start, that start in [from, to).
func orgsIn(os []org, from, to int) []org {
	i := sort.Search(len(os), func(i int) bool { return os[i].start >= from })
	j := i
	for j < len(os) && os[j].start < to {
		j++
	}
	return os[i:j]
}

// resolveBody returns the organisation "the newspaper" or "the company"
// refers to: the last one named before it whose name fits the noun.
func (sc *scene) resolveBody(first, head int) speaker {
	if sc.key(first) != "the" {
		return speaker{}
	}
	noun := sc.key(head)
	os := orgsIn(sc.c.orgs, 0, sc.toks[first].start)
	for k := len(os) - 1; k >= 0 && k >= len(os)-maxLookBack; k-- {
		if bodyFits(noun, os[k].name) {
			return speaker{name: sc.c.fullOrg(os[k])}
		}
	}
	return speaker{}
}

// bodyFits reports whether an organisation's name fits the noun that
// refers back to it: "the newspaper" to "The Washington Post".
func bodyFits(noun, name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	last := ws[len(ws)-1]
	switch noun {
	case "newspaper", "paper", "publication", "tabloid", "daily":
		return last == "times" || last == "post" || last == "journal" || last == "tribune" ||
			last == "herald" || last == "gazette" || last == "daily" || last == "mail" ||
			last == "telegraph" || last == "guardian" || last == "independent" || last == "express" ||
			last == "observer" || last == "sun" || last == "news"
	case "network", "channel", "broadcaster", "station", "outlet":
		return last == "news" || last == "cnn" || last == "bbc" || last == "msnbc" || last == "fox" ||
			last == "abc" || last == "nbc" || last == "cbs" || last == "network" || last == "channel"
	case "company", "firm":
		return last == "inc" || last == "corp" || last == "company" || last == "corporation" ||
			last == "group" || last == "ltd" || last == "llc" || last == "holdings" || last == "industries"
	}
	for _, w := range ws {
		if w == noun {
			return true
		}
	}
	return false
}
