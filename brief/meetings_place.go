package brief

import "strings"

// Where a meeting took place: "in" or "at" and a place's name after the
// meeting word, in its clause ("met Lavrov in Geneva", "at the Kremlin"),
// else before it ("In Geneva, Kerry met Lavrov").

// placeOf returns the place the event's clause names, or "": after the
// meeting word, else between its subject and it ("visited the Capitol on
// Thursday to meet"), else before ("In Geneva, Kerry met Lavrov").
func (r *reader) placeOf(ev event) string {
	for i := ev.cue + 1; i < len(r.us) && i < ev.to+10; i++ {
		if i > ev.to && (clauseBreaks[r.low(i)] || r.low(i) == ".") {
			break
		}
		if p := r.placeAt(i); p != "" {
			return p
		}
	}
	for i := ev.from; i < ev.cue; i++ {
		if p := r.placeAt(i); p != "" {
			return p
		}
	}
	if ev.class == callCue {
		return "" // the place before a call is where one side was, if anywhere
	}
	for i := ev.from - 1; i >= 0 && ev.from-i < 20; i-- {
		if clauseBreaks[r.low(i)] {
			break
		}
		// "moved to China, where Kerry met Lavrov"
		if r.low(i) == "where" && r.low(i-1) == "," && r.isPlaceUnit(i-2) {
			return r.us[i-2].text
		}
		if p := r.placeAt(i); p != "" {
			return p
		}
	}
	return ""
}

// guestVerbs take a person, then where he went: "welcomed Varga to the
// palace", "sent Eggleston to Capitol Hill for a meeting".
var guestVerbs = setOf("welcomed", "welcomes", "welcoming", "invited", "brought", "escorted", "received", "sent", "dispatched")

// streetHeads end the names of places one is "on": "Capitol Hill",
// "Downing Street", "Wall Street".
var streetHeads = setOf("hill", "street", "avenue", "boulevard", "island", "campus")

// placeAt reads "in Moscow, Russia", "at the White House", "aboard his
// private jet", a trip's end ("flew to Boise, Idaho") or a place visited
// at unit i.
func (r *reader) placeAt(i int) string {
	switch w := r.low(i); {
	case w == "in" || w == "at" || w == "aboard" || w == "inside":
	case w == "to" && motionVerbs[r.low(i-1)] && r.low(i-1) != "visited":
	case w == "to" && r.us[max(i-1, 0)].kind == partyUnit && guestVerbs[r.low(i-2)]: // "welcomed Varga to the palace"
	case w == "on" && i+1 < len(r.us) && streetHeads[lastWord(r.us[i+1].low)]: // "on Capitol Hill", "on Downing Street"
	case (w == "visited" || w == "visiting") && r.low(i+1) == "the" && r.isPlaceUnit(i+2):
	default:
		return ""
	}
	j := i + 1
	// "at last month's Congressional Ball"
	for k := j; k < len(r.us) && k < j+3 && timeWords[r.low(k)]; k++ {
		if r.low(k+1) == "'s" {
			j = k + 2
		}
	}
	if v := r.venueAt(j); v > j {
		return r.d.text[r.us[j].start:r.us[v-1].end]
	}
	if r.low(j) == "the" {
		j++
	}
	if !r.isPlaceUnit(j) {
		// "in a classified room in the Capitol"
		if r.low(j) == "a" || r.low(j) == "an" {
			for k := j + 1; k < len(r.us) && k < j+5; k++ {
				if w := r.low(k); w == "in" || w == "at" || w == "of" {
					return r.placeAt(k)
				}
			}
		}
		return ""
	}
	start, end := r.us[i+1].start, r.us[j].end
	if r.low(j+1) == "'s" && j+2 < len(r.us) && r.us[j+2].kind == wordUnit && !capitalised(r.us[j+2].text) {
		end = r.us[j+2].end // "at HP's headquarters"
		j += 2
	}
	// "Moscow, Russia", "Burlington, Vermont"
	if r.low(j+1) == "," && r.isPlaceUnit(j+2) && r.us[j+2].party.kind == countryParty || r.low(j+1) == "," && r.isPlaceUnit(j+2) && r.low(j+3) != "and" && r.low(j+3) != "," {
		end = r.us[j+2].end
	}
	return strings.TrimSpace(r.d.text[start:end])
}

// venueAt returns the end of a building, room or vehicle named from unit
// i on: a determiner or a possessor, up to three modifiers, and a venue
// noun ("the diplomatic facility", "his private jet", "the Vatican guest
// house", "Clinton's Whitehaven residence", "RNC headquarters"); i when
// there is none.
func (r *reader) venueAt(i int) int {
	j := i
	switch {
	case r.low(j) == "the" || r.low(j) == "his" || r.low(j) == "her" || r.low(j) == "their" || r.low(j) == "a" || r.low(j) == "an":
		j++
	case j < len(r.us) && r.us[j].kind == partyUnit && r.low(j+1) == "'s":
		j += 2
	}
	for k := j; k < len(r.us) && k < j+4; k++ {
		u := r.us[k]
		if u.kind == wordUnit && venueNouns[u.low] {
			if k == i {
				return i
			}
			return k + 1
		}
		if u.kind == punctUnit || u.kind == wordUnit && (chunkStops[u.low] && u.low != "'s" || timeWords[u.low] || isMeetWord(u.low)) || u.kind == partyUnit && u.party.kind == personParty {
			return i
		}
	}
	return i
}

// venueNouns are buildings, rooms and vehicles where meetings are held.
var venueNouns = setOf("house", "tower", "hotel", "palace", "office", "offices", "headquarters",
	"residence", "airport", "facility", "jet", "plane", "aircraft", "compound", "building", "room",
	"restaurant", "tavern", "gymnasium", "hall", "center", "centre", "embassy", "ranch", "estate",
	"mansion", "villa", "ministry", "chancellery", "consulate", "base", "cafe", "diner", "home",
	"apartment", "suite", "lounge", "courthouse", "capitol", "church", "cathedral", "mosque", "temple")

// isPlaceUnit reports whether unit i may name a place: a capitalised name
// that is not a person's and not a time.
func (r *reader) isPlaceUnit(i int) bool {
	if i < 0 || i >= len(r.us) {
		return false
	}
	u := r.us[i]
	return u.kind == partyUnit && u.party.kind != personParty && !isMedia(u.low)
}

// skipPlace steps over "in New York" or "at the White House" at unit i,
// which may stand between a meeting word and its other side: "had
// breakfast in New York with Al Sharpton". It returns i when no place
// stands there.
func (r *reader) skipPlace(i int) int {
	if w := r.low(i); w != "in" && w != "at" || r.placeAt(i) == "" {
		return i
	}
	end := r.us[i].end + len(r.placeAt(i)) + 1
	j := i + 1
	for j < len(r.us) && r.us[j].end <= end {
		j++
	}
	return j
}
