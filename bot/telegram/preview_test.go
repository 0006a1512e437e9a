package telegram

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/brief"
)

// previewTagsWritten are the elements Preview may write.
var previewTagsWritten = []string{"div", "span", "p", "a", "b", "i", "u", "s", "code", "pre", "blockquote"}

// hostile is a brief whose every field tries to break out of the page.
var hostile = brief.Brief{
	Title:     `<script>alert("t")</script>`,
	URL:       "javascript:alert(1)",
	Quotes:    []brief.Quote{{Speaker: `<img src=x onerror=alert(1)>`, Text: `"a" onmouseover="alert(2)"`}},
	KeyPoints: []string{`</div><a href="javascript:alert(3)">click</a>`, "x' onclick='alert(4)"},
}

func TestPreviewShowsWhatIsSent(t *testing.T) {
	many := brief.Digest{}
	for i := range 12 {
		st := grain
		st.Headline = fmt.Sprintf("Story %d: %s", i, strings.Repeat("news & views ", 40))
		st.Brief.KeyPoints = []string{strings.Repeat("A long key point <with> text & more. ", 20)}
		many.Stories = append(many.Stories, st)
	}
	tests := []struct {
		name  string
		m     bot.Message
		parts int
	}{
		{"digest in three parts", bot.Message{Heading: "Daily brief, Mon 2 June 2025: <ukraine>", Digest: &many}, MaxBriefParts},
		{"one story", bot.Message{Digest: &brief.Digest{Stories: []brief.Story{grain}}}, 1},
		{"brief", bot.Message{Brief: &brief.Brief{Title: "Grain <talks>", URL: "https://one.example/kyiv?a=1&b=2", KeyPoints: []string{"Tusk & Zelenskyy met."}}}, 1},
		{"hostile brief", bot.Message{Brief: &hostile}, 1},
		{"text", bot.Message{Text: "Subscribed to <b>ukraine</b> & more."}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, shown := render(tt.m)
			got := string(Preview(tt.m))
			text := bottest.CheckPreview(t, got, previewTagsWritten...)
			// Each part is a bubble showing the part's text, in order; the
			// buttons follow the last.
			if n := strings.Count(got, `class="tg-msg"`); n != len(parts) || n != tt.parts {
				t.Errorf("Preview shows %d messages, Render makes %d, want %d", n, len(parts), tt.parts)
			}
			var want strings.Builder
			for _, p := range parts {
				want.WriteString(plainText(p))
			}
			if kb := keyboard(shown); kb != nil {
				for _, row := range kb.InlineKeyboard {
					for _, b := range row {
						want.WriteString(b.Text)
					}
				}
			}
			if text != want.String() {
				t.Errorf("Preview shows\n%q\nwant what Telegram shows\n%q", text, want.String())
			}
		})
	}
}

func TestPreviewIsSafe(t *testing.T) {
	st := grain
	st.Brief = hostile
	st.Headline = `"><script>alert(5)</script>`
	st.Sources = []brief.StorySource{
		{Name: "quotes", URL: `https://one.example/a?q="><script>alert(6)</script>&x='y'`},
		{Name: "js", URL: "javascript:alert(7)"},
		{Name: "data", URL: "data:text/html,<script>alert(8)</script>"},
	}
	for _, m := range []bot.Message{{Brief: &hostile}, {Digest: &brief.Digest{Stories: []brief.Story{st}}}} {
		got := string(Preview(m))
		text := bottest.CheckPreview(t, got, previewTagsWritten...)
		for _, bad := range []string{"<script", "<img", "<a href=\"javascript", "<a href=\"data"} {
			if strings.Contains(got, bad) {
				t.Errorf("Preview has %q:\n%s", bad, got)
			}
		}
		// What the message says is shown as text, whole.
		for _, shown := range []string{hostile.Quotes[0].Speaker, hostile.KeyPoints[0], hostile.KeyPoints[1]} {
			if !strings.Contains(text, shown) {
				t.Errorf("Preview does not show %q as text:\n%s", shown, got)
			}
		}
	}
	// Only the https source is linked, in the text and on its button, and
	// the quotes in its URL stay inside the attribute.
	got := string(Preview(bot.Message{Digest: &brief.Digest{Stories: []brief.Story{st}}}))
	if n := strings.Count(got, "<a "); n != 2 {
		t.Errorf("Preview has %d links, want 2 (the https source, and its button):\n%s", n, got)
	}
	if !strings.Contains(got, `href="https://one.example/a?q=&#34;&gt;&lt;script&gt;alert(6)&lt;/script&gt;&amp;x=&#39;y&#39;"`) {
		t.Errorf("Preview does not keep the link's quotes escaped in its href:\n%s", got)
	}
}

