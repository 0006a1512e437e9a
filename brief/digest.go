package brief

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DigestOptions tune Digest. The zero value is ready to use.
type DigestOptions struct {
	// MaxStories caps the stories in the digest; 0 means 10.
	MaxStories int
	// Now is the moment recency is measured from: the caller's clock. The
	// zero time leaves recency out of the ranking.
	Now time.Time
	// HalfLife is the age at which a story's recency counts half; 0 means
	// 12 hours.
	HalfLife time.Duration
	// Threshold is the similarity, above 0 and at most 1, at which two
	// articles report one story; 0 means DefaultThreshold.
	Threshold float64
}

// DefaultThreshold is the similarity (TF-IDF cosine of title and lead) at
// which Digest groups two articles into one story. On CNN/DailyMail, a copy
// with a quarter of its sentences dropped and a new title scores 0.42 and
// more against its original; unrelated articles seldom reach 0.15, and
// those past 0.3 are other stories about the same people.
const DefaultThreshold = 0.3

// ErrDigestOptions reports DigestOptions that Digest cannot use.
var ErrDigestOptions = errors.New("invalid digest options")

// Digest is what a daily brief posts: stories, best first.
type Digest struct {
	Stories []Story
	// Articles is how many articles were considered; Skipped how many of
	// the input could not be read (not UTF-8, or no words at all).
	Articles int
	Skipped  int
}

// Story is one event, however many outlets reported it.
type Story struct {
	Headline string
	// Brief is the brief of the story's lead article, with the meetings,
	// quotes and key points of other reports added where they say
	// something new.
	Brief Brief
	// Sources lists every report of the story, earliest first.
	Sources []StorySource
	// Score ranks the stories: more outlets, more recent, more prominent
	// people and places come first.
	Score float64
}

// StorySource is one outlet's report of a story.
type StorySource struct {
	Name      string // the outlet: Article.Source, or the URL's host
	Title     string
	URL       string
	Published time.Time
	ArticleID string
}

// Tuning that DigestOptions does not expose.
const (
	minCorpus         = 50
	defaultMaxStories = 10
	defaultHalfLife   = 12 * time.Hour
	// leadWords is how much of the text, after the title, describes the
	// event: enough to survive a rewrite, little enough to leave out the
	// background that stories on one subject share.
	leadWords = 200
	// leadBytes holds leadWords and more; the rest of a text is not read.
	leadBytes = 4 << 10
	// edgeFloor is the lowest similarity kept for the average linkage;
	// pairs below it count as zero.
	edgeFloor = 0.05
	// mergeFrom is how many reports besides the lead add their meetings,
	// quotes and key points to a story's brief.
	mergeFrom = 2
	maxQuotes = 4
	// maxMeetings caps the meetings a merged brief lists.
	maxMeetings = 3
)

// Digest groups articles into stories, ranks them and briefs the best
// opts.MaxStories. The order of arts does not change the result.
func (s *Summarizer) Digest(arts []Article, opts DigestOptions) (Digest, error) {
	if err := opts.fill(); err != nil {
		return Digest{}, err
	}
	g := groupArticles(arts, opts)
	d := Digest{Articles: len(g.docs), Skipped: len(arts) - len(g.docs)}
	for _, c := range g.clusters[:min(len(g.clusters), opts.MaxStories)] {
		d.Stories = append(d.Stories, s.story(g, c))
	}
	return d, nil
}

