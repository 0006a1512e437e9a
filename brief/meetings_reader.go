package brief

import (
	"slices"
	"strconv"
	"strings"
)

// The reader: the units of one sentence, with the small steps every part
// of the meetings extractor takes over them (skipping manner words,
// reading a unit's lower case, collecting parties without repeats).

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
	prior    []*meetingDraft // the meetings told before this sentence
	said     []saidSpan      // the article's quotations and their speakers
}

// speakerAt returns the person who says the quotation unit i stands in,
// for "I", "me" and "my" there; nil outside a quotation or when its speaker
// is unknown.
func (r *reader) speakerAt(i int) *person {
	at := r.us[i].start
	for _, q := range r.said {
		if at >= q.start && at < q.end {
			if q.speaker == "" {
				return nil
			}
			return r.c.lookup(q.speaker)
		}
	}
	return nil
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

// isQuoteMark reports whether a unit is a double quotation mark.
func isQuoteMark(w string) bool {
	return w == "\"" || w == "“" || w == "”"
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
		return !allTime(u.low) // "Tuesday" is no role
	}
	if u.kind != wordUnit {
		return false
	}
	w := strings.TrimSuffix(u.low, ".")
	return titleWords[w] || roleNouns[w] || roleModifiers[w] || nationality(w) || w == "visiting" ||
		w == "counterpart" || w == "counterparts" || w == "then" || strings.HasPrefix(w, "then-") || strings.HasPrefix(w, "ex-")
}

func lastWord(s string) string {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(fs[len(fs)-1]), ".")
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

// allTime reports whether every word of s is a time word: "Tuesday",
// "March".
func allTime(s string) bool {
	for _, w := range strings.Fields(s) {
		if !timeWords[strings.TrimSuffix(w, ".")] {
			return false
		}
	}
	return s != ""
}

// objectPlace reports whether the party at unit i stands where an object
// does: after a preposition or a verb, titles stepped over ("attacking
// Mr. Trump").
func (r *reader) objectPlace(i int) bool {
	k := i - 1
	for k >= 0 && r.us[k].kind == roleUnit {
		k--
	}
	prev := r.low(k)
	next := i + 1
	for strings.HasSuffix(r.low(next), "ly") {
		next++
	}
	if prev == "with" && strings.HasSuffix(r.low(next), "ing") {
		return false // "with Cruz repeatedly calling Trump his friend": Cruz acts
	}
	return objectPrepositions[prev] || k >= 0 && r.us[k].kind == wordUnit && isVerbForm(prev)
}

// isVerbForm reports whether a lower-case word looks like a verb that
// takes an object: an -ing or -ed form or a common irregular one.
func isVerbForm(w string) bool {
	return commonVerbs[w] || lightVerbs[w] || isMeetWord(w) || speechVerbs[w] ||
		len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
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

func allOf(ps []*party, kinds ...partyKind) bool {
	for _, p := range ps {
		ok := false
		for _, k := range kinds {
			ok = ok || p.kind == k
		}
		if !ok {
			return false
		}
	}
	return true
}

// mergeParties returns a then b without repeats.
func mergeParties(a, b []*party) []*party {
	var out []*party
	for _, p := range a {
		out = appendParty(out, p)
	}
	for _, p := range b {
		out = appendParty(out, p)
	}
	return out
}

func isNumber(w string) bool {
	_, err := strconv.Atoi(strings.ReplaceAll(w, ",", ""))
	return err == nil
}

func isMeetNoun(w string) bool {
	_, ok := meetNouns[w]
	return ok
}
