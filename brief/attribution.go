package brief

// Attribution: where the speaker of a quotation is named, after it, before
// it, or in a signature line.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// speakerOf looks for the speaker named with the quotation in its own
// sentences: after it ("…," Wang said / said Wang / he added) or before it
// (Wang said that “…” / According to Wang, “…” / Wang: “…”).
func speakerOf(d *doc, c *cast, sp span, first, last int) (string, bool) {
	// After the quotation, up to the next quotation or the sentence end.
	end := d.sents[last].end
	if k := nextOpener(d.text, sp.end, end); k >= 0 {
		end = k
	}
	if who, ok := dashSpeaker(d, c, sp, last); ok {
		return who, true
	}
	after := tokenize(d.text, sp.end, end)
	if len(after) > 0 && d.text[sp.end:after[0].start] != "" && strings.ContainsAny(d.text[sp.end:after[0].start], ".!?") && !strings.ContainsAny(d.text[sp.end:after[0].start], ",") {
		// The quotation ended a sentence of its own; words after belong to
		// the next sentence, which may still be "He said." alone.
		after = nil
	}
	if who, ok := subjectAround(d, c, last, after, true); ok {
		return who, true
	}
	// Before the quotation, back to the sentence start or the last quotation.
	start := d.sents[first].start
	if k := lastCloser(d.text, start, sp.start); k >= 0 {
		start = k
	}
	before := tokenize(d.text, start, sp.start)
	lead := strings.TrimRightFunc(d.text[start:sp.start], unicode.IsSpace)
	if strings.HasSuffix(lead, ":") && len(before) > 0 {
		// "Wang: “…”" or "Wang told reporters: “…”"
		if who, ok := subjectAround(d, c, first, before, false); ok {
			return who, true
		}
		if who, ok := nameAtEnd(d, c, first, before); ok {
			return who, true
		}
	}
	if who, ok := subjectAround(d, c, first, before, false); ok {
		return who, true
	}
	if who, ok := participleSpeaker(d, c, first, before); ok {
		return who, true
	}
	return "", false
}

// dashSpeaker reads a signature after the quotation: "“…” ― Esther Tapia".
func dashSpeaker(d *doc, c *cast, sp span, last int) (string, bool) {
	pe := d.sents[last].end
	for k := last + 1; k < len(d.sents) && d.sents[k].para == d.sents[last].para; k++ {
		pe = d.sents[k].end
	}
	rest := strings.TrimLeftFunc(d.text[sp.end:pe], unicode.IsSpace)
	r, n := utf8.DecodeRuneInString(rest)
	if r != '―' && r != '—' && r != '–' && r != '-' {
		return "", false
	}
	from := pe - len(rest) + n
	toks := tokenize(d.text, from, pe)
	i := 0
	for i < len(toks) && i < 5 && (capitalised(toks[i].text) || particles[toks[i].text]) && onlySpace(d.text[safeGap(toks, i, from):toks[i].start]+" ") {
		i++
	}
	if i == 0 {
		return "", false
	}
	name := d.text[toks[0].start:toks[i-1].end]
	if p := c.lookup(name); p != nil {
		return p.name, true
	}
	return name, true
}

func safeGap(toks []ctoken, i, from int) int {
	if i == 0 {
		return toks[0].start
	}
	return toks[i-1].end
}

// participleSpeaker reads "Trump attacked Clinton, saying, “…”": the
// speaker is the subject of the sentence, its first word group.
func participleSpeaker(d *doc, c *cast, si int, before []ctoken) (string, bool) {
	n := len(before)
	if n < 2 {
		return "", false
	}
	switch key(before[n-1].text) {
	case "saying", "adding", "asking", "writing", "telling", "noting", "asserting",
		"declaring", "insisting", "arguing", "explaining", "warning", "stating", "tweeting":
	default:
		return "", false
	}
	s := &d.sents[si]
	lead := tokenize(d.text, s.start, before[n-1].start)
	if len(lead) == 0 {
		return "", false
	}
	if speakerPronouns[key(lead[0].text)] {
		return pronounSpeaker(d, c, si, lead[0])
	}
	if ms := c.mentionsIn(s.start, before[n-1].start); len(ms) > 0 && ms[0].start-s.start < 40 {
		return ms[0].p.name, true
	}
	return "", false
}

// nextOpener returns the index of the next opening double mark in
// text[from:to], or -1.
func nextOpener(text string, from, to int) int {
	for i, r := range text[from:to] {
		if r == '“' || r == '"' {
			return from + i
		}
	}
	return -1
}

