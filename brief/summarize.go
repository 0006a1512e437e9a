package brief

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Errors Summarize returns for input it cannot brief.
var (
	ErrEmpty   = errors.New("article has no text")
	ErrNotUTF8 = errors.New("article text is not valid UTF-8")
)

// Options tune a Summarizer. The zero value is ready to use.
type Options struct {
	// MaxKeyPoints caps the key points, 3 to 5; 0 means 5.
	MaxKeyPoints int
}

// maxText bounds the text a brief reads. News articles are far shorter;
// the rest of a longer text (a dump, a book) is left out rather than
// making every step slower.
const maxText = 64 << 10

// clip cuts s to at most n bytes, at the last line break or sentence end
// before n where there is one.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	if i := strings.LastIndexByte(cut, '\n'); i > n/2 {
		return cut[:i]
	}
	if i := strings.LastIndex(cut, ". "); i > n/2 {
		return cut[:i+1]
	}
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut
}

// Summarizer builds briefs. It is safe for concurrent use; every Summarizer
// shares the one NLP model of the process.
type Summarizer struct {
	opts Options
}

// New returns a Summarizer with the given options.
func New(opts Options) *Summarizer {
	if opts.MaxKeyPoints <= 0 || opts.MaxKeyPoints > 5 {
		opts.MaxKeyPoints = 5
	}
	if opts.MaxKeyPoints < 3 {
		opts.MaxKeyPoints = 3
	}
	return &Summarizer{opts: opts}
}

// Summarize returns the brief of one article.
func (s *Summarizer) Summarize(a Article) (Brief, error) {
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		return Brief{}, fmt.Errorf("summarize %q: %w", a.Title, ErrNotUTF8)
	}
	if strings.TrimSpace(a.Text) == "" {
		return Brief{}, fmt.Errorf("summarize %q: %w", a.Title, ErrEmpty)
	}
	a.Text = clip(a.Text, maxText)
	if lowerCased(a.Text) {
		// Names and sentences are found by their capitals.
		a.Text, a.Title = trueCase(a.Text), trueCase(a.Title)
	}
	d := parse(a)
	b := Brief{
		ID:        a.ID,
		Title:     cleanTitle(a.Title, a.Source, a.URL),
		URL:       a.URL,
		Published: a.Published,
	}
	b.Language = detectLanguage(a.Title, a.Text)
	if b.Language != English {
		// No model here reads speakers or meetings in this language:
		// quotations are given whole and unattributed, and the key points
		// are the lead, which needs no English word lists.
		b.Quotes = plainQuotes(d)
		b.KeyPoints = leadPoints(d, s.opts.MaxKeyPoints)
		if len(b.KeyPoints) == 0 {
			b.KeyPoints = leadSentences(d, s.opts.MaxKeyPoints)
		}
		return b, nil
	}
	c := findPeople(d)
	// Quotes first: "I met him," a speaker says, and the meetings step
	// reads who "I" is from the quotation's speaker.
	var said []saidSpan
	b.Quotes, said = quotesSaid(d, c)
	b.Meetings = meetings(d, c, a.Published, said)
	b.KeyPoints = keyPoints(d, s.opts.MaxKeyPoints)
	if len(b.KeyPoints) == 0 {
		b.KeyPoints = leadSentences(d, 3)
	}
	return b, nil
}

// leadSentences is the fallback for texts too short or too foreign for the
// key-point model (one line, Chinese): the first body sentences, or the
// first sentences at all.
func leadSentences(d *doc, n int) []string {
	var out []string
	for _, s := range d.sents {
		if s.kind == body && len(out) < n {
			out = append(out, s.text)
		}
	}
	if len(out) == 0 {
		for _, s := range d.sents[:min(n, len(d.sents))] {
			out = append(out, s.text)
		}
	}
	return out
}
