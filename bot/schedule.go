package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is when a chat gets its daily brief: a time of day in a time
// zone, on some days of the week.
type Schedule struct {
	Hour, Minute int
	Zone         *time.Location
	Days         [7]bool // by time.Weekday
	spec         cron.Schedule
}

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseSchedule reads what follows /schedule: "08:00 Europe/Berlin",
// "8:30 UTC weekdays", "07:15 America/New_York mon,wed,fri". The zone
// defaults to zone when given; days default to every day. Errors say what
// to write instead.
func ParseSchedule(s string, zone *time.Location) (Schedule, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Schedule{}, errors.New("give a time and a time zone, e.g. /schedule 08:00 Europe/Berlin")
	}
	if len(f) > 3 {
		return Schedule{}, fmt.Errorf("too many words in %q: give a time, a time zone and optionally days, e.g. /schedule 08:00 Europe/Berlin weekdays", s)
	}
	sch := Schedule{Zone: zone}
	h, m, err := parseClock(f[0])
	if err != nil {
		return Schedule{}, err
	}
	sch.Hour, sch.Minute = h, m
	rest := f[1:]
	if len(rest) > 0 && !looksLikeDays(rest[0]) {
		loc, err := loadZone(rest[0])
		if err != nil {
			return Schedule{}, err
		}
		sch.Zone = loc
		rest = rest[1:]
	}
	if sch.Zone == nil {
		return Schedule{}, errors.New("give a time zone too, e.g. /schedule 08:00 Europe/Berlin (names as in the IANA database, or UTC)")
	}
	days := "daily"
	if len(rest) > 0 {
		days = rest[0]
	}
	if sch.Days, err = parseDays(days); err != nil {
		return Schedule{}, err
	}
	if err := sch.compile(); err != nil {
		return Schedule{}, err
	}
	return sch, nil
}

