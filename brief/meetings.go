package brief

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// meetings finds who met whom in the article, where and when: each
// sentence with a meeting word is read into events (meetings_cues.go),
// events told as not having happened are dropped (meetings_modality.go),
// and the rest become drafts, merged when they tell the same meeting
// (meetings_merge.go). A photo caption often carries the meeting's place
// and date, and is merged into the meeting the text tells. said are the
// quotations and their speakers: "I" inside one is its speaker.
func meetings(d *doc, c *cast, published time.Time, said []saidSpan) []Meeting {
	var drafts []*meetingDraft
	for i := range d.sents {
		for _, m := range sentenceMeetings(d, c, i, drafts, said) {
			drafts = addDraft(drafts, m)
		}
	}
	if len(drafts) == 0 {
		return nil
	}
	ref, captionDates := referenceDate(d, published)
	var out []Meeting
	for _, m := range drafts {
		out = append(out, m.finish(d, ref, captionDates))
	}
	return out
}

// referenceDate returns the day the article speaks from, its publication
// date or else the first full date written in it (a caption's "April 1,
// 2025"), and the dates its captions give.
func referenceDate(d *doc, published time.Time) (time.Time, []dateMention) {
	year := published.Year()
	if published.IsZero() {
		year = 0
	}
	ref := published
	var captionDates []dateMention
	for _, s := range d.sents {
		if !mayHaveDate(s.words) || !ref.IsZero() && s.kind != caption {
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
	return ref, captionDates
}

// sentenceMeetings returns the meetings sentence i tells as having
// happened; prior are the meetings the sentences before told, said the
// article's quotations and their speakers.
func sentenceMeetings(d *doc, c *cast, i int, prior []*meetingDraft, said []saidSpan) []*meetingDraft {
	s := &d.sents[i]
	if s.kind == boilerplate || s.kind == byline || !mayMeet(s.words) || len(c.in(s)) == 0 && !hasCapitalRun(s.text) {
		return nil
	}
	r := newReader(d, c, i)
	r.prior, r.said = prior, said
	sports := r.sportsContext()
	var out []*meetingDraft
	for _, ev := range r.events() {
		if !r.happened(ev, s.kind == caption) || sports && !r.talks(ev) || r.personal(ev) {
			continue
		}
		if ev.parties = outsideParties(ev.parties); len(ev.parties) < 2 {
			continue
		}
		if ev.each && len(ev.parties) > 2 {
			for _, o := range ev.parties[1:] {
				one := ev
				one.parties = []*party{ev.parties[0], o}
				out = append(out, r.draft(one))
			}
			continue
		}
		out = append(out, r.draft(ev))
		if g := ev.gap; g != nil {
			if g.parties = outsideParties(g.parties); len(g.parties) >= 2 {
				out = append(out, r.draft(*g))
			}
		}
	}
	return out
}

// personal reports whether the event is a private encounter rather than a
// meeting in the news sense (MEETINGS.md): the story of how two people
// came to know each other ("recalled how he met"), or two relatives, who
// share a surname ("Becki Anderson met chef Luke Anderson there").
func (r *reader) personal(ev event) bool {
	if r.low(ev.from-1) == "how" {
		return true
	}
	if len(ev.parties) != 2 || ev.parties[0].p == nil || ev.parties[1].p == nil {
		return false
	}
	a, b := strings.Fields(ev.parties[0].p.name), strings.Fields(ev.parties[1].p.name)
	return len(a) > 1 && len(b) > 1 && a[len(a)-1] == b[len(b)-1] && a[0] != b[0]
}

// outsideParties leaves out an organisation whose own member or head is
// among the parties (MEETINGS.md: an internal meeting is none): Liverpool
// in talks with "Steven Gerrard (Liverpool captain)", HP's chief executive
// with HP's board.
func outsideParties(ps []*party) []*party {
	var out []*party
	for _, o := range ps {
		if o.kind == orgParty || o.kind == otherParty || o.kind == countryParty {
			name := words(o.name)
			if slices.ContainsFunc(ps, func(p *party) bool {
				return p.p != nil && len(name) > 0 && slices.ContainsFunc(words(p.p.role), func(w string) bool { return w == name[0] && !stopName[w] })
			}) {
				continue
			}
		}
		out = append(out, o)
	}
	return out
}

// stopName are first words of a name too common to tie a role to it.
var stopName = setOf("the", "house", "senate", "state", "national", "federal", "united", "new", "white", "u.s", "us")

// mayMeet reports whether lower-cased words hold a meeting word.
func mayMeet(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return meetTriggers[w] })
}

// hasCapitalRun reports whether s has a capitalised word past its first,
// where an organisation could be named.
func hasCapitalRun(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] == ' ' && s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// sportsContext reports whether the sentence is about a match, where
// teams "host" and "meet" each other on the pitch.
func (r *reader) sportsContext() bool {
	weak := 0
	for _, u := range r.us {
		if strongSportsWords[u.low] {
			return true
		}
		if weakSportsWords[u.low] {
			weak++
		}
	}
	return weak >= 2
}

// talks reports whether the event is talks or a negotiation, which a
// sports story may report between a club and a player's side.
func (r *reader) talks(ev event) bool {
	return ev.class == negotiateCue || ev.noun && r.low(ev.cue) == "talks"
}

// draft turns an event into a meeting draft with its place and time.
func (r *reader) draft(ev event) *meetingDraft {
	s := &r.d.sents[r.si]
	m := &meetingDraft{parties: ev.parties, sentIdx: r.si, visit: r.duringVisit(), call: ev.class == callCue}
	if s.kind != caption {
		m.sentence = s.text
	}
	if place := r.placeOf(ev); place != "" {
		m.places = []string{place}
	}
	m.year = r.yearOf(ev)
	from := r.us[ev.from].start - s.start
	if dm, ok := findDate(s.text[max(from, 0):], 0); ok {
		m.when = &dm
	} else if dm, ok := findDate(s.text, 0); ok {
		m.when = &dm
	}
	return m
}

// yearOf returns the year written in the event's clause ("first met in
// 2007", "in July 2008"), or 0.
func (r *reader) yearOf(ev event) int {
	for i := ev.from; i < len(r.us) && i < ev.to+8; i++ {
		if i > ev.to && (clauseBreaks[r.low(i)] || r.low(i) == ".") {
			break
		}
		if y, err := strconv.Atoi(r.low(i)); err == nil && y >= 1900 && y <= 2100 {
			return y
		}
	}
	return 0
}

// duringVisit reports whether the sentence opens with "During his visit":
// its meeting took place where the visit was.
func (r *reader) duringVisit() bool {
	return len(r.us) > 2 && r.low(0) == "during" && (r.low(2) == "visit" || r.low(2) == "trip" || r.low(2) == "stay")
}
