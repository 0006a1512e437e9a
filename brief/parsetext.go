package brief

import (
	"fmt"
	"strings"
	"time"
)

// ParseText reads an article written as plain text: the first line is the
// title; header lines such as "Published: 2025-04-01T10:00:00Z",
// "URL: https://..." and "Source: ..." may follow it; the rest is the text.
func ParseText(s string) (Article, error) {
	s = strings.TrimLeft(s, "\ufeff\r\n\t ")
	title, rest, _ := strings.Cut(s, "\n")
	a := Article{Title: strings.TrimSpace(title)}
	for {
		line, more, _ := strings.Cut(rest, "\n")
		key, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			break
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(key) {
		case "published", "date":
			t, err := parseDate(value)
			if err != nil {
				return Article{}, fmt.Errorf("header %q: %w", line, err)
			}
			a.Published = t
		case "url":
			a.URL = value
		case "source":
			a.Source = value
		default:
			a.Text = rest
			return a, nil
		}
		rest = more
	}
	a.Text = rest
	return a, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want RFC 3339, e.g. 2025-04-01T10:00:00Z", s)
}
