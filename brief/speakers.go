package brief

// Speaker candidates: every word near a quotation that may name who said
// it (a name, a pronoun, a role or an organisation, or the speaker of the
// quotation before), each resolved to the person or body it stands for.

import "strings"

// candKind says what kind of words a speaker candidate is.
type candKind uint8

const (
	candName     candKind = iota // a person's name: "Wang Yi", "Lavrov"
	candPronoun                  // he, she
	candOther                    // they, it, we, I: nobody we can name
	candRole                     // "the minister", "a spokesman"
	candBody                     // "the newspaper", "the company"
	candDocument                 // "the report", "the statement"
	candOrg                      // "the White House", "Reuters"
	candPrev                     // the speaker of the quotation before
	candLoose                    // a capitalised name nothing else says is a person's: "Zero Hedge"
	numCandKinds
)

// speaker is who a candidate stands for; an empty name is nobody.
type speaker struct {
	name, role string
}

// speakerCand is one candidate for the speaker of a quotation.
type speakerCand struct {
	kind        candKind
	first, last int // its tokens in scene.toks; -1 for candPrev
	who         speaker
	p           *person // the person it resolves to, if any
	// rival is, for a "he" or "she" after which the speaker quoted last
	// may go on, the other reading: the person the words before it name
	// when it goes on with that speaker, else that speaker.
	rival *person
}

// quoteInfo is what the features need to know about one quotation.
type quoteInfo struct {
	sp           span
	first, last  int  // its sentences
	qs, qe       int  // its first token and the first token after it
	cueInSent    bool // a cue outside quotations in its sentences
	comma        bool // it ends on a comma, as a quotation the speaker follows does
	endsSentence bool // it ends with . ! or ? inside its marks
	startsPara   bool // it opens its paragraph
	wholePara    bool // nothing but the quotation is in its sentences
	words        int
	prev         speaker // speaker of the quotation before, if close enough
	prevParas    int     // paragraphs between this one and the quotation before; -1 none
	rule         string  // the speaker the attribution patterns read, if any
	near         string  // else the person named last before it in its paragraph
}

// speakerNouns name a speaker that is not a name: people by role, bodies
// and documents. Role nouns come from roleNouns.
var (
	speakingBodies = setOf("newspaper", "paper", "company", "firm", "agency", "department",
		"ministry", "committee", "campaign", "group", "organization", "organisation",
		"government", "administration", "network", "magazine", "website", "site", "outlet",
		"union", "party", "council", "court", "office", "team", "club", "bank", "police",
		"embassy", "commission", "board", "panel", "station", "channel", "publication",
		"newsletter", "tabloid", "daily", "weekly", "broadcaster", "airline", "manufacturer",
		"retailer", "charity", "foundation", "institute", "university", "school", "hospital",
		"army", "military", "regime", "white", "house")
	documentNouns = setOf("report", "statement", "study", "letter", "ad", "advertisement",
		"memo", "document", "complaint", "lawsuit", "release", "post", "tweet", "poll", "survey",
		"book", "article", "editorial", "video", "email", "message", "note", "sign", "banner",
		"headline", "piece", "story", "filing", "indictment", "ruling", "order", "bill", "spot",
		"commercial", "caption", "transcript", "speech", "page", "column", "blog", "op-ed",
		"petition", "motion", "verdict", "decision", "opinion", "brief", "warning", "announcement",
		"proposal", "plan", "platform", "resolution", "tweets", "posts", "ads", "reports", "letters")
	plainPronouns = setOf("they", "it", "we", "i")
)

// nounKind returns the kind of a speaker noun, or false for other words.
// Plurals count: "officials said".
func nounKind(w string) (candKind, bool) {
	for _, k := range []string{w, strings.TrimSuffix(w, "s")} {
		switch {
		case k == "":
		case roleNouns[k] || k == "official" || k == "aide" || k == "source" || k == "critic" ||
			k == "supporter" || k == "voter" || k == "protester" || k == "witness" || k == "neighbor" ||
			k == "neighbour" || k == "spokesperson" || k == "observer" || k == "officer" || k == "people":
			return candRole, true
		case speakingBodies[k] && k != "white" && k != "house":
			return candBody, true
		case documentNouns[k]:
			return candDocument, true
		}
	}
	return 0, false
}

// speakerWindow returns the sentences searched for a quotation's speaker:
// up to two before it, within its paragraph or the one before, and the one
// after it in its paragraph.
func (sc *scene) speakerWindow(first, last int) (int, int) {
	d := sc.d
	lo := first
	for lo > 0 && first-lo < 2 && d.sents[lo-1].para >= d.sents[first].para-1 {
		lo--
	}
	hi := last
	if hi+1 < len(d.sents) && d.sents[hi+1].para == d.sents[last].para {
		hi++
	}
	return lo, hi
}

