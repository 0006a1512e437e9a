package brief

// People: the cast of an article, each person with the fullest form of the
// name, a role and every mention.

import (
	"slices"
	"sort"
	"strings"
)

// person is someone the article names.
type person struct {
	name    string   // fullest form: "Vladimir Putin"
	role    string   // "Russian President", "Chinese Foreign Minister", "" if none
	aliases []string // other forms seen: "Putin", "President Putin"

	gender   byte // 'm', 'f' or 0 when unknown
	first    int  // byte offset of the first mention
	count    int  // number of mentions
	titled   bool // a title or role came with a mention (prefix, not appositive)
	appRole  string
	evidence int // signs that the name is a person's
}

// mention is one place a person is named in the text, byte offsets into
// doc.text. The span covers the name, not the title before it.
type mention struct {
	p          *person
	start, end int
}

// cast is the people of one article, and the organisations that may speak.
type cast struct {
	people   []*person
	mentions []mention // sorted by start
	orgs     []org     // sorted by start
	loose    []org     // capitalised names not known to be a person's, sorted by start
}

// candidate is a name found in the text before it is known to be a person's.
type candidate struct {
	name     string
	chunks   []*chunk
	evidence int
	gender   [2]int // male, female votes
	first    int
}

// findPeople finds the people an article names, with their roles and
// every mention, from capitalisation, the words around names and word
// lists.
func findPeople(d *doc) *cast {
	cs := collectCandidates(d)
	cst, byName := admitPeople(d, cs)
	cst.attachMentions(cs, byName)
	cst.orgs = cs.orgs
	cst.guessGender(d)
	return cst
}

// candidates are the capitalised runs of an article that may name people,
// grouped by name in order of first appearance.
type candidates struct {
	all    []*chunk
	byName map[string]*candidate
	order  []string
	orgs   []org
}

// collectCandidates gathers the runs that may be names, outside headlines,
// with the evidence each gives: a title, an appositive, a speech verb, a
// gendered word.
func collectCandidates(d *doc) candidates {
	cs := candidates{byName: map[string]*candidate{}}
	for si := range d.sents {
		if headlineCase(d, si) {
			continue
		}
		cks := chunks(d, si)
		for ci := 0; ci < len(cks); ci++ {
			c := cks[ci]
			if ci+1 < len(cks) {
				if o, ok := joinedOrg(d, &c, &cks[ci+1]); ok {
					cs.orgs = append(cs.orgs, o)
					ci++
					continue
				}
			}
			if placeBeforePlural(d, &c) {
				continue // "Capitol Hill officials said": no one is named
			}
			if notPerson(&c) {
				if n := orgName(&c); n != "" {
					last := c.toks[len(c.toks)-1]
					cs.orgs = append(cs.orgs, org{name: n, start: c.toks[0].start, end: last.start + len(stripPossessive(last.text))})
				}
				continue
			}
			cs.all = append(cs.all, &c)
			n := c.name()
			k, ok := cs.byName[n]
			if !ok {
				k = &candidate{name: n, first: c.toks[c.nameFrom].start}
				cs.byName[n] = k
				cs.order = append(cs.order, n)
			}
			k.add(&c)
		}
	}
	return cs
}

// add counts one more run of the candidate's name and what it says.
func (k *candidate) add(c *chunk) {
	k.chunks = append(k.chunks, c)
	if c.role != "" || c.honorific != 0 || c.titled {
		k.evidence += 2
	}
	if c.appositive != "" {
		k.evidence += 2
	}
	if c.speech {
		k.evidence++
	}
	switch c.honorific {
	case 'm':
		k.gender[0] += 3
	case 'f':
		k.gender[1] += 3
	}
	for _, w := range strings.Fields(strings.ToLower(c.role + " " + c.appositive)) {
		if maleWords[w] {
			k.gender[0]++
		} else if femaleWords[w] {
			k.gender[1]++
		}
	}
}

