package telegram

import (
	"cmp"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// MaxMessage is the longest text Telegram takes in one message, in UTF-16
// code units. Parts are measured with their markup, which is stricter than
// Telegram's count of the text alone.
const MaxMessage = 4096

// maxHref keeps a link's opening tag, which each part reopens, far below
// MaxMessage so that every part has room for text; longer URLs are shown
// as text.
const maxHref = 1024

// MaxBriefParts caps the messages a digest or a brief becomes, whatever
// the news holds: a digest too long for them ends after the stories that
// fit, with a line saying how many more /summary has, and anything still
// too long is cut short.
const MaxBriefParts = 3

// Render returns a message as Telegram HTML, in parts of at most
// MaxMessage UTF-16 code units; a digest or a brief in at most
// MaxBriefParts. Parts break between stories first, then between lines,
// then at spaces, and never inside a tag or an entity; tags left open at
// the end of a part are closed there and reopened at the start of the
// next.
func Render(m bot.Message) []string {
	parts, _ := render(m)
	return parts
}

// render returns a message's parts and the message as they show it: a
// digest shortened to the stories that fit.
func render(m bot.Message) ([]string, bot.Message) {
	var h htmlWriter
	if m.Heading != "" {
		h.wrap("b", m.Heading)
		h.text("\n\n")
	}
	head := len(h.atoms)
	switch {
	case m.Digest != nil:
		full := *m.Digest
		for keep := len(full.Stories); ; keep-- {
			d := full
			d.Stories = full.Stories[:keep]
			h.atoms = h.atoms[:head]
			h.digest(d)
			if more := len(full.Stories) - keep; more > 0 {
				h.text("\n\n")
				h.wrap("i", moreStories(more))
			}
			m.Digest = &d
			if keep <= 1 {
				return h.fit(MaxBriefParts), m
			}
			if parts := split(h.atoms, MaxMessage); len(parts) <= MaxBriefParts {
				return parts, m
			}
		}
	case m.Brief != nil:
		h.brief(*m.Brief)
		return h.fit(MaxBriefParts), m
	}
	h.text(strings.TrimRight(m.Text, "\n"))
	return split(h.atoms, MaxMessage), m
}

// moreStories is the line that ends a shortened digest.
func moreStories(n int) string {
	if n == 1 {
		return "1 more story: more with /summary."
	}
	return fmt.Sprintf("%d more stories: more with /summary.", n)
}

// fit splits the message into at most n parts, cutting it short with an
// ellipsis if it needs more.
func (h *htmlWriter) fit(n int) []string {
	parts := split(h.atoms, MaxMessage)
	for budget := n * MaxMessage * 9 / 10; len(parts) > n && budget > 0; budget -= MaxMessage / 4 {
		size, end := 0, 0
		for end < len(h.atoms) && size+bot.UTF16Len(h.atoms[end].html) <= budget {
			size += bot.UTF16Len(h.atoms[end].html)
			end++
		}
		// An opening tag at the cut would leave an empty element.
		for end > 0 && h.atoms[end-1].open {
			end--
		}
		cut := append(h.atoms[:end:end], atom{html: "…"})
		parts = split(cut, MaxMessage)
	}
	return parts
}

// maxURLButtons keeps a digest's row of source buttons to one row of
// Telegram's (at most 8 buttons a row), one per story, numbered as the
// stories are; stories beyond it have their links in the text.
const maxURLButtons = 8

// moreCommand is the command the More button sends back, as if the user
// had typed it.
const moreCommand = "/summary"

// keyboard returns the inline buttons sent under a message's last part: a
// Source button under a single article's brief, and under a digest a
// button per story to its first source and a More button that asks for
// the latest brief again. Other messages have none (nil).
func keyboard(m bot.Message) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	switch {
	case m.Digest != nil:
		if len(m.Digest.Stories) == 0 {
			return nil
		}
		var sources []tgbotapi.InlineKeyboardButton
		for i, st := range m.Digest.Stories[:min(len(m.Digest.Stories), maxURLButtons)] {
			for _, src := range st.Sources {
				if buttonURL(src.URL) {
					sources = append(sources, tgbotapi.NewInlineKeyboardButtonURL(fmt.Sprint(i+1), src.URL))
					break
				}
			}
		}
		if len(sources) > 0 {
			rows = append(rows, sources)
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("More", moreCommand)))
	case m.Brief != nil && buttonURL(m.Brief.URL):
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Source", m.Brief.URL)))
	default:
		return nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &kb
}

