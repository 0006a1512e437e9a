package brief

import (
	"cmp"
	"fmt"
	"strings"
)

// Text renders a digest as plain text for a terminal: numbered stories,
// each with its bullets and sources.
func (d Digest) Text() string {
	var out strings.Builder
	for i, st := range d.Stories {
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "%d. %s\n", i+1, st.Headline)
		storyBullets(&out, st.Brief, plainStyle, "   ", "  - ", "")
		out.WriteString("   Sources:\n")
		for _, src := range st.Sources {
			line := cmp.Or(src.Name, src.Title, "unknown")
			if src.URL != "" {
				line += " · " + src.URL
			}
			out.WriteString("     - " + line + "\n")
		}
	}
	return out.String()
}

// Markdown renders a digest as Markdown: a heading per story, its
// bullets, and a line of source links.
func (d Digest) Markdown() string {
	var out strings.Builder
	for i, st := range d.Stories {
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "### %d. %s\n\n", i+1, escapeMarkdown(st.Headline))
		storyBullets(&out, st.Brief, markdownStyle, "", "- ", "\n")
		var links []string
		for _, src := range st.Sources {
			name := escapeMarkdown(cmp.Or(src.Name, src.Title, "unknown"))
			if src.URL != "" {
				name = "[" + name + "](" + storyMarkdownURL(src.URL) + ")"
			}
			links = append(links, name)
		}
		out.WriteString("Sources: " + strings.Join(links, ", ") + "\n")
	}
	return out.String()
}

// storyMarkdownURL keeps a link target from closing early.
func storyMarkdownURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(u)
}

// storyBullets writes a brief's meetings, quotes and key points: section
// lines at indent, bullets under them with the bullet mark given, and gap
// after each list (Markdown needs a blank line to end a list).
func storyBullets(out *strings.Builder, b Brief, st style, indent, bullet, gap string) {
	line := func(s string) { out.WriteString(indent + s + "\n") }
	section := func(name string, items []string) {
		if len(items) == 0 {
			return
		}
		line(st.section(name))
		for _, it := range items {
			line(bullet + it)
		}
		out.WriteString(gap)
	}
	var ms, qs, ks []string
	for _, m := range b.Meetings {
		ms = append(ms, st.esc(m.String()))
	}
	for _, q := range b.Quotes {
		qs = append(qs, st.quote(q))
	}
	for _, k := range b.KeyPoints {
		ks = append(ks, st.esc(k))
	}
	section("Meetings", ms)
	section("Quotes", qs)
	section("Key points", ks)
}
