package brief

import "strings"

// Parties: what one unit, or a few, name as a side of a meeting: a person,
// an organisation (or its agents: "Arteta's representatives"), a country,
// an office-holder; and what only looks like one ("Clinton Foundation
// donors", "HP's headquarters").

// partyAt returns the party unit i names, and the index after it: a party
// unit, a pronoun resolved, or an office-holder's description ("the
// Mexican president", "Iran's foreign minister").
func (r *reader) partyAt(i int) (*party, int) {
	if i < 0 || i >= len(r.us) {
		return nil, i
	}
	u := r.us[i]
	if u.kind == partyUnit {
		if r.low(i+1) == "campaign" && r.low(i+2) == "'s" {
			return nil, i // "the Clinton campaign's headquarters"
		}
		if (r.low(i+1) == "members" || r.low(i+1) == "lawmakers") && chambers[u.low] {
			return nil, i // "House members": whose? No identifiable party (MEETINGS.md)
		}
		if (u.party.kind != personParty && collectiveNouns[r.low(i+1)] || r.low(i+1) == "campaign") && r.roledPerson(i) < 0 && r.low(i+2) != "'s" {
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
		if u.party.kind == personParty && staffNouns[r.low(i+1)] && r.low(i+2) != "'s" {
			// "met with Trump aides": the body they work for, by the name
			// the article gives it (MEETINGS.md), never Trump himself.
			return r.staffBody(i), i + 2
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
	if u.low == "i" || u.low == "me" {
		// "I had breakfast with Pinchuk," Verveer wrote.
		if p := r.speakerAt(i); p != nil {
			return &party{kind: personParty, p: p}, i + 1
		}
		return nil, i
	}
	if u.low == "himself" || u.low == "herself" {
		// "with Podesta and himself": the clause's own subject, which the
		// main clause may name (its speaker); too unsure to name.
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

// chambers are the bodies whose members, unnamed, are no identifiable
// party: "House members", "Senate lawmakers".
var chambers = setOf("house", "senate", "congress", "parliament", "the house", "the senate", "the congress", "the parliament")

// staffNouns name the unnamed staff of a person: "Trump aides".
var staffNouns = setOf("aides", "advisers", "advisors", "staffers", "staff", "surrogates", "operatives")

// staffBody returns the body the staff of the person at unit i work for:
// "the Trump campaign" when the article names one so, else the staff
// themselves ("Trump aides").
func (r *reader) staffBody(i int) *party {
	u := r.us[i]
	fs := strings.Fields(u.party.p.name)
	surname := fs[len(fs)-1]
	if strings.Contains(r.d.text, surname+" campaign") || strings.Contains(r.d.text, surname+"'s campaign") || strings.Contains(r.d.text, surname+"’s campaign") {
		return &party{kind: orgParty, name: surname + " campaign"}
	}
	return &party{kind: orgParty, name: r.d.text[u.start:r.us[i+1].end]}
}

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
	"negotiators", "delegation", "team", "officials", "executives", "bosses", "leaders", "staffers")

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

// skipQuantifier steps over "half a dozen", "members of", "a group of"
// before a party.
func (r *reader) skipQuantifier(i int) int {
	start := i
	for n := 0; n < 4 && i < len(r.us); n++ {
		switch r.low(i) {
		case "half", "a", "dozen", "dozens", "several", "some", "two", "three", "four", "top", "other",
			"senior", "fellow", "members", "member", "group", "representatives", "officials", "of", "both",
			"staffers", "aides", "lawyers", "advisers", "executives", "negotiators", "envoys", "leaders":
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