// admitPeople decides which candidates are people. Multi-word names are
// people when something in the text says so (a title, a role, a speech
// verb, the surname alone with one of those) or, failing that, when they
// open with a given name learned from the training articles. Single words
// are people when they are not part of someone named in full and a title
// or a speech verb came with them.
func admitPeople(d *doc, cs candidates) (*cast, map[string]*person) {
	cst := &cast{}
	byName := map[string]*person{}
	admit := func(k *candidate) {
		p := &person{name: k.name, first: k.first, evidence: k.evidence}
		byName[k.name] = p
		cst.people = append(cst.people, p)
	}
	for _, n := range cs.order {
		k := cs.byName[n]
		if !strings.Contains(n, " ") {
			continue
		}
		if k.evidence == 0 {
			switch {
			case surnameEvidence(cs.byName, n):
				k.evidence++
			case !givenNames[strings.Fields(n)[0]] && !cueGivenNames[strings.Fields(n)[0]] || notPersonHead(n):
				continue
			}
		}
		admit(k)
	}
	for _, n := range cs.order {
		k := cs.byName[n]
		if strings.Contains(n, " ") || len(matchPart(cst.people, n)) > 0 {
			continue
		}
		if k.evidence == 0 || namesAPlace(d.text, n) || !k.titledOrNamed() && (afterPlaceWord(d.text, n) || d.shownAsPlace(n)) {
			continue
		}
		admit(k)
	}
	return cst, byName
}

// placeBeforePlural reports whether a run that names a place or a body
// ("Capitol Hill", "Downing Street", "Kenya") stands before a plural
// noun of people ("officials", "sources", "lawmakers"): it then says where
// those people are from, and names no one.
func placeBeforePlural(d *doc, c *chunk) bool {
	last := c.toks[len(c.toks)-1]
	if isPossessive(last.text) {
		return false
	}
	n := c.name()
	if !notPersonHead(n) && !(len(c.toks)-c.nameFrom == 1 && isPlace(n)) {
		return false
	}
	rest := d.text[last.end:]
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	next := strings.TrimRight(nextWord(rest), ",.;:")
	return !capitalised(next) && pluralOfPeople(strings.ToLower(next))
}

// pluralOfPeople reports whether w is a plural noun of people: a role's
// ("officials", "aides") or a group's ("sources", "residents").
func pluralOfPeople(w string) bool {
	if peopleGroups[w] {
		return true
	}
	one, ok := strings.CutSuffix(w, "s")
	return ok && roleNouns[one]
}

// peopleGroups are plural nouns of people that roleNouns do not give.
var peopleGroups = setOf("sources", "lawmakers", "residents", "staffers", "insiders", "authorities",
	"police", "workers", "voters", "investigators", "officers", "people", "staff", "aides")

// thingHeads end the names of places, buildings, prizes and laws, which a
// given name may open: "Jade Palace", "Grace Park".
var thingHeads = setOf("palace", "hill", "park", "road", "avenue", "hall", "castle", "tower",
	"bridge", "lake", "mountain", "beach", "stadium", "arena", "building", "cathedral", "station",
	"hotel", "gardens", "lane", "place", "museum", "gallery", "theatre", "theater", "mall", "prize",
	"award", "act", "bill", "law", "day", "memorial", "library", "centre", "center", "field")

// notPersonHead reports whether a name ends in a word that closes the
// names of places, things or bodies rather than people's.
func notPersonHead(n string) bool {
	fs := strings.Fields(n)
	last := key(fs[len(fs)-1])
	return thingHeads[last] || placeNouns[last] || orgHeads[last]
}

// attachMentions places every run that names a person as a mention of
// them, gathering on the way their aliases, role and gender.
func (cst *cast) attachMentions(cs candidates, byName map[string]*person) {
	counts := map[*person]int{}
	for _, c := range cs.all {
		n := c.name()
		p := byName[n]
		if p == nil {
			p = cst.pick(matchPart(cst.people, n), c.toks[c.nameFrom].start)
		}
		start, end := c.nameSpan()
		if p == nil {
			cst.loose = append(cst.loose, org{name: n, start: start, end: end})
			continue
		}
		cst.mentions = append(cst.mentions, mention{p: p, start: start, end: end})
		counts[p]++
		p.learn(c, cs.byName[n])
	}
	for _, p := range cst.people {
		p.count = counts[p]
		if p.role == "" && p.appRole != "" {
			p.role = p.appRole
		}
	}
	sort.SliceStable(cst.mentions, func(i, j int) bool { return cst.mentions[i].start < cst.mentions[j].start })
}

// learn takes from one mention of p the forms of the name, the role and
// the gender it shows; k is the candidate of the mention's own name, if any.
func (p *person) learn(c *chunk, k *candidate) {
	n := c.name()
	full := strings.TrimSpace(c.role + " " + n)
	if c.honorific != 0 {
		full = strings.TrimSpace(strings.Join(tokTexts(c.toks), " "))
	}
	for _, a := range []string{n, full} {
		if a != p.name && !slices.Contains(p.aliases, a) {
			p.aliases = append(p.aliases, a)
		}
	}
	if c.role != "" && !c.lowerRole || c.role != "" && !p.titled {
		if better(c.role, p.role, p.titled) {
			p.role = c.role
		}
		p.titled = true
	}
	if c.appositive != "" && !isAge(c.appositive) && (p.appRole == "" || len(c.appositive) < len(p.appRole)) {
		p.appRole = c.appositive
	}
	if k != nil && p.gender == 0 {
		switch {
		case k.gender[0] > k.gender[1]:
			p.gender = 'm'
		case k.gender[1] > k.gender[0]:
			p.gender = 'f'
		}
	}
}

