package brief

import (
	"regexp"
	"slices"
	"strings"
)

// Office-holders: a party named by description ("the Mexican president",
// "Iran's foreign minister", "the chief executive of Coca-Cola", "the
// panel"), resolved to the person or committee the article names when it
// can, kept as described when the description identifies someone.

// description reads an office-holder described without a name, from unit
// i: a determiner or a possessor, role words ending in a role noun, maybe
// "of" an organisation. An appositive name after it wins ("the Russian
// foreign minister, Sergey Lavrov"); a bare "the president" is resolved
// to the person the article gives that role, or dropped.
func (r *reader) description(i int) (*party, int) {
	ds := r.readDescription(i)
	switch {
	case r.low(i) == "a" || r.low(i) == "an":
		// "a pro-Trump delegate candidate, Clara Powers": identifiable
		// only by the name that follows.
		return r.nameAfterDescription(i, ds)
	case ds.noun == "" && r.low(i) == "the" && bodyNouns[r.low(i+1)]:
		// "the panel": the committee the article named last.
		if name := r.lastBodyNamed(r.us[i].start); name != "" {
			return &party{kind: orgParty, name: name}, i + 2
		}
		return nil, i
	case familyWords[ds.noun] && r.low(i) != "the":
		return nil, i // a relative met is a private meeting: "met his wife, Ana"
	case ds.noun == "counterpart" && !r.appositiveName(ds.end) && !r.nameFollows(ds.end):
		// "his Dravian counterpart": the one person of that country's
		// role.
		if p := r.c.ofNation(r.d.text[r.us[i].start:r.us[ds.end-1].end]); p != nil {
			return &party{kind: personParty, p: p}, ds.end
		}
		return nil, i
	case ds.noun == "":
		return nil, i
	}
	if r.nameFollows(ds.end) {
		return r.us[ds.end].party, ds.end + 1 // "Iraq's Prime Minister Haider al-Abadi"
	}
	r.ofOrganisation(&ds) // "the chief executive of Coca-Cola"
	if p, end := r.appositive(ds.end); p != nil {
		return p, end // "the Russian foreign minister, Sergey Lavrov"
	}
	text := r.d.text[r.us[i].start:r.us[ds.end-1].end]
	if p := r.c.officeHolder(r.d, r.us[i].start, ds.noun, text); p != nil {
		return &party{kind: personParty, p: p}, ds.end
	}
	if !ds.qualified {
		return nil, i // a bare "the president" nobody holds
	}
	return &party{kind: officeParty, name: text}, ds.end
}

// descriptionRead is a description read from its first unit: the role
// noun it ends in, whether a nationality or an organisation qualifies it,
// and the unit after it.
type descriptionRead struct {
	noun      string
	qualified bool
	end       int
}

// readDescription reads the determiner or possessor at i and the role
// words after it, with up to three adjectives among them, and ends the
// description at its last role word.
func (r *reader) readDescription(i int) descriptionRead {
	ds := descriptionRead{end: i + 1}
	if r.us[i].kind == partyUnit { // "Russia 's foreign minister"
		ds.end, ds.qualified = i+2, true
	}
	for adjectives := 0; ds.end < len(r.us); ds.end++ {
		w := strings.TrimSuffix(r.us[ds.end].low, ".")
		if !r.roleWord(ds.end) {
			// "a pro-Trump delegate candidate"
			if adjectives >= 3 || r.us[ds.end].kind != wordUnit || chunkStops[w] || joinWords[w] || isMeetWord(w) || speechVerbs[w] || timeWords[w] {
				break
			}
			adjectives++
			continue
		}
		if r.us[ds.end].kind == roleUnit || nationality(w) {
			ds.qualified = true
		}
		if lw := lastWord(w); roleNouns[lw] || titleWords[lw] || lw == "counterpart" {
			ds.noun = lw
		}
	}
	for ds.end > i+1 && !r.roleWord(ds.end-1) {
		ds.end--
	}
	return ds
}

// nameFollows reports whether a person's name, or a name nothing else
// claims, stands at unit i right after a description.
func (r *reader) nameFollows(i int) bool {
	return i < len(r.us) && r.us[i].kind == partyUnit && (r.us[i].party.kind == personParty || r.us[i].party.kind == otherParty)
}

// nameAfterDescription returns the person an indefinite description
// introduces, right after it or in an appositive; nil without one.
func (r *reader) nameAfterDescription(i int, ds descriptionRead) (*party, int) {
	if ds.noun != "" && ds.end < len(r.us) && r.us[ds.end].kind == partyUnit && r.us[ds.end].party.kind == personParty {
		return r.us[ds.end].party, ds.end + 1
	}
	if ds.noun != "" {
		if p, end := r.appositive(ds.end); p != nil {
			return p, end
		}
	}
	return nil, i
}

