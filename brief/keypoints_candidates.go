package brief

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kpCandidates returns the body sentences that may become key points, with
// their features. Content words are numbered per article so that the
// similarities below are merges of short sorted lists, not map lookups.
func kpCandidates(d *doc) ([]kpCand, *kpStats) {
	tokenised := tokenisedText(d)
	titles := headlineWords(d.title)
	v := kpVocab{ids: map[string]int32{}}
	var cands []kpCand
	for i := range d.sents {
		if c, ok := kpCandidate(d, i, tokenised, titles); ok {
			v.add(&c)
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	st := v.stats()
	kpArticleFeatures(cands, st)
	for r := range cands {
		kpSentenceFeatures(&cands[r], tokenised)
	}
	return cands, st
}

// kpCandidate returns sentence i of d as a candidate, its wire lead and
// any headline glued to it cut, unless it is no body sentence, too short,
// a caption, or the headline again. titles are the headline's words.
func kpCandidate(d *doc, i int, tokenised bool, titles [][]string) (kpCand, bool) {
	s := &d.sents[i]
	text, ws := s.text, s.words
	if s.kind == caption {
		// A caption without a full stop runs into the next sentence:
		// "... was barely recognisable (pictured) Police said ...".
		n := gluedCaption(s.text)
		if n == 0 {
			return kpCand{}, false
		}
		text = s.text[n:]
		ws = words(text)
	} else if s.kind != body {
		return kpCand{}, false
	}
	if len(ws) < 4 {
		return kpCand{}, false
	}
	if !tokenised && strings.HasSuffix(text, " .") && isLabelled(text) {
		return kpCand{}, false // DailyMail's "Pictured: ... ." caption
	}
	src := text
	dateline := false
	// A dateline opens a story or, on pages that run stories together,
	// a paragraph.
	if d.leadsParagraph(i) {
		if n := wireLead(text); n > 0 {
			text, dateline = upperFirst(text[n:]), true
			ws = words(text)
		}
	}
	if n, ok := cutHeadline(text, ws, titles); !ok {
		return kpCand{}, false
	} else if n > 0 {
		text = upperFirst(text[n:])
		ws = words(text)
	}
	c := kpCand{idx: i, text: text, src: src, tokens: len(ws), words: ws}
	if dateline {
		c.x[fDateline] = 1
	}
	return c, true
}

// kpVocab numbers an article's content words and counts them.
type kpVocab struct {
	ids  map[string]int32
	freq []int // by word id, over all candidates
}

// add sets c's content words, numbering new ones.
func (v *kpVocab) add(c *kpCand) {
	for _, w := range c.words {
		if stopwords[w] {
			continue
		}
		id, ok := v.ids[w]
		if !ok {
			id = int32(len(v.freq))
			v.ids[w] = id
			v.freq = append(v.freq, 0)
		}
		v.freq[id]++
		c.content = append(c.content, weight{id: id, w: 1})
		c.nContent++
	}
	c.content = compact(c.content)
}

// stats returns the article's counts and its ten most frequent content
// words, ties to the earliest.
func (v *kpVocab) stats() *kpStats {
	freq := v.freq
	order := make([]int32, len(freq))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return freq[b] - freq[a] })
	topic := make([]bool, len(freq))
	for _, id := range order[:min(10, len(order))] {
		topic[id] = true
	}
	st := &kpStats{freq: freq, topic: topic, nTopic: min(10, len(order))}
	for _, f := range freq {
		st.total += float64(f)
	}
	return st
}

// leadsParagraph reports whether sentence i is the first body sentence of
// its paragraph: bylines and labels may come before it.
func (d *doc) leadsParagraph(i int) bool {
	for j := i - 1; j >= 0 && d.sents[j].para == d.sents[i].para; j-- {
		if d.sents[j].kind == body {
			return false
		}
	}
	return true
}

// headlineWords returns the words of a title as it may recur in the text:
// as given, and cleaned of a site's name and kickers.
func headlineWords(title string) [][]string {
	var out [][]string
	for _, t := range []string{title, cleanTitle(title)} {
		if ws := words(t); len(ws) >= 3 && !slices.ContainsFunc(out, func(o []string) bool { return slices.Equal(o, ws) }) {
			out = append(out, ws)
		}
	}
	return out
}

// cutHeadline looks for the article's headline in a sentence of words ws:
// ok is false when the sentence is the headline again (nearly word for
// word); else n is the length in bytes of a headline glued before the
// sentence's own words, 0 when there is none.
func cutHeadline(text string, ws []string, titles [][]string) (n int, ok bool) {
	for _, tw := range titles {
		if len(ws) >= len(tw) && slices.Equal(ws[:len(tw)], tw) {
			if len(ws)-len(tw) < 4 {
				return 0, false
			}
			end := wordsEnd(text, len(tw))
			return end + strings.IndexFunc(text[end:], isWordRune), true
		}
		if len(ws) <= len(tw)+3 && sameWords(ws, tw) >= 0.8 {
			return 0, false
		}
	}
	return 0, true
}

// wordsEnd returns the byte offset in s just past its first n words as
// words counts them: runs of letters and digits, inner apostrophes and
// hyphens kept.
func wordsEnd(s string, n int) int {
	in := false
	for i, r := range s {
		switch {
		case isWordRune(r):
			in = true
		case in && (r == '\'' || r == '’' || r == '-'):
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); isWordRune(next) {
				continue
			}
			fallthrough
		case in:
			in = false
			if n--; n == 0 {
				return i
			}
		}
	}
	return len(s)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// sameWords is the Jaccard similarity of two sentences' sets of words.
func sameWords(a, b []string) float64 {
	set := setOf(a...)
	inter, union := 0, len(set)
	for w := range setOf(b...) {
		if set[w] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// reCreditEnd is a photo credit's position mark followed by the capital
// of the next sentence.
var reCreditEnd = regexp.MustCompile(`(?i:\(\s*(?:pictured|left|right|centre|center|above|below|top|bottom|inset|file photo|file|main picture|main image|second left|second right|far left|far right|front|back|circled)\s*\))\s+\p{Lu}`)

// gluedCaption returns where the sentence begins in text, a caption that
// ran into it because the caption had no full stop; 0 when text is a
// caption alone. The rest must be free of credits and at least four words.
func gluedCaption(text string) int {
	locs := reCreditEnd.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return 0
	}
	n := locs[len(locs)-1][1] - 1 // the capital
	if rest := text[n:]; reCredit.MatchString(rest) || len(words(rest)) < 4 {
		return 0
	}
	return n
}
