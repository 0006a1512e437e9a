package bot

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// humanDuration says a duration as a person would: "24 hours", "1
// minute", "2 hours 30 minutes", "12 seconds", "3 days" (days only from
// two on: people say "the last 24 hours"). Seconds are rounded up, so a
// wait is never said shorter than it is; only the two largest units are
// kept.
func humanDuration(d time.Duration) string {
	units := []struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}}
	d = (d + time.Second - 1).Truncate(time.Second)
	if d <= 0 {
		return "0 seconds"
	}
	var parts []string
	for _, u := range units {
		if u.name == "day" && d < 48*time.Hour {
			continue
		}
		if n := d / u.size; n > 0 && len(parts) < 2 {
			parts = append(parts, plural(int(n), u.name))
			d -= n * u.size
		} else if len(parts) > 0 {
			break // "1 day 5 minutes" would read as exact; stop at a gap
		}
	}
	if len(parts) == 2 {
		return parts[0] + " " + parts[1]
	}
	return parts[0]
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Clip cuts s to at most n characters, the last of them an ellipsis when
// it cut: for quoting what a user or a server sent in a reply, an error or
// a log line. It never splits a character.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:max(n-1, 0)]) + "…"
}

// ago describes t relative to now for a person: "3m ago", "in 2h", "never".
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		s = fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		s = fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}
