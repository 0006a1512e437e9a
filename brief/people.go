package brief

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// person is someone the article names.
type person struct {
	name    string   // fullest form: "Vladimir Putin"
	role    string   // "Russian President", "Chinese Foreign Minister", "" if none
	aliases []string // other forms seen: "Putin", "President Putin"

	gender   byte // 'm', 'f' or 0 when unknown
	first    int  // byte offset of the first mention
	count    int  // number of mentions
	titled   bool // a title or role came with a mention (prefix, not appositive)
	appRole  string
	evidence int // signs that the name is a person's
}

// mention is one place a person is named in the text, byte offsets into
// doc.text. The span covers the name, not the title before it.
type mention struct {
	p          *person
	start, end int
}

// cast is the people of one article.
type cast struct {
	people   []*person
	mentions []mention // sorted by start
}

// ctoken is a word of a sentence with its byte span in doc.text.
type ctoken struct {
	text       string
	start, end int
}

// chunk is a run of capitalised words: an optional title part (role) and
// the name part.
type chunk struct {
	sent       int
	toks       []ctoken // all tokens of the run
	nameFrom   int      // index of the first name token in toks
	honorific  byte     // 'm' or 'f' from Mr./Mrs./Ms., else 0
	role       string   // title words before the name, plus lower-case role words
	lowerRole  bool     // the role came from lower-case words before the run
	appositive string   // ", Russia's foreign minister," after the name
	speech     bool     // a speech verb right before or after
}

func (c *chunk) name() string {
	var b strings.Builder
	for i, t := range c.toks[c.nameFrom:] {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(stripPossessive(t.text))
	}
	return b.String()
}

func (c *chunk) nameSpan() (int, int) {
	last := c.toks[len(c.toks)-1]
	return c.toks[c.nameFrom].start, last.start + len(stripPossessive(last.text))
}

