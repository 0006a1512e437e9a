package brief

// Text preparation: an article split into paragraphs and sentences, each
// sentence classified.

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	raw   string // the text as given, before mendWrapStops; same offsets
	sents []sentence
	paras int
	// places caches shownAsPlace per word asked about: each answer reads
	// the whole text, and a long text asks about the same words for
	// quotation after quotation.
	places map[string]bool
}

// shownAsPlace reports whether the article shows the word w to be a place
// (see the function of that name), reading the text once per word.
func (d *doc) shownAsPlace(w string) bool {
	shown, ok := d.places[w]
	if !ok {
		shown = shownAsPlace(d.text, w)
		if d.places == nil {
			d.places = map[string]bool{}
		}
		d.places[w] = shown
	}
	return shown
}

// parse splits an article into classified sentences. Paragraphs are split
// first so that a headline or a caption on a line of its own never merges
// with the sentence after it.
func parse(a Article) *doc {
	return prepare(a, mendWrapStops(a.Text))
}

// asGiven returns d split as the text was given, without mendWrapStops:
// d itself when nothing was mended.
func (d *doc) asGiven() *doc {
	if d.text == d.raw {
		return d
	}
	return prepare(Article{Title: d.title, Text: d.raw}, d.raw)
}

// prepare splits text, the article's text or a mended copy of the same
// length, into classified sentences.
func prepare(a Article, text string) *doc {
	d := &doc{title: strings.TrimSpace(a.Title), text: text, raw: a.Text}
	start := 0
	for start < len(d.text) {
		end := strings.IndexByte(d.text[start:], '\n')
		if end < 0 {
			end = len(d.text)
		} else {
			end += start
		}
		if strings.TrimSpace(d.text[start:end]) != "" {
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

// mendWrapStops blanks the stray full stops that some pages (DailyMail
// among them) leave where a line was wrapped: "the Duke of . Edinburgh",
// "Nancy . Pelosi said". A period set off by spaces otherwise ends a
// sentence (endsSentence), so such a stop cuts a name, and the sentence
// round it, in two. It is taken for a wrap, and becomes a space, when the
// word after it is lower-case ("the . president said"), when the word
// before it is one no sentence ends on ("of", "the"), or when a given name
// or a title stands before it and a name part that opens no sentence after
// it. A stop after an abbreviation ("U.S. . The") and a real end ("said .
// The") stay. Only that byte changes, never an offset.
func mendWrapStops(text string) string {
	if !strings.Contains(text, " . ") {
		return text
	}
	// In text without case (a lower-cased corpus) a lower-case word after
	// the stop says nothing.
	cased := strings.IndexFunc(text, unicode.IsUpper) >= 0 && !lowerCased(text)
	b := []byte(text)
	for i := 1; i+2 < len(b); i++ {
		if b[i] != '.' || b[i-1] != ' ' || b[i+1] != ' ' {
			continue
		}
		if wrapStop(text, i, cased) {
			b[i] = ' '
		}
	}
	return string(b)
}

// wrapStop reports whether the lone period at text[dot] (" . ") stands
// inside a name or a sentence rather than at the end of one.
func wrapStop(text string, dot int, cased bool) bool {
	before := strings.TrimRight(text[:dot], " ")
	if nl := strings.LastIndexByte(before, '\n'); nl >= 0 && strings.TrimSpace(before[nl:]) == "" {
		return false
	}
	prev := wordBefore(before, len(before))
	last, _ := utf8.DecodeLastRuneInString(prev)
	if !unicode.IsLetter(last) {
		return false // "U.S. . The", "home) . The", "2015 . The"
	}
	rest := text[dot+1:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 && strings.TrimSpace(rest[:nl]) == "" {
		return false
	}
	next := nextWord(rest)
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsLower(first):
		// "harm . being caused", but not "time off . the mayor", which
		// may be two captions run together.
		return cased && !commonStarter(next)
	case !unicode.IsUpper(first):
		return false
	case wrapJoiners[prev]: // written in lower case: "By . Associated Press" is a byline
		return true
	}
	w := key(prev)
	named := givenNames[prev] || titleWords[w] || honorifics[w] != 0
	return named && !commonStarter(next) && !startsSentenceWords[strings.ToLower(next)]
}

// wrapJoiners are words no sentence ends on, so a period after one is a
// wrap: "the Duke of . Edinburgh".
var wrapJoiners = setOf("of", "the", "a", "an", "and", "to", "for", "from", "with", "by", "de", "van", "von", "bin", "al")

// startsSentenceWords open sentences often enough that a capitalised one
// after a given name and a stop is read as a new sentence.
var startsSentenceWords = setOf("it", "i", "you", "she", "he", "we", "they", "his", "her", "our",
	"one", "two", "some", "many", "most", "all", "no", "not", "now", "then", "yesterday", "today", "last")
