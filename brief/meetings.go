package brief

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A meeting is announced by one of these: a verb or noun of meeting, usually
// followed by "with" and the other side. Captions add present-tense verbs.
var (
	reMeetVerb       = regexp.MustCompile(`(?i)\b(?:(?:held|hold|holds|holding|had|have|has|hosted|hosting|hosts|began|opened|concluded|wrapped up)\s+(?:[a-z-]+\s+){0,4}?(?:talks|meetings?|discussions|negotiations|consultations|summit|a call|a phone call|a telephone call|a video call)|(?:met|meets|meet|meeting)(?:\s+with)?|talks\s+with|talks\s+between|summit\s+with|summit\s+between|(?:spoke|speaks|talked|talks|conferred)\s+(?:by|on the|over the)\s+(?:phone|telephone)|(?:a|the|their|his|her)\s+(?:phone|telephone|video)\s+(?:call|conversation)\s+with|phoned|telephoned|hosted|hosts|received|receives|welcomed|welcomes|sat down with|conferred with|visit(?:ed|s|ing)?)\b`)
	reCaptionMeet    = regexp.MustCompile(`(?i)\b(?:shakes? hands with|greets|greet|embraces|welcomes|meets|talks with)\b`)
	reCaptionMeetAny = regexp.MustCompile(reMeetVerb.String() + "|" + reCaptionMeet.String())
	reDuringVisit    = regexp.MustCompile(`(?i)\bduring (?:his|her|their|the|a) (?:visit|trip|stay)\b`)
	// "During the meeting" refers back to a meeting already told.
	reBackReference = regexp.MustCompile(`(?i)(?:the|this|that|his|her|their)\s+(?:meeting|talks|visit|call)$`)
	rePlace         = regexp.MustCompile(`\b(?:in|at)\s+((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:of\s+|de\s+)?\p{Lu}[\p{L}'’.-]*)*(?:,\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)?)`)
)

// gapWords may stand between a meeting word and a participant: "meeting
// with visiting Chinese Foreign Minister Wang Yi", "spoke by phone on
// Thursday with ...".
var gapWords = map[string]bool{
	"with": true, "and": true, "the": true, "visiting": true, "his": true, "her": true,
	"their": true, "counterpart": true, "counterparts": true, "on": true, "by": true,
	"phone": true, "telephone": true, "also": true, "both": true, "between": true,
	"today": true, "yesterday": true, "a": true, "an": true, "of": true, "s": true,
	"former": true, "top": true, "new": true, "then": true, "leader": true, "leaders": true,
}

// meetings finds who met whom in the article, where and when. Captions
// count: a photo caption often carries the meeting's place and date, and
// is merged into the meeting the text tells.
func meetings(d *doc, c *cast, published time.Time) []Meeting {
	year := published.Year()
	if published.IsZero() {
		year = 0
	}
	// The article's own reference day: its publication date, else the
	// first full date written in it (a caption's "April 1, 2025").
	ref := published
	var captionDates []dateMention
	for _, s := range d.sents {
		if !mayHaveDate(s.words) {
			continue
		}
		if dm, ok := findDate(s.text, year); ok && !dm.date.IsZero() {
			if ref.IsZero() {
				ref = dm.date
			}
			if s.kind == caption {
				captionDates = append(captionDates, dm)
			}
		}
	}
	var out []*meetingDraft
	for i := range d.sents {
		s := &d.sents[i]
		if s.kind == boilerplate || s.kind == byline {
			continue
		}
		m := findMeeting(d, c, i)
		if m == nil {
			continue
		}
		if j := slices.IndexFunc(out, func(o *meetingDraft) bool { return samePeople(o.people, m.people) }); j >= 0 {
			out[j].merge(m)
			continue
		}
		if m.visit && len(m.places) == 0 {
			// "During his visit, Wang held talks with Lavrov": where the
			// visit was, as an earlier meeting of the visitor told.
			for _, o := range slices.Backward(out) {
				if len(o.places) > 0 && slices.ContainsFunc(o.people, func(p *person) bool { return slices.Contains(m.people, p) }) {
					m.places = []string{lastPlace(o.places)}
					break
				}
			}
		}
		out = append(out, m)
	}
	// Body sentences speak first; a meeting seen only in a caption is
	// still a meeting.
	var result []Meeting
	for _, m := range out {
		result = append(result, m.finish(d, ref, captionDates))
	}
	return result
}

