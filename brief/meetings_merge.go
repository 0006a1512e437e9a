package brief

import (
	"slices"
	"strings"
	"time"
)

// Drafts: a meeting as read from one sentence, merged with the others
// that tell the same meeting, then finished into a Meeting with names,
// roles, place and date.

type meetingDraft struct {
	parties  []*party
	places   []string
	when     *dateMention
	sentence string
	sentIdx  int
	visit    bool // "During his visit": the place is where the visit was
	year     int  // a year the clause names ("first met in 2007"), 0 if none
	call     bool // a phone or video call, never the same event as a meeting in person
}

// addDraft adds m to the drafts, or merges it into one that tells the same
// meeting: the same two parties or more, and no place that contradicts.
func addDraft(drafts []*meetingDraft, m *meetingDraft) []*meetingDraft {
	for _, o := range drafts {
		if o.sameMeeting(m) {
			o.merge(m)
			return drafts
		}
	}
	if o := retold(drafts, m); o != nil {
		return drafts // told again with a description for the other side
	}
	if m.visit && len(m.places) == 0 {
		// "During his visit, Wang held talks with Lavrov": where the visit
		// was, as an earlier meeting of the visitor told.
		for _, o := range slices.Backward(drafts) {
			if len(o.places) > 0 && slices.ContainsFunc(o.parties, func(p *party) bool { return hasParty(m.parties, p) }) {
				m.places = []string{lastPlace(o.places)}
				break
			}
		}
	}
	return append(drafts, m)
}

// retold returns the draft m tells again when m is two parties, one an
// office-holder no name was found for, and a draft of the last three
// sentences has the other party with one person: "her three-minute
// conversation with the then-presumptive nominee" after "Tamargo met
// Trump". Nil otherwise.
func retold(drafts []*meetingDraft, m *meetingDraft) *meetingDraft {
	if len(m.parties) != 2 {
		return nil
	}
	known := m.parties[0]
	switch {
	case m.parties[1].kind == officeParty && m.parties[1].p == nil:
	case known.kind == officeParty && known.p == nil:
		known = m.parties[1]
	default:
		return nil
	}
	for _, o := range slices.Backward(drafts) {
		if o.sentIdx < m.sentIdx-3 || o.sentIdx == m.sentIdx {
			continue
		}
		if len(o.parties) == 2 && hasParty(o.parties, known) && slices.ContainsFunc(o.parties, func(p *party) bool { return p.key() != known.key() && p.p != nil }) {
			return o
		}
	}
	return nil
}

func hasParty(ps []*party, p *party) bool {
	return slices.ContainsFunc(ps, func(q *party) bool { return q.key() == p.key() })
}

// sameMeeting reports whether two drafts tell one meeting: all of the
// smaller's parties, and at least two, are in the other, and their places,
// when both name one, agree.
func (m *meetingDraft) sameMeeting(o *meetingDraft) bool {
	small, big := m.parties, o.parties
	if len(small) > len(big) {
		small, big = big, small
	}
	common := 0
	for _, p := range small {
		if hasParty(big, p) {
			common++
		}
	}
	if common < 2 || common < len(small) || m.call != o.call {
		return false
	}
	if len(m.places) > 0 && len(o.places) > 0 && !placesAgree(m.places, o.places) {
		return false
	}
	// The same two met in 2007 and again in 2009: two meetings; and a
	// meeting of 2007 is not the one told with a place or day of its own
	// and no year ("arrived at the White House on Monday").
	if m.year != 0 && o.year != 0 && m.year != o.year || m.year != 0 && o.year == 0 && o.own() || o.year != 0 && m.year == 0 && m.own() {
		return false
	}
	if m.when != nil && o.when != nil && !m.when.date.IsZero() && !o.when.date.IsZero() && !m.when.date.Equal(o.when.date) {
		return false
	}
	return true
}

// own reports whether the draft says where or when it was.
func (m *meetingDraft) own() bool {
	return len(m.places) > 0 || m.when != nil
}

// placesAgree reports whether two lists of places share a word: "the
// Kremlin" and "Moscow, Russia" do not, but a caption and a text may
// still name the same meeting's building and city; only two different
// cities disagree.
func placesAgree(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.HasPrefix(x, "the ") || strings.HasPrefix(y, "the ") {
				return true
			}
			for _, w := range words(x) {
				if slices.Contains(words(y), w) {
					return true
				}
			}
		}
	}
	return false
}

func (m *meetingDraft) merge(o *meetingDraft) {
	for _, p := range o.parties {
		if !hasParty(m.parties, p) {
			m.parties = append(m.parties, p)
		}
	}
	for _, p := range o.places {
		if !slices.Contains(m.places, p) {
			m.places = append(m.places, p)
		}
	}
	if m.when == nil {
		m.when = o.when
	}
	if m.year == 0 {
		m.year = o.year
	}
	if m.sentence == "" {
		m.sentence = o.sentence
	}
}

func (m *meetingDraft) finish(d *doc, ref time.Time, captionDates []dateMention) Meeting {
	out := Meeting{Sentence: m.sentence}
	for _, p := range m.parties {
		out.Participants = append(out.Participants, p.person())
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
