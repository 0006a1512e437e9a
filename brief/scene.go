package brief

// The scene of a quotation: the article's words with their sentences and
// whether a quotation holds them, shared by the speaker candidates and
// their features.

import "sort"

// scene is an article read for attribution, built once per article.
type scene struct {
	d      *doc
	c      *cast
	toks   []ctoken // every word of the sentences, in order
	sentOf []int    // sentence of each token
	quoted []bool   // the token lies inside a quotation
	from   []int    // index of each sentence's first token; len(d.sents)+1 entries
	spans  []span   // every quotation, accepted or not
	// midCaps holds the words written with a capital inside a sentence
	// somewhere in the article, as names are and sentence openers are not.
	midCaps map[string]bool
}

func newScene(d *doc, c *cast, spans []span) *scene {
	sc := &scene{d: d, c: c, spans: spans, from: make([]int, len(d.sents)+1)}
	for si, s := range d.sents {
		sc.from[si] = len(sc.toks)
		for _, t := range tokenize(d.text, s.start, s.end) {
			sc.toks = append(sc.toks, t)
			sc.sentOf = append(sc.sentOf, si)
		}
	}
	sc.from[len(d.sents)] = len(sc.toks)
	sc.midCaps = map[string]bool{}
	for i, t := range sc.toks {
		if i > 0 && sc.sentOf[i-1] == sc.sentOf[i] && capitalised(t.text) {
			sc.midCaps[key(t.text)] = true
		}
	}
	sc.quoted = make([]bool, len(sc.toks))
	for _, sp := range spans {
		for i := sc.tokenAt(sp.start); i < len(sc.toks) && sc.toks[i].start < sp.end; i++ {
			sc.quoted[i] = true
		}
	}
	return sc
}

// tokenAt returns the index of the first token starting at or after at.
func (sc *scene) tokenAt(at int) int {
	return sort.Search(len(sc.toks), func(i int) bool { return sc.toks[i].start >= at })
}

// key returns the word list key of token i, or "" outside the text.
func (sc *scene) key(i int) string {
	if i < 0 || i >= len(sc.toks) {
		return ""
	}
	return key(sc.toks[i].text)
}

// gap returns the text between tokens i and i+1.
func (sc *scene) gap(i int) string {
	if i < 0 || i+1 >= len(sc.toks) {
		return ""
	}
	return sc.d.text[sc.toks[i].end:sc.toks[i+1].start]
}

// cue reports whether token i is a verb of saying in its speech sense:
// "said", "told", "wrote", but "went" and "pointed" only with "on" and
// "out". A word inside a quotation is never a cue.
func (sc *scene) cue(i int) bool {
	if i < 0 || i >= len(sc.toks) || sc.quoted[i] {
		return false
	}
	w := sc.key(i)
	if speechParticiples[w] {
		return true
	}
	if !speechVerbs[w] {
		return false
	}
	switch w {
	case "called", "calls", "described", "describes", "read", "reads", "went", "began",
		"shot", "fired", "pointed", "reported", "reports", "posted", "charged", "praised":
		n := sc.key(i + 1)
		return n == "on" || n == "out" || (w == "read" || w == "reads") && hasColon(sc.gap(i))
	}
	return true
}

// speechParticiples introduce a quotation as the verbs of saying do:
// "Trump attacked Clinton, saying, “…”".
var speechParticiples = setOf("saying", "adding", "asking", "writing", "telling", "noting",
	"asserting", "declaring", "insisting", "arguing", "explaining", "warning", "stating",
	"tweeting", "replying", "responding", "recalling", "claiming", "joking", "urging")

func hasColon(s string) bool {
	for _, r := range s {
		if r == ':' {
			return true
		}
	}
	return false
}

// cueIn reports whether a cue stands among tokens [i, j).
func (sc *scene) cueIn(i, j int) bool {
	for k := max(i, 0); k < j && k < len(sc.toks); k++ {
		if sc.cue(k) {
			return true
		}
	}
	return false
}
