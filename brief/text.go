package brief

// Text preparation: an article split into paragraphs and sentences, each
// sentence classified.

import (
	"strings"
)

// kind says what part of a page a sentence is. Only body sentences become
// key points; captions may still date a meeting.
type kind uint8

const (
	body kind = iota
	caption
	byline
	boilerplate
)

func (k kind) String() string {
	switch k {
	case caption:
		return "caption"
	case byline:
		return "byline"
	case boilerplate:
		return "boilerplate"
	}
	return "body"
}

// sentence is one sentence of the article with its place in the text.
// start and end are byte offsets into doc.text, so text == doc.text[start:end].
type sentence struct {
	text       string
	start, end int
	para       int // index of the paragraph
	inPara     int // position within its paragraph
	kind       kind
	words      []string // lower-cased word tokens
}

// doc is an article prepared for the extractors: the text split into
// paragraphs and sentences, each sentence classified.
type doc struct {
	title string
	text  string
	sents []sentence
	paras int
}

// parse splits an article into classified sentences. Paragraphs are split
// first so that a headline or a caption on a line of its own never merges
// with the sentence after it.
func parse(a Article) *doc {
	d := &doc{title: strings.TrimSpace(a.Title), text: a.Text}
	start := 0
	for start < len(a.Text) {
		end := strings.IndexByte(a.Text[start:], '\n')
		if end < 0 {
			end = len(a.Text)
		} else {
			end += start
		}
		if strings.TrimSpace(a.Text[start:end]) != "" {
			d.addParagraph(start, end)
		}
		start = end + 1
	}
	d.classify()
	return d
}

func (d *doc) addParagraph(start, end int) {
	n := 0
	for _, span := range splitSentences(d.text[start:end]) {
		s, e := start+span[0], start+span[1]
		text := d.text[s:e]
		d.sents = append(d.sents, sentence{
			text:   text,
			start:  s,
			end:    e,
			para:   d.paras,
			inPara: n,
			words:  words(text),
		})
		n++
	}
	if n > 0 {
		d.paras++
	}
}
