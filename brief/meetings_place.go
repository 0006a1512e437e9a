package brief

import "strings"

// Where a meeting took place: "in" or "at" and a place's name after the
// meeting word, in its clause ("met Lavrov in Geneva", "at the Kremlin"),
// else before it ("In Geneva, Kerry met Lavrov").

// placeOf returns the place the event's clause names, or "".
func (r *reader) placeOf(ev event) string {
	for i := ev.cue + 1; i < len(r.us) && i < ev.to+10; i++ {
		if i > ev.to && (clauseBreaks[r.low(i)] || r.low(i) == ".") {
			break
		}
		if p := r.placeAt(i); p != "" {
			return p
		}
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

// placeAt reads "in Moscow, Russia" or "at the White House" at unit i.
func (r *reader) placeAt(i int) string {
	if w := r.low(i); w != "in" && w != "at" {
		return ""
	}
	j := i + 1
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

// isPlaceUnit reports whether unit i may name a place: a capitalised name
// that is not a person's and not a time.
func (r *reader) isPlaceUnit(i int) bool {
	if i < 0 || i >= len(r.us) {
		return false
	}
	u := r.us[i]
	return u.kind == partyUnit && u.party.kind != personParty && !isMedia(u.low)
}
