package brief

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key points are chosen in two steps. A logistic model over cheap sentence
// features (position, length, centrality, quotes, pronouns...; weights
// learned on the dev sets by keypoints_train_test.go and stored in
// keypoints_weights.go) scores how likely each body sentence is to be one
// of the three that best match a reader's highlights. Then, among the ten
// best-scored sentences, the set of three that a second model values most
// (keypoints_set.go) is chosen, never two near-repeats. Up to two more
// points follow: the best remaining by summed score less a charge for
// their length (ROUGE F1 punishes a long brief).

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
	words    []string // lower-case words of text
	content  []weight // words less stopwords, by id
	nContent int      // how many content words, repeats counted
	tokens   int      // word count, close to ROUGE's token count
	x        [numFeatures]float64
	p        float64 // predicted chance it is one of the best three
	z        float64 // the logit of p
}

// kpParams tune the choice among scored sentences.
type kpParams struct {
	// refLen is the length, in words, of a typical set of highlights; the
	// choice trades words promised against words spent as ROUGE F1 does.
	refLen float64
	// redundancy discounts a sentence's promise by the content words it
	// shares with sentences already chosen.
	redundancy float64
	// nearRepeat is the share of the shorter sentence's content words that
	// makes two sentences repeats of each other.
	nearRepeat float64
	// pool is how many of the best-scored sentences are searched for the
	// best three.
	pool int
	// lenPenalty, when set, values a set by its summed scores less this
	// much per 100 words, instead of by promised words per word.
	lenPenalty float64
}

var kpDefaults = kpParams{refLen: 55, redundancy: 0.5, nearRepeat: 0.6, pool: 10, lenPenalty: 0.1}

// keyPoints picks up to max sentences that carry the story: the best three
// first, in article order, then up to two more.
func keyPoints(d *doc, max int) []string {
	return kpPoints(d, max, &kpTrained, kpDefaults)
}

// kpModel is the learned part of the choice.
type kpModel struct {
	// oracle scores how likely a sentence is one of the three that best
	// match the highlights.
	oracle [numFeatures]float64
	// set values a set of three; nil values it by prm's rule alone.
	set *[numSetFeatures]float64
}

func kpPoints(d *doc, max int, m *kpModel, prm kpParams) []string {
	cands, st := kpCandidates(d)
	if len(cands) == 0 {
		return nil
	}
	kpScoreAll(cands, m)
	var setValue func([]int) float64
	if m.set != nil {
		seen, stamp := make([]int32, len(st.freq)), int32(0)
		setValue = func(set []int) float64 {
			stamp++
			x := kpSetFeatures(cands, st, set, seen, stamp)
			return kpSetScore(m.set, &x)
		}
	}
	chosen := kpSelect(cands, max, prm, setValue)
	out := make([]string, len(chosen))
	for i, c := range chosen {
		out[i] = cands[c].text
	}
	return out
}

// kpScoreAll sets each candidate's scores.
func kpScoreAll(cands []kpCand, m *kpModel) {
	for i := range cands {
		c := &cands[i]
		c.p = kpScore(&m.oracle, &c.x)
		q := min(max(c.p, 1e-6), 1-1e-6)
		c.z = math.Log(q / (1 - q))
	}
}