// buttonURL reports whether Telegram takes u as a button's link: the
// same test as for links in the text.
func buttonURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && len(u) <= maxHref && utf8.ValidString(u)
}

// atom is the smallest piece the splitter moves: one tag, or one
// character with its escaping.
type atom struct {
	html string
	tag  string // the tag's name, for tags
	open bool   // an opening tag
}

type htmlWriter struct {
	atoms []atom
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (h *htmlWriter) text(s string) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	for i, r := range s {
		var e string
		switch r {
		case '&':
			e = "&amp;"
		case '<':
			e = "&lt;"
		case '>':
			e = "&gt;"
		case '"':
			e = "&quot;"
		default:
			e = s[i : i+utf8.RuneLen(r)] // no copy
		}
		h.atoms = append(h.atoms, atom{html: e})
	}
}

func (h *htmlWriter) open(tag, attrs string) {
	h.atoms = append(h.atoms, atom{html: "<" + tag + attrs + ">", tag: tag, open: true})
}

func (h *htmlWriter) close(tag string) {
	h.atoms = append(h.atoms, atom{html: "</" + tag + ">", tag: tag})
}

func (h *htmlWriter) wrap(tag, s string) {
	h.open(tag, "")
	h.text(s)
	h.close(tag)
}

// link writes name linked to u; a URL Telegram would refuse, or one too
// long to repeat in every part, leaves the name as text.
func (h *htmlWriter) link(name, u string) {
	if !buttonURL(u) {
		h.text(name)
		return
	}
	h.open("a", ` href="`+escaper.Replace(u)+`"`)
	h.text(name)
	h.close("a")
}

func (h *htmlWriter) bullet(s string) { h.text("• " + s + "\n") }

func (h *htmlWriter) quote(q brief.Quote) {
	h.text("• “" + q.Bare() + "” — ")
	h.wrap("i", cmp.Or(q.Speaker, "unattributed"))
	h.text("\n")
}

// section writes a brief's meetings, quotes and key points.
func (h *htmlWriter) sections(b brief.Brief) {
	if len(b.Meetings) > 0 {
		h.wrap("i", "Meetings")
		h.text("\n")
		for _, m := range b.Meetings {
			h.bullet(m.String())
		}
	}
	if len(b.Quotes) > 0 {
		h.wrap("i", "Quotes")
		h.text("\n")
		for _, q := range b.Quotes {
			h.quote(q)
		}
	}
	if len(b.KeyPoints) > 0 {
		h.wrap("i", "Key points")
		h.text("\n")
		for _, k := range b.KeyPoints {
			h.bullet(k)
		}
	}
}

func (h *htmlWriter) brief(b brief.Brief) {
	if b.Title != "" {
		h.wrap("b", b.Title)
		h.text("\n")
	}
	if b.URL != "" {
		h.link(hostOf(b.URL), b.URL)
		h.text("\n")
	}
	h.sections(b)
	h.trimNewlines()
}

func (h *htmlWriter) digest(d brief.Digest) {
	if len(d.Stories) == 0 {
		h.text("No stories yet.")
		return
	}
	for i, st := range d.Stories {
		if i > 0 {
			h.text("\n")
		}
		h.wrap("b", fmt.Sprintf("%d. %s", i+1, st.Headline))
		h.text("\n")
		h.sections(st.Brief)
		if len(st.Sources) > 0 {
			h.text("Sources: ")
			for j, src := range st.Sources {
				if j > 0 {
					h.text(", ")
				}
				h.link(cmp.Or(src.Name, src.Title, hostOf(src.URL), "unknown"), src.URL)
			}
			h.text("\n")
		}
	}
	h.trimNewlines()
}