// titledOrNamed reports whether a title, an honorific, a role or an
// appositive came with some mention of the candidate, not only a verb of
// saying.
func (k *candidate) titledOrNamed() bool {
	for _, c := range k.chunks {
		if c.role != "" || c.honorific != 0 || c.titled || c.appositive != "" {
			return true
		}
	}
	return false
}

// afterPlaceWord reports whether a lone capitalised word follows, somewhere
// in text, a preposition or noun that places take: "lives in Telford",
// "a source at Whitemoor", "Cambridgeshire jail Whitemoor".
func afterPlaceWord(text, w string) bool {
	for at := range occurrences(text, w) {
		if end := at + len(w); end < len(text) && isWordByte(text[end]) {
			continue
		}
		before := strings.Fields(text[max(0, at-16):at])
		if len(before) == 0 || !strings.HasSuffix(text[:at], " ") {
			continue
		}
		switch strings.ToLower(before[len(before)-1]) {
		case "in", "at", "near", "outside", "inside", "jail", "prison", "town", "village", "city":
			return true
		}
	}
	return false
}

// shownAsPlace reports whether the article shows a lone capitalised word
// to be a town's name elsewhere, so that "..., said Nairobi" makes no
// speaker of it: the dateline opens with it in capitals ("NAIROBI, Kenya
// —"), a country or a region follows it after a comma ("Nairobi, Kenya",
// "Dayton, Ohio"), a place noun comes before it ("the capital Nairobi",
// "the city of Nairobi"), or it is the base of something ("Nairobi-based").
func shownAsPlace(text, w string) bool {
	if lead := text[:min(len(text), 160)]; strings.HasPrefix(strings.TrimLeft(lead, " \n"), strings.ToUpper(w)+",") {
		return true
	}
	for at := range occurrences(text, w) {
		end := at + len(w)
		if at > 0 && isWordByte(text[at-1]) || end < len(text) && isWordByte(text[end]) {
			continue
		}
		rest := text[end:]
		if strings.HasPrefix(rest, "-based") {
			return true
		}
		if after, ok := strings.CutPrefix(rest, ", "); ok {
			next := strings.Fields(after[:min(len(after), 40)])
			for n := min(2, len(next)); n >= 1; n-- {
				region := strings.TrimRight(strings.Join(next[:n], " "), ",.;:")
				if capitalised(region) && (isPlace(region) || usStateNames[strings.ToLower(region)]) {
					return true
				}
			}
		}
		before := strings.Fields(text[max(0, at-16):at])
		if len(before) > 0 && strings.HasSuffix(text[:at], " ") {
			switch strings.ToLower(before[len(before)-1]) {
			case "capital", "city", "town", "village", "suburb", "port":
				return true
			case "of":
				if len(before) > 1 && placeNouns[strings.ToLower(before[len(before)-2])] {
					return true
				}
			}
		}
	}
	return false
}

// usStateNames are the US states by their full names, which follow a town
// after a comma: "Dayton, Ohio".
var usStateNames = setOf("alabama", "alaska", "arizona", "arkansas", "california", "colorado",
	"connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
	"kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
	"mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
	"new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
	"pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
	"vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming")

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// surnameEvidence reports whether the last word of a multi-word name
// appears alone with a title or a speech verb elsewhere: "Mr. Baer".
func surnameEvidence(cands map[string]*candidate, n string) bool {
	fs := strings.Fields(n)
	k := cands[fs[len(fs)-1]]
	return k != nil && k.evidence > 0
}

// in returns the mentions inside sentence s.
func (c *cast) in(s *sentence) []mention {
	if c == nil {
		return nil
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= s.start })
	j := i
	for j < len(c.mentions) && c.mentions[j].end <= s.end {
		j++
	}
	return c.mentions[i:j]
}

// mentionsIn returns the mentions lying wholly inside [start, end).
func (c *cast) mentionsIn(start, end int) []mention {
	if c == nil {
		return nil
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= start })
	j := i
	for j < len(c.mentions) && c.mentions[j].start < end {
		j++
	}
	out := c.mentions[i:j]
	for len(out) > 0 && out[len(out)-1].end > end {
		out = out[:len(out)-1]
	}
	return out
}
