package brief

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence with a meeting word in it is read as a row of units: words,
// punctuation marks, and whole parties (a person of the cast, a named
// organisation or country), so that the argument reader can step over a
// name as one thing.

// unitKind says what a unit is.
type unitKind uint8

const (
	wordUnit unitKind = iota
	punctUnit
	partyUnit
	roleUnit // a run of capitalised title words with no name: "Russian President"
)

// unit is one step of a sentence for the argument reader.
type unit struct {
	kind       unitKind
	text       string // as written
	low        string // lower case; "'s" for a possessive ending split off
	start, end int    // byte offsets in doc.text
	party      *party
}

// partyKind says what kind of party a unit names.
type partyKind uint8

const (
	personParty  partyKind = iota
	orgParty               // a named organisation, team, committee, delegation
	countryParty           // a country or government acting as a side
	officeParty            // an office-holder the article does not name
	otherParty             // a capitalised name nothing classifies
)

// party is someone who can take part in a meeting.
type party struct {
	kind partyKind
	p    *person // for a person
	name string  // for the rest: as written, "the Senate Judiciary Committee"
}

// key identifies a party across sentences.
func (p *party) key() string {
	if p.p != nil {
		return "p:" + p.p.name
	}
	return "o:" + strings.ToLower(strings.TrimPrefix(p.name, "the "))
}

func (p *party) person() Person {
	if p.p != nil {
		return Person{Name: p.p.name, Role: p.p.role}
	}
	return Person{Name: p.name}
}

// sentenceUnits splits sentence s into units. People come from the cast;
// runs of capitalised words the cast does not claim become organisations,
// countries, role runs or other names.
func sentenceUnits(d *doc, c *cast, s *sentence) []unit {
	toks := meetTokens(d.text, s.start, s.end)
	ms := c.in(s)
	var out []unit
	for i := 0; i < len(toks); {
		t := toks[i]
		if m, ok := mentionAt(ms, t.start); ok {
			j := i
			for j < len(toks) && toks[j].start < m.end {
				j++
			}
			out = append(out, unit{kind: partyUnit, text: d.text[m.start:m.end], low: strings.ToLower(d.text[m.start:m.end]),
				start: m.start, end: m.end, party: &party{kind: personParty, p: namedAs(m.p, d.text[m.start:m.end])}})
			i = j
			continue
		}
		atStart := i == 0 || toks[i-1].low == "\"" || toks[i-1].low == "“"
		if atStart && isCapWord(t) && !covered(ms, t.start) && !chunkStops[t.low] {
			if p := c.lookup(t.text); p != nil && strings.Contains(p.name, " ") {
				// "Clinton arrived": a surname opening the sentence.
				out = append(out, unit{kind: partyUnit, text: t.text, low: t.low, start: t.start, end: t.end, party: &party{kind: personParty, p: p}})
				i++
				continue
			}
		}
		if n := capitalRun(toks, i, ms, atStart); n > 0 {
			if b := bodyRun(toks, i, n, ms); b > n {
				// "the House special Benghazi committee"
				out = append(out, unit{kind: partyUnit, text: d.text[t.start:toks[i+b-1].end], low: strings.ToLower(d.text[t.start:toks[i+b-1].end]),
					start: t.start, end: toks[i+b-1].end, party: &party{kind: orgParty, name: d.text[t.start:toks[i+b-1].end]}})
				i += b
				continue
			}
			u := runUnit(d.text, toks[i:i+n])
			if u.party != nil && u.party.kind == otherParty {
				// A surname the people finder left alone here ("Clinton
				// arrived"): the person it names elsewhere.
				if p := c.lookup(u.text); p != nil && !venueNouns[lastWord(u.low)] { // not "Trump Tower"
					u.party = &party{kind: personParty, p: namedAs(p, u.text)}
				}
			}
			out = append(out, u)
			i += n
			continue
		}
		out = append(out, t)
		i++
	}
	return out
}

// namedAs returns p, or a person of its own when the mention's full name
// is not p's: "Bill Clinton" where the cast knows only Hillary Clinton.
func namedAs(p *person, text string) *person {
	fs := strings.Fields(stripPossessive(text))
	if len(fs) < 2 || strings.HasSuffix(fs[0], ".") || text == p.name || slices.Contains(p.aliases, text) {
		return p
	}
	first := strings.ToLower(fs[0])
	if hasWord(p.name, first) || slices.ContainsFunc(p.aliases, func(a string) bool { return hasWord(a, first) }) {
		return p
	}
	return &person{name: strings.Join(fs, " ")}
}

func mentionAt(ms []mention, at int) (mention, bool) {
	for _, m := range ms {
		if m.start == at {
			return m, true
		}
	}
	return mention{}, false
}

// meetTokens splits text[start:end] into words and punctuation marks: the
// words as tokenize cuts them, with a possessive ending split off
// ("Russia", "'s") so that a name and its possessive read apart, and each
// mark between words a unit of its own.
func meetTokens(text string, start, end int) []unit {
	var out []unit
	at := start
	for _, t := range tokenize(text, start, end) {
		out = appendMarks(out, text, at, t.start)
		if base := stripPossessive(t.text); base != t.text {
			out = append(out, word(text, t.start, t.start+len(base)),
				unit{kind: wordUnit, text: t.text[len(base):], low: "'s", start: t.start + len(base), end: t.end})
		} else {
			out = append(out, word(text, t.start, t.end))
		}
		at = t.end
	}
	return appendMarks(out, text, at, end)
}

