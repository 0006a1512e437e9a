package brief

import (
	"encoding/json"
	"strings"
	"time"
)

// MarshalJSON writes a Brief in the schema scripts rely on; published is
// RFC 3339 or empty, and empty lists are [] rather than null.
func (b Brief) MarshalJSON() ([]byte, error) {
	type wire struct {
		ID        string    `json:"id,omitempty"`
		Title     string    `json:"title"`
		URL       string    `json:"url"`
		Published string    `json:"published"`
		Language  string    `json:"language"`
		Meetings  []Meeting `json:"meetings"`
		Quotes    []Quote   `json:"quotes"`
		KeyPoints []string  `json:"key_points"`
	}
	w := wire{
		ID:        b.ID,
		Title:     b.Title,
		URL:       b.URL,
		Language:  b.Language,
		Meetings:  orEmpty(b.Meetings),
		Quotes:    orEmpty(b.Quotes),
		KeyPoints: orEmpty(b.KeyPoints),
	}
	if !b.Published.IsZero() {
		w.Published = b.Published.Format(time.RFC3339)
	}
	for i := range w.Meetings {
		w.Meetings[i].Participants = orEmpty(w.Meetings[i].Participants)
	}
	return json.Marshal(w)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// String returns a person as "Name (Role)", or the name alone.
func (p Person) String() string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// String returns the meeting as one line: who, then where and when.
func (m Meeting) String() string {
	var b strings.Builder
	for i, p := range m.Participants {
		switch {
		case i == 0:
		case i == len(m.Participants)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(p.String())
	}
	for _, s := range []string{m.Place, m.When} {
		if s != "" {
			b.WriteString(" · " + s)
		}
	}
	return b.String()
}

// Text renders a brief as plain text for a terminal.
func (b Brief) Text() string {
	return b.render(plainStyle)
}

// Markdown renders a brief as Markdown.
func (b Brief) Markdown() string {
	return b.render(markdownStyle)
}

type style struct {
	title   func(string) string
	section func(string) string
	bullet  string
	quote   func(Quote) string
	esc     func(string) string
}

var plainStyle = style{
	title:   func(s string) string { return s + "\n" + strings.Repeat("=", min(len([]rune(s)), 72)) },
	section: func(s string) string { return s + ":" },
	bullet:  "  - ",
	quote:   func(q Quote) string { return "“" + q.Bare() + "” (" + attributedTo(q) + ")" },
	esc:     func(s string) string { return s },
}

var markdownStyle = style{
	title:   func(s string) string { return "## " + escapeMarkdown(s) },
	section: func(s string) string { return "**" + s + "**" },
	bullet:  "- ",
	quote: func(q Quote) string {
		return "“" + escapeMarkdown(q.Bare()) + "” — " + escapeMarkdown(attributedTo(q))
	},
	esc: escapeMarkdown,
}

// Bare returns the quotation without its marks and the comma that led
// back into the sentence ("We agree," becomes We agree), as every
// renderer, brief's and the chat adapters', shows it.
func (q Quote) Bare() string {
	t := strings.TrimSpace(strings.Trim(q.Text, `"“”'‘’`))
	return strings.TrimRight(t, ",;: ")
}

// attributedTo names who said q, or says that nobody is named.
func attributedTo(q Quote) string {
	if q.Speaker == "" {
		return "unattributed"
	}
	return q.Speaker
}

func (b Brief) render(st style) string {
	var out strings.Builder
	line := func(s string) { out.WriteString(s + "\n") }
	esc := st.esc
	if b.Title != "" {
		line(st.title(b.Title))
	}
	if b.URL != "" {
		line(esc(b.URL))
	}
	if len(b.Meetings) > 0 {
		line(st.section("Meetings"))
		for _, m := range b.Meetings {
			line(st.bullet + esc(m.String()))
		}
	}
	if len(b.Quotes) > 0 {
		line(st.section("Quotes"))
		for _, q := range b.Quotes {
			line(st.bullet + st.quote(q))
		}
	}
	if len(b.KeyPoints) > 0 {
		line(st.section("Key points"))
		for _, k := range b.KeyPoints {
			line(st.bullet + esc(k))
		}
	}
	return out.String()
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`,
)

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
