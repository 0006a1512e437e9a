package slack

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// Slack's limits on one message.
const (
	// MaxBlocks is the most blocks one message may hold.
	MaxBlocks = 50
	// MaxSectionText is the most characters in a section's text.
	MaxSectionText = 3000
	// maxFallback bounds the notification text; Slack shows little of it.
	maxFallback = 300
	// maxHeader is the most characters in a header block.
	maxHeader = 150
	// maxLinkBytes bounds a <url|label> link, which must not be split:
	// longer ones are written as label and URL in plain text.
	maxLinkBytes = 1000
)

// Post is one Slack message: its blocks and the plain fallback text that
// notifications show.
type Post struct {
	Blocks []slack.Block
	Text   string
	// InThread posts go in the thread of the message's first post.
	InThread bool
}

// Caps on what a digest or a brief becomes, whatever the news holds.
const (
	// maxBriefText bounds a brief's text, and each story's in a digest's
	// thread: four sections, cut short with an ellipsis.
	maxBriefText = 4 * MaxSectionText
	// maxHeadline bounds a headline in a digest's list, in characters.
	maxHeadline = 300
	// maxThreadStories bounds a digest's thread replies; the list names
	// every story.
	maxThreadStories = 10
)

// Render returns the posts a message becomes, first the top-level one.
// A digest posts its headlines and puts each story's details in the
// thread, of the first maxThreadStories stories; anything longer than one
// message continues in further posts. Render is pure.
func Render(m bot.Message) []Post {
	switch {
	case m.Digest != nil:
		posts := renderDigest(*m.Digest)
		if m.Heading != "" {
			head := slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, bot.Clip(m.Heading, maxHeader), false, false))
			posts[0].Blocks = append([]slack.Block{head}, posts[0].Blocks...)
			posts[0].Text = fallback(m.Heading)
		}
		return posts
	case m.Brief != nil:
		return pack(sections(clip(briefText(*m.Brief), maxBriefText)), fallback(m.Brief.Title), false)
	default:
		text := slashCommands(m.Text)
		return pack(sections(escape(text)), fallback(text), false)
	}
}

func renderDigest(d brief.Digest) []Post {
	if len(d.Stories) == 0 {
		return pack(sections("No news for this chat's topics."), "No news for this chat's topics.", false)
	}
	var head strings.Builder
	for i, st := range d.Stories {
		fmt.Fprintf(&head, "%d. *%s*", i+1, link(storyURL(st), bot.Clip(st.Headline, maxHeadline)))
		if n := len(st.Sources); n > 1 {
			fmt.Fprintf(&head, " (%d sources)", n)
		}
		head.WriteString("\n")
	}
	blocks := sections(head.String())
	details := "Details of each story in the thread."
	if len(d.Stories) > maxThreadStories {
		details = fmt.Sprintf("Details of the first %d stories in the thread; more with /summary.", maxThreadStories)
	}
	blocks = append(blocks, slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, details, false, false)))
	posts := pack(blocks, fallback(fmt.Sprintf("News brief: %d stories", len(d.Stories))), false)
	for i, st := range d.Stories[:min(len(d.Stories), maxThreadStories)] {
		var b strings.Builder
		fmt.Fprintf(&b, "%d. *%s*\n", i+1, link(storyURL(st), bot.Clip(st.Headline, maxHeadline)))
		bullets(&b, st.Brief)
		var links []string
		for _, src := range st.Sources {
			links = append(links, link(src.URL, cmp.Or(src.Name, src.Title, "source")))
		}
		if len(links) > 0 {
			b.WriteString("Sources: " + strings.Join(links, ", ") + "\n")
		}
		posts = append(posts, pack(sections(clip(b.String(), maxBriefText)), fallback(st.Headline), true)...)
	}
	return posts
}

func storyURL(st brief.Story) string {
	if st.Brief.URL != "" {
		return st.Brief.URL
	}
	for _, src := range st.Sources {
		if src.URL != "" {
			return src.URL
		}
	}
	return ""
}

// briefText is one article's brief as mrkdwn.
func briefText(br brief.Brief) string {
	var b strings.Builder
	if br.Title != "" || br.URL != "" {
		b.WriteString("*" + link(br.URL, cmp.Or(br.Title, br.URL)) + "*\n")
	}
	bullets(&b, br)
	return b.String()
}