// appendMarks adds the punctuation marks of text[from:to] as units.
func appendMarks(out []unit, text string, from, to int) []unit {
	for i, r := range text[from:to] {
		if !unicode.IsSpace(r) {
			n := utf8.RuneLen(r)
			out = append(out, unit{kind: punctUnit, text: text[from+i : from+i+n], low: text[from+i : from+i+n], start: from + i, end: from + i + n})
		}
	}
	return out
}

func word(text string, i, j int) unit {
	return unit{kind: wordUnit, text: text[i:j], low: strings.ToLower(text[i:j]), start: i, end: j}
}

// capitalRun returns the length of the run of capitalised words at toks[i]
// that no person's mention covers, 0 if none. Joining words stand inside a
// run when a capital follows ("Department of Homeland Security"). A lone
// common word opening the sentence is not a run.
func capitalRun(toks []unit, i int, ms []mention, atStart bool) int {
	if !isCapWord(toks[i]) || covered(ms, toks[i].start) || isFirstPerson(toks[i].low) {
		return 0
	}
	if atStart && chunkStops[strings.TrimSuffix(toks[i].low, ".")] {
		return 0
	}
	if atStart && (i+1 == len(toks) || !isCapWord(toks[i+1])) && !knownName(toks[i]) {
		// A lone capital opening a sentence is any word: "Separately,",
		// "Officials met".
		return 0
	}
	j := i + 1
	and := 0 // where "and" joined the run
	for j < len(toks) {
		t := toks[j]
		if isCapWord(t) && !covered(ms, t.start) && !(chunkStops[t.low] && !runJoiners[t.low]) {
			j++
			continue
		}
		if runJoiners[t.low] && j+1 < len(toks) && isCapWord(toks[j+1]) && !covered(ms, toks[j+1].start) && t.low != "the" && !timeWords[toks[j-1].low] {
			if t.low == "and" && and == 0 {
				and = j
			}
			j += 2
			continue
		}
		break
	}
	// "Sweden and Finland", "France, Brazil, China and India" are several;
	// "the Securities and Exchange Commission" is one.
	if and > 0 && !orgWords[strings.TrimSuffix(toks[j-1].low, ".")] {
		return and - i
	}
	return j - i
}

// bodyRun returns the length of a committee's name that a capitalised
// run of n tokens at toks[i] begins and a lower-case body noun ends, maybe
// with one more lower-case word and capitalised run between: "Senate
// banking committee", "House special Benghazi committee". It returns n
// when there is none.
func bodyRun(toks []unit, i, n int, ms []mention) int {
	j := i + n
	if j+2 < len(toks) && toks[j].kind == wordUnit && !isCapWord(toks[j]) && !chunkStops[toks[j].low] && !bodyNouns[toks[j].low] {
		if m := capitalRun(toks, j+1, ms, false); m > 0 && j+1+m < len(toks) && bodyNouns[toks[j+1+m].low] {
			return j + 2 + m - i
		}
	}
	if j < len(toks) && bodyNouns[toks[j].low] {
		return n + 1
	}
	return n
}

// isFirstPerson reports whether w is "I" or a contraction of it.
func isFirstPerson(w string) bool {
	return w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’")
}

// knownName reports whether a lone capitalised word names a place or a
// body whatever its place in the sentence: "Russia", "NATO".
func knownName(t unit) bool {
	w := strings.TrimSuffix(t.low, ".")
	return places[w] || orgWords[w] || isAcronym(t.text) || nationality(w)
}

// runJoiners may stand inside a capitalised name.
var runJoiners = setOf("of", "for", "and", "the", "&")

func isCapWord(t unit) bool {
	if t.kind != wordUnit || t.low == "'s" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

func covered(ms []mention, at int) bool {
	for _, m := range ms {
		if at >= m.start && at < m.end {
			return true
		}
	}
	return false
}

// runUnit classifies a run of capitalised words that is not a person.
func runUnit(text string, toks []unit) unit {
	start, end := toks[0].start, toks[len(toks)-1].end
	u := unit{kind: partyUnit, text: text[start:end], low: strings.ToLower(text[start:end]), start: start, end: end}
	k := classifyRun(toks)
	if k < 0 {
		u.kind = roleUnit
		return u
	}
	u.party = &party{kind: partyKind(k), name: u.text}
	return u
}

// classifyRun says what a capitalised run names: -1 for a role or time
// ("Foreign Minister", "Tuesday"), else a partyKind.
func classifyRun(toks []unit) int {
	allRole := true
	for _, t := range toks {
		w := strings.TrimSuffix(t.low, ".")
		_, honorific := honorifics[w]
		if !(titleWords[w] || roleNouns[w] || roleModifiers[w] || runJoiners[w] || nationality(w) || timeWords[w] || honorific) {
			allRole = false
		}
	}
	last := strings.TrimSuffix(toks[len(toks)-1].low, ".")
	// "Homeland Security Secretary", "Fox News Chairman": a title however
	// its organisation is named.
	if (allRole || titleWords[last] || roleNouns[last] && !orgWords[last]) && !venueNouns[last] {
		return -1 // but "the White House" is a building
	}
	switch {
	case len(toks) == 1 && (places[last] || nationality(last)):
		return int(countryParty)
	case orgWords[last] || isAcronym(toks[len(toks)-1].text) && !places[last]:
		return int(orgParty)
	case places[strings.TrimSuffix(toks[0].low, ".")] && places[last]:
		return int(countryParty) // "Saudi Arabia", "South Korea", "United States"
	}
	return int(otherParty)
}

// isAcronym reports whether w is written in capitals: "NATO", "FBI".
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}
