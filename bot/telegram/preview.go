package telegram

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"

	"github.com/newsbrief/newsbrief/bot"
)

// Preview returns m as Telegram would show it, as HTML for the console's
// Preview page: each message m becomes (Render's parts) in a bubble, with
// the buttons under the last. It reads the parts back from the Telegram
// HTML that is sent, so what the preview shows is what the renderer
// makes, and it writes only the few tags Telegram's formatting has, all
// text escaped and links only to http(s) URLs; nothing in it loads from
// elsewhere. Classes start with tg-, for the console's style sheet.
func Preview(m bot.Message) template.HTML {
	var b strings.Builder
	b.WriteString(`<div class="tg">`)
	if m.Empty() {
		b.WriteString(`<p class="tg-none">Nothing would be sent.</p></div>`)
		return template.HTML(b.String())
	}
	parts, shown := render(m)
	for _, part := range parts {
		b.WriteString(`<div class="tg-msg">`)
		previewPart(&b, part)
		b.WriteString(`</div>`)
	}
	if kb := keyboard(shown); kb != nil {
		b.WriteString(`<div class="tg-keyboard">`)
		for _, row := range kb.InlineKeyboard {
			b.WriteString(`<div class="tg-row">`)
			for _, btn := range row {
				a := ""
				if btn.URL != nil {
					a = bot.PreviewAnchor(*btn.URL)
				}
				if a == "" {
					b.WriteString(`<span class="tg-button">` + html.EscapeString(btn.Text) + `</span>`)
					continue
				}
				b.WriteString(strings.Replace(a, "<a ", `<a class="tg-button" `, 1) + html.EscapeString(btn.Text) + `</a>`)
			}
			b.WriteString(`</div>`)
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

// autolink writes text escaped, with what Telegram links in a message on
// its own: bare http(s) URLs become links, bot commands are marked as
// Telegram marks them (tapping one sends it).
func autolink(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		if end := bot.BareURLEnd(s, i); end > i {
			if a := bot.PreviewAnchor(s[i:end]); a != "" {
				b.WriteString(a + html.EscapeString(s[i:end]) + "</a>")
				i = end
				continue
			}
		}
		if end := commandEnd(s, i); end > i {
			b.WriteString(`<span class="tg-command">` + html.EscapeString(s[i:end]) + `</span>`)
			i = end
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(html.EscapeString(s[i : i+n]))
		i += n
	}
}

// commandEnd returns where the bot command that starts at s[i] ends
// ("/summary", "/summary@newsbrief_bot"), or i if none starts there.
func commandEnd(s string, i int) int {
	if s[i] != '/' {
		return i
	}
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && !unicode.IsSpace(prev) && !strings.ContainsRune("(“\"'", prev) {
		return i
	}
	word := func(j int) int {
		for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		return j
	}
	end := word(i + 1)
	if end == i+1 || end-i-1 > 32 {
		return i
	}
	if end < len(s) && s[end] == '@' {
		if at := word(end + 1); at > end+1 {
			end = at
		}
	}
	if next, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && (next == '/' || unicode.IsLetter(next) || unicode.IsDigit(next)) {
		return i // a path, not a command
	}
	return end
}

// previewTags are the formatting tags of Telegram's HTML that a preview
// keeps, each as the tag it writes; links are written apart. Any other
// tag is dropped and its text kept.
var previewTags = map[string]string{
	"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u",
	"s": "s", "strike": "s", "del": "s", "code": "code", "pre": "pre",
	"blockquote": "blockquote",
}

// previewPart writes one part of Telegram HTML as preview HTML: its text
// escaped again, its tags from previewTags, its links through
// bot.PreviewAnchor, every tag closed.
func previewPart(b *strings.Builder, part string) {
	type element struct{ name, wrote string } // wrote is "" for a tag dropped
	var open []element
	closeFrom := func(k int) {
		for j := len(open) - 1; j >= k; j-- {
			if open[j].wrote != "" {
				b.WriteString("</" + open[j].wrote + ">")
			}
		}
		open = open[:k]
	}
	z := nethtml.NewTokenizer(strings.NewReader(part))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			closeFrom(0) // at the end, or on markup it cannot read
			return
		case nethtml.TextToken:
			text := string(z.Text())
			if slices.ContainsFunc(open, func(e element) bool { return e.name == "a" }) {
				b.WriteString(html.EscapeString(text))
			} else {
				autolink(b, text)
			}
		case nethtml.StartTagToken:
			name, hasAttr := z.TagName()
			e := element{name: string(name), wrote: previewTags[string(name)]}
			if e.name == "a" {
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				if a := bot.PreviewAnchor(href); a != "" {
					b.WriteString(a)
					e.wrote = "a"
				}
			} else if e.wrote != "" {
				b.WriteString("<" + e.wrote + ">")
			}
			open = append(open, e)
		case nethtml.EndTagToken:
			// Close the innermost element of that name, and any left open
			// inside it; an end tag with nothing to close is dropped.
			name, _ := z.TagName()
			for k := len(open) - 1; k >= 0; k-- {
				if open[k].name == string(name) {
					closeFrom(k)
					break
				}
			}
		}
	}
}
