package slack

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
)

// previewAuthor names the bot above its posts in a preview, as Slack
// shows the app's name.
const previewAuthor = "newsbrief"

// Preview returns m as Slack would show it, as HTML for the console's
// Preview page: the posts Render makes, their Block Kit blocks (header,
// section, context, divider) with the mrkdwn in them formatted as Slack
// formats it, and the posts that go in the thread under the first. All
// text is escaped, the only links are to http(s) URLs, and nothing in it
// loads from elsewhere (an image shows as its alt text). Classes start
// with sl-, for the console's style sheet.
func Preview(m bot.Message) template.HTML {
	var b strings.Builder
	b.WriteString(`<div class="sl">`)
	if m.Empty() {
		b.WriteString(`<p class="sl-none">Nothing would be posted.</p></div>`)
		return template.HTML(b.String())
	}
	posts := Render(m)
	replies := 0
	for _, p := range posts {
		if p.InThread && !m.Ephemeral {
			replies++
		}
	}
	inThread := false
	for i, p := range posts {
		if p.InThread && !m.Ephemeral && !inThread {
			inThread = true
			fmt.Fprintf(&b, `<div class="sl-thread"><p class="sl-replies">%s in the thread</p>`, plural(replies, "reply", "replies"))
		}
		b.WriteString(`<div class="sl-msg">`)
		if i == 0 || inThread {
			b.WriteString(`<p class="sl-author"><b>` + previewAuthor + `</b> <span class="sl-app">APP</span></p>`)
		}
		for _, blk := range p.Blocks {
			previewBlock(&b, blk)
		}
		if m.Ephemeral {
			b.WriteString(`<p class="sl-ephemeral">Only visible to you</p>`)
		}
		b.WriteString(`</div>`)
	}
	if inThread {
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// previewBlock writes one Block Kit block; a kind the renderer does not
// make is named rather than shown.
func previewBlock(b *strings.Builder, blk slack.Block) {
	switch blk := blk.(type) {
	case *slack.HeaderBlock:
		b.WriteString(`<div class="sl-header">`)
		previewText(b, blk.Text)
		b.WriteString(`</div>`)
	case *slack.SectionBlock:
		b.WriteString(`<div class="sl-section">`)
		previewText(b, blk.Text)
		if len(blk.Fields) > 0 {
			b.WriteString(`<div class="sl-fields">`)
			for _, f := range blk.Fields {
				b.WriteString(`<div class="sl-field">`)
				previewText(b, f)
				b.WriteString(`</div>`)
			}
			b.WriteString(`</div>`)
		}
		b.WriteString(`</div>`)
	case *slack.ContextBlock:
		b.WriteString(`<div class="sl-context">`)
		for _, e := range blk.ContextElements.Elements {
			switch e := e.(type) {
			case *slack.TextBlockObject:
				b.WriteString(`<span class="sl-context-text">`)
				previewText(b, e)
				b.WriteString(`</span>`)
			case *slack.ImageBlockElement:
				b.WriteString(`<span class="sl-image">[` + html.EscapeString(e.AltText) + `]</span>`)
			}
		}
		b.WriteString(`</div>`)
	case *slack.DividerBlock:
		b.WriteString(`<hr class="sl-divider">`)
	default:
		b.WriteString(`<div class="sl-unknown">[` + html.EscapeString(string(blk.BlockType())) + ` block]</div>`)
	}
}

// previewText writes a text object: mrkdwn formatted, plain text as it is.
func previewText(b *strings.Builder, t *slack.TextBlockObject) {
	switch {
	case t == nil:
	case t.Type == slack.MarkdownType:
		mrkdwn(b, t.Text)
	default:
		b.WriteString(html.EscapeString(t.Text))
	}
}

// mrkdwn writes Slack's mrkdwn as HTML: ```preformatted``` blocks as they
// are, and the rest line by line: a line starting with > is a quote, and
// within a line *bold*, _italic_, ~strike~, `code`, the escapes &amp;
// &lt; &gt;, links <url|label>, bare URLs and mentions <@U123>. Anything
// else is text.
func mrkdwn(b *strings.Builder, s string) {
	for {
		open := strings.Index(s, "```")
		if open < 0 {
			break
		}
		n := strings.Index(s[open+3:], "```")
		if n < 0 {
			break // a fence never closed is text
		}
		lines(b, s[:open])
		b.WriteString("<pre>")
		entities(b, s[open+3:open+3+n])
		b.WriteString("</pre>")
		s = s[open+3+n+3:]
	}
	lines(b, s)
}

// lines writes mrkdwn without fences, line by line.
func lines(b *strings.Builder, s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		if rest, ok := strings.CutPrefix(line, ">"); ok {
			b.WriteString("<blockquote>")
			inline(b, strings.TrimPrefix(rest, " "))
			b.WriteString("</blockquote>")
			continue
		}
		inline(b, line)
	}
}

// markers are mrkdwn's inline formats by their marker character.
var markers = map[byte]string{'*': "b", '_': "i", '~': "s", '`': "code"}

// inline writes one line of mrkdwn.
func inline(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 'h' && bot.BareURLEnd(s, i) > i:
			// Slack links bare URLs in mrkdwn on its own (the renderer's
			// text objects are not verbatim).
			end := bot.BareURLEnd(s, i)
			if a := bot.PreviewAnchor(html.UnescapeString(s[i:end])); a != "" {
				b.WriteString(a)
				entities(b, s[i:end])
				b.WriteString("</a>")
				i = end
				continue
			}
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				angle(b, s[i+1:i+end])
				i += end + 1
				continue
			}
		case c == '&':
			if e := slackEscape(s[i:]); e != "" {
				b.WriteString(e) // the same escape in HTML
				i += len(e)
				continue
			}
		case markers[c] != "" && opens(s, i):
			if j := closes(s, i); j > 0 {
				tag := markers[c]
				b.WriteString("<" + tag + ">")
				if c == '`' {
					entities(b, s[i+1:j])
				} else {
					inline(b, s[i+1:j])
				}
				b.WriteString("</" + tag + ">")
				i = j + 1
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(html.EscapeString(s[i : i+n]))
		i += n
	}
}