// Word lists: small and general. Titles may stand before a name; cue words
// mark organisations, places and events, which are not people.
var (
	honorifics = map[string]byte{
		"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "dame": 'f',
		"lord": 'm', "lady": 'f', "madam": 'f', "mister": 'm', "dr": 0, "rev": 0,
	}
	titleWords = setOf("president", "minister", "secretary", "chancellor", "premier",
		"senator", "sen", "rep", "representative", "congressman", "congresswoman",
		"gov", "governor", "mayor", "chairman", "chairwoman", "chair", "chief",
		"director", "ambassador", "spokesman", "spokeswoman", "spokesperson",
		"king", "queen", "prince", "princess", "pope", "emperor", "sheikh",
		"general", "gen", "admiral", "adm", "colonel", "col", "lieutenant", "lt",
		"captain", "capt", "sergeant", "sgt", "commander", "cmdr", "major", "maj",
		"judge", "justice", "attorney", "prosecutor", "leader", "speaker",
		"commissioner", "councilman", "councilwoman", "del", "delegate", "sheriff",
		"officer", "detective", "det", "inspector", "insp", "supt", "superintendent",
		"professor", "prof", "dr", "rev", "reverend", "bishop", "cardinal", "rabbi", "imam",
		"ceo", "executive", "founder", "host", "anchor", "coach", "envoy",
		"economist", "adviser", "advisor", "strategist", "lawyer", "candidate",
		"nominee", "widow", "official", "analyst", "editor", "correspondent",
		"pastor", "father", "sister", "brother", "vice", "deputy", "gov.", "ayatollah")
	// roleNouns say that a lower-case phrase before or after a name is a role.
	roleNouns = setOf("president", "minister", "secretary", "chancellor", "premier",
		"senator", "representative", "congressman", "congresswoman", "governor",
		"mayor", "chairman", "chairwoman", "chair", "chief", "director", "ambassador",
		"spokesman", "spokeswoman", "spokesperson", "leader", "speaker", "judge",
		"attorney", "prosecutor", "commissioner", "officer", "professor", "ceo",
		"executive", "founder", "host", "anchor", "coach", "envoy", "economist",
		"adviser", "advisor", "strategist", "lawyer", "candidate", "nominee", "widow",
		"official", "analyst", "editor", "correspondent", "member", "head", "fellow",
		"expert", "scholar", "historian", "scientist", "researcher", "author", "writer",
		"reporter", "journalist", "columnist", "consultant", "partner", "manager",
		"activist", "organizer", "organiser", "aide", "deputy", "commander", "general",
		"diplomat", "negotiator", "physicist", "doctor", "surgeon", "student", "teacher",
		"veteran", "mother", "father", "wife", "husband", "daughter", "son", "niece",
		"nephew", "friend", "pastor", "bishop", "actor", "actress", "singer", "star",
		"founder", "owner", "investor", "developer", "king", "queen", "prince", "pope",
		"lawmaker", "legislator", "governor-elect", "president-elect", "press", "campaigner",
		"captain", "striker", "goalkeeper", "midfielder", "defender", "player", "inspector",
		"detective", "constable", "sergeant", "nurse", "engineer", "farmer", "resident",
		"librarian", "chef", "pilot", "firefighter", "councillor", "councilor", "lieutenant",
		"colonel", "admiral", "sheriff", "principal", "dean", "rabbi", "imam", "priest",
		"cardinal", "archbishop", "trustee", "treasurer", "boss", "mp")
	// placeNouns follow a place's or organisation's name: "Kelmar City",
	// "Kelmar's Foreign Minister".
	placeNouns = setOf("city", "town", "county", "province", "state", "republic", "kingdom",
		"island", "islands", "sea", "bay", "sound", "river", "valley", "street", "square",
		"airport", "port", "harbour", "harbor", "university", "college", "hospital", "chamber",
		"parliament", "government", "army", "navy", "police", "bank", "group", "company",
		"corporation", "party", "union", "council", "ministry", "foreign", "prime", "president",
		"minister", "capital", "economy", "embassy", "border", "fc", "united", "rovers", "city's")
	orgCues = setOf("organization", "organisation", "nations", "union", "party", "committee",
		"council", "bureau", "ministry", "department", "house", "senate", "congress",
		"court", "university", "college", "school", "institute", "institution", "center",
		"centre", "foundation", "association", "agency", "service", "police", "army",
		"navy", "bank", "group", "company", "inc", "corp", "co", "ltd", "llc", "times",
		"post", "news", "journal", "report", "club", "church", "hospital", "airport",
		"street", "road", "avenue", "square", "park", "river", "mountain", "city",
		"county", "state", "states", "republic", "federation", "kingdom", "province",
		"region", "war", "year", "day", "week", "culture", "festival", "games", "cup",
		"office", "commission", "caucus", "forum", "fund", "media", "network", "act",
		"bill", "law", "kremlin", "pentagon", "parliament", "government",
		"administration", "cabinet", "corporation", "tower", "hall", "museum", "times",
		"daily", "tribune", "herald", "gazette", "magazine", "press", "television", "tv",
		"radio", "channel", "fox", "cnn", "msnbc", "abc", "nbc", "cbs", "bbc", "reuters",
		"ministries", "forces", "force", "guard", "corps", "assembly", "duma", "council",
		"summit", "conference", "treaty", "accord", "agreement", "program", "programme",
		"project", "initiative", "movement", "alliance", "coalition", "front", "league",
		"order", "affairs", "relations", "studies", "research", "policy", "strategies",
		"partners", "capital", "holdings", "industries", "systems", "technologies",
		"airlines", "motors", "energy", "island", "islands", "valley", "lake", "sea",
		"ocean", "bay", "beach", "bridge", "building", "plaza", "stadium", "station",
		"zero", "trauma", "level", "world", "international", "national", "federal",
		"central", "general", "supreme", "district", "circuit", "democrats",
		"republicans", "democratic", "republican", "campaign", "twitter", "facebook",
		"google", "apple", "microsoft", "amazon", "olympics", "championship", "series",
		"empire", "dynasty", "revolution", "era", "age", "christmas", "easter",
		"ramadan", "thanksgiving", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "january", "february", "march", "april",
		"june", "july", "august", "september", "october", "november", "december",
		"north", "south", "east", "west", "northern", "southern", "eastern", "western",
		"america", "american", "americans", "europe", "european", "asia", "asian",
		"africa", "african", "god", "internet", "web", "brexit", "obamacare", "medicaid",
		"medicare", "express", "mail", "sun", "observer", "guardian", "telegraph",
		"independent", "economist", "post-dispatch", "nazi", "soviet", "communist", "islam",
		"muslim", "muslims", "christian", "jewish", "catholic", "budget", "tax", "security",
		"rovers", "united", "fc", "athletic", "wanderers", "rangers", "albion", "harbour",
		"harbor", "port", "authority", "cooperative", "co-operative", "microsystems")
	places = setOf("russia", "china", "us", "u.s", "usa", "uk", "u.k", "britain",
		"england", "scotland", "wales", "ireland", "france", "germany", "italy", "spain",
		"japan", "india", "iran", "iraq", "syria", "israel", "ukraine", "mexico", "canada",
		"korea", "turkey", "egypt", "pakistan", "afghanistan", "brazil", "australia",
		"moscow", "beijing", "washington", "london", "paris", "berlin", "tokyo", "kyiv",
		"kiev", "brussels", "geneva", "new", "los", "san", "saint", "st", "hong", "kong",
		"york", "california", "texas", "florida", "ohio", "virginia", "jersey", "taiwan",
		"vietnam", "cuba", "venezuela", "libya", "yemen", "saudi", "arabia", "qatar",
		"gaza", "palestine", "lebanon", "jordan", "greece", "poland", "sweden", "norway",
		"chicago", "boston", "manhattan", "brooklyn", "baltimore", "atlanta", "detroit",
		"iowa", "nevada", "carolina", "michigan", "wisconsin", "pennsylvania", "oklahoma",
		"tulsa", "missouri", "ferguson", "dallas", "houston", "miami", "philadelphia",
		"u.n", "un", "eu", "nato", "brics", "sco", "fbi", "cia", "nsa", "dnc", "rnc",
		"gop", "imf", "who", "opec", "asean", "isis", "isil", "nypd", "naacp", "epa", "doj")
	// Capitalised words that open sentences or headlines and are not names.
	// roleStops are verbs that end a lower-case role read backwards from a
	// name: "Brandt met union president Marco Ruiz".
	roleStops = setOf("met", "meets", "meet", "greeted", "greets", "welcomed", "welcomes", "hosted",
		"hosts", "thanked", "thanks", "called", "calls", "urged", "urges", "asked", "asks", "visited",
		"visits", "replaced", "replaces", "succeeded", "succeeds", "named", "names", "appointed",
		"appoints", "fired", "fires", "defeated", "beat", "beats", "joined", "joins", "phoned")
	chunkStops = setOf("the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to",
		"for", "from", "by", "with", "as", "is", "was", "are", "were", "be", "been",
		"has", "have", "had", "do", "does", "did", "not", "no", "it", "its", "he", "she",
		"his", "her", "they", "their", "we", "our", "i", "you", "your", "this", "that",
		"these", "those", "there", "here", "when", "while", "after", "before", "during",
		"amid", "since", "until", "if", "so", "yet", "however", "meanwhile", "but",
		"today", "yesterday", "tomorrow", "both", "all", "some", "many", "most", "one",
		"two", "three", "what", "who", "why", "how", "where", "which", "according",
		"also", "even", "just", "now", "then", "still", "over", "under", "about",
		"into", "out", "up", "down", "off", "why", "will", "would", "could", "should",
		"can", "may", "might", "must", "said", "says", "say", "told", "tells", "asked",
		"added", "more", "less", "than", "like", "only", "not", "new", "former", "last",
		"next", "first", "second", "other", "another", "each", "every", "any", "such",
		"via", "per", "against", "among", "between", "through", "without", "within",
		"around", "near", "despite", "although", "though", "because", "unless", "whether",
		"once", "whose", "whom", "my", "me", "us", "them", "him", "mine", "dear",
		"read", "watch", "click", "photo", "video", "related", "advertisement", "see",
		"update", "updated", "breaking", "exclusive", "editor's", "note", "let", "let's",
		"indeed", "instead", "thus", "therefore", "still", "well", "yes", "oh", "okay",
		"hey", "follow", "please", "thank", "thanks", "sorry", "mrs.", "speaking", "asked", "just")
	particles = setOf("de", "da", "di", "del", "della", "van", "von", "der", "den",
		"bin", "ibn", "al", "el", "la", "le", "du", "dos", "das", "ter", "ten", "y")
	speechVerbs = setOf("said", "says", "say", "told", "tells", "tell", "added", "adds",
		"wrote", "writes", "asked", "asks", "explained", "explains", "noted", "notes",
		"stated", "states", "declared", "declares", "insisted", "insists", "argued",
		"argues", "continued", "continues", "recalled", "recalls", "warned", "warns",
		"replied", "replies", "responded", "responds", "stressed", "stresses",
		"emphasized", "emphasised", "emphasizes", "claimed", "claims", "tweeted",
		"tweets", "posted", "announced", "announces", "acknowledged", "admitted",
		"conceded", "contended", "observed", "remarked", "suggested", "suggests",
		"urged", "joked", "quipped", "exclaimed", "shouted", "yelled", "testified",
		"complained", "predicted", "promised", "vowed", "concluded", "maintained",
		"boasted", "cautioned", "charged", "countered", "demanded", "lamented", "mused",
		"pleaded", "reiterated", "revealed", "scoffed", "sighed", "snapped", "thundered",
		"whispered", "wondered", "agreed", "disagreed", "pointed", "highlighted",
		"commented", "comments", "confirmed", "confirms", "denied", "denies", "reported",
		"reports", "recounted", "described", "describes", "called", "calls", "cried",
		"began", "went", "opined", "affirmed", "assured", "interjected", "explained",
		"reasoned", "repeated", "retorted", "shot", "fired", "chimed", "intoned",
		"stated", "texted", "emailed", "messaged", "read", "reads", "wrote", "blasted",
		"slammed", "praised", "predicts", "insisted", "hinted", "screamed", "chanted")
	femaleWords = setOf("she", "her", "hers", "herself", "mrs", "ms", "miss", "madam",
		"lady", "queen", "princess", "chairwoman", "spokeswoman", "congresswoman",
		"councilwoman", "wife", "mother", "daughter", "sister", "widow", "actress",
		"niece", "dame", "businesswoman", "grandmother")
	maleWords = setOf("he", "him", "his", "himself", "mr", "sir", "lord", "king",
		"prince", "chairman", "spokesman", "congressman", "councilman", "husband",
		"father", "son", "brother", "nephew", "businessman", "grandfather", "mister")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// key is the lower-cased form of a token without a final period, used to
// look it up in the word lists.
func key(t string) string {
	return strings.ToLower(strings.TrimSuffix(stripPossessive(t), "."))
}

func stripPossessive(t string) string {
	for _, s := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(t, s) && len(t) > len(s) {
			return t[:len(t)-len(s)]
		}
	}
	return t
}

