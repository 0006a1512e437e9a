package brief

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markFamily groups quotation marks that open and close each other.
type markFamily uint8

const (
	noMark      markFamily = iota
	curlyDouble            // “ ”
	straightDbl            // "
	twoApos                // '' as some wires set it
	curlySingle            // ‘ ’
	straightSgl            // '
)

func (f markFamily) single() bool { return f == curlySingle || f == straightSgl }

// span is one quotation found in the text: [start, end) covers the marks.
type span struct {
	start, end int
	family     markFamily
	// cont is set when the quotation goes on into the next paragraph with
	// no closing mark, as long quotations do.
	openEnded bool
}

// quotes returns the direct quotations of an article with their speakers,
// in the order they appear. A quotation that runs over several sentences
// or paragraphs is one quote; quoted names, titles and scare quotes are
// left out.
func quotes(d *doc, c *cast) []Quote {
	spans := quoteSpans(d)
	var out []Quote
	prev := "" // speaker of the last quote, for paragraphs that go on quoting
	prevPara := -10
	prevEnd := 0
	for _, sp := range spans {
		first, last := sentencesOf(d, sp.start, sp.end)
		if first < 0 {
			continue
		}
		if !isQuotation(d, sp, first, last) {
			continue
		}
		who, found := speakerOf(d, c, sp, first, last)
		para := d.sents[first].para
		if !found {
			switch {
			case prev != "" && (para == prevPara || para == prevPara+1) && sp.start >= prevEnd:
				who = prev
			default:
				who = nearestPerson(d, c, sp, first)
			}
		}
		out = append(out, Quote{
			Speaker:  who,
			Text:     d.text[sp.start:sp.end],
			Sentence: d.text[d.sents[first].start:d.sents[last].end],
		})
		if who != "" {
			prev = who
		}
		prevPara = d.sents[last].para
		prevEnd = sp.end
	}
	return out
}

// quoteSpans finds the quotations of every paragraph. Each paragraph is
// scanned on its own; a quotation left open at the end of a paragraph
// carries on when the next paragraph opens with a quotation mark.
func quoteSpans(d *doc) []span {
	var out []span
	var carry *span
	for i := 0; i < len(d.sents); {
		j := i
		for j < len(d.sents) && d.sents[j].para == d.sents[i].para {
			j++
		}
		ps, pe := d.sents[i].start, d.sents[j-1].end
		spans, open := scanParagraph(d.text, ps, pe)
		if carry != nil {
			if len(spans) > 0 && spans[0].start == ps || open != nil && open.start == ps {
				// The quotation goes on: join it to this paragraph's first.
				if len(spans) > 0 && spans[0].start == ps {
					spans[0].start = carry.start
				} else {
					open.start = carry.start
				}
			} else {
				carry.end = trimEnd(d.text, carry.start, carry.end)
				out = append(out, *carry)
			}
			carry = nil
		}
		out = append(out, spans...)
		if open != nil {
			if !open.family.single() && openerAtStart(d.text, ps, open.start) {
				open.end = pe
				carry = open
			}
		}
		i = j
	}
	if carry != nil {
		out = append(out, *carry)
	}
	return out
}

// openerAtStart reports whether the quotation opening at at begins its
// paragraph or follows a colon, as long quotations do.
func openerAtStart(text string, ps, at int) bool {
	if at <= ps {
		return true
	}
	before := strings.TrimRightFunc(text[ps:at], unicode.IsSpace)
	return before == "" || strings.HasSuffix(before, ":")
}