// candidates returns the speaker candidates of quotation q in text order,
// with the speaker of the quotation before last when there is one. Names
// and organisations come first: they claim their words, which no pronoun
// or noun candidate may then take.
func (sc *scene) candidates(q *quoteInfo) []speakerCand {
	sLo, sHi := sc.speakerWindow(q.first, q.last)
	b := candBuilder{sc: sc, q: q, from: sc.from[sLo], to: sc.from[sHi+1], taken: map[int]bool{}}
	b.lo, b.hi = sc.toks[b.from].start, sc.toks[max(b.to-1, b.from)].end
	b.addNames()
	b.addLoose()
	b.addOrgs()
	b.addWords()
	sortCands(b.out)
	if q.prev.name != "" {
		b.out = append(b.out, speakerCand{kind: candPrev, first: -1, last: -1, who: q.prev})
	}
	return b.out
}

// candBuilder gathers the candidates of one quotation from the tokens
// [from, to) of its window, bytes [lo, hi) of the text.
type candBuilder struct {
	sc       *scene
	q        *quoteInfo
	from, to int
	lo, hi   int
	out      []speakerCand
	taken    map[int]bool // tokens already part of a candidate
}

// add keeps a candidate that lies outside the quotation itself and
// reports whether it did.
func (b *candBuilder) add(k candKind, first, last int, who speaker, p *person) bool {
	if first < b.q.qe && last >= b.q.qs {
		return false
	}
	for i := first; i <= last; i++ {
		b.taken[i] = true
	}
	b.out = append(b.out, speakerCand{kind: k, first: first, last: last, who: who, p: p})
	return true
}

// free reports whether token i starts a candidate: in the window, outside
// quotations and not yet claimed.
func (b *candBuilder) free(i int) bool {
	return i < b.to && !b.sc.quoted[i] && !b.taken[i]
}

// addNames adds the mentions of the people the article names.
func (b *candBuilder) addNames() {
	sc := b.sc
	for _, m := range sc.c.mentionsIn(b.lo, b.hi) {
		i := sc.tokenAt(m.start)
		if i >= b.to || sc.quoted[i] {
			continue
		}
		b.add(candName, i, max(i, sc.tokenAt(m.end)-1), speaker{m.p.name, m.p.role}, m.p)
	}
}

// addLoose adds the capitalised names nothing says are a person's, but
// not places, adverbs and participles, captions' labels or words
// capitalised only to open their sentence.
func (b *candBuilder) addLoose() {
	sc := b.sc
	for _, m := range orgsIn(sc.c.loose, b.lo, b.hi) {
		i := sc.tokenAt(m.start)
		if !b.free(i) || !speakerLike(m.name) {
			continue
		}
		if !strings.Contains(m.name, " ") && (isPlace(m.name) || sc.afterPreposition(i) || adverbOrParticiple(m.name) || sc.d.shownAsPlace(m.name)) {
			continue // "who lives in Telford", "in the Fridge", "Lamenting their luck", "said Nairobi" of "Nairobi, Kenya"
		}
		if !strings.Contains(m.name, " ") && i == sc.from[sc.sentOf[i]] && (hasColon(sc.gap(i)) || !sc.midCaps[key(m.name)]) {
			continue // a caption's label, "Emotional: The photographer said", or a word capitalised only to open its sentence
		}
		b.add(candLoose, i, max(i, sc.tokenAt(m.end)-1), speaker{name: m.name}, nil)
	}
}

// addOrgs adds the organisations, each under its fullest name.
func (b *candBuilder) addOrgs() {
	sc := b.sc
	for _, o := range orgsIn(sc.c.orgs, b.lo, b.hi) {
		i := sc.tokenAt(o.start)
		if !b.free(i) {
			continue
		}
		b.add(candOrg, i, max(i, sc.tokenAt(o.end)-1), speaker{name: sc.c.fullOrg(o)}, nil)
	}
}

// addWords adds the pronouns and the noun phrases of roles, bodies and
// documents left among the window's words, each resolved to whom it
// stands for.
func (b *candBuilder) addWords() {
	sc, q := b.sc, b.q
	for i := b.from; i < b.to; i++ {
		if !b.free(i) {
			continue
		}
		w := sc.key(i)
		switch {
		case w == "he" || w == "she":
			p, at := sc.resolvePronoun(i, pronounGender[w])
			prev := sc.prevSpeaker(q, pronounGender[w])
			var rival *person
			if prev != nil && sc.speaks(i) {
				if p != prev {
					rival = p
				}
				if p == nil || at < sc.sentOf[i] {
					// "He added:", "she said": news goes on with the speaker
					// it quoted last, unless the pronoun's own sentence names
					// someone else first: "Asked about Graydon's plan, he said".
					p = prev
				} else if p != prev {
					rival = prev
				}
			}
			if n := len(b.out); b.add(candPronoun, i, i, whoOf(p), p) {
				b.out[n].rival = rival
			}
		case plainPronouns[w] && (w != "i" || sc.toks[i].text == "I"):
			if sc.cue(i+1) || sc.cue(sc.skipAdverbs(i+1)) || sc.cue(i-1) {
				b.add(candOther, i, i, speaker{}, nil)
			}
		default:
			b.addNoun(i, w)
		}
	}
}