func isPossessive(t string) bool { return stripPossessive(t) != t }

func capitalised(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// tokenize returns the word tokens of text[start:end] with their spans in
// text. Inner periods, hyphens and apostrophes stay inside a token; a final
// period stays when the token is an abbreviation or an initial.
func tokenize(text string, start, end int) []ctoken {
	var out []ctoken
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				j += n
				continue
			}
			if r == '.' || r == '-' || r == '\'' || r == '’' {
				if j+n < end {
					r2, _ := utf8.DecodeRuneInString(text[j+n : end])
					if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
						j += n
						continue
					}
				}
				if r == '\'' || r == '’' { // plural possessive: "players'"
					if j > i && text[j-1] == 's' && j+n <= end {
						j += n
					}
				}
				if r == '.' {
					w := strings.ToLower(text[i:j])
					if abbreviations[w] || honorifics[w] != 0 || w == "dr" || w == "rev" ||
						(utf8.RuneCountInString(w) == 1 && capitalised(text[i:j])) || strings.Contains(w, ".") {
						j += n
					}
				}
			}
			break
		}
		out = append(out, ctoken{text: text[i:j], start: i, end: j})
		i = j
	}
	return out
}

// chunks returns the runs of capitalised words in sentence si, with title
// words split off the front and the context a person would have.
func chunks(d *doc, si int) []chunk {
	s := &d.sents[si]
	toks := tokenize(d.text, s.start, s.end)
	var out []chunk
	for i := 0; i < len(toks); {
		if !capitalised(toks[i].text) || chunkStops[key(toks[i].text)] && !(i > 0 && titleWords[key(toks[i].text)]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !isPossessive(toks[j-1].text) && onlySpace(d.text[toks[j-1].end:toks[j].start]) {
			t := toks[j].text
			if capitalised(t) && !chunkStops[key(t)] {
				j++
				continue
			}
			if particles[t] && j+1 < len(toks) && capitalised(toks[j+1].text) && onlySpace(d.text[toks[j].end:toks[j+1].start]) {
				j++
				continue
			}
			break
		}
		c := chunk{sent: si, toks: toks[i:j]}
		c.splitTitle()
		if i > 0 {
			c.lowerRoleBefore(d, toks[:i])
		}
		if len(c.toks) > 1 || !atClauseStart(d.text, s.start, c.toks[0].start) {
			// A lone word opening a sentence or quotation and followed by a
			// comma is an adverb more often than a name: "“Hopefully,” the
			// president said".
			c.appositive = appositiveAfter(d.text, c.toks[len(c.toks)-1].end, s.end)
		}
		if j < len(toks) && speechVerbs[key(toks[j].text)] && onlySpace(d.text[toks[j-1].end:toks[j].start]) {
			c.speech = true
		}
		if i > 0 && (speechVerbs[key(toks[i-1].text)]) && onlySpace(d.text[toks[i-1].end:toks[i].start]) {
			c.speech = true
		}
		// "Its chief executive, Martin Greaves, told local radio": a name
		// set off by commas after a role noun, or before a speech verb.
		if j < len(toks) && strings.TrimSpace(d.text[toks[j-1].end:toks[j].start]) == "," && speechVerbs[key(toks[j].text)] {
			c.speech = true
		}
		if i > 0 && c.role == "" && strings.TrimSpace(d.text[toks[i-1].end:toks[i].start]) == "," {
			c.roleBeforeComma(toks[:i])
		}
		out = append(out, c)
		i = j
	}
	return out
}

// atClauseStart reports whether at opens its sentence, or a quotation.
func atClauseStart(text string, sentStart, at int) bool {
	before := strings.TrimRight(text[sentStart:at], " \"'“‘")
	return before == ""
}

func onlySpace(s string) bool {
	return len(s) > 0 && strings.TrimSpace(s) == ""
}

// splitTitle moves title words at the front of the run into the role:
// "Russian President Vladimir Putin" -> role "Russian President".
func (c *chunk) splitTitle() {
	k := -1
	for i := 0; i < len(c.toks)-1; i++ {
		w := key(c.toks[i].text)
		if titleWords[w] || honorifics[w] != 0 || w == "dr" {
			k = i
		}
	}
	if k < 0 {
		return
	}
	c.nameFrom = k + 1
	if g, ok := honorifics[key(c.toks[k].text)]; ok && g != 0 {
		c.honorific = g
	}
	var parts []string
	for _, t := range c.toks[:k+1] {
		if _, ok := honorifics[key(t.text)]; ok {
			continue
		}
		parts = append(parts, t.text)
	}
	c.role = strings.Join(parts, " ")
}

// lowerRoleBefore takes a role written in lower case before the name:
// "Trump campaign spokesman Jason Miller".
func (c *chunk) lowerRoleBefore(d *doc, before []ctoken) {
	if c.nameFrom > 0 && titleWords[key(c.toks[c.nameFrom-1].text)] {
		return
	}
	n := len(before)
	last := before[n-1]
	if !onlySpace(d.text[last.end:c.toks[0].start]) || !roleNouns[key(last.text)] || capitalised(last.text) {
		return
	}
	from := n - 1
	for from > 0 && n-from < 4 {
		p := before[from-1]
		w := key(p.text)
		if !onlySpace(d.text[p.end:before[from].start]) || chunkStops[w] || speechVerbs[w] || strings.HasSuffix(w, "ing") ||
			capitalised(p.text) || roleStops[w] {
			break
		}
		from--
	}
	// The organisation the role belongs to: "European Union foreign
	// policy chief".
	for k := 0; k < 3 && from > 0 && from < n && capitalised(before[from-1].text) && !speechVerbs[key(before[from-1].text)] &&
		onlySpace(d.text[before[from-1].end:before[from].start]); k++ {
		from--
	}
	parts := make([]string, 0, n-from+2)
	for _, t := range before[from:] {
		parts = append(parts, t.text)
	}
	if c.role != "" {
		parts = append(parts, c.role)
	}
	c.role = strings.Join(parts, " ")
	c.lowerRole = true
}

// roleBeforeComma takes the role from "the company's chief executive,"
// right before the name: up to three lower-case words ending in a role
// noun.
func (c *chunk) roleBeforeComma(before []ctoken) {
	n := len(before)
	last := before[n-1]
	if !roleNouns[key(last.text)] || capitalised(last.text) {
		return
	}
	from := n - 1
	for from > 0 && n-from < 3 {
		w := before[from-1].text
		if capitalised(w) || chunkStops[key(w)] || speechVerbs[key(w)] || isPossessive(w) {
			break
		}
		from--
	}
	parts := make([]string, 0, n-from)
	for _, t := range before[from:] {
		parts = append(parts, t.text)
	}
	c.role = strings.Join(parts, " ")
	c.lowerRole = true
}

// appositiveAfter returns the role in ", Russia's foreign minister," right
// after a name, or "".
func appositiveAfter(text string, at, end int) string {
	rest := text[at:end]
	if !strings.HasPrefix(rest, ", ") {
		return ""
	}
	rest = rest[2:]
	stop := strings.IndexAny(rest, ",;:()\"“”—")
	if stop < 0 {
		stop = len(rest)
		rest = strings.TrimRight(rest, ".!? ")
		if stop > len(rest) {
			stop = len(rest)
		}
	}
	phrase := rest[:stop]
	for _, cut := range []string{" who ", " whose ", " which ", " said", " says", " told", " added"} {
		if k := strings.Index(phrase, cut); k >= 0 {
			phrase = phrase[:k]
		}
	}
	ws := strings.Fields(phrase)
	for len(ws) > 0 {
		switch strings.ToLower(ws[0]) {
		case "also", "now", "a", "an", "the", "then", "himself", "herself", "currently":
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) == 0 || len(ws) > 14 {
		return ""
	}
	if len(ws) == 1 && isAge(ws[0]) {
		return ws[0]
	}
	for i, w := range ws {
		if i > 5 {
			break
		}
		if roleNouns[strings.ToLower(strings.Trim(w, ".'’s"))] || roleNouns[key(w)] {
			return strings.Join(ws, " ")
		}
	}
	return ""
}

func isAge(w string) bool {
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// notPerson reports whether the name part of a run names an organisation,
// a place or an event rather than a person.
func notPerson(c *chunk) bool {
	name := c.toks[c.nameFrom:]
	if len(name) > 4 {
		return true
	}
	for _, t := range name {
		w := key(t.text)
		if orgCues[w] || chunkStops[w] {
			return true
		}
		if len(name) == 1 && places[w] {
			return true
		}
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(t.text) == t.text && !strings.Contains(t.text, ".") {
			return true // acronyms: "NATO", "BRICS", "CNN"
		}
		if parts := strings.Split(w, "-"); len(parts) > 1 {
			n := 0
			for _, p := range parts {
				if places[p] || orgCues[p] {
					n++
				}
			}
			if n > 0 {
				return true // "Russia-China", "China-Russia", "Anti-Trump"
			}
		}
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsDigit(r) {
			return true
		}
	}
	if w := key(name[0].text); len(name) == 1 && (titleWords[w] || honorifics[w] != 0) {
		return true // a title cut off from its name: "Gov."
	}
	if len(name) > 1 && places[key(name[0].text)] && places[key(name[len(name)-1].text)] {
		return true // "New York", "Hong Kong", "Saudi Arabia"
	}
	if len(name) == 1 && c.nameFrom == 0 && looksAdjective(key(name[0].text)) {
		return true // "Russian", "Chinese", "Japanese"
	}
	return false
}

// looksAdjective reports whether a lone capitalised word is likely a
// nationality or a people rather than a surname.
func looksAdjective(w string) bool {
	for _, suf := range []string{"ese", "ish", "ian", "ians", "ans", "ean", "eans", "ic", "ist", "ists", "ism"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	switch w {
	case "french", "dutch", "greek", "swiss", "thai", "british", "english", "irish",
		"welsh", "scottish", "german", "russian", "chinese", "israeli", "iraqi", "saudi":
		return true
	}
	return false
}

// findPeople finds the people an article names, with their roles and
// every mention. It uses capitalisation and word lists; prose's entity
// model is asked only about a few runs that nothing else decides.
func findPeople(d *doc) *cast {
	var all []*chunk
	cands := map[string]*candidate{}
	var order []string
	for si := range d.sents {
		if headlineCase(d, si) {
			continue
		}
		for _, c := range chunks(d, si) {
			if notPerson(&c) {
				continue
			}
			c := c
			all = append(all, &c)
			n := c.name()
			k, ok := cands[n]
			if !ok {
				k = &candidate{name: n, first: c.toks[c.nameFrom].start}
				cands[n] = k
				order = append(order, n)
			}
			k.chunks = append(k.chunks, &c)
			if c.role != "" || c.honorific != 0 {
				k.evidence += 2
			}
			if c.appositive != "" {
				k.evidence += 2
			}
			if c.speech {
				k.evidence++
			}
			switch c.honorific {
			case 'm':
				k.gender[0] += 3
			case 'f':
				k.gender[1] += 3
			}
			for _, w := range strings.Fields(strings.ToLower(c.role + " " + c.appositive)) {
				if maleWords[w] {
					k.gender[0]++
				} else if femaleWords[w] {
					k.gender[1]++
				}
			}
		}
	}

	// Multi-word names are people unless nothing says so and prose's
	// entity model, asked about a few of them, disagrees.
	cst := &cast{}
	byName := map[string]*person{}
	nerBudget := 2
	for _, n := range order {
		k := cands[n]
		if !strings.Contains(n, " ") {
			continue
		}
		if k.evidence == 0 {
			if surnameEvidence(cands, n) {
				k.evidence++
			} else if nerBudget > 0 {
				c := k.chunks[0]
				nerBudget--
				if !nerSaysPerson(nerSpans(d, c), c) {
					continue
				}
			} else {
				continue
			}
		}
		p := &person{name: n, first: k.first, evidence: k.evidence}
		byName[n] = p
		cst.people = append(cst.people, p)
	}
	// Single words: a surname or first name of someone named in full, or a
	// name given a title or a speech verb.
	for _, n := range order {
		k := cands[n]
		if strings.Contains(n, " ") {
			continue
		}
		if len(matchPart(cst.people, n)) > 0 {
			continue
		}
		if k.evidence == 0 || namesAPlace(d.text, n) {
			continue
		}
		p := &person{name: n, first: k.first, evidence: k.evidence}
		byName[n] = p
		cst.people = append(cst.people, p)
	}

	// Mentions, roles, aliases and gender.
	counts := map[*person]int{}
	for _, c := range all {
		n := c.name()
		p := byName[n]
		if p == nil {
			p = cst.pick(matchPart(cst.people, n), c.toks[c.nameFrom].start)
		}
		if p == nil {
			continue
		}
		start, end := c.nameSpan()
		cst.mentions = append(cst.mentions, mention{p: p, start: start, end: end})
		counts[p]++
		full := strings.TrimSpace(c.role + " " + n)
		if c.honorific != 0 {
			full = strings.TrimSpace(strings.Join(tokTexts(c.toks), " "))
		}
		for _, a := range []string{n, full} {
			if a != p.name && !contains(p.aliases, a) {
				p.aliases = append(p.aliases, a)
			}
		}
		if c.role != "" && !c.lowerRole || c.role != "" && !p.titled {
			if better(c.role, p.role, p.titled) {
				p.role = c.role
			}
			p.titled = true
		}
		if c.appositive != "" && !isAge(c.appositive) && (p.appRole == "" || len(c.appositive) < len(p.appRole)) {
			p.appRole = c.appositive
		}
		if k := cands[n]; k != nil && p.gender == 0 {
			switch {
			case k.gender[0] > k.gender[1]:
				p.gender = 'm'
			case k.gender[1] > k.gender[0]:
				p.gender = 'f'
			}
		}
	}
	for _, p := range cst.people {
		p.count = counts[p]
		if p.role == "" && p.appRole != "" {
			p.role = p.appRole
		}
	}
	sort.SliceStable(cst.mentions, func(i, j int) bool { return cst.mentions[i].start < cst.mentions[j].start })
	cst.guessGender(d)
	return cst
}

// namesAPlace reports whether a lone capitalised word is used elsewhere as
// a place's or organisation's name: "Kelmar City", "Kelmar's Foreign
// Minister". Such a word saying something ("Kelmar said") is a country,
// not a person.
func namesAPlace(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		at := i + j + len(w)
		i = at
		rest := strings.TrimPrefix(strings.TrimPrefix(text[at:], "'s"), "’s")
		if len(rest) == 0 || rest[0] != ' ' {
			continue
		}
		next := strings.Fields(rest[:min(len(rest), 40)]) // the next word is enough
		if len(next) > 0 && capitalised(next[0]) && placeNouns[key(strings.Trim(next[0], ",.;:"))] {
			return true
		}
	}
}

func tokTexts(ts []ctoken) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = stripPossessive(t.text)
	}
	return out
}

func containsPerson(ps []*person, p *person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// better reports whether role a says more than the role kept so far: a
// title with a nationality ("Russian President") beats a bare "President".
func better(a, kept string, keptTitled bool) bool {
	if kept == "" || !keptTitled {
		return true
	}
	return len(strings.Fields(a)) > len(strings.Fields(kept)) && len(strings.Fields(a)) <= 5
}

// candidate is a name found in the text before it is known to be a person's.
type candidate struct {
	name     string
	chunks   []*chunk
	evidence int
	gender   [2]int // male, female votes
	first    int
}

// surnameEvidence reports whether the last word of a multi-word name
// appears alone with a title or a speech verb elsewhere: "Mr. Baer".
func surnameEvidence(cands map[string]*candidate, n string) bool {
	fs := strings.Fields(n)
	k := cands[fs[len(fs)-1]]
	return k != nil && k.evidence > 0
}

// headlineCase reports whether sentence si is set in title case, as
// headlines are: every word but the short function words capitalised. Its
// capitals say nothing about names.
func headlineCase(d *doc, si int) bool {
	s := &d.sents[si]
	if len(s.words) < 4 {
		return false
	}
	for _, t := range tokenize(d.text, s.start, s.end) {
		if capitalised(t.text) {
			continue
		}
		switch key(t.text) {
		case "a", "an", "the", "of", "in", "on", "to", "for", "and", "but", "or", "at",
			"by", "with", "from", "as", "vs", "into", "over", "s":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsDigit(r) {
			continue
		}
		return false
	}
	return true
}

// matchPart returns the people whose surname or first name is n.
func matchPart(people []*person, n string) []*person {
	var out []*person
	for _, p := range people {
		fs := strings.Fields(p.name)
		if len(fs) < 2 {
			continue
		}
		if fs[len(fs)-1] == n || fs[0] == n {
			out = append(out, p)
		}
	}
	// A surname match beats a first-name match.
	var sur []*person
	for _, p := range out {
		fs := strings.Fields(p.name)
		if fs[len(fs)-1] == n {
			sur = append(sur, p)
		}
	}
	if len(sur) > 0 {
		return sur
	}
	return out
}

// pick chooses among people sharing a surname: the one named in full most
// often before at, the most recent on a tie, else the one named first.
func (c *cast) pick(ps []*person, at int) *person {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	full := map[*person]int{}
	last := map[*person]int{}
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if containsPerson(ps, m.p) && strings.Contains(m.p.name, " ") && m.end-m.start >= len(m.p.name) {
			full[m.p]++
			last[m.p] = m.start
		}
	}
	var best *person
	for _, p := range ps {
		switch {
		case best == nil:
			best = p
		case full[p] > full[best], full[p] == full[best] && last[p] > last[best]:
			best = p
		case full[p] == full[best] && last[p] == last[best] && p.first < best.first:
			best = p
		}
	}
	return best
}

type nerSpan struct {
	text  string
	label string
}

// nerSpans runs prose's entity model on the words around a chunk: a few
// words of context decide as well as the whole sentence at a fraction of
// the cost (about 1 ms a sentence).
func nerSpans(d *doc, c *chunk) []nerSpan {
	s := d.sents[c.sent]
	from, to := c.toks[0].start, c.toks[len(c.toks)-1].end
	for n := 0; n < 6 && from > s.start; n++ {
		i := strings.LastIndexFunc(d.text[s.start:from-1], unicode.IsSpace)
		if i < 0 {
			from = s.start
			break
		}
		from = s.start + i + 1
	}
	for n := 0; n < 6 && to < s.end; n++ {
		i := strings.IndexFunc(d.text[to+1:s.end], unicode.IsSpace)
		if i < 0 {
			to = s.end
			break
		}
		to = to + 1 + i
	}
	var out []nerSpan
	var cur []string
	label := ""
	flush := func() {
		if len(cur) > 0 {
			out = append(out, nerSpan{text: strings.Join(cur, " "), label: label})
		}
		cur = nil
	}
	for _, t := range tag(d.text[from:to], true) {
		switch {
		case strings.HasPrefix(t.Label, "B-"):
			flush()
			label = t.Label[2:]
			cur = append(cur, t.Text)
		case strings.HasPrefix(t.Label, "I-") && len(cur) > 0:
			cur = append(cur, t.Text)
		default:
			flush()
		}
	}
	flush()
	return out
}

func nerSaysPerson(spans []nerSpan, c *chunk) bool {
	last := key(c.toks[len(c.toks)-1].text)
	for _, s := range spans {
		if s.label != "PERSON" {
			continue
		}
		for _, w := range strings.Fields(s.text) {
			if key(w) == last {
				return true
			}
		}
	}
	return false
}

// guessGender fills in the gender of people no title gave one to, from
// the pronoun that opens the next sentence after they lead one.
func (c *cast) guessGender(d *doc) {
	votes := map[*person][2]int{}
	for si := range d.sents {
		ms := c.in(&d.sents[si])
		if len(ms) == 0 || si+1 >= len(d.sents) {
			continue
		}
		next := d.sents[si+1].words
		if len(c.in(&d.sents[si+1])) > 0 && len(next) > 0 && next[0] != "he" && next[0] != "she" {
			continue
		}
		for i, w := range next {
			if i > 6 {
				break
			}
			v := votes[ms[0].p]
			if w == "he" || w == "his" {
				v[0]++
			} else if w == "she" || w == "her" {
				v[1]++
			} else {
				continue
			}
			votes[ms[0].p] = v
			break
		}
	}
	for _, p := range c.people {
		if p.gender != 0 {
			continue
		}
		v := votes[p]
		switch {
		case v[0] > v[1]:
			p.gender = 'm'
		case v[1] > v[0]:
			p.gender = 'f'
		}
	}
}

// lookup returns the person a name refers to: the full name, an alias, a
// surname or a first name; nil if none. Among people sharing a surname it
// prefers the most mentioned.
func (c *cast) lookup(name string) *person {
	if c == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	for _, p := range c.people {
		if p.name == name || contains(p.aliases, name) {
			return p
		}
	}
	toks := tokenize(name, 0, len(name))
	if len(toks) == 0 {
		return nil
	}
	ch := chunk{toks: toks}
	ch.splitTitle()
	n := ch.name()
	for _, p := range c.people {
		if p.name == n {
			return p
		}
	}
	last := stripPossessive(toks[len(toks)-1].text)
	ps := matchPart(c.people, last)
	if len(ps) == 0 {
		ps = matchPart(c.people, n)
	}
	var best *person
	for _, p := range ps {
		if best == nil || p.count > best.count {
			best = p
		}
	}
	return best
}

// in returns the mentions inside sentence s.
func (c *cast) in(s *sentence) []mention {
	if c == nil {
		return nil
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= s.start })
	j := i
	for j < len(c.mentions) && c.mentions[j].end <= s.end {
		j++
	}
	return c.mentions[i:j]
}

// mentionsIn returns the mentions lying wholly inside [start, end).
func (c *cast) mentionsIn(start, end int) []mention {
	if c == nil {
		return nil
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= start })
	j := i
	for j < len(c.mentions) && c.mentions[j].start < end {
		j++
	}
	out := c.mentions[i:j]
	for len(out) > 0 && out[len(out)-1].end > end {
		out = out[:len(out)-1]
	}
	return out
}