func trimEnd(text string, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// scanParagraph returns the closed quotations of text[ps:pe] and the one
// left open at its end, if any. Marks of another family inside a quotation
// are nested quotations and stay part of it.
func scanParagraph(text string, ps, pe int) ([]span, *span) {
	var out []span
	var cur *span
	for i := ps; i < pe; {
		r, n := utf8.DecodeRuneInString(text[i:pe])
		f := noMark
		switch r {
		case '“', '”', '„', '"':
			// Straight and curly double marks close each other: sites mix them.
			f = curlyDouble
		case '‘', '’':
			f = curlySingle
		case '\'':
			f = straightSgl
			if i+1 < pe && text[i+1] == '\'' {
				f, n = twoApos, 2
			}
		}
		if f == noMark {
			i += n
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[ps:i])
		next, _ := utf8.DecodeRuneInString(text[i+n : pe])
		atStart := i == ps
		atEnd := i+n >= pe
		switch {
		case cur == nil:
			if canOpen(r, f, prev, next, atStart, atEnd) {
				cur = &span{start: i, family: f}
			}
		case cur.family == f:
			if r == '“' && !unicode.IsSpace(next) && unicode.IsSpace(prev) {
				// A second opener: the first quotation was never closed.
				cur = &span{start: i, family: f}
				break
			}
			if canClose(r, f, prev, next, atEnd) {
				cur.end = i + n
				out = append(out, *cur)
				cur = nil
			}
		case cur.family.single() && !f.single():
			// A double mark inside a single quotation: the single mark was an
			// apostrophe after all.
			if canOpen(r, f, prev, next, atStart, atEnd) {
				cur = &span{start: i, family: f}
			}
		}
		i += n
	}
	return out, cur
}

func canOpen(r rune, f markFamily, prev, next rune, atStart, atEnd bool) bool {
	if atEnd || unicode.IsSpace(next) {
		return false
	}
	switch r {
	case '”':
		// Some sites open with the closing mark: ”Fear. I am afraid…”
		return atStart || unicode.IsSpace(prev)
	case '’':
		return false
	}
	if f.single() {
		// An apostrophe inside or after a word is no opening mark.
		if !atStart && !unicode.IsSpace(prev) && !strings.ContainsRune("([—–-“\"", prev) {
			return false
		}
		return unicode.IsLetter(next) || unicode.IsDigit(next) || next == '.'
	}
	return true
}

func canClose(r rune, f markFamily, prev, next rune, atEnd bool) bool {
	switch r {
	case '“', '‘':
		return false
	}
	if unicode.IsSpace(prev) && f != curlyDouble {
		return false
	}
	if f.single() {
		// "Clinton’s", "don't": an apostrophe between letters.
		if unicode.IsLetter(next) || unicode.IsDigit(next) {
			return false
		}
	}
	return true
}

// sentencesOf returns the first and last sentences overlapping [start, end).
func sentencesOf(d *doc, start, end int) (int, int) {
	first, last := -1, -1
	from := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > start })
	for i := from; i < len(d.sents); i++ {
		s := &d.sents[i]
		if s.end <= start {
			continue
		}
		if s.start >= end {
			break
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	return first, last
}

// isQuotation tells a direct quotation from a quoted name, title or scare
// quote: "Russia-China Year of Culture", "fake news".
func isQuotation(d *doc, sp span, first, last int) bool {
	inner := d.text[sp.start:sp.end]
	ws := words(inner)
	if len(ws) == 0 {
		return false
	}
	if sp.family.single() {
		// Single marks are apostrophes more often than quotation marks:
		// only a clause with its own punctuation or a speech verb counts.
		if len(ws) < 3 {
			return false
		}
		body := strings.TrimRight(inner, "'’")
		if !strings.ContainsAny(lastRuneOf(body), ".,!?") && !hasCue(d, sp, first, last) {
			return false
		}
	}
	if titleCased(inner) && !strings.ContainsAny(inner, ".!?") {
		return false
	}
	if len(ws) <= 2 {
		return false
	}
	return true
}

func lastRuneOf(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// titleCased reports whether every longer word of s starts with a capital,
// as names and titles do.
func titleCased(s string) bool {
	n := 0
	for _, t := range tokenize(s, 0, len(s)) {
		if utf8.RuneCountInString(t.text) < 4 {
			continue
		}
		if !capitalised(t.text) {
			return false
		}
		n++
	}
	return n > 0
}

// hasCue reports whether a speech verb stands in the sentences of the
// quotation, outside it.
func hasCue(d *doc, sp span, first, last int) bool {
	outside := d.text[d.sents[first].start:sp.start] + " " + d.text[sp.end:d.sents[last].end]
	for _, w := range words(outside) {
		if speechVerbs[w] {
			return true
		}
	}
	return strings.Contains(strings.ToLower(outside), "according to") || strings.HasSuffix(strings.TrimSpace(d.text[d.sents[first].start:sp.start]), ":")
}

// pronouns that may stand for a speaker.
var speakerPronouns = setOf("he", "she", "they", "i", "we", "it")

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

func sentenceAt(d *doc, at, guess int) int {
	for i := max(0, guess-3); i < len(d.sents) && i <= guess+3; i++ {
		if d.sents[i].start <= at && at < d.sents[i].end {
			return i
		}
	}
	return guess
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
