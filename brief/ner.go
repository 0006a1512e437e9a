package brief

// The few questions asked of prose's entity model: is this run of capitals a
// person?

import (
	"strings"
	"unicode"
)

type nerSpan struct {
	text  string
	label string
}

// nerSpans runs prose's entity model on the words around a chunk: a few
// words of context decide as well as the whole sentence at a fraction of
// the cost (about 1 ms a sentence).
func nerSpans(d *doc, c *chunk) []nerSpan {
	s := d.sents[c.sent]
	from, to := c.toks[0].start, c.toks[len(c.toks)-1].end
	for n := 0; n < 6 && from > s.start; n++ {
		i := strings.LastIndexFunc(d.text[s.start:from-1], unicode.IsSpace)
		if i < 0 {
			from = s.start
			break
		}
		from = s.start + i + 1
	}
	for n := 0; n < 6 && to < s.end; n++ {
		i := strings.IndexFunc(d.text[to+1:s.end], unicode.IsSpace)
		if i < 0 {
			to = s.end
			break
		}
		to = to + 1 + i
	}
	var out []nerSpan
	var cur []string
	label := ""
	flush := func() {
		if len(cur) > 0 {
			out = append(out, nerSpan{text: strings.Join(cur, " "), label: label})
		}
		cur = nil
	}
	for _, t := range tag(d.text[from:to], true) {
		switch {
		case strings.HasPrefix(t.Label, "B-"):
			flush()
			label = t.Label[2:]
			cur = append(cur, t.Text)
		case strings.HasPrefix(t.Label, "I-") && len(cur) > 0:
			cur = append(cur, t.Text)
		default:
			flush()
		}
	}
	flush()
	return out
}

func nerSaysPerson(spans []nerSpan, c *chunk) bool {
	last := key(c.toks[len(c.toks)-1].text)
	for _, s := range spans {
		if s.label != "PERSON" {
			continue
		}
		for _, w := range strings.Fields(s.text) {
			if key(w) == last {
				return true
			}
		}
	}
	return false
}