func lastCloser(text string, from, to int) int {
	k := strings.LastIndexAny(text[from:to], "”\"")
	if k < 0 {
		return -1
	}
	return from + k + 1
}

// subjectAround finds a speech verb among toks and the one who speaks: the
// words before it, or after it when it comes first ("said Wang").
// afterQuote says toks follow the quotation.
func subjectAround(d *doc, c *cast, si int, toks []ctoken, afterQuote bool) (string, bool) {
	limit := len(toks)
	if afterQuote && limit > 40 {
		limit = 40
	}
	v := -1
	if afterQuote {
		for i := 0; i < limit; i++ {
			if isSpeechVerb(toks, i) {
				v = i
				break
			}
		}
	} else {
		for i := len(toks) - 1; i >= 0 && i >= len(toks)-25; i-- {
			if isSpeechVerb(toks, i) {
				v = i
				break
			}
		}
	}
	if v < 0 {
		return "", false
	}
	if key(toks[v].text) == "according" {
		if who, ok := phraseSpeaker(d, c, si, toks[v+2:min(len(toks), v+10)], true); ok {
			return who, true
		}
		return "", false
	}
	// Subject before the verb: "Wang said", "the minister, 61, said".
	lo := 0
	if !afterQuote {
		lo = max(0, v-12)
	}
	if afterQuote && v > 0 {
		// "…,” Leonard E. Burman, director of the centre, said: the subject
		// opens the words after the quotation.
		g := splitCommas(d, toks[:v])[0]
		return phraseSpeaker(d, c, si, g, false)
	}
	if v > lo {
		if who, ok := phraseSpeaker(d, c, si, subjectWindow(d, toks[lo:v]), false); ok {
			return who, true
		}
	}
	// Subject after the verb: "said Wang", "said the minister".
	if v+1 < len(toks) {
		return phraseSpeaker(d, c, si, toks[v+1:min(len(toks), v+12)], true)
	}
	return "", false
}

// subjectWindow keeps the words right before a verb that can be its
// subject: back to the last clause break, skipping an appositive between
// commas ("Kenneth Baer, a former official, said").
func subjectWindow(d *doc, toks []ctoken) []ctoken {
	// Walk back from the verb over the words of the subject.
	i := len(toks)
	for i > 0 {
		gap := d.text[toks[i-1].end:safeStart(toks, i, d)]
		if i < len(toks) && strings.ContainsAny(gap, ".;:!?”\"") {
			break
		}
		i--
	}
	return toks[i:]
}

func safeStart(toks []ctoken, i int, d *doc) int {
	if i < len(toks) {
		return toks[i].start
	}
	return toks[i-1].end
}

func isSpeechVerb(toks []ctoken, i int) bool {
	w := key(toks[i].text)
	if w == "according" {
		return i+1 < len(toks) && key(toks[i+1].text) == "to" && i+2 < len(toks)
	}
	if !speechVerbs[w] {
		return false
	}
	switch w {
	case "called", "calls", "described", "describes", "read", "reads", "went", "began",
		"shot", "fired", "pointed", "reported", "reports", "posted", "charged", "praised":
		// Only with their speech sense: "went on", "pointed out", "reads:".
		if i+1 < len(toks) {
			n := key(toks[i+1].text)
			return n == "on" || n == "out"
		}
		return w == "reads" || w == "read" || w == "reported"
	}
	return true
}

// nameAtEnd reads "Wang: “…”": the person named right before the colon.
func nameAtEnd(d *doc, c *cast, si int, toks []ctoken) (string, bool) {
	last := toks[len(toks)-1]
	for _, m := range c.mentionsIn(toks[0].start, last.end) {
		if m.end >= last.start {
			return m.p.name, true
		}
	}
	return "", false
}

// nearestPerson is the fallback speaker: the person named last before the
// quotation in its paragraph.
func nearestPerson(d *doc, c *cast, sp span, first int) string {
	p0 := first
	for p0 > 0 && d.sents[p0-1].para == d.sents[first].para {
		p0--
	}
	if ms := c.mentionsIn(d.sents[p0].start, sp.start); len(ms) > 0 {
		return ms[len(ms)-1].p.name
	}
	return ""
}

func sentenceAt(d *doc, at, guess int) int {
	for i := max(0, guess-3); i < len(d.sents) && i <= guess+3; i++ {
		if d.sents[i].start <= at && at < d.sents[i].end {
			return i
		}
	}
	return guess
}