// kpScore is the model's prediction for one sentence.
func kpScore(w, x *[numFeatures]float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// kpSelect returns the indices into cands of the key points, the first
// three as a set chosen for their joint value, in article order.
//
// setValue, when not nil, values a candidate set of three (indices into
// cands, in article order) in place of prm's rule.
func kpSelect(cands []kpCand, max int, prm kpParams, setValue func(set []int) float64) []int {
	// The pool: the candidates with the highest promise, in a fixed order.
	pool := make([]int, len(cands))
	for i := range pool {
		pool[i] = i
	}
	slices.SortStableFunc(pool, func(a, b int) int {
		va, vb := cands[a].p, cands[b].p
		switch {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return a - b
	})
	if len(pool) > prm.pool {
		pool = pool[:prm.pool]
	}
	slices.Sort(pool)

	// shared[i][j]: content words sentence j shares with sentence i.
	n := len(pool)
	shared := make([][]int, n)
	for i := range shared {
		shared[i] = make([]int, n)
	}
	repeat := make([][]bool, n)
	for i := range repeat {
		repeat[i] = make([]bool, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := overlap(cands[pool[i]].content, cands[pool[j]].content)
			shared[i][j], shared[j][i] = s, s
			short := min(len(cands[pool[i]].content), len(cands[pool[j]].content))
			r := short > 0 && float64(s) >= prm.nearRepeat*float64(short)
			repeat[i][j], repeat[j][i] = r, r
		}
	}
	value := func(set []int) float64 {
		gain, length := 0.0, 0.0
		for k, i := range set {
			c := &cands[pool[i]]
			g := c.p * float64(c.tokens)
			for _, j := range set[:k] {
				g -= prm.redundancy * c.p * float64(shared[i][j])
			}
			gain += g
			length += float64(c.tokens)
		}
		if prm.lenPenalty > 0 {
			sum := 0.0
			for _, i := range set {
				sum += cands[pool[i]].p
			}
			return sum - prm.lenPenalty*length/100
		}
		return gain / (length + prm.refLen)
	}

	best, bestV := []int(nil), math.Inf(-1)
	want := min(3, n)
	set := make([]int, 0, 3)
	candSet := make([]int, 0, 3)
	var search func(from int)
	search = func(from int) {
		if len(set) == want {
			v := 0.0
			if setValue != nil {
				candSet = candSet[:0]
				for _, i := range set {
					candSet = append(candSet, pool[i])
				}
				v = setValue(candSet)
			} else {
				v = value(set)
			}
			if v > bestV {
				best, bestV = slices.Clone(set), v
			}
			return
		}
		for i := from; i < n; i++ {
			ok := true
			for _, j := range set {
				if repeat[i][j] {
					ok = false
					break
				}
			}
			if ok {
				set = append(set, i)
				search(i + 1)
				set = set[:len(set)-1]
			}
		}
	}
	search(0)
	if best == nil { // every pair a near-repeat: take the single best
		best = []int{0}
		for i := range n {
			if cands[pool[i]].p > cands[pool[best[0]]].p {
				best[0] = i
			}
		}
	}

	// Further points: the best remaining by the same value, no near-repeats.
	extra := []int(nil)
	for len(best)+len(extra) < max {
		pick, pickV := -1, math.Inf(-1)
		all := append(slices.Clone(best), extra...)
		for i := 0; i < n; i++ {
			if slices.Contains(all, i) {
				continue
			}
			ok := true
			for _, j := range all {
				if repeat[i][j] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if v := value(append(all, i)); v > pickV {
				pick, pickV = i, v
			}
		}
		if pick < 0 {
			break
		}
		extra = append(extra, pick)
	}
	slices.Sort(extra)
	out := make([]int, 0, len(best)+len(extra))
	for _, i := range best {
		out = append(out, pool[i])
	}
	for _, i := range extra {
		out = append(out, pool[i])
	}
	return out
}

var (
	// reDateline is a wire story's opening: "(CNN) --", "LONDON, England
	// (Reuters) --", "( cnn ) --" in tokenised text.
	reDateline = regexp.MustCompile(`(?i)^(?:[\p{L}][\p{L}.'’-]*(?:\s*,\s*|\s+)){0,5}\(\s*(?:cnn|cnn money|cnnmoney|cnn student news|ew\.com|reuters|ap|afp|mashable|rolling stone|time\.com)\s*\)\s*(?:--|—|–|-|:)?\s*`)
	// reLabel is a caption's label: "Pictured: ...", "Happy couple: ...".
	reLabel = regexp.MustCompile(`^[\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3}\s?:\s`)
)

// kpCandidates returns the body sentences that may become key points, with
// their features. Content words are numbered per article so that the
// similarities below are merges of short sorted lists, not map lookups.
func kpCandidates(d *doc) ([]kpCand, *kpStats) {
	var cands []kpCand
	tokenised := tokenisedText(d)
	ids := map[string]int32{}
	var freq []int // by word id, over all candidates
	for i := range d.sents {
		s := &d.sents[i]
		if s.kind != body || len(s.words) < 4 {
			continue
		}
		if !tokenised && strings.HasSuffix(s.text, " .") && isLabelled(s.text) {
			continue // DailyMail's "Pictured: ... ." caption
		}
		text, ws := s.text, s.words
		dateline := false
		// A dateline opens a story or, on pages that run stories together,
		// a paragraph.
		if s.inPara > 0 || !strings.Contains(text[:min(len(text), 60)], "(") {
			// no dateline
		} else if loc := reDateline.FindStringIndex(text); loc != nil && loc[1] < len(text) {
			text, dateline = upperFirst(text[loc[1]:]), true
			ws = words(text)
		}
		c := kpCand{idx: i, text: text, tokens: len(ws), words: ws}
		for _, w := range ws {
			if stopwords[w] {
				continue
			}
			id, ok := ids[w]
			if !ok {
				id = int32(len(freq))
				ids[w] = id
				freq = append(freq, 0)
			}
			freq[id]++
			c.content = append(c.content, weight{id: id, w: 1})
			c.nContent++
		}
		c.content = compact(c.content)
		if dateline {
			c.x[fDateline] = 1
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return nil, nil
	}

	// The article's ten most frequent content words, ties to the earliest.
	order := make([]int32, len(freq))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return freq[b] - freq[a] })
	topic := make([]bool, len(freq))
	for _, id := range order[:min(10, len(order))] {
		topic[id] = true
	}
	docNorm := 0.0
	for _, f := range freq {
		docNorm += float64(f * f)
	}

	seen := make([]bool, len(freq))
	n := float64(len(cands))
	for r := range cands {
		c := &cands[r]
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
		if c.nContent > 0 {
			// Cosine with the rest of the article: its counts less ours.
			shared, own, rest := 0.0, 0.0, docNorm
			t, novel := 0, 0
			for _, tm := range c.content {
				f := float64(freq[tm.id])
				shared += tm.w * (f - tm.w)
				own += tm.w * tm.w
				rest += (f-tm.w)*(f-tm.w) - f*f
				if topic[tm.id] {
					t += int(tm.w)
				}
				if !seen[tm.id] {
					novel += int(tm.w)
				}
			}
			if shared > 0 && rest > 0 {
				x[fCentral] = shared / math.Sqrt(own*rest)
			}
			x[fTopic] = float64(t) / float64(c.nContent)
			x[fNovel] = float64(novel) / float64(c.nContent)
		}
		for _, tm := range c.content {
			seen[tm.id] = true
		}
		for k := 0; k < min(3, len(cands)); k++ {
			if k != r {
				x[fLeadSim] = math.Max(x[fLeadSim], cosine(c.content, cands[k].content))
			}
		}
		text := d.sents[c.idx].text
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
	st := &kpStats{freq: freq, topic: topic, nTopic: min(10, len(order))}
	for _, f := range freq {
		st.total += float64(f)
	}
	return cands, st
}

// kpStats are the article's content-word counts, by word id, that a set of
// key points is measured against.
type kpStats struct {
	freq   []int
	topic  []bool // among the ten most frequent
	nTopic int
	total  float64
}

// isLabelled reports whether s opens on a caption's label.
func isLabelled(s string) bool {
	return strings.Contains(s[:min(len(s), 40)], ":") && reLabel.MatchString(s)
}

// tokenisedText reports whether most sentences of d end " ." as in a
// tokenised corpus; in running text only DailyMail's captions and the ends
// of its paragraphs do.
func tokenisedText(d *doc) bool {
	n := 0
	for i := range d.sents {
		if strings.HasSuffix(d.sents[i].text, " .") {
			n++
		}
	}
	return n*2 > len(d.sents)
}

// weight is a content word of a sentence, by its id in the article, with
// its count.

// compact sorts terms by id and merges repeats.
func compact(ts []weight) []weight {
	slices.SortFunc(ts, func(a, b weight) int { return int(a.id - b.id) })
	out := ts[:0]
	for _, t := range ts {
		if len(out) > 0 && out[len(out)-1].id == t.id {
			out[len(out)-1].w += t.w
			continue
		}
		out = append(out, t)
	}
	return out
}

// cosine is the cosine between two sentences' content words.
func cosine(a, b []weight) float64 {
	d, _ := dot(a, b)
	if d == 0 {
		return 0
	}
	na, _ := dot(a, a)
	nb, _ := dot(b, b)
	return d / math.Sqrt(na*nb)
}

// overlap counts the distinct content words two sentences share.
func overlap(a, b []weight) int {
	_, n := dot(a, b)
	return n
}

// hasQuote reports whether s quotes someone: double quotes, tokenised
// “ ” quotes, or a single quote opening a word.
func hasQuote(s string) bool {
	return strings.ContainsAny(s, `"“”«`) || strings.Contains(s, "``") ||
		strings.Contains(s, " '") || strings.Contains(s, " ‘") || opensQuote(s)
}

func opensQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(`"“'‘«`, r) || strings.HasPrefix(s, "``")
}

// upperFirst capitalises the first letter of a sentence left by a stripped
// dateline, unless the text is lower case throughout (a tokenised corpus).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) || strings.ToLower(s) == s {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// stopwords are left out of the content words that measure how central
// and how repetitive a sentence is.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers herself him himself his how i if in into
		is it its itself just me more most my myself no nor not now of off on once only or other our ours
		ourselves out over own said same says she should so some such than that the their theirs them
		themselves then there these they this those through to too under until up very was we were what
		when where which while who whom why will with would you your yours yourself yourselves s t don
		didn doesn isn wasn weren won wouldn couldn shouldn ve ll re d m one two new year years told last
		first time like get got made make may might must per since still well back even us mr mrs ms`) {
		m[w] = true
	}
	return m
}()

// clauseWords open a clause; Bullet may cut just before them.
var clauseWords = map[string]bool{
	"which": true, "who": true, "whom": true, "whose": true, "where": true,
	"while": true, "when": true, "after": true, "before": true, "because": true,
	"although": true, "though": true, "but": true, "since": true, "until": true,
	"despite": true, "whereas": true, "unless": true, "according": true,
}

// Bullet shortens sentence s to at most max runes for a chat message. It
// cuts at the last clause boundary that fits (a comma, semicolon, colon,
// dash or parenthesis, or before a word such as "which" or "who") and adds
// "…"; only when no clause boundary leaves at least three words does it
// cut at a word boundary. A sentence that fits is returned unchanged.
func Bullet(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	if max == 1 {
		return "…"
	}
	limit := max - 1 // room for the ellipsis
	clause, word := -1, -1
	words, runes := 0, 0
	prevSpace := true
	for i, r := range s {
		if runes > limit {
			break
		}
		runes++
		space := unicode.IsSpace(r)
		if !space && prevSpace {
			words++
			// A clause word: cut before it.
			if words > 3 && runes-1 <= limit {
				if w := leadingWord(s[i:]); clauseWords[strings.ToLower(w)] {
					clause = i
				}
			}
		}
		if space && !prevSpace && runes-1 <= limit {
			word = i
		}
		switch r {
		case ',', ';', ':', '(', '–', '—':
			if words >= 3 && runes-1 <= limit {
				clause = i
			}
		case '-':
			// A dash set off by spaces, not a hyphen.
			if i > 0 && s[i-1] == ' ' && words >= 3 && runes-1 <= limit {
				clause = i
			}
		}
		prevSpace = space
	}
	cut := clause
	if cut < 0 {
		cut = word
	}
	if cut <= 0 {
		// One word longer than the room: cut inside it.
		n := 0
		for i := range s {
			if n == limit {
				cut = i
				break
			}
			n++
		}
	}
	return strings.TrimRight(s[:cut], " ,;:-–—(") + "…"
}

// leadingWord returns the letters at the start of s.
func leadingWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}