func parseClock(s string) (int, int, error) {
	ls := strings.ToLower(s)
	pm := strings.HasSuffix(ls, "pm")
	am := strings.HasSuffix(ls, "am")
	ls = strings.TrimSuffix(strings.TrimSuffix(ls, "pm"), "am")
	hs, ms, found := strings.Cut(ls, ":")
	if !found {
		ms = "0"
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || len(ms) > 2 {
		return 0, 0, fmt.Errorf("%q is not a time of day: write it as 08:00 or 8:30pm", s)
	}
	if am || pm {
		if h < 1 || h > 12 {
			return 0, 0, fmt.Errorf("%q is not a time of day: with am or pm the hour runs 1 to 12", s)
		}
		h %= 12
		if pm {
			h += 12
		}
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("%q is not a time of day: hours run 0 to 23, minutes 0 to 59", s)
	}
	return h, m, nil
}

func loadZone(name string) (*time.Location, error) {
	if strings.EqualFold(name, "utc") || strings.EqualFold(name, "gmt") {
		return time.UTC, nil
	}
	if strings.EqualFold(name, "local") || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return nil, fmt.Errorf("unknown time zone %q: use a name such as Europe/Berlin, America/New_York or UTC", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: use a name such as Europe/Berlin, America/New_York or UTC", name)
	}
	return loc, nil
}

func looksLikeDays(s string) bool {
	_, err := parseDays(s)
	return err == nil
}

func parseDays(s string) ([7]bool, error) {
	var d [7]bool
	switch strings.ToLower(s) {
	case "daily", "everyday", "all":
		return [7]bool{true, true, true, true, true, true, true}, nil
	case "weekdays":
		return [7]bool{false, true, true, true, true, true, false}, nil
	case "weekends", "weekend":
		return [7]bool{true, false, false, false, false, false, true}, nil
	}
	for _, part := range strings.Split(strings.ToLower(s), ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, b := dayIndex(from), dayIndex(to)
		if !isRange {
			b = a
		}
		if a < 0 || b < 0 {
			return d, fmt.Errorf("unknown days %q: use daily, weekdays, weekends, or a list such as mon,wed,fri or mon-fri", s)
		}
		for i := a; ; i = (i + 1) % 7 {
			d[i] = true
			if i == b {
				break
			}
		}
	}
	return d, nil
}

func dayIndex(s string) int {
	if len(s) < 3 {
		return -1
	}
	for i, n := range weekdayNames {
		if strings.HasPrefix(s, n) && strings.HasPrefix(strings.ToLower(time.Weekday(i).String()), s) {
			return i
		}
	}
	return -1
}

func (s *Schedule) compile() error {
	var dow []string
	for i, on := range s.Days {
		if on {
			dow = append(dow, strconv.Itoa(i))
		}
	}
	spec := fmt.Sprintf("CRON_TZ=%s %d %d * * %s", s.Zone.String(), s.Minute, s.Hour, strings.Join(dow, ","))
	c, err := cron.ParseStandard(spec)
	if err != nil {
		return fmt.Errorf("schedule %s: %w", spec, err)
	}
	s.spec = c
	return nil
}

// String is the canonical form that ParseSchedule reads back.
func (s Schedule) String() string {
	return fmt.Sprintf("%02d:%02d %s %s", s.Hour, s.Minute, s.Zone, daysString(s.Days))
}

func daysString(d [7]bool) string {
	switch d {
	case [7]bool{true, true, true, true, true, true, true}:
		return "daily"
	case [7]bool{false, true, true, true, true, true, false}:
		return "weekdays"
	case [7]bool{true, false, false, false, false, false, true}:
		return "weekends"
	}
	var names []string
	for i := 1; i <= 7; i++ { // Monday first
		if d[i%7] {
			names = append(names, weekdayNames[i%7])
		}
	}
	return strings.Join(names, ",")
}

// Next returns the first time after t that the schedule fires.
func (s Schedule) Next(t time.Time) time.Time {
	return s.spec.Next(t)
}

// QuietHours is a daily span in which no scheduled brief is sent; one
// falling due inside waits for its end.
type QuietHours struct {
	From, To int // minutes after midnight; From > To spans midnight
}

// ParseQuiet reads "22:00-07:00".
func ParseQuiet(s string) (QuietHours, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("%q is not a span of hours: write it as 22:00-07:00, or /quiet off", s)
	}
	fh, fm, err := parseClock(from)
	if err != nil {
		return QuietHours{}, err
	}
	th, tm, err := parseClock(to)
	if err != nil {
		return QuietHours{}, err
	}
	q := QuietHours{From: fh*60 + fm, To: th*60 + tm}
	if q.From == q.To {
		return QuietHours{}, fmt.Errorf("quiet hours %q start and end at the same time", s)
	}
	return q, nil
}

func (q QuietHours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.From/60, q.From%60, q.To/60, q.To%60)
}

// Hold returns t, or the end of the quiet hours if t falls inside them,
// with the hours read in zone.
func (q QuietHours) Hold(t time.Time, zone *time.Location) time.Time {
	lt := t.In(zone)
	min := lt.Hour()*60 + lt.Minute()
	inside := q.From < q.To && min >= q.From && min < q.To ||
		q.From > q.To && (min >= q.From || min < q.To)
	if !inside {
		return t
	}
	end := time.Date(lt.Year(), lt.Month(), lt.Day(), q.To/60, q.To%60, 0, 0, zone)
	if !end.After(lt) {
		end = time.Date(lt.Year(), lt.Month(), lt.Day()+1, q.To/60, q.To%60, 0, 0, zone)
	}
	return end
}

// nextDigest is when the chat's next daily brief is due after t: the
// schedule's next time, held back past quiet hours.
func nextDigest(cs ChatSettings, t time.Time) (time.Time, error) {
	if cs.Schedule == "" {
		return time.Time{}, nil
	}
	sch, err := ParseSchedule(cs.Schedule, nil)
	if err != nil {
		return time.Time{}, err
	}
	next := sch.Next(t)
	if cs.Quiet != "" {
		q, err := ParseQuiet(cs.Quiet)
		if err != nil {
			return time.Time{}, err
		}
		next = q.Hold(next, sch.Zone)
	}
	return next, nil
}
