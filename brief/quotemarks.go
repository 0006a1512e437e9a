package brief

// Quotation marks: finding where each quotation opens and closes.

import (
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
	guillemets             // « » as French and Russian set them, » « as German
	corners                // 「 」 『 』 as Chinese and Japanese set them
)

func (f markFamily) single() bool { return f == curlySingle || f == straightSgl }

// span is one quotation found in the text: [start, end) covers the marks.
type span struct {
	start, end int
	family     markFamily
	opener     rune // the mark that opened it: „ closes with “, » with «
	// cont is set when the quotation goes on into the next paragraph with
	// no closing mark, as long quotations do.
	openEnded bool
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
// are nested quotations and stay part of it. Each language's marks close
// only what they close: German „…“ and »…«, French and Russian «…»,
// Chinese 「…」, never the next quotation's opening mark.
func scanParagraph(text string, ps, pe int) ([]span, *span) {
	var out []span
	var cur *span
	for i := ps; i < pe; {
		r, n := utf8.DecodeRuneInString(text[i:pe])
		f := familyOf(r)
		if f == straightSgl && i+1 < pe && text[i+1] == '\'' {
			f, n = twoApos, 2
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
				cur = &span{start: i, family: f, opener: r}
			}
		case cur.family == f:
			if r == '“' && cur.opener != '„' && !unicode.IsSpace(next) && unicode.IsSpace(prev) {
				// A second opener: the first quotation was never closed.
				cur = &span{start: i, family: f, opener: r}
				break
			}
			if closes(cur.opener, r) && canClose(r, f, prev, next, atEnd, cur.opener) {
				cur.end = i + n
				out = append(out, *cur)
				cur = nil
			}
		case cur.family.single() && !f.single():
			// A double mark inside a single quotation: the single mark was an
			// apostrophe after all.
			if canOpen(r, f, prev, next, atStart, atEnd) {
				cur = &span{start: i, family: f, opener: r}
			}
		}
		i += n
	}
	return out, cur
}

// familyOf returns the family of quotation mark r, or noMark.
func familyOf(r rune) markFamily {
	switch r {
	case '“', '”', '„', '"':
		// Straight and curly double marks close each other: sites mix them.
		return curlyDouble
	case '‘', '’':
		return curlySingle
	case '\'':
		return straightSgl
	case '«', '»':
		return guillemets
	case '「', '」', '『', '』':
		return corners
	}
	return noMark
}

// closes reports whether mark r closes a quotation opened by opener.
func closes(opener, r rune) bool {
	switch opener {
	case '«':
		return r == '»'
	case '»':
		return r == '«'
	case '「':
		return r == '」'
	case '『':
		return r == '』'
	case '„':
		return r == '“' || r == '”' || r == '"'
	}
	return r != '«' && r != '»' && r != '「' && r != '『' && r != '„'
}

func canOpen(r rune, f markFamily, prev, next rune, atStart, atEnd bool) bool {
	switch f {
	case corners:
		return !atEnd && (r == '「' || r == '『')
	case guillemets:
		// French sets a space inside the marks: « Oui ».
		return !atEnd && (r == '«' || atStart || unicode.IsSpace(prev) || strings.ContainsRune("(:—–-", prev))
	}
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

func canClose(r rune, f markFamily, prev, next rune, atEnd bool, opener rune) bool {
	switch f {
	case corners, guillemets:
		return true
	}
	switch r {
	case '“':
		return opener == '„'
	case '‘':
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
