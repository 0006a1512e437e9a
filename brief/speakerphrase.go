package brief

// Speaker phrases: turning the words next to a speech verb into a speaker.

import (
	"strings"
)

// phraseSpeaker turns the words next to a speech verb into a speaker: a
// person of the cast, a pronoun resolved to one, a role ("the minister")
// or, when no person fits, the phrase itself ("the complaint").
// forward says the phrase follows the verb, so its first words count.
func phraseSpeaker(d *doc, c *cast, si int, toks []ctoken, forward bool) (string, bool) {
	if len(toks) == 0 {
		return "", false
	}
	// A person named in the phrase. Before the verb, the one nearest the
	// verb's subject position is the first one after the last clause word.
	var names []mention
	for _, m := range c.mentionsIn(toks[0].start, toks[len(toks)-1].end) {
		names = append(names, m)
	}
	if forward {
		// "said Wang", "said the minister", "said he": take the first word
		// group up to a comma.
		cut := len(toks)
		for i := 1; i < len(toks); i++ {
			if strings.ContainsAny(d.text[toks[i-1].end:toks[i].start], ",.;:!?(") {
				cut = i
				break
			}
		}
		toks = toks[:cut]
		w := key(toks[0].text)
		if speakerPronouns[w] {
			return pronounSpeaker(d, c, si, toks[0])
		}
		if len(names) > 0 && names[0].start <= toks[len(toks)-1].end && names[0].start-toks[0].start < 60 {
			return names[0].p.name, true
		}
		return nounPhrase(d, c, si, toks)
	}
	// Before the verb: the last word group. Drop an appositive: "X, a Y, said".
	groups := splitCommas(d, toks)
	g := groups[len(groups)-1]
	if len(groups) > 1 && !startsWithName(g) {
		// "Kenneth Baer, a former official who runs Crosscut, said": the
		// subject is the group before the appositive.
		for k := len(groups) - 2; k >= 0; k-- {
			if startsWithName(groups[k]) || len(groups[k]) <= 2 {
				g = groups[k]
				break
			}
		}
	}
	if len(g) == 0 {
		return "", false
	}
	last := g[len(g)-1]
	if speakerPronouns[key(last.text)] {
		return pronounSpeaker(d, c, si, last)
	}
	for k := len(names) - 1; k >= 0; k-- {
		m := names[k]
		if m.start >= g[0].start && m.end <= last.end {
			return m.p.name, true
		}
	}
	// No person: a role or an organisation, kept to the words of a noun
	// phrase ending at the verb.
	from := len(g) - 1
	for from > 0 && len(g)-from < 6 {
		w := key(g[from-1].text)
		if chunkStops[w] && w != "the" && w != "a" && w != "an" && w != "one" || speechVerbs[w] {
			break
		}
		from--
		if w == "the" || w == "a" || w == "an" {
			break
		}
	}
	return nounPhrase(d, c, si, g[from:])
}

func startsWithName(g []ctoken) bool {
	return len(g) > 0 && capitalised(g[0].text) && !chunkStops[key(g[0].text)] && !partyTag(g)
}

// partyTag reports whether g is a party and state after a name: "D-Mo.",
// "R-Ky.", or an age: "82".
func partyTag(g []ctoken) bool {
	if len(g) == 1 && isAge(g[0].text) {
		return true
	}
	if len(g) == 0 || len(g) > 3 {
		return false
	}
	t := g[0].text
	return len(t) >= 3 && strings.ContainsRune("DRI", rune(t[0])) && t[1] == '-'
}

// splitCommas cuts toks into groups at commas, dashes and parentheses;
// groups that are a party tag or an age are dropped.
func splitCommas(d *doc, toks []ctoken) [][]ctoken {
	var out [][]ctoken
	from := 0
	add := func(g []ctoken) {
		if len(g) > 0 && !partyTag(g) {
			out = append(out, g)
		}
	}
	for i := 1; i < len(toks); i++ {
		gap := d.text[toks[i-1].end:toks[i].start]
		if strings.ContainsAny(gap, ",()") || strings.Contains(gap, "--") || strings.ContainsAny(gap, "—–") {
			add(toks[from:i])
			from = i
		}
	}
	add(toks[from:])
	if len(out) == 0 {
		out = append(out, toks)
	}
	return out
}

func pronounSpeaker(d *doc, c *cast, si int, t ctoken) (string, bool) {
	w := key(t.text)
	if w == "he" || w == "she" {
		if p := c.resolve(d, sentenceAt(d, t.start, si), strings.ToLower(t.text)); p != nil {
			return p.name, true
		}
	}
	return "", false
}

// nounPhrase names a speaker that is not in the cast: a role of someone
// who is ("the minister"), a capitalised name, or the phrase as written.
func nounPhrase(d *doc, c *cast, si int, toks []ctoken) (string, bool) {
	if len(toks) == 0 || len(toks) > 8 {
		return "", false
	}
	first := key(toks[0].text)
	if speechVerbs[first] || first == "that" || first == "to" || first == "it" || first == "this" || first == "there" {
		return "", false
	}
	phrase := d.text[toks[0].start:toks[len(toks)-1].end]
	if (first == "the" || first == "this") && len(toks) >= 2 {
		if p := c.resolve(d, si, phrase); p != nil {
			return p.name, true
		}
	}
	if capitalised(toks[0].text) && !chunkStops[first] {
		if p := c.lookup(phrase); p != nil {
			return p.name, true
		}
	}
	if !capitalised(toks[0].text) && !determiner(first) && !roleNouns[first] && len(toks) < 2 {
		return "", false
	}
	return stripPossessive(phrase), true
}

func determiner(w string) bool {
	switch w {
	case "the", "a", "an", "one", "another", "some", "many", "several", "two", "three", "his", "her", "their", "its":
		return true
	}
	return false
}
