package brief

// Quotes: direct quotations told apart from quoted names and scare quotes,
// each with its speaker.

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quotes returns the direct quotations of an article with their speakers,
// in the order they appear. A quotation that runs over several sentences
// or paragraphs is one quote; quoted names, titles and scare quotes are
// left out. A quotation whose speaker the model is not sure of keeps an
// empty speaker.
func quotes(d *doc, c *cast) []Quote {
	qs, _ := quotesSaid(d, c)
	return qs
}

// saidSpan is where a quotation lies in doc.text and who said it (""
// when nobody sure): the meetings step reads "I met him" inside it as the
// speaker's meeting.
type saidSpan struct {
	start, end int
	speaker    string
}

// quotesSaid is quotes, with the span and speaker of each quotation.
func quotesSaid(d *doc, c *cast) ([]Quote, []saidSpan) {
	return quotesWith(d, c, speakerWeights)
}

// quotesWith is quotesSaid with the speaker model m.
func quotesWith(d *doc, c *cast, m *speakerModel) ([]Quote, []saidSpan) {
	sc := newScene(d, c, quoteSpans(d))
	var out []Quote
	var said []saidSpan
	sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
		who, guess := m.choose(sc, q, cs)
		out = append(out, Quote{
			Speaker:     who.name,
			SpeakerRole: who.role,
			Text:        d.raw[q.sp.start:q.sp.end],
			Sentence:    d.raw[d.sents[q.first].start:d.sents[q.last].end],
		})
		said = append(said, saidSpan{q.sp.start, q.sp.end, who.name})
		return guess
	})
	return out, said
}

// plainQuotes returns the direct quotations of an article without their
// speakers, for languages no speaker model reads.
func plainQuotes(d *doc) []Quote {
	var out []Quote
	for _, sp := range quoteSpans(d) {
		if first, last := sentencesOf(d, sp.start, sp.end); first >= 0 && isQuotation(d, sp, first, last) {
			out = append(out, Quote{
				Text:     d.raw[sp.start:sp.end],
				Sentence: d.raw[d.sents[first].start:d.sents[last].end],
			})
		}
	}
	return out
}

// walk calls attribute on every direct quotation of the scene in order,
// with its candidates. attribute returns the speaker it settled on, which
// the next quotations see as the previous speaker.
func (sc *scene) walk(attribute func(q *quoteInfo, cs []speakerCand) speaker) {
	d := sc.d
	var prev speaker
	prevPara := -1
	for _, sp := range sc.spans {
		first, last := sentencesOf(d, sp.start, sp.end)
		if first < 0 || !isQuotation(d, sp, first, last) {
			continue
		}
		q := sc.quoteInfo(sp, first, last)
		if prevPara >= 0 && d.sents[first].para-prevPara <= 3 {
			q.prev = prev
			q.prevParas = d.sents[first].para - prevPara
		}
		if who := attribute(&q, sc.candidates(&q)); who.name != "" {
			prev = who
		}
		prevPara = d.sents[last].para
	}
}

// quoteInfo describes quotation sp, which lies in sentences first to last.
func (sc *scene) quoteInfo(sp span, first, last int) quoteInfo {
	d := sc.d
	q := quoteInfo{sp: sp, first: first, last: last, prevParas: -1}
	q.qs, q.qe = sc.tokenAt(sp.start), sc.tokenAt(sp.end)
	q.cueInSent = sc.cueIn(sc.from[first], sc.from[last+1])
	inner := strings.TrimRight(d.text[sp.start:sp.end], "\"'”’»«›‹“‘„「」『』 ")
	after := strings.TrimLeft(d.text[sp.end:d.sents[last].end], " ")
	q.comma = strings.HasSuffix(inner, ",") || strings.HasPrefix(after, ",")
	q.endsSentence = strings.HasSuffix(inner, ".") || strings.HasSuffix(inner, "!") || strings.HasSuffix(inner, "?")
	s := &d.sents[first]
	q.startsPara = s.inPara == 0 && sp.start == s.start
	outside := d.text[s.start:sp.start] + d.text[sp.end:d.sents[last].end]
	q.wholePara = q.startsPara && len(words(outside)) == 0
	q.words = len(words(d.text[sp.start:sp.end]))
	if who, ok := speakerOf(d, sc.c, sp, first, last); ok {
		q.rule = who
	} else {
		q.near = nearestPerson(d, sc.c, sp, first)
	}
	return q
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
	if sp.family == corners || strings.IndexFunc(inner, isCJK) >= 0 {
		// Chinese and Japanese write no spaces: a quotation is a clause of
		// several characters, a quoted name a few.
		return utf8.RuneCountInString(inner) > 6
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

// isCJK reports whether r is a Chinese character or Japanese kana.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
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
