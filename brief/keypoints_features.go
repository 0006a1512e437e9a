package brief

import (
	"math"
	"strings"
	"unicode"
)

// kpFeature names the inputs of the sentence model, in the order of
// kpWeights.
const (
	fBias       = iota
	fFirst      // first candidate sentence
	fSecond     // second
	fThird      // third
	fLogRank    // log(1+rank) among candidates
	fRelPos     // rank / number of candidates
	fLen        // words / 30
	fLen2       // (words / 30)^2
	fShort      // fewer than 10 words
	fLong       // more than 40 words
	fCentral    // cosine with the rest of the article's content words
	fTopic      // share of content words among the article's ten most frequent
	fLeadSim    // cosine with the first three candidates (others than itself)
	fQuote      // carries a quotation mark
	fOpensQuote // starts with a quotation mark
	fSaid       // said, says, told, according
	fAnaphor    // opens on a pronoun or a connective
	fFirstPers  // I, we, my, our...
	fDigit      // has a number
	fQuestion   // ends with ? or !
	fLabel      // "Pictured: ..." a caption's label before a colon
	fSpaceDot   // ends " ." in an article that is not tokenised: a caption
	fDateline   // opens with a "(CNN) --" dateline: the lead of a wire story
	fNovel      // share of content words not seen in earlier sentences
	numFeatures
)

// kpCand is a body sentence that may become a key point.
type kpCand struct {
	idx      int      // index into doc.sents
	text     string   // the sentence with any dateline stripped
	src      string   // the sentence the features read: with its dateline
	words    []string // lower-case words of text
	content  []weight // words less stopwords, by id
	nContent int      // how many content words, repeats counted
	tokens   int      // word count, close to ROUGE's token count
	x        [numFeatures]float64
	p        float64 // predicted chance it is one of the best three
	z        float64 // the logit of p
}

// kpStats are the article's content-word counts, by word id, that a set of
// key points is measured against.
type kpStats struct {
	freq   []int
	topic  []bool // among the ten most frequent
	nTopic int
	total  float64
}

// kpArticleFeatures sets the features that place each candidate in the
// article: its rank, length, centrality and likeness to the lead.
func kpArticleFeatures(cands []kpCand, st *kpStats) {
	docNorm := 0.0
	for _, f := range st.freq {
		docNorm += float64(f * f)
	}
	seen := make([]bool, len(st.freq))
	n := float64(len(cands))
	for r := range cands {
		c := &cands[r]
		kpPositionFeatures(c, r, n)
		kpCentralityFeatures(c, st, seen, docNorm)
		for _, tm := range c.content {
			seen[tm.id] = true
		}
		for k := 0; k < min(3, len(cands)); k++ {
			if k != r {
				c.x[fLeadSim] = math.Max(c.x[fLeadSim], cosine(c.content, cands[k].content))
			}
		}
	}
}

// kpPositionFeatures sets the rank and length features of the r-th of n
// candidates.
func kpPositionFeatures(c *kpCand, r int, n float64) {
	x := &c.x
	x[fBias] = 1
	switch r {
	case 0:
		x[fFirst] = 1
	case 1:
		x[fSecond] = 1
	case 2:
		x[fThird] = 1
	}
	x[fLogRank] = math.Log1p(float64(r))
	x[fRelPos] = float64(r) / n
	l := float64(c.tokens) / 30
	x[fLen], x[fLen2] = l, l*l
	if c.tokens < 10 {
		x[fShort] = 1
	}
	if c.tokens > 40 {
		x[fLong] = 1
	}
}

// kpCentralityFeatures sets how central, topical and new c's content words
// are; seen marks the words of the candidates before it.
func kpCentralityFeatures(c *kpCand, st *kpStats, seen []bool, docNorm float64) {
	if c.nContent == 0 {
		return
	}
	// Cosine with the rest of the article: its counts less ours.
	shared, own, rest := 0.0, 0.0, docNorm
	t, novel := 0, 0
	for _, tm := range c.content {
		f := float64(st.freq[tm.id])
		shared += tm.w * (f - tm.w)
		own += tm.w * tm.w
		rest += (f-tm.w)*(f-tm.w) - f*f
		if st.topic[tm.id] {
			t += int(tm.w)
		}
		if !seen[tm.id] {
			novel += int(tm.w)
		}
	}
	if shared > 0 && rest > 0 {
		c.x[fCentral] = shared / math.Sqrt(own*rest)
	}
	c.x[fTopic] = float64(t) / float64(c.nContent)
	c.x[fNovel] = float64(novel) / float64(c.nContent)
}

// kpSentenceFeatures sets the features read off the sentence itself:
// quotes, attribution, pronouns, numbers, caption marks.
func kpSentenceFeatures(c *kpCand, tokenised bool) {
	x := &c.x
	text := c.src
	if hasQuote(text) {
		x[fQuote] = 1
	}
	if opensQuote(c.text) {
		x[fOpensQuote] = 1
	}
	for k, w := range c.words {
		switch w {
		case "said", "says", "told", "according":
			x[fSaid] = 1
		case "i", "we", "my", "our", "me", "us", "you", "your":
			x[fFirstPers] = 1
		}
		if k == 0 {
			switch w {
			case "he", "she", "it", "they", "his", "her", "their", "its", "this",
				"that", "these", "those", "but", "and", "so", "also", "however", "yet",
				"or", "then", "there":
				x[fAnaphor] = 1
			}
		}
	}
	if strings.IndexFunc(text, unicode.IsDigit) >= 0 {
		x[fDigit] = 1
	}
	if t := strings.TrimRight(text, closers+" "); strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") {
		x[fQuestion] = 1
	}
	if isLabelled(c.text) {
		x[fLabel] = 1
	}
	if !tokenised && strings.HasSuffix(text, " .") {
		x[fSpaceDot] = 1
	}
}
