package brief

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Patterns of page furniture that news text carries along: bylines,
// timestamps, calls to action, photo credits, wire-service labels.
var (
	reBoilerplate = regexp.MustCompile(`(?i)^(?:scroll down|click here|read more|read the full|watch the video|follow (?:us|@)|sign up|subscribe|share this|like us on|join the conversation|copyright|all rights reserved|advertisement|related:|see also|more:|comments|last updated|updated:|published:|\|)`)
	// reTeaser labels a link to another story: "SEE MORE: ...", "READ
	// MORE: ...", "RELATED: ...". What follows it in its paragraph is that
	// story's headline. One-word labels count in capitals only: "Watch: "
	// may open a caption or a sentence.
	reTeaser = regexp.MustCompile(`(?i:^(?:see more|read more|read also|also read|related(?: stories| articles| coverage| content| reading| links)?|recommended(?: reading| stories| for you)?|further reading|don['’]t miss|must read|more on this(?: story)?)\s*:)|^(?:MORE|WATCH|LISTEN|PHOTOS|VIDEO|TRENDING|LATEST)\s?:`)
	// reSiteLine is a page's call to sign up, subscribe, accept cookies or
	// follow a link: lines a site wraps around every article.
	reSiteLine = regexp.MustCompile(`(?i)\b(?:click|tap) here\b|` +
		`\bsign(?:ing)? up\b[^.!?]{0,60}\b(?:newsletters?|inbox|briefings?)\b|\bsubscribe\b[^.!?]{0,60}\bnewsletters?\b|` +
		`\bnewsletters?\b[^.!?]{0,60}\b(?:sign up|subscribe|inbox|delivered)\b|` +
		`\b(?:delivered|straight|direct(?:ly)?|sent) to your inbox\b|^already (?:a )?(?:subscriber|member|registered)\b|` +
		`\bbecome a (?:paying )?subscriber\b|\bsupport our journalism\b|` +
		`\bsubscribe (?:now|today|to (?:our|continue|read))\b|\bfree articles?\b[^.!?]{0,30}\b(?:left|remaining|limit)\b|` +
		`\b(?:we|(?:this|our) (?:site|website)) uses? cookies\b|\bcookies? (?:policy|settings|preferences|consent|notice)\b|` +
		`\baccept (?:all )?cookies\b|\bby continuing to (?:use|browse|visit)\b|` +
		`\bcontributed to this (?:report|story)\b|\bediting by\b|^\(?(?:additional )?reporting by\b|` +
		`\btrust principles\b|\bmay not be published, broadcast\b|` +
		`^follow\b[^.!?]{0,40}\bon (?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok)\b|` +
		`\b(?:download|get) our (?:\w+ )?app\b`)
	// reWireLabel is a wire service's label for editors: a slug
	// ("BC-US--Politics"), a version ("1st Ld-Writethru"), an editors' note
	// ("Eds: UPDATES with vote").
	reWireLabel = regexp.MustCompile(`^BC-[A-Z]{2,}|(?i:\bwritethru\b|^eds?\.?:|^editor['’]?s note\b|^\((?:updates|adds|recasts|corrects|refiles|rewrites)\b)`)
	// reWireUpdate is a wire version's label in capitals: "UPDATES with
	// comment from the ministry".
	reWireUpdate = regexp.MustCompile(`^(?:UPDATES|RECASTS|ADDS|CORRECTS|REFILES|REWRITES|NEW THROUGHOUT|URGENT|BULLETIN|ADVISORY)\b`)
	reBylineLike = regexp.MustCompile(`(?i)^(?:by\b|from\b|reporter\b|correspondent\b|associated press\b|reuters\b|press association\b|daily mail reporter\b|mailonline\b|cnn\b)`)
	reTimestamp  = regexp.MustCompile(`(?i)^(?:\d{1,2}:\d{2}\s*(?:est|edt|gmt|bst|utc|[ap]m)?\b|published:|updated:|(?:updated|published|posted|last (?:updated|modified))\b[^.!?]{0,40}\d{1,2}:\d{2})`)
	reCredit     = regexp.MustCompile(`(?i)(?:\(\s*(?:pictured|left|right|centre|center|above|below|top|bottom|inset|file photo|file|main picture|main image|second left|second right|far left|far right|front|back|circled)\s*\)|\b(?:photo|picture|image|credit)s?\s*:|\bgetty images\b|\bap photo\b|\breuters/|\bafp/|\bphotograph:)`)
	// A picture's caption describes the scene in the present tense:
	// "Putin shakes hands with Wang during a meeting in Moscow".
	reCaptionVerb = regexp.MustCompile(`\b(?:shakes hands|poses|gestures|waves|smiles|looks on|speaks during|speaks at|arrives|attends|is seen|are seen|is pictured|are pictured|walks|stands|sits|listens|greets|holds up|delivers a speech|inspects)\b`)
	reDateAtEnd   = regexp.MustCompile(`(?i)\b(?:on|in)\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}\.?$`)
)