type meetingDraft struct {
	people   []*person
	places   []string
	when     *dateMention
	sentence string
	sentIdx  int
	visit    bool // "During his visit": the place is where the visit was
}

func (m *meetingDraft) merge(o *meetingDraft) {
	for _, p := range o.places {
		if !slices.Contains(m.places, p) {
			m.places = append(m.places, p)
		}
	}
	if m.when == nil {
		m.when = o.when
	}
	if m.sentence == "" || (o.sentence != "" && m.sentence == "") {
		m.sentence = o.sentence
	}
}

func (m *meetingDraft) finish(d *doc, ref time.Time, captionDates []dateMention) Meeting {
	out := Meeting{Sentence: m.sentence}
	for _, p := range m.people {
		out.Participants = append(out.Participants, Person{Name: p.name, Role: p.role})
	}
	out.Place = joinPlaces(m.places)
	when := m.when
	if when == nil {
		// News puts the when in the lead: "Putin on Tuesday called ...".
		for i := 0; i < len(d.sents) && i <= m.sentIdx; i++ {
			if d.sents[i].kind != body {
				continue
			}
			if dm, ok := findDate(d.sents[i].text, ref.Year()); ok {
				when = &dm
			}
			break
		}
	}
	if when != nil {
		dm := *when
		if dm.date.IsZero() && dm.weekday != "" {
			// A caption's written date that falls on the weekday decides.
			for _, cd := range captionDates {
				if cd.date.Weekday() == weekdayNumber(dm.weekday) {
					dm.date = cd.date
				}
			}
			dm = dm.resolve(ref)
		}
		out.When = dm.String()
	}
	return out
}

// findMeeting reads sentence i for a meeting between two or more people:
// the first meeting word that has people on both sides decides.
func findMeeting(d *doc, c *cast, i int) *meetingDraft {
	s := &d.sents[i]
	re := reMeetVerb
	if s.kind == caption {
		re = reCaptionMeetAny
	}
	if !mayMeet(s.words) {
		return nil
	}
	ms := c.in(s)
	if len(ms) < 2 && !slices.ContainsFunc(s.words, isPronoun) {
		return nil
	}
	for _, loc := range re.FindAllStringIndex(s.text, -1) {
		if m := meetingAt(d, c, i, ms, loc); m != nil {
			return m
		}
	}
	return nil
}

// meetingAt reads the meeting announced by the words at s.text[loc[0]:loc[1]].
func meetingAt(d *doc, c *cast, i int, ms []mention, loc []int) *meetingDraft {
	s := &d.sents[i]
	// The other side: names right after the meeting word.
	var objects []*person
	pos := s.start + loc[1]
	for _, m := range ms {
		if m.start < pos {
			continue
		}
		if !onlyGapWords(d.text[pos:m.start], m.p) {
			break
		}
		objects = appendNew(objects, m.p)
		pos = m.end
	}
	if len(objects) == 0 && reBackReference.MatchString(strings.TrimSpace(s.text[:loc[1]])) {
		return nil // "During the meeting, Putin conveyed ..."
	}
	// The subject: the nearest name before it with the names joined to it
	// by "and", or a pronoun resolved.
	var subjects []*person
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].end > s.start+loc[0] {
			continue
		}
		gap := d.text[ms[k].end : s.start+loc[0]]
		if strings.ContainsAny(gap, ";:") || len(words(gap)) > 12 {
			break
		}
		subjects = append(subjects, ms[k].p)
		for k > 0 && onlyGapWords(d.text[ms[k-1].end:ms[k].start], nil) {
			k--
			subjects = appendNew(subjects, ms[k].p)
		}
		slices.Reverse(subjects)
		break
	}
	if len(subjects) == 0 {
		for _, w := range strings.Fields(s.text[:loc[0]]) {
			w = strings.Trim(strings.ToLower(w), ",.;:")
			if w == "he" || w == "she" || w == "his" || w == "her" {
				if p := c.resolve(d, i, w); p != nil {
					subjects = append(subjects, p)
				}
				break
			}
		}
	}
	people := subjects
	for _, p := range objects {
		people = appendNew(people, p)
	}
	if len(people) < 2 {
		return nil
	}
	m := &meetingDraft{people: people, sentIdx: i, visit: reDuringVisit.MatchString(s.text)}
	if s.kind != caption {
		m.sentence = s.text
	}
	if dm, ok := findDate(s.text[loc[0]:], 0); ok {
		m.when = &dm
	} else if dm, ok := findDate(s.text, 0); ok {
		m.when = &dm
	}
	for _, pl := range rePlace.FindAllStringSubmatchIndex(s.text[loc[0]:], -1) {
		place := strings.TrimRight(s.text[loc[0]+pl[2]:loc[0]+pl[3]], ",.")
		if isPlace(place, c) {
			m.places = append(m.places, place)
		}
	}
	return m
}