func (o *DigestOptions) fill() error {
	if o.MaxStories < 0 {
		return fmt.Errorf("%w: MaxStories %d is negative", ErrDigestOptions, o.MaxStories)
	}
	if o.HalfLife < 0 {
		return fmt.Errorf("%w: HalfLife %v is negative", ErrDigestOptions, o.HalfLife)
	}
	if o.Threshold < 0 || o.Threshold > 1 || math.IsNaN(o.Threshold) {
		return fmt.Errorf("%w: Threshold %v is not in (0, 1]", ErrDigestOptions, o.Threshold)
	}
	if o.MaxStories == 0 {
		o.MaxStories = defaultMaxStories
	}
	if o.HalfLife == 0 {
		o.HalfLife = defaultHalfLife
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	return nil
}

// storyDoc is an article prepared for grouping.
type storyDoc struct {
	art    Article
	terms  []weight // by term id; unit length
	names  []string // capitalised names in the lead, sorted
	size   int      // bytes of text
	source string
}

// storyCluster is a story before it is briefed: member indexes into
// storyGrouping.docs, the lead first, the rest by centrality.
type storyCluster struct {
	members []int
	score   float64
	latest  time.Time
	head    string
}

type storyGrouping struct {
	docs     []storyDoc
	clusters []storyCluster // ranked
	sims     map[[2]int32]float64
}

// groupArticles is Digest without the briefs: the readable articles in a
// canonical order and their stories, ranked.
func groupArticles(arts []Article, opts DigestOptions) *storyGrouping {
	g := &storyGrouping{}
	for _, a := range arts {
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
			continue
		}
		if len(words(a.Title)) == 0 && len(words(a.Text)) == 0 {
			continue
		}
		g.docs = append(g.docs, storyDoc{art: a})
	}
	// Sort first so that neither the order of arts nor a map's order
	// reaches the output.
	slices.SortStableFunc(g.docs, func(x, y storyDoc) int {
		a, b := x.art, y.art
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.URL, b.URL), cmp.Compare(a.ID, b.ID),
			cmp.Compare(a.Title, b.Title), cmp.Compare(a.Text, b.Text))
	})
	g.vectorise()
	g.link(opts.Threshold)
	g.rank(opts)
	return g
}

