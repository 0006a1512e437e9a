package brief

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Patterns of page furniture that news text carries along: bylines,
// timestamps, calls to action, photo credits.
var (
	reBoilerplate = regexp.MustCompile(`(?i)^(?:scroll down|click here|read more|read the full|watch the video|follow (?:us|@)|sign up|subscribe|share this|like us on|join the conversation|copyright|all rights reserved|advertisement|related:|see also|more:|comments|last updated|updated:|published:|\|)`)
	reBylineLike  = regexp.MustCompile(`(?i)^(?:by\b|from\b|reporter\b|correspondent\b|associated press\b|reuters\b|press association\b|daily mail reporter\b|mailonline\b|cnn\b)`)
	reTimestamp   = regexp.MustCompile(`(?i)^(?:\d{1,2}:\d{2}\s*(?:est|edt|gmt|bst|utc|[ap]m)?\b|published:|updated:)`)
	reCredit      = regexp.MustCompile(`(?i)(?:\(\s*(?:pictured|left|right|centre|center|above|below|top|bottom|inset|file photo|file|main picture|main image|second left|second right|far left|far right|front|back|circled)\s*\)|\b(?:photo|picture|image|credit)s?\s*:|\bgetty images\b|\bap photo\b|\breuters/|\bafp/|\bphotograph:)`)
	// A picture's caption describes the scene in the present tense:
	// "Putin shakes hands with Wang during a meeting in Moscow".
	reCaptionVerb = regexp.MustCompile(`\b(?:shakes hands|poses|gestures|waves|smiles|looks on|speaks during|speaks at|arrives|attends|is seen|are seen|is pictured|are pictured|walks|stands|sits|listens|greets|holds up|delivers a speech|inspects)\b`)
	reDateAtEnd   = regexp.MustCompile(`(?i)\b(?:on|in)\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}\.?$`)
	reCNNPrefix   = regexp.MustCompile(`^\(\s*cnn\s*\)\s*(?:--\s*)?`)
)

// classify marks each sentence as body, caption, byline or boilerplate.
func (d *doc) classify() {
	for i := range d.sents {
		s := &d.sents[i]
		s.kind = d.kindOf(i)
	}
}

func (d *doc) kindOf(i int) kind {
	s := &d.sents[i]
	t := strings.TrimSpace(s.text)
	lower := strings.ToLower(t)
	switch {
	case reTimestamp.MatchString(t), reBoilerplate.MatchString(t):
		return boilerplate
	case reBylineLike.MatchString(t) && len(s.words) <= 8:
		return byline
	case len(s.words) < 4 && utf8.RuneCountInString(t) < 24 && !strings.ContainsAny(t, `"“”`):
		// "By .", "Associated Press .", "| .": fragments, not statements.
		return boilerplate
	case strings.HasPrefix(lower, "this article") || strings.HasPrefix(lower, "this story"):
		return boilerplate
	}
	if reCredit.MatchString(t) {
		return caption
	}
	// A one-sentence paragraph describing a scene in the present tense, or
	// ending on a full date, is a caption.
	alone := (i == 0 || d.sents[i-1].para != s.para) && (i+1 == len(d.sents) || d.sents[i+1].para != s.para)
	if alone && d.paras > 1 && (reCaptionVerb.MatchString(t) || reDateAtEnd.MatchString(t)) {
		return caption
	}
	return body
}