// ofOrganisation extends a description over "of", "for" or "at" and an
// organisation: "the chief executive of Coca-Cola".
func (r *reader) ofOrganisation(ds *descriptionRead) {
	if w := r.low(ds.end); w != "of" && w != "for" && w != "at" {
		return
	}
	k := ds.end + 1
	if r.low(k) == "the" {
		k++
	}
	if k < len(r.us) && r.us[k].kind == partyUnit && r.us[k].party.kind != personParty {
		ds.end, ds.qualified = k+1, true
	}
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

// passingQualifiers describe where an office-holder stands for now, not
// the office: "the then-presumptive Republican nominee".
var passingQualifiers = setOf("presumptive", "apparent", "likely", "eventual", "current", "incumbent", "new", "newly", "outgoing", "incoming")

// officeHolder returns the person the article gives a role to that a
// description names: "the president" is the person titled President
// named most recently before at; "the Mexican president" must carry
// "Mexican" (or "Mexico") in the role too. Nil when nobody fits.
func (c *cast) officeHolder(d *doc, at int, noun, description string) *person {
	var quals []string
	for _, w := range words(description) {
		if w == noun || w == "the" || w == "his" || w == "her" || w == "their" || w == "its" || w == "s" ||
			strings.HasPrefix(w, "then-") || passingQualifiers[w] {
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
	return c.lastMentionBefore(at, func(m mention) bool { return fits(m.p) })
}

// leaderOf returns the one person of the article whose role makes him the
// head of the country named (lower case): a president, prime minister,
// chancellor or king of its people ("French President", "Indian Prime
// Minister", "President of France"); nil when none or several.
func (c *cast) leaderOf(country string) *person {
	adj := demonyms[country]
	var found *person
	for _, p := range c.people {
		role := strings.ToLower(p.role)
		if head := lastWord(role); head != "president" && head != "minister" && head != "chancellor" && head != "king" && head != "premier" && !hasWord(role, "of") {
			continue
		}
		if hasWord(role, "foreign") || hasWord(role, "vice") || hasWord(role, "deputy") || hasWord(role, "former") {
			continue
		}
		ofCountry := hasWord(role, country) || adj != "" && hasWord(role, adj)
		if !ofCountry && len(country) >= 4 {
			for _, w := range words(role) {
				ofCountry = ofCountry || strings.HasPrefix(w, country[:len(country)-1]) // "india" and "indian", "brazil" and "brazilian"
			}
		}
		if ofCountry {
			if found != nil && found != p {
				return nil
			}
			found = p
		}
	}
	return found
}

// demonyms are the adjectives of countries whose names they do not begin
// with.
var demonyms = map[string]string{"france": "french", "britain": "british", "spain": "spanish",
	"netherlands": "dutch", "greece": "greek", "switzerland": "swiss", "wales": "welsh",
	"ireland": "irish", "turkey": "turkish", "denmark": "danish", "sweden": "swedish",
	"finland": "finnish", "poland": "polish", "china": "chinese", "japan": "japanese",
	"germany": "german", "russia": "russian", "israel": "israeli", "iraq": "iraqi",
	"pakistan": "pakistani", "afghanistan": "afghan", "vietnam": "vietnamese", "portugal": "portuguese"}

// ofNation returns the one person whose role carries the nationality that
// a description names ("his Dravian counterpart": "Dravian Prime
// Minister Luka Varga"); nil when the description names none, or several
// people fit.
func (c *cast) ofNation(description string) *person {
	var found *person
	for _, w := range words(description) {
		if !nationality(w) {
			continue
		}
		for _, p := range c.people {
			if hasWord(p.role, w) && !hasWord(p.role, "former") {
				if found != nil && found != p {
					return nil
				}
				found = p
			}
		}
	}
	return found
}

// seatsOfPower are the buildings whose name stands for the office of the
// one who works there: a visit to the White House is a visit to the
// president (MEETINGS.md: a visit to an institution whose head the
// article names). Each gives the title and the people's adjective.
var seatsOfPower = map[string][2]string{
	"white house": {"president", "american"}, "kremlin": {"president", "russian"},
	"downing street": {"minister", "british"}, "elysee": {"president", "french"},
	"élysée": {"president", "french"}, "elysee palace": {"president", "french"},
	"élysée palace": {"president", "french"}, "blue house": {"president", "south korean"},
}

// seatHolder returns the head the article names for the seat of power at
// unit i ("the White House": the person titled President, of no other
// country, that the article names most, twice as often as any other), or
// nil.
func (r *reader) seatHolder(i int) *party {
	if i < 0 || i >= len(r.us) || r.us[i].kind != partyUnit || r.us[i].party.kind == personParty {
		return nil
	}
	seat, ok := seatsOfPower[strings.TrimPrefix(r.us[i].low, "the ")]
	if !ok {
		return nil
	}
	var found *person
	second := 0
	for _, p := range r.c.people {
		role := strings.ToLower(p.role)
		if lastWord(role) != seat[0] || hasWord(role, "vice") || hasWord(role, "former") || hasWord(role, "deputy") {
			continue
		}
		if strings.Contains(role, seat[1]) || !slices.ContainsFunc(words(role), nationality) {
			switch {
			case found == nil || p.count > found.count:
				second, found = max(second, countOf(found)), p
			default:
				second = max(second, p.count)
			}
		}
	}
	if found == nil || found.count < 2*second {
		return nil // "President Bush" and "President Obama" alike: unsure
	}
	return &party{kind: personParty, p: found}
}

func countOf(p *person) int {
	if p == nil {
		return 0
	}
	return p.count
}