// addNoun adds the noun phrase headed by w at token i when w names a
// speaker that is not a name: "the minister", "the newspaper".
func (b *candBuilder) addNoun(i int, w string) {
	sc := b.sc
	k, ok := nounKind(w)
	if !ok || capitalisedName(sc, i) {
		return
	}
	first, ok := sc.nounPhraseStart(i)
	if !ok || sc.headContinues(i) {
		return
	}
	p := sc.resolveNoun(k, first, i)
	who := whoOf(p)
	if k == candBody {
		who = sc.resolveBody(first, i)
	}
	b.add(k, first, i, who, p)
}

func whoOf(p *person) speaker {
	if p == nil {
		return speaker{}
	}
	return speaker{p.name, p.role}
}

func sortCands(cs []speakerCand) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].first < cs[j-1].first; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// capitalisedName reports whether token i is capitalised in mid-sentence,
// as part of a name rather than a noun ("Post", "Times").
func capitalisedName(sc *scene, i int) bool {
	return capitalised(sc.toks[i].text) && i > 0 && sc.sentOf[i-1] == sc.sentOf[i]
}

// headContinues reports whether the noun at i modifies the next word
// rather than heading a phrase: "campaign spokesman", "press secretary
// Josh Earnest".
func (sc *scene) headContinues(i int) bool {
	if i+1 >= len(sc.toks) || sc.sentOf[i+1] != sc.sentOf[i] || !onlySpace(sc.gap(i)) {
		return false
	}
	n := sc.toks[i+1].text
	if capitalised(n) && !chunkStops[key(n)] {
		return true
	}
	_, ok := nounKind(key(n))
	return ok
}

// nounPhraseStart finds the determiner of the noun at i: "the", "a", "his",
// "Clinton's", or none for a plural ("officials said"). It reports false
// when the noun is not the head of a phrase that can be a subject.
func (sc *scene) nounPhraseStart(i int) (int, bool) {
	for j := i - 1; j >= 0 && i-j <= 4 && sc.sentOf[j] == sc.sentOf[i]; j-- {
		if strings.ContainsAny(sc.gap(j), ",.;:!?()\"“”") {
			break
		}
		w := sc.key(j)
		switch {
		case determiner(w) || w == "this" || w == "that" || w == "our" || w == "your" || w == "my" || w == "each" || w == "every":
			return j, true
		case isPossessive(sc.toks[j].text):
			return j, true
		case chunkStops[w] || speechVerbs[w]:
			return i, strings.HasSuffix(sc.key(i), "s")
		}
	}
	return i, strings.HasSuffix(sc.key(i), "s") || i == sc.from[sc.sentOf[i]]
}

// skipAdverbs returns the first token from i that is not a word standing
// between a subject and its verb: "also", "later", "has".
func (sc *scene) skipAdverbs(i int) int {
	for n := 0; n < 3 && i < len(sc.toks); n++ {
		switch sc.key(i) {
		case "also", "later", "then", "previously", "has", "had", "have", "once", "recently",
			"again", "further", "repeatedly", "publicly", "reportedly", "often", "would", "will",
			"did", "simply", "flatly", "quickly", "bluntly", "privately", "angrily", "just",
			"earlier", "subsequently", "separately", "was", "is":
			if !onlySpace(sc.gap(i - 1)) {
				return i
			}
			i++
		default:
			return i
		}
	}
	return i
}

// adverbOrParticiple reports whether a lone capitalised word looks like an
// adverb or a participle opening a sentence rather than a name.
func adverbOrParticiple(w string) bool {
	w = strings.ToLower(w)
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly")
}

// speaks reports whether the word at i is the subject of a verb of
// saying: "he said", "she told reporters", "said he".
func (sc *scene) speaks(i int) bool {
	return sc.cue(sc.skipAdverbs(i+1)) || sc.cue(i-1) && onlySpace(sc.gap(i-1))
}

// afterPreposition reports whether the word at i follows a preposition or
// an article, as places and things do.
func (sc *scene) afterPreposition(i int) bool {
	switch sc.key(i - 1) {
	case "in", "at", "from", "to", "of", "near", "into", "on", "the", "a", "an", "for", "by", "with":
		return true
	}
	return false
}