// slackEscape returns the escape s starts with, or "".
func slackEscape(s string) string {
	for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
		if strings.HasPrefix(s, e) {
			return e
		}
	}
	return ""
}

// entities writes text in which only Slack's escapes mean anything.
func entities(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		if e := slackEscape(s[i:]); e != "" {
			b.WriteString(e)
			i += len(e)
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(html.EscapeString(s[i : i+n]))
		i += n
	}
}

// opens reports whether the marker at s[i] may open a format: at the
// start or after a space or punctuation, and before text.
func opens(s string, i int) bool {
	if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == s[i] {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !(unicode.IsLetter(prev) || unicode.IsDigit(prev))
}

// closes returns where the format opened at s[i] ends: the next same
// marker after text, before the end, a space or punctuation, outside any
// <link>; 0 if none does.
func closes(s string, i int) int {
	c := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '<':
			if end := strings.IndexByte(s[j:], '>'); end > 0 && c != '`' {
				j += end
			}
		case c:
			if j == i+1 || s[j-1] == ' ' {
				continue
			}
			next, _ := utf8.DecodeRuneInString(s[j+1:])
			if j+1 == len(s) || !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
				return j
			}
		}
	}
	return 0
}

// angle writes what Slack shows for <...>: a link, with its label or its
// URL as text; a mention of a user or a channel; @here and the like.
func angle(b *strings.Builder, s string) {
	target, label, hasLabel := strings.Cut(s, "|")
	switch {
	case strings.HasPrefix(target, "@") || strings.HasPrefix(target, "#"):
		name := target
		if hasLabel {
			name = target[:1] + label
		}
		b.WriteString(`<span class="sl-mention">`)
		entities(b, name)
		b.WriteString(`</span>`)
		return
	case strings.HasPrefix(target, "!"):
		name, _, _ := strings.Cut(target[1:], "^")
		if hasLabel {
			name = label
		} else {
			name = "@" + name
		}
		b.WriteString(`<span class="sl-mention">`)
		entities(b, name)
		b.WriteString(`</span>`)
		return
	}
	a := bot.PreviewAnchor(html.UnescapeString(target))
	switch {
	case a == "" && !hasLabel && !strings.Contains(target, ":"):
		// Not a link at all: the brackets were text.
		b.WriteString("&lt;")
		entities(b, s)
		b.WriteString("&gt;")
		return
	case !hasLabel:
		label = target
	}
	if a == "" {
		entities(b, label)
		return
	}
	b.WriteString(a)
	entities(b, label)
	b.WriteString("</a>")
}