// bullets writes a brief's meetings, quotes and key points.
func bullets(b *strings.Builder, br brief.Brief) {
	list := func(name string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString("*" + name + "*\n")
		for _, it := range items {
			b.WriteString("• " + it + "\n")
		}
	}
	var ms, qs []string
	for _, m := range br.Meetings {
		ms = append(ms, escape(m.String()))
	}
	for _, q := range br.Quotes {
		speaker := cmp.Or(q.Speaker, "unattributed")
		qs = append(qs, "“"+escape(q.Bare())+"” — _"+escape(speaker)+"_")
	}
	ks := make([]string, 0, len(br.KeyPoints))
	for _, k := range br.KeyPoints {
		ks = append(ks, escape(k))
	}
	list("Meetings", ms)
	list("Quotes", qs)
	list("Key points", ks)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes user text safe for mrkdwn: Slack reads <...> as links and
// mentions, and & as the start of an escape.
func escape(s string) string { return escaper.Replace(strings.ToValidUTF8(s, "\uFFFD")) }

// urlEscaper keeps a URL from ending the link early: | would start the
// label and > end the link. Spaces and < are not valid in a URL anyway.
var urlEscaper = strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C", " ", "%20", "\n", "%0A", "\r", "%0D", "\t", "%09")

// link writes <url|label>, or the escaped label alone without a URL. Only
// http and https URLs become links; a link too long to keep whole in one
// section is written as plain text. The label may hold |: Slack splits the
// link at the first one, which is in the URL's place.
func link(url, label string) string {
	label = escape(strings.ReplaceAll(label, "\n", " "))
	if url == "" || !(strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://")) {
		if url == "" {
			return label
		}
		return label + " (" + escape(url) + ")"
	}
	l := "<" + urlEscaper.Replace(strings.ToValidUTF8(url, "\uFFFD")) + "|" + label + ">"
	if len(l) > maxLinkBytes {
		return label + " (" + escape(url) + ")"
	}
	return l
}

// clip cuts mrkdwn text longer than n characters short, where split would
// cut it, with an ellipsis.
func clip(s string, n int) string {
	if parts := split(s, n-1); len(parts) > 1 {
		return parts[0] + "…"
	}
	return s
}

// fallback is the notification text: the start of the first line.
func fallback(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return escape(bot.Clip(s, maxFallback))
}

// sections splits mrkdwn text into section blocks within Slack's limit.
func sections(text string) []slack.Block {
	var blocks []slack.Block
	for _, part := range split(strings.TrimRight(text, "\n"), MaxSectionText) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, false), nil, nil))
	}
	return blocks
}

// pack groups blocks into posts of at most MaxBlocks.
func pack(blocks []slack.Block, text string, inThread bool) []Post {
	if len(blocks) == 0 {
		blocks = sections("_(empty message)_")
	}
	var posts []Post
	for len(blocks) > 0 {
		n := min(len(blocks), MaxBlocks)
		posts = append(posts, Post{Blocks: blocks[:n:n], Text: text, InThread: inThread})
		blocks = blocks[n:]
	}
	return posts
}

// split cuts mrkdwn text into parts of at most limit characters whose
// concatenation is the text. It cuts after a newline if it can, else after
// a space, else between runes, and never inside an escape (&amp;) or a
// link (<url|label>), which escape and link keep short.
func split(s string, limit int) []string {
	var parts []string
	for s != "" {
		cut, lastNL, lastSpace := 0, 0, 0
		var end byte // what closes the token we are in: '>' or ';'
		n, fits := 0, true
		for i, r := range s {
			if end == 0 && i > 0 {
				cut = i // a safe cut before this rune
				switch s[i-1] {
				case '\n':
					lastNL = i
				case ' ':
					lastSpace = i
				}
			}
			n += utf16.RuneLen(r)
			if n > limit {
				fits = false
				break
			}
			switch {
			case end == 0 && r == '<':
				end = '>'
			case end == 0 && r == '&':
				end = ';'
			case end != 0 && r < utf8.RuneSelf && byte(r) == end:
				end = 0
			}
		}
		if fits {
			break
		}
		switch {
		case lastNL > 0:
			cut = lastNL
		case lastSpace > 0:
			cut = lastSpace
		}
		if cut == 0 {
			// A token longer than the limit: escape and link never make
			// one, but never loop forever.
			cut = prefixBytes(s, limit)
		}
		parts = append(parts, s[:cut])
		s = s[cut:]
	}
	if s != "" {
		parts = append(parts, s)
	}
	return parts
}

// prefixBytes returns the byte length of the longest prefix of s within
// limit characters.
func prefixBytes(s string, limit int) int {
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > limit {
			return i
		}
		n += utf16.RuneLen(r)
	}
	return len(s)
}

// commandName finds a bot command named in a reply: "/summary" at the
// start of a word, not inside a URL or a path.
var commandName = regexp.MustCompile(`(^|[\s(“"'])/(` + strings.Join(bot.CommandNames(), "|") + `)\b`)

// slashCommands names the bot's commands in text the way a Slack user
// types them: the app has the one slash command /newsbrief, so "/help"
// becomes "/newsbrief help".
func slashCommands(text string) string {
	return commandName.ReplaceAllString(text, "$1/newsbrief $2")
}