func (h *htmlWriter) trimNewlines() {
	for len(h.atoms) > 0 && h.atoms[len(h.atoms)-1].html == "\n" {
		h.atoms = h.atoms[:len(h.atoms)-1]
	}
}

func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return strings.TrimPrefix(p.Host, "www.")
	}
	return u
}

// Break priorities: the splitter ends a part at the best kind of boundary
// that fits, the latest of that kind.
const (
	noBreak = iota - 1
	anyBreak
	spaceBreak
	lineBreak
	storyBreak
)

// breakBefore tells how good a boundary lies before atoms[j].
func breakBefore(atoms []atom, j int) int {
	prev := atoms[j-1]
	switch {
	case prev.tag != "" && prev.open:
		return noBreak // a part would end in an empty element
	case prev.html == "\n":
		if j >= 2 && atoms[j-2].html == "\n" {
			return storyBreak
		}
		return lineBreak
	case prev.html == " ":
		return spaceBreak
	}
	return anyBreak
}

// split packs atoms into parts of at most limit UTF-16 units, each with
// balanced tags.
func split(atoms []atom, limit int) []string {
	var parts []string
	var stack []atom // tags open at the start of the current part
	for i := 0; i < len(atoms); {
		end := fit(atoms, i, stack, limit)
		var b strings.Builder
		for _, t := range stack {
			b.WriteString(t.html)
		}
		for _, a := range atoms[i:end] {
			b.WriteString(a.html)
			stack = push(stack, a)
		}
		for k := len(stack) - 1; k >= 0; k-- {
			b.WriteString("</" + stack[k].tag + ">")
		}
		parts = append(parts, b.String())
		i = end
	}
	return parts
}

// fit returns the end of the part that starts at atoms[i] with stack open.
func fit(atoms []atom, i int, stack []atom, limit int) int {
	size := 0
	for _, t := range stack {
		size += bot.UTF16Len(t.html)
	}
	open := append([]atom(nil), stack...)
	closing := closeCost(open)
	best, bestPrio := -1, noBreak
	j := i
	for ; j < len(atoms); j++ {
		if j > i && size+closing <= limit {
			if p := breakBefore(atoms, j); p >= bestPrio && p > noBreak {
				best, bestPrio = j, p
			}
		}
		size += bot.UTF16Len(atoms[j].html)
		if atoms[j].tag != "" {
			open = push(open, atoms[j])
			closing = closeCost(open)
		}
		if size > limit {
			break
		}
	}
	if j == len(atoms) && size+closing <= limit {
		return j
	}
	if best < 0 {
		// Nothing fits but a part must make progress: take one atom, or an
		// opening tag with the atom after it.
		best = i + 1
		for best < len(atoms) && atoms[best-1].open {
			best++
		}
	}
	return best
}

func push(stack []atom, a atom) []atom {
	switch {
	case a.tag == "":
		return stack
	case a.open:
		return append(stack, a)
	}
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].tag == a.tag {
			return append(stack[:k:k], stack[k+1:]...)
		}
	}
	return stack
}

func closeCost(stack []atom) int {
	n := 0
	for _, t := range stack {
		n += len("</>") + len(t.tag)
	}
	return n
}

// plainText turns a part back into the text Telegram would show, for the
// retry without formatting.
func plainText(part string) string {
	var b strings.Builder
	for {
		lt := strings.IndexByte(part, '<')
		if lt < 0 {
			b.WriteString(part)
			break
		}
		b.WriteString(part[:lt])
		gt := strings.IndexByte(part[lt:], '>')
		if gt < 0 {
			break
		}
		part = part[lt+gt+1:]
	}
	return html.UnescapeString(b.String())
}