// classify marks each sentence as body, caption, byline or boilerplate.
// A teaser's label makes the rest of its paragraph boilerplate too, where
// the text has paragraphs (the headline it links to may hold a full stop).
func (d *doc) classify() {
	teaserPara := -1
	for i := range d.sents {
		s := &d.sents[i]
		if s.para == teaserPara {
			s.kind = boilerplate
			continue
		}
		s.kind = d.kindOf(i)
		if d.paras > 1 && isTeaser(strings.TrimSpace(s.text)) {
			teaserPara = s.para
		}
	}
}

func (d *doc) kindOf(i int) kind {
	s := &d.sents[i]
	t := strings.TrimSpace(s.text)
	if isFurniture(t, len(s.words)) {
		return boilerplate
	}
	if reBylineLike.MatchString(t) && len(s.words) <= 8 {
		return byline
	}
	if hasCredit(t) {
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

// isFurniture reports whether sentence t, of n words, is the page's and
// not the story's: a timestamp, a call to action, a teaser, a wire label,
// a fragment.
func isFurniture(t string, n int) bool {
	lower := strings.ToLower(t)
	switch {
	case reTimestamp.MatchString(t), reBoilerplate.MatchString(t), isTeaser(t):
		return true
	case isWireLabel(t, lower), reWireUpdate.MatchString(t), isSiteLine(lower):
		return true
	case reBylineLike.MatchString(t) && n <= 8:
		return false // a byline
	case n < 4 && utf8.RuneCountInString(t) < 24 && !strings.ContainsAny(t, `"“”`):
		// "By .", "Associated Press .", "| .": fragments, not statements.
		return true
	case strings.HasPrefix(lower, "this article") || strings.HasPrefix(lower, "this story"):
		return true
	}
	return false
}

// The patterns below are slow to run on every sentence (case folded,
// unanchored, many words); each runs only where a word it needs is there.

// isTeaser reports whether t opens on a teaser's label.
func isTeaser(t string) bool {
	return strings.Contains(t[:min(len(t), 40)], ":") && reTeaser.MatchString(t)
}

// isWireLabel reports whether t is a wire label with no story after it.
func isWireLabel(t, lower string) bool {
	if !strings.HasPrefix(t, "BC-") && !strings.HasPrefix(lower, "ed") && !strings.HasPrefix(t, "(") &&
		!strings.Contains(lower, "writethru") {
		return false
	}
	return reWireLabel.MatchString(t) && wireLead(t) == 0
}

// siteLineWords are the words reSiteLine needs, one at least.
var siteLineWords = []string{"click", "tap here", "sign", "subscri", "newsletter", "inbox", "already",
	"journalism", "free article", "cookie", "continuing to", "contributed to", "editing by",
	"reporting by", "trust principles", "may not be", "follow", "our app"}

// isSiteLine reports whether lower, a sentence in lower case, is a site's
// call to subscribe, accept cookies or click, or a wire's credit.
func isSiteLine(lower string) bool {
	for _, w := range siteLineWords {
		if strings.Contains(lower, w) {
			return reSiteLine.MatchString(lower)
		}
	}
	return false
}

// creditWords are the marks reCredit needs, one at least.
var creditWords = []string{"(", ":", "getty", "ap photo", "/"}

// hasCredit reports whether t carries a photo credit or position mark.
func hasCredit(t string) bool {
	lower := strings.ToLower(t)
	for _, w := range creditWords {
		if strings.Contains(lower, w) {
			return reCredit.MatchString(t)
		}
	}
	return false
}