// TestPreviewPart reads Telegram HTML the renderer might make, and some
// it should never make, into preview HTML.
func TestPreviewPart(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<b>bold <i>both</i></b> &amp; &lt;x&gt; &quot;q&quot;`, `<b>bold <i>both</i></b> &amp; &lt;x&gt; &#34;q&#34;`},
		{`<a href="https://x.example/?a=1&amp;b=2">x</a>`, `<a href="https://x.example/?a=1&amp;b=2" rel="noopener noreferrer nofollow">x</a>`},
		{`<a href="javascript:alert(1)">x</a> y`, `x y`},
		{`<a href=" JAVASCRIPT:alert(1)">x</a>`, `x`},
		{`<b>left open`, `<b>left open</b>`},
		{`closed</b> never opened`, `closed never opened`},
		{`<b><i>crossed</b></i>`, `<b><i>crossed</i></b>`},
		{`<span class="tg-spoiler" onclick="x">hid</span>`, `hid`},
		{`<script>alert(1)</script>`, `alert(1)`},
		{`<img src="https://x.example/p.png">pic`, `pic`},
		// What Telegram links on its own: bare URLs and bot commands.
		{`see https://one.example/a?b=1&amp;c=2.`, `see <a href="https://one.example/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">https://one.example/a?b=1&amp;c=2</a>.`},
		{`3 more stories: more with /summary.`, `3 more stories: more with <span class="tg-command">/summary</span>.`},
		{`(/help) or /summary@newsbrief_bot`, `(<span class="tg-command">/help</span>) or <span class="tg-command">/summary@newsbrief_bot</span>`},
		{`a/b, /usr/bin, 1/2, https:// and xhttps://one.example`, `a/b, /usr/bin, 1/2, https:// and xhttps://one.example`},
		{`<a href="https://one.example/">https://two.example/ /help</a>`, `<a href="https://one.example/" rel="noopener noreferrer nofollow">https://two.example/ /help</a>`},
	}
	for _, tt := range tests {
		var b strings.Builder
		previewPart(&b, tt.in)
		if got := b.String(); got != tt.want {
			t.Errorf("previewPart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPreviewEmpty(t *testing.T) {
	got := string(Preview(bot.Message{}))
	if text := bottest.CheckPreview(t, got, previewTagsWritten...); text != "Nothing would be sent." {
		t.Errorf("Preview(empty) = %q", got)
	}
}

// FuzzPreview checks that no brief, however made, gets markup or a link
// other than http(s) into the preview, and that it shows the brief's text.
func FuzzPreview(f *testing.F) {
	f.Add(`<script>x</script>`, `"a" onmouseover="b"`, "https://x.example/?a=\"b\"&c", "javascript:alert(1)")
	f.Add("Ukraine & Poland", "<b>bold</b>", "http://x/\"><img>", "data:text/html,x")
	f.Fuzz(func(t *testing.T, title, point, url1, url2 string) {
		st := brief.Story{Headline: title, Brief: brief.Brief{KeyPoints: []string{point}},
			Sources: []brief.StorySource{{Name: title, URL: url1}, {Name: point, URL: url2}}}
		for _, m := range []bot.Message{
			{Brief: &brief.Brief{Title: title, URL: url1, KeyPoints: []string{point}}},
			{Digest: &brief.Digest{Stories: []brief.Story{st}}},
		} {
			text := bottest.CheckPreview(t, string(Preview(m)), previewTagsWritten...)
			if printable(point) && len(point) < 200 && !strings.Contains(text, point) {
				t.Errorf("Preview does not show the key point %q:\n%s", point, text)
			}
		}
	})
}

// printable reports whether s is valid UTF-8 of printable characters
// only, which a page shows as they are.
func printable(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) < 0
}