// meetWords are the words every meeting pattern holds at least one of.
var meetWords = map[string]bool{
	"met": true, "meet": true, "meets": true, "meeting": true, "meetings": true, "talks": true,
	"talked": true, "discussions": true, "negotiations": true, "consultations": true, "summit": true,
	"call": true, "conversation": true, "phone": true, "telephone": true, "phoned": true,
	"telephoned": true, "hosted": true, "hosts": true, "received": true, "receives": true,
	"welcomed": true, "welcomes": true, "sat": true, "conferred": true, "visit": true, "visited": true,
	"visits": true, "visiting": true, "shakes": true, "shake": true, "greets": true, "greet": true,
	"embraces": true,
}

func mayMeet(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return meetWords[w] })
}

func isPronoun(w string) bool { return w == "he" || w == "she" || w == "his" || w == "her" }

// onlyGapWords reports whether the text between two parts of a meeting
// phrase holds nothing but joining words, capitalised words and the words
// of p's role.
func onlyGapWords(gap string, p *person) bool {
	role := ""
	if p != nil {
		role = strings.ToLower(p.role)
	}
	n := 0
	for _, f := range strings.FieldsFunc(gap, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '\'' || r == '’' }) {
		n++
		r, _ := utf8.DecodeRuneInString(f)
		lf := strings.ToLower(f)
		if unicode.IsUpper(r) || gapWords[lf] || (role != "" && strings.Contains(role, lf)) || weekdayNumber(lf) != time.Sunday || lf == "sunday" {
			continue
		}
		return false
	}
	return n <= 10
}

// isPlace rejects what the place pattern catches but is not a place: a
// person, a month, a weekday.
func isPlace(s string, c *cast) bool {
	first := strings.Fields(strings.TrimPrefix(s, "the "))
	if len(first) == 0 {
		return false
	}
	w := strings.ToLower(first[0])
	if monthNumber(w) != 0 && len(w) >= 3 || strings.Contains(dayNames, w) {
		return false
	}
	return c.lookup(s) == nil
}

// joinPlaces combines what the text and a caption say, the narrowest
// first: "the Kremlin" and "Moscow, Russia" become "the Kremlin, Moscow".
func joinPlaces(places []string) string {
	places = slices.Clone(places)
	slices.SortStableFunc(places, func(a, b string) int {
		return boolInt(!strings.HasPrefix(a, "the ")) - boolInt(!strings.HasPrefix(b, "the "))
	})
	var parts []string
	for i, p := range places {
		if i > 0 {
			p, _, _ = strings.Cut(p, ",") // the city is enough once a building is named
		}
		if !slices.ContainsFunc(parts, func(q string) bool { return strings.Contains(q, p) }) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// lastPlace returns the widest place named: the city of "the Kremlin" and
// "Moscow, Russia".
func lastPlace(places []string) string {
	for _, p := range places {
		if !strings.HasPrefix(p, "the ") {
			p, _, _ = strings.Cut(p, ",")
			return p
		}
	}
	return places[0]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func appendNew(ps []*person, p *person) []*person {
	if p == nil || slices.Contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

func samePeople(a, b []*person) bool {
	if len(a) != len(b) {
		return false
	}
	for _, p := range a {
		if !slices.Contains(b, p) {
			return false
		}
	}
	return true
}