var pronounGender = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f',
}

// resolve returns the person expr refers to in sentence sentIdx: a
// pronoun ("he"), a role ("the minister") or a name ("Wang"); nil if none.
// A pronoun goes to the first person named earlier in its sentence, else
// to the person leading the nearest sentence before that names someone.
func (c *cast) resolve(d *doc, sentIdx int, expr string) *person {
	if c == nil || sentIdx < 0 || sentIdx >= len(d.sents) {
		return nil
	}
	e := strings.TrimSpace(expr)
	le := strings.ToLower(e)
	s := &d.sents[sentIdx]
	at := s.end
	if k := indexWord(s.text, e); k >= 0 {
		at = s.start + k
	}
	if g, ok := pronounGender[le]; ok {
		return c.byPronoun(d, sentIdx, at, g)
	}
	ws := strings.Fields(le)
	if len(ws) >= 2 && (ws[0] == "the" || ws[0] == "this" || ws[0] == "that") {
		return c.byRole(d, sentIdx, at, ws[len(ws)-1])
	}
	if p := c.lookupNear(e, at); p != nil {
		return p
	}
	return nil
}

// lookupNear is lookup that, among people sharing a surname, prefers the
// one named in full most recently before at.
func (c *cast) lookupNear(name string, at int) *person {
	p := c.lookup(name)
	if p == nil {
		return nil
	}
	fs := strings.Fields(p.name)
	if len(fs) < 2 {
		return p
	}
	toks := tokenize(name, 0, len(name))
	if len(toks) != 1 && !(len(toks) == 2 && honorifics[key(toks[0].text)] != 0) {
		return p
	}
	ps := matchPart(c.people, stripPossessive(toks[len(toks)-1].text))
	if len(ps) < 2 {
		return p
	}
	var best *person
	bestAt := -1
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if containsPerson(ps, m.p) && m.end-m.start > len(stripPossessive(toks[len(toks)-1].text)) && m.start > bestAt {
			best, bestAt = m.p, m.start
		}
	}
	if best != nil {
		return best
	}
	return p
}

