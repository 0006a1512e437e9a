package brief

// Quotes: direct quotations told apart from quoted names and scare quotes,
// each with its speaker.

import (
	"sort"
	"strings"
	"unicode/utf8"
)

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
