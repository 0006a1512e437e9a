package brief

// Names: runs of capitalised words that may name a person, and the tests that
// tell a person from an organisation, a place or an event.

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chunk is a run of capitalised words: an optional title part (role) and
// the name part.
type chunk struct {
	sent       int
	toks       []ctoken // all tokens of the run
	nameFrom   int      // index of the first name token in toks
	honorific  byte     // 'm' or 'f' from Mr./Mrs./Ms., else 0
	titled     bool     // a title or honorific stands before the name: "Rev.", "Dr.", "Mr."
	role       string   // title words before the name, plus lower-case role words
	lowerRole  bool     // the role came from lower-case words before the run
	appositive string   // ", Russia's foreign minister," after the name
	speech     bool     // a speech verb right before or after
}

func (c *chunk) name() string {
	var b strings.Builder
	for i, t := range c.toks[c.nameFrom:] {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(stripPossessive(t.text))
	}
	return b.String()
}

func (c *chunk) nameSpan() (int, int) {
	last := c.toks[len(c.toks)-1]
	return c.toks[c.nameFrom].start, last.start + len(stripPossessive(last.text))
}

// chunks returns the runs of capitalised words in sentence si, with title
// words split off the front and the context a person would have.
func chunks(d *doc, si int) []chunk {
	s := &d.sents[si]
	toks := tokenize(d.text, s.start, s.end)
	var out []chunk
	for i := 0; i < len(toks); {
		if !capitalised(toks[i].text) || chunkStops[key(toks[i].text)] && !(i > 0 && titleWords[key(toks[i].text)]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !isPossessive(toks[j-1].text) && onlySpace(d.text[toks[j-1].end:toks[j].start]) {
			t := toks[j].text
			if capitalised(t) && (!chunkStops[key(t)] || t == "Watch") {
				j++ // "Human Rights Watch"
				continue
			}
			if particles[t] && j+1 < len(toks) && capitalised(toks[j+1].text) && onlySpace(d.text[toks[j].end:toks[j+1].start]) {
				j++
				continue
			}
			break
		}
		c := chunk{sent: si, toks: toks[i:j]}
		c.splitTitle()
		c.splitGlued()
		if c.nameFrom == 0 && len(c.toks) > 1 && (roleNouns[key(c.toks[0].text)] || describedName(c.toks)) && atClauseStart(d.text, s.start, c.toks[0].start) {
			// A role noun capitalised only because it opens the sentence:
			// "Manager Stuart Gray said", "Passenger Chris Downes, 46".
			c.nameFrom, c.titled, c.role = 1, true, c.toks[0].text
		}
		if i > 0 {
			c.lowerRoleBefore(d, toks[:i])
		}
		if len(c.toks) > 1 || !atClauseStart(d.text, s.start, c.toks[0].start) {
			// A lone word opening a sentence or quotation and followed by a
			// comma is an adverb more often than a name: "“Hopefully,” the
			// president said".
			c.appositive = appositiveAfter(d.text, c.toks[len(c.toks)-1].end, s.end)
		}
		if j < len(toks) && speechVerbs[key(toks[j].text)] && onlySpace(d.text[toks[j-1].end:toks[j].start]) {
			c.speech = true
		}
		if i > 0 && (speechVerbs[key(toks[i-1].text)]) && onlySpace(d.text[toks[i-1].end:toks[i].start]) {
			c.speech = true
		}
		// "Its chief executive, Martin Greaves, told local radio": a name
		// set off by commas after a role noun, or before a speech verb.
		if j < len(toks) && strings.TrimSpace(d.text[toks[j-1].end:toks[j].start]) == "," && speechVerbs[key(toks[j].text)] {
			c.speech = true
		}
		if i > 0 && c.role == "" && strings.TrimSpace(d.text[toks[i-1].end:toks[i].start]) == "," {
			c.roleBeforeComma(toks[:i])
		}
		out = append(out, c)
		i = j
	}
	return out
}

// nameWords counts the words of a name but its particles: "Tamim bin
// Hamad Al Thani" has three.
func nameWords(toks []ctoken) int {
	n := 0
	for _, t := range toks {
		if !particles[key(t.text)] {
			n++
		}
	}
	return n
}

// splitGlued cuts what is glued in front of a full name with no title
// between them: a country ("Ukraine Volodymyr Zelensky" names Volodymyr
// Zelensky), or a body's name before a given name, which becomes the role
// ("Russian Foreign Ministry Maria Zakharova"). A given name that is also
// a country's ("Chad") stays.
func (c *chunk) splitGlued() {
	if c.nameFrom != 0 || givenNames[c.toks[0].text] {
		return
	}
	for n := min(3, len(c.toks)-2); n >= 1; n-- {
		if isCountry(joinTexts(c.toks[:n])) {
			c.nameFrom = n
			return
		}
	}
	for k := len(c.toks) - 3; k >= 0; k-- {
		if orgCues[key(c.toks[k].text)] && givenNames[c.toks[k+1].text] {
			c.nameFrom, c.role = k+1, joinTexts(c.toks[:k+1])
			return
		}
	}
}

// describedName reports whether a run of three or more words opens with a
// word that is no given name before a given name: a noun describing the
// person the rest names ("Passenger Chris Downes", "Grandmother Jane
// Hill") when it opens a sentence.
func describedName(toks []ctoken) bool {
	return len(toks) > 2 && !givenNames[toks[0].text] && givenNames[toks[1].text]
}

// atClauseStart reports whether at opens its sentence, or a quotation.
func atClauseStart(text string, sentStart, at int) bool {
	before := strings.TrimRight(text[sentStart:at], " \"'“‘")
	return before == ""
}

// headlineCase reports whether sentence si is set in title case, as
// headlines are: every word but the short function words capitalised. Its
// capitals say nothing about names.
func headlineCase(d *doc, si int) bool {
	s := &d.sents[si]
	if len(s.words) < 4 {
		return false
	}
	for _, t := range tokenize(d.text, s.start, s.end) {
		if capitalised(t.text) {
			continue
		}
		switch key(t.text) {
		case "a", "an", "the", "of", "in", "on", "to", "for", "and", "but", "or", "at",
			"by", "with", "from", "as", "vs", "into", "over", "s":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsDigit(r) {
			continue
		}
		return false
	}
	return true
}

// cueGivenNames are given names that are also words naming bodies or
// things ("Bill" and "the Bill"), so the learned list, which leaves out
// every such word (TestGenGivenNames), lacks them. They are given names
// only where cueGivenName says so.
var cueGivenNames = setOf("Bill")

// cueGivenName reports whether a run opens with one of cueGivenNames
// before a surname written in letters: "Bill Clinton", but not "Bill
// C-51" nor "the Bill".
func cueGivenName(name []ctoken) bool {
	if len(name) < 2 || !cueGivenNames[name[0].text] || !capitalised(name[1].text) {
		return false
	}
	for _, r := range name[1].text {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return !orgCues[key(name[1].text)] && !placeNouns[key(name[1].text)]
}

// notPerson reports whether the name part of a run names an organisation,
// a place or an event rather than a person.
func notPerson(c *chunk) bool {
	name := c.toks[c.nameFrom:]
	if nameWords(name) > 4 {
		return true
	}
	for i, t := range name {
		w := key(t.text)
		if orgCues[w] && !(i == 0 && cueGivenName(name)) || chunkStops[w] {
			return true
		}
		if len(name) == 1 && isPlace(w) && !givenNames[t.text] || numberWords[w] {
			return true // "Switzerland said", "Two Million"
		}
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(t.text) == t.text && !strings.Contains(t.text, ".") {
			return true // acronyms: "NATO", "BRICS", "CNN"
		}
		if parts := strings.Split(w, "-"); len(parts) > 1 {
			n := 0
			for _, p := range parts {
				if places[p] || orgCues[p] {
					n++
				}
			}
			if n > 0 {
				return true // "Russia-China", "China-Russia", "Anti-Trump"
			}
		}
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsDigit(r) {
			return true
		}
	}
	if w := key(name[0].text); len(name) == 1 && !c.titled && (titleWords[w] || honorifics[w] != 0) {
		return true // a title cut off from its name: "Gov."
	}
	if len(name) > 1 && (places[key(name[0].text)] && places[key(name[len(name)-1].text)] || isCountry(joinTexts(name))) {
		return true // "New York", "Hong Kong", "Saudi Arabia", "Burkina Faso"
	}
	if last := key(name[len(name)-1].text); len(name) > 1 && titleWords[last] && !givenNames[name[0].text] && !c.titled {
		return true // a job title, not a name: "Finance Minister", "Foreign Secretary"
	}
	if len(name) == 1 && c.nameFrom == 0 && looksAdjective(key(name[0].text)) {
		return true // "Russian", "Chinese", "Japanese"
	}
	return false
}

// looksAdjective reports whether a lone capitalised word is likely a
// nationality or a people rather than a surname.
func looksAdjective(w string) bool {
	for _, suf := range []string{"ese", "ish", "ian", "ians", "ans", "ean", "eans", "ic", "ist", "ists", "ism"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	switch w {
	case "french", "dutch", "greek", "swiss", "thai", "british", "english", "irish",
		"welsh", "scottish", "german", "russian", "chinese", "israeli", "iraqi", "saudi":
		return true
	}
	return false
}

// namesAPlace reports whether a lone capitalised word is used elsewhere as
// a place's or organisation's name: "Kelmar City", "Kelmar's Foreign
// Minister". Such a word saying something ("Kelmar said") is a country,
// not a person.
func namesAPlace(text, w string) bool {
	for at := range occurrences(text, w) {
		rest := strings.TrimPrefix(strings.TrimPrefix(text[at+len(w):], "'s"), "’s")
		if len(rest) == 0 || rest[0] != ' ' {
			continue
		}
		next := strings.Fields(rest[:min(len(rest), 40)]) // the next word is enough
		if len(next) > 0 && capitalised(next[0]) && placeNouns[key(strings.Trim(next[0], ",.;:"))] {
			return true
		}
	}
	return false
}

// occurrences yields the byte offset of every occurrence of w in text.
func occurrences(text, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; w != ""; {
			j := strings.Index(text[i:], w)
			if j < 0 || !yield(i+j) {
				return
			}
			i += j + len(w)
		}
	}
}

// numberWords make a run of capitals a number, never a name: "Two Million".
var numberWords = setOf("hundred", "hundreds", "thousand", "thousands", "million", "millions",
	"billion", "billions", "trillion", "dozen", "dozens", "percent")

// joinTexts returns the texts of toks joined by spaces.
func joinTexts(toks []ctoken) string {
	return strings.Join(tokTexts(toks), " ")
}