func (c *cast) byPronoun(d *doc, sentIdx, at int, g byte) *person {
	fits := func(p *person) bool { return p.gender == 0 || p.gender == g }
	for _, m := range c.in(&d.sents[sentIdx]) {
		if m.start >= at {
			break
		}
		if fits(m.p) {
			return m.p
		}
	}
	for si := sentIdx - 1; si >= 0 && si >= sentIdx-8; si-- {
		for _, m := range c.in(&d.sents[si]) {
			if fits(m.p) {
				return m.p
			}
		}
	}
	return nil
}

func (c *cast) byRole(d *doc, sentIdx, at int, noun string) *person {
	var best *person
	bestAt := -1
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if m.start > bestAt && hasWord(m.p.role, noun) {
			best, bestAt = m.p, m.start
		}
	}
	if best != nil {
		return best
	}
	for _, p := range c.people {
		if hasWord(p.role, noun) {
			return p
		}
	}
	return nil
}

func hasWord(s, w string) bool {
	for _, x := range words(s) {
		if x == w || strings.TrimSuffix(x, "s") == w {
			return true
		}
	}
	return false
}

// indexWord returns the byte index of w as a whole word in s, or -1.
func indexWord(s, w string) int {
	if w == "" {
		return -1
	}
	for off := 0; off < len(s); {
		k := strings.Index(s[off:], w)
		if k < 0 {
			return -1
		}
		k += off
		before, _ := utf8.DecodeLastRuneInString(s[:k])
		after, _ := utf8.DecodeRuneInString(s[k+len(w):])
		if (k == 0 || !unicode.IsLetter(before)) && (k+len(w) == len(s) || !unicode.IsLetter(after)) {
			return k
		}
		off = k + len(w)
	}
	return -1
}
