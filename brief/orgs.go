package brief

// Organisations: the bodies an article names that may speak for
// themselves ("the White House said", "Reuters reported", "NATO said in a
// statement"). Places, dates and events are not among them.

import (
	"strings"
	"unicode/utf8"
)

// org is one mention of an organisation: its name as written here and the
// fullest form the article gives it.
type org struct {
	name       string // "New York Times"
	start, end int    // the mention, byte offsets into doc.text
}

// orgHeads end the names of bodies that speak: "the Justice Department",
// "Breitbart News", "the Kremlin".
var orgHeads = setOf("organization", "organisation", "nations", "union", "party", "committee",
	"council", "bureau", "ministry", "department", "house", "senate", "congress", "court",
	"university", "college", "school", "institute", "center", "centre", "foundation",
	"association", "agency", "service", "police", "army", "navy", "bank", "group", "company",
	"inc", "corp", "ltd", "llc", "times", "post", "news", "journal", "club", "church", "office",
	"commission", "caucus", "forum", "fund", "media", "network", "kremlin", "pentagon",
	"parliament", "government", "administration", "cabinet", "corporation", "daily", "tribune",
	"herald", "gazette", "magazine", "press", "television", "tv", "radio", "channel", "ministries",
	"forces", "guard", "corps", "assembly", "duma", "campaign", "express", "mail", "observer",
	"guardian", "telegraph", "independent", "economist", "authority", "democrats", "republicans",
	"coalition", "alliance", "league", "movement", "federation", "airlines", "motors",
	"industries", "holdings", "technologies", "systems", "partners", "board", "trust",
	"institution", "team", "reuters", "cnn", "msnbc", "fox", "bbc", "abc", "nbc", "cbs",
	"twitter", "facebook", "google", "apple", "microsoft", "amazon", "politico", "breitbart",
	"gallup", "sun", "watch")

// joinHeads end the first part of a body's name that goes on after "of"
// or "for": "Ministry of Justice", "Department for Transport", "Royal
// Regiment of Fusiliers", "Bank of England".
var joinHeads = setOf("ministry", "department", "bank", "university", "college", "school",
	"institute", "house", "court", "church", "office", "board", "council", "commission",
	"committee", "society", "association", "regiment", "academy", "museum", "federation",
	"union", "league", "bureau", "agency", "foundation", "centre", "center", "service",
	"chamber", "secretariat", "organisation", "organization", "party", "fund", "corps")

// joinedOrg reads a body's name written as two runs of capitals joined by
// "of" or "for", the first ending in a word that heads such names.
func joinedOrg(d *doc, c, next *chunk) (org, bool) {
	last := c.toks[len(c.toks)-1]
	if c.nameFrom != 0 || c.honorific != 0 || !joinHeads[key(last.text)] || isPossessive(last.text) || len(next.toks) > 4 {
		return org{}, false
	}
	switch strings.ToLower(d.text[last.end:next.toks[0].start]) {
	case " of ", " for ", " of the ", " for the ":
	default:
		return org{}, false
	}
	end := next.toks[len(next.toks)-1]
	stop := end.start + len(stripPossessive(end.text))
	return org{name: strings.Join(strings.Fields(d.text[c.toks[0].start:stop]), " "), start: c.toks[0].start, end: stop}, true
}

// calendarWords name days and months, which no organisation's name holds.
var calendarWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec")

// countryCodes are acronyms of places, which do not speak.
var countryCodes = setOf("us", "u.s", "usa", "uk", "u.k", "uae", "drc", "prc", "dc", "d.c", "ny", "la")

// orgName returns the organisation a run of capitals names, or "" when it
// names a person, a place, a date or an event.
func orgName(c *chunk) string {
	toks := c.toks
	if len(toks) == 0 || len(toks) > 6 {
		return ""
	}
	last := key(toks[len(toks)-1].text)
	single := len(toks) == 1
	switch {
	case orgHeads[last] && !(single && (last == "house" || last == "post" || last == "sun" || last == "mail")):
	case single && acronym(toks[0].text) && !countryCodes[last]:
	default:
		return ""
	}
	for _, t := range toks {
		if calendarWords[key(t.text)] {
			return ""
		}
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = stripPossessive(t.text)
	}
	return strings.Join(parts, " ")
}

// acronym reports whether w is written in capitals, as "NATO" and "CNN" are.
func acronym(w string) bool {
	n := utf8.RuneCountInString(w)
	return n >= 2 && n <= 6 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// fullOrg returns the fullest name the article gives the organisation
// named o: "Times" is "New York Times" once that has been written.
func (c *cast) fullOrg(o org) string {
	best := o.name
	for k, p := range c.orgs {
		if k >= maxLookBack {
			break
		}
		if len(p.name) > len(best) && strings.HasSuffix(p.name, " "+o.name) {
			best = p.name
		}
	}
	return best
}
