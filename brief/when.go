package brief

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

const (
	monthNames = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`
	dayNames   = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`
)

var (
	// "April 1, 2025", "April 1", "1 April 2025".
	reMonthDay = regexp.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`)
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?(?:,?\s+(\d{4}))?\b`)
	// "on Tuesday", "Tuesday night", "Tuesday".
	reWeekday = regexp.MustCompile(`(?i)\b(?:(?:on|last|this|next)\s+)?(` + dayNames + `)(?:\s+(?:morning|afternoon|evening|night))?\b`)
	// Relative days and vaguer times, kept as written.
	reRelative = regexp.MustCompile(`(?i)\b(?:yesterday|today|tonight|earlier (?:this|today)|(?:last|this|next) (?:week|month|year|weekend)|earlier this (?:week|month|year))\b`)
)

// dateMention is a time expression found in a sentence.
type dateMention struct {
	text    string    // as written, "on Tuesday"
	date    time.Time // resolved day, zero when unknown
	weekday string    // "Tuesday" when the expression names a weekday
}

// dateWords are the words without which no time expression can match; a
// sentence without any skips the regular expressions.
var dateWords = func() map[string]bool {
	m := map[string]bool{"yesterday": true, "today": true, "tonight": true, "earlier": true,
		"last": true, "this": true, "next": true}
	for _, w := range strings.Split(dayNames, "|") {
		m[w] = true
	}
	for _, w := range []string{"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may",
		"jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
		"nov", "november", "dec", "december"} {
		m[w] = true
	}
	return m
}()

// mayHaveDate reports whether lower-cased words hold a date word.
func mayHaveDate(ws []string) bool {
	for _, w := range ws {
		if dateWords[w] {
			return true
		}
	}
	return false
}

// findDate returns the first time expression in s. year is used for dates
// written without one; zero means "unknown".
func findDate(s string, year int) (dateMention, bool) {
	best := dateMention{}
	bestAt := -1
	consider := func(at int, m dateMention) {
		if bestAt < 0 || at < bestAt || (at == bestAt && !m.date.IsZero()) {
			best, bestAt = m, at
		}
	}
	if loc := reMonthDay.FindStringSubmatchIndex(s); loc != nil {
		consider(loc[0], dateFrom(s[loc[0]:loc[1]], s[loc[2]:loc[3]], s[loc[4]:loc[5]], group(s, loc, 3), year))
	}
	if loc := reDayMonth.FindStringSubmatchIndex(s); loc != nil {
		consider(loc[0], dateFrom(s[loc[0]:loc[1]], s[loc[4]:loc[5]], s[loc[2]:loc[3]], group(s, loc, 3), year))
	}
	if loc := reWeekday.FindStringSubmatchIndex(s); loc != nil {
		day := s[loc[2]:loc[3]]
		consider(loc[0], dateMention{text: s[loc[0]:loc[1]], weekday: strings.ToUpper(day[:1]) + strings.ToLower(day[1:])})
	}
	if loc := reRelative.FindStringIndex(s); loc != nil {
		consider(loc[0], dateMention{text: s[loc[0]:loc[1]]})
	}
	return best, bestAt >= 0
}

func group(s string, loc []int, i int) string {
	if loc[2*i] < 0 {
		return ""
	}
	return s[loc[2*i]:loc[2*i+1]]
}

func dateFrom(text, month, day, yearText string, year int) dateMention {
	m := monthNumber(month)
	d, _ := strconv.Atoi(day)
	if y, err := strconv.Atoi(yearText); err == nil {
		year = y
	}
	dm := dateMention{text: text}
	if m == 0 || d < 1 || d > 31 || year == 0 {
		return dm
	}
	t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // February 30
		return dm
	}
	dm.date = t
	return dm
}

func monthNumber(s string) int {
	s = strings.ToLower(s)
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

// resolve turns a weekday into a date: the latest such day on or before
// ref (news speaks of the past week). A date already known is kept.
func (dm dateMention) resolve(ref time.Time) dateMention {
	if !dm.date.IsZero() || dm.weekday == "" || ref.IsZero() {
		return dm
	}
	want := weekdayNumber(dm.weekday)
	d := time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() != want {
		d = d.AddDate(0, 0, -1)
	}
	dm.date = d
	return dm
}

func weekdayNumber(name string) time.Weekday {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), name) {
			return d
		}
	}
	return time.Sunday
}

// String gives the date for a reader: "Tuesday, April 1, 2025" when it is
// known, otherwise the expression as written without a leading "on".
func (dm dateMention) String() string {
	if !dm.date.IsZero() {
		return dm.date.Format("Monday, January 2, 2006")
	}
	return strings.TrimPrefix(strings.TrimPrefix(dm.text, "on "), "On ")
}