// digestStopwords carry no event: left out of the vectors.
var digestStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers herself him himself his how i if in into
		is it its itself just me more most my myself no nor not now of off on once only or other our ours
		ourselves out over own said same says she should so some such than that the their theirs them
		themselves then there these they this those through to too under until up very was were we what
		when where which while who whom why will with would you your yours s t don ve ll re d m one two new
		year years told last first time like get got made make may might must per since still well back
		even us mr mrs ms its it's he's she's i'm can't won't said,`) {
		m[w] = true
	}
	return m
}()

// vectorise gives every doc its TF-IDF vector over the title (counted
// twice: it names the event) and the lead, and its names.
func (g *storyGrouping) vectorise() {
	vocab := map[string]int32{}
	var df []int
	counts := make([]map[int32]int, len(g.docs))
	for i := range g.docs {
		d := &g.docs[i]
		text := words(clip(d.art.Text, leadBytes))
		d.size = len(d.art.Text)
		d.source = storySourceName(d.art)
		d.names = storyLeadNames(d.art.Text)
		tw := words(d.art.Title)
		ws := make([]string, 0, 2*len(tw)+leadWords)
		ws = append(append(append(ws, tw...), tw...), text[:min(len(text), leadWords)]...)
		c := map[int32]int{}
		for _, w := range ws {
			if len(w) < 2 || digestStopwords[w] {
				continue
			}
			id, ok := vocab[w]
			if !ok {
				id = int32(len(df))
				vocab[w] = id
				df = append(df, 0)
			}
			if c[id] == 0 {
				df[id]++
			}
			c[id]++
		}
		counts[i] = c
	}
	// A small day (a topic's handful of articles) would make every shared
	// word common and pull two reports of one event apart: weigh words as
	// if among at least minCorpus articles.
	n := float64(max(len(g.docs), minCorpus))
	for i, c := range counts {
		terms := make([]weight, 0, len(c))
		for id, k := range c {
			idf := math.Log((n+1)/float64(df[id]+1)) + 1
			terms = append(terms, weight{id, (1 + math.Log(float64(k))) * idf})
		}
		slices.SortFunc(terms, func(a, b weight) int { return cmp.Compare(a.id, b.id) })
		var norm float64
		for _, t := range terms {
			norm += t.w * t.w
		}
		norm = math.Sqrt(norm)
		for j := range terms {
			terms[j].w /= norm
		}
		g.docs[i].terms = terms
	}
}

// storyCosine is the cosine of two unit vectors sorted by term id.
func storyCosine(a, b []weight) float64 {
	s, _ := dot(a, b)
	return s
}

type storyEdge struct {
	i, j int32
	sim  float64
}

// link finds the pairs of similar articles through an inverted index of
// their rarer terms, rather than comparing all pairs, then joins them
// into clusters by average linkage: two groups merge when their articles
// are similar on average, so a chain of look-alikes does not become one
// story.
func (g *storyGrouping) link(threshold float64) {
	n := len(g.docs)
	// A term in more than maxDF articles is too common to find a pair
	// with; it still counts in the exact cosine.
	// A fixed cap keeps the candidate search linear in the articles.
	const maxDF = 32
	type posting struct {
		doc int32
		w   float64
	}
	var postings [][]posting
	for i, d := range g.docs {
		for _, t := range d.terms {
			for int(t.id) >= len(postings) {
				postings = append(postings, nil)
			}
			postings[t.id] = append(postings[t.id], posting{int32(i), t.w})
		}
	}
	acc := make([]float64, n)
	var touched []int32
	var edges []storyEdge
	g.sims = map[[2]int32]float64{}
	for i, d := range g.docs {
		for _, t := range d.terms {
			p := postings[t.id]
			if len(p) > maxDF {
				continue
			}
			// Postings are in doc order: only the later docs.
			k, _ := slices.BinarySearchFunc(p, int32(i)+1, func(p posting, i int32) int { return cmp.Compare(p.doc, i) })
			for _, q := range p[k:] {
				if acc[q.doc] == 0 {
					touched = append(touched, q.doc)
				}
				acc[q.doc] += t.w * q.w
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			if acc[j] >= edgeFloor/2 {
				if sim := storyCosine(d.terms, g.docs[j].terms); sim >= edgeFloor {
					edges = append(edges, storyEdge{int32(i), j, sim})
					g.sims[[2]int32{int32(i), j}] = sim
				}
			}
			acc[j] = 0
		}
		touched = touched[:0]
	}
	slices.SortFunc(edges, func(a, b storyEdge) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})

	parent := make([]int, n)
	members := make([][]int, n)
	for i := range parent {
		parent[i] = i
		members[i] = []int{i}
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for _, e := range edges {
		if e.sim < threshold {
			break
		}
		a, b := find(int(e.i)), find(int(e.j))
		if a == b {
			continue
		}
		var sum float64
		for _, x := range members[a] {
			for _, y := range members[b] {
				sum += g.sim(x, y)
			}
		}
		if sum/float64(len(members[a])*len(members[b])) < threshold {
			continue
		}
		if b < a {
			a, b = b, a
		}
		parent[b] = a
		members[a] = append(members[a], members[b]...)
		members[b] = nil
	}
	for i := range n {
		if find(i) == i {
			m := members[i]
			slices.Sort(m)
			g.clusters = append(g.clusters, storyCluster{members: m})
		}
	}
}

func (g *storyGrouping) sim(x, y int) float64 {
	if x > y {
		x, y = y, x
	}
	return g.sims[[2]int32{int32(x), int32(y)}]
}

// rank orders each cluster's members, the lead first, picks its headline
// and scores it; then orders the clusters.
func (g *storyGrouping) rank(opts DigestOptions) {
	// A name that several stories mention belongs to someone or somewhere
	// prominent today.
	nameStories := map[string]int{}
	clusterNames := make([][]string, len(g.clusters))
	for ci, c := range g.clusters {
		var names []string
		for _, m := range c.members {
			names = append(names, g.docs[m].names...)
		}
		slices.Sort(names)
		names = slices.Compact(names)
		clusterNames[ci] = names
		for _, nm := range names {
			nameStories[nm]++
		}
	}
	for ci := range g.clusters {
		c := &g.clusters[ci]
		g.orderMembers(c)
		c.head = g.headline(c)

		sources := map[string]bool{}
		for _, m := range c.members {
			d := g.docs[m]
			sources[cmp.Or(d.source, "#"+fmt.Sprint(m))] = true
			if d.art.Published.After(c.latest) {
				c.latest = d.art.Published
			}
		}
		score := math.Log2(1 + float64(len(sources)))
		if !opts.Now.IsZero() && !c.latest.IsZero() {
			age := max(opts.Now.Sub(c.latest), 0)
			score += math.Exp2(-float64(age) / float64(opts.HalfLife))
		}
		var weights []float64
		for _, nm := range clusterNames[ci] {
			weights = append(weights, math.Log(float64(nameStories[nm])))
		}
		slices.SortFunc(weights, func(a, b float64) int { return cmp.Compare(b, a) })
		var prominence float64
		for _, w := range weights[:min(3, len(weights))] {
			prominence += w
		}
		if n := len(g.clusters); n > 1 {
			prominence /= 3 * math.Log(float64(n))
		}
		c.score = score + 0.5*prominence
	}
	slices.SortStableFunc(g.clusters, func(a, b storyCluster) int {
		return cmp.Or(cmp.Compare(b.score, a.score), b.latest.Compare(a.latest),
			cmp.Compare(a.head, b.head), cmp.Compare(a.members[0], b.members[0]))
	})
}

// orderMembers puts the most central report first (the one most like the
// others), the longer text winning a tie: its brief leads the story.
func (g *storyGrouping) orderMembers(c *storyCluster) {
	central := make(map[int]float64, len(c.members))
	for _, x := range c.members {
		for _, y := range c.members {
			if x != y {
				central[x] += g.sim(x, y)
			}
		}
	}
	slices.SortStableFunc(c.members, func(x, y int) int {
		return cmp.Or(cmp.Compare(central[y], central[x]),
			cmp.Compare(g.docs[y].size, g.docs[x].size), cmp.Compare(x, y))
	})
}

// headline is the title that shares the most words with the story's
// other titles, cleaned of its outlet's name; the lead's first sentence
// when no report has a title.
func (g *storyGrouping) headline(c *storyCluster) string {
	var srcs []string
	for _, m := range c.members {
		srcs = append(srcs, g.docs[m].source)
	}
	best, bestScore := "", -1.0
	for _, x := range c.members {
		t := storyCleanTitle(g.docs[x].art.Title, srcs)
		if t == "" {
			continue
		}
		var s float64
		for _, y := range c.members {
			if o := storyCleanTitle(g.docs[y].art.Title, srcs); y != x && o != "" {
				s += storyTitleOverlap(t, o)
			}
		}
		if s > bestScore { // the lead, first in members, wins a tie
			best, bestScore = t, s
		}
	}
	if best != "" {
		return best
	}
	lead := g.docs[c.members[0]].art.Text
	if spans := splitSentences(storyFirstParagraph(lead)); len(spans) > 0 {
		lead = storyFirstParagraph(lead)[spans[0][0]:spans[0][1]]
	}
	return storyShorten(strings.Join(strings.Fields(lead), " "), 100)
}

func storyFirstParagraph(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// storyShorten cuts s to at most n runes at a word boundary, with "…".
func storyShorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

var storyTitleKickers = []string{"breaking:", "breaking news:", "live:", "update:", "updated:", "watch:", "exclusive:", "video:"}

// storyCleanTitle drops what a feed adds to a headline: space runs, kickers
// such as "BREAKING:", and the outlet's name after a dash or bar.
func storyCleanTitle(t string, sources []string) string {
	t = strings.Join(strings.Fields(t), " ")
	for _, k := range storyTitleKickers {
		if len(t) > len(k) && strings.EqualFold(t[:len(k)], k) {
			t = strings.TrimSpace(t[len(k):])
		}
	}
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(sep):])
		for _, s := range sources {
			if s != "" && strings.EqualFold(tail, s) {
				t = t[:i]
				break
			}
		}
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		t = strings.TrimSuffix(t, ".")
	}
	return strings.TrimSpace(t)
}

func digestWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !digestStopwords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func storyTitleOverlap(a, b string) float64 {
	x, y := digestWords(a), digestWords(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	inter := 0
	for _, w := range x {
		if _, ok := slices.BinarySearch(y, w); ok {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

// storySourceName is the outlet: the article's source, else its URL's host.
func storySourceName(a Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// storyNameStopwords are capitalised words that name nobody and nowhere.
var storyNameStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`The A An He She It They We I In On At But And Or If When While After
		Before As For From This That These Those His Her Their Its Our There Here Mr Mrs Ms Dr Monday
		Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
		August September October November December Today Yesterday Tomorrow Last Next New One Two By
		With Without Under Over According Meanwhile However Speaking Asked Police Officials CNN
		Mayor President Vice Prime Minister Secretary Senator Governor Chancellor Judge Chief General
		King Queen Prince Princess Foreign Defence Defense Transport Interior Finance Sir Lord Lady Pope`) {
		m[w] = true
	}
	return m
}()

// storyLeadNames returns the capitalised names (people, places, bodies) in
// the first sentences of text: runs of capitalised words, a lone word at
// a sentence's start left out because any word is capitalised there.
func storyLeadNames(text string) []string {
	const leadSentences = 3
	var names []string
	n := 0
	for _, para := range strings.Split(clip(text, leadBytes), "\n") {
		for _, sp := range splitSentences(para) {
			if n == leadSentences {
				break
			}
			n++
			names = append(names, storyNameRuns(para[sp[0]:sp[1]])...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func storyNameRuns(s string) []string {
	var out, run []string
	startRun := false
	flush := func() {
		if len(run) > 1 || (len(run) == 1 && !startRun) {
			out = append(out, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, f := range strings.Fields(s) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) || storyNameStopwords[w] || strings.ToUpper(w) == w && len(w) > 4 {
			flush()
			continue
		}
		if len(run) == 0 {
			startRun = i == 0
		}
		run = append(run, w)
		// Punctuation after a word ends the name: "Moscow, Russia".
		if f != w && !strings.HasSuffix(f, "'s") && !strings.HasSuffix(f, "’s") {
			flush()
		}
	}
	flush()
	return out
}

// story briefs one cluster: the lead's brief, with what the next reports
// add, and every source.
func (s *Summarizer) story(g *storyGrouping, c storyCluster) Story {
	st := Story{Headline: c.head, Score: c.score}
	for i, m := range c.members {
		a := g.docs[m].art
		st.Sources = append(st.Sources, StorySource{
			Name:      g.docs[m].source,
			Title:     a.Title,
			URL:       a.URL,
			Published: a.Published,
			ArticleID: a.ID,
		})
		if i > mergeFrom {
			continue // a source only: the brief has enough
		}
		b, err := s.Summarize(a)
		if err != nil { // a title with no text: the title is the brief
			b = Brief{ID: a.ID, Title: a.Title, URL: a.URL, Published: a.Published}
		}
		if i == 0 {
			st.Brief = b
		} else {
			storyMergeBrief(&st.Brief, b, s.opts.MaxKeyPoints)
		}
	}
	slices.SortStableFunc(st.Sources, func(a, b StorySource) int {
		if a.Published.IsZero() != b.Published.IsZero() {
			if a.Published.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.Name, b.Name), cmp.Compare(a.URL, b.URL))
	})
	return st
}

// storyMergeBrief adds to dst the meetings, quotes and key points of b that
// dst does not already tell.
func storyMergeBrief(dst *Brief, b Brief, maxKeyPoints int) {
	for _, m := range b.Meetings {
		if len(dst.Meetings) >= maxMeetings {
			break
		}
		if !slices.ContainsFunc(dst.Meetings, func(o Meeting) bool { return storySameMeeting(o, m) }) {
			dst.Meetings = append(dst.Meetings, m)
		}
	}
	for _, q := range b.Quotes {
		if len(dst.Quotes) >= maxQuotes {
			break
		}
		if !slices.ContainsFunc(dst.Quotes, func(o Quote) bool { return storyTellsSame(o.Text, q.Text) }) {
			dst.Quotes = append(dst.Quotes, q)
		}
	}
	for _, k := range b.KeyPoints {
		if len(dst.KeyPoints) >= maxKeyPoints {
			break
		}
		if !slices.ContainsFunc(dst.KeyPoints, func(o string) bool { return storyTellsSame(o, k) }) {
			dst.KeyPoints = append(dst.KeyPoints, k)
		}
	}
}

func storySameMeeting(a, b Meeting) bool {
	names := func(m Meeting) []string {
		var ns []string
		for _, p := range m.Participants {
			ns = append(ns, strings.ToLower(p.Name))
		}
		slices.Sort(ns)
		return ns
	}
	return slices.Equal(names(a), names(b))
}

// storyTellsSame reports whether two sentences say much the same: most of the
// shorter one's content words are in the other.
func storyTellsSame(a, b string) bool {
	x, y := digestWords(a), digestWords(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return true
	}
	inter := 0
	for _, w := range x {
		if _, ok := slices.BinarySearch(y, w); ok {
			inter++
		}
	}
	return float64(inter) >= 0.6*float64(len(x))
}

// Text renders a digest as plain text for a terminal: numbered stories,
// each with its bullets and sources.
func (d Digest) Text() string {
	var out strings.Builder
	for i, st := range d.Stories {
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "%d. %s\n", i+1, st.Headline)
		storyBullets(&out, st.Brief, plainStyle, "   ", "  - ", "")
		out.WriteString("   Sources:\n")
		for _, src := range st.Sources {
			line := cmp.Or(src.Name, src.Title, "unknown")
			if src.URL != "" {
				line += " · " + src.URL
			}
			out.WriteString("     - " + line + "\n")
		}
	}
	return out.String()
}

// Markdown renders a digest as Markdown: a heading per story, its
// bullets, and a line of source links.
func (d Digest) Markdown() string {
	var out strings.Builder
	for i, st := range d.Stories {
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "### %d. %s\n\n", i+1, escapeMarkdown(st.Headline))
		storyBullets(&out, st.Brief, markdownStyle, "", "- ", "\n")
		var links []string
		for _, src := range st.Sources {
			name := escapeMarkdown(cmp.Or(src.Name, src.Title, "unknown"))
			if src.URL != "" {
				name = "[" + name + "](" + storyMarkdownURL(src.URL) + ")"
			}
			links = append(links, name)
		}
		out.WriteString("Sources: " + strings.Join(links, ", ") + "\n")
	}
	return out.String()
}

// storyMarkdownURL keeps a link target from closing early.
func storyMarkdownURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(u)
}

// storyBullets writes a brief's meetings, quotes and key points: section
// lines at indent, bullets under them with the bullet mark given, and gap
// after each list (Markdown needs a blank line to end a list).
func storyBullets(out *strings.Builder, b Brief, st style, indent, bullet, gap string) {
	line := func(s string) { out.WriteString(indent + s + "\n") }
	section := func(name string, items []string) {
		if len(items) == 0 {
			return
		}
		line(st.section(name))
		for _, it := range items {
			line(bullet + it)
		}
		out.WriteString(gap)
	}
	var ms, qs, ks []string
	for _, m := range b.Meetings {
		ms = append(ms, st.esc(m.String()))
	}
	for _, q := range b.Quotes {
		qs = append(qs, st.quote(q))
	}
	for _, k := range b.KeyPoints {
		ks = append(ks, st.esc(k))
	}
	section("Meetings", ms)
	section("Quotes", qs)
	section("Key points", ks)
}
