package slack

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/brief"
)

// previewTagsWritten are the elements Preview may write.
var previewTagsWritten = []string{"div", "span", "p", "a", "b", "i", "s", "code", "pre", "blockquote", "hr"}

const rel = ` rel="noopener noreferrer nofollow"`

func TestPreviewMrkdwn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"*bold* _it_ ~st~ `code`", "<b>bold</b> <i>it</i> <s>st</s> <code>code</code>"},
		{"1. *<https://a.example/1|One &amp; only>* (2 sources)",
			`1. <b><a href="https://a.example/1"` + rel + `>One &amp; only</a></b> (2 sources)`},
		{"*Quotes*\n• “We agree” — _Ann &lt;Lee&gt;_", "<b>Quotes</b>\n• “We agree” — <i>Ann &lt;Lee&gt;</i>"},
		{"*T (javascript:alert(1))*", "<b>T (javascript:alert(1))</b>"},
		{"snake_case_name, 2*3*4, * not bold*, **", "snake_case_name, 2*3*4, * not bold*, **"},
		{"_open and never closed", "_open and never closed"},
		{"<https://x.example/?a=1&amp;b=%22q%22|x>", `<a href="https://x.example/?a=1&amp;b=%22q%22"` + rel + `>x</a>`},
		{"<https://x.example/bare>", `<a href="https://x.example/bare"` + rel + `>https://x.example/bare</a>`},
		{"<javascript:alert(1)|click> <data:text/html,x|d>", "click d"},
		{"<@U123|ann> <#C1|news> <!here>", `<span class="sl-mention">@ann</span> <span class="sl-mention">#news</span> <span class="sl-mention">@here</span>`},
		{"&lt;script&gt; & <script>alert(1)</script>", "&lt;script&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"},
		{`"quoted" 'apos' unclosed < and >`, "&#34;quoted&#34; &#39;apos&#39; unclosed &lt; and &gt;"},
		{"<https://x.example/\" onmouseover=\"alert(1)|x>", `<a href="https://x.example/%22%20onmouseover=%22alert%281%29"` + rel + `>x</a>`},
		{"`*not bold* &amp;`", "<code>*not bold* &amp;</code>"},
		{"> a quote\nnext", "<blockquote>a quote</blockquote>\nnext"},
		{"before ```*not bold*\n<https://x.example|x> &amp;``` after *b*", "before <pre>*not bold*\n&lt;https://x.example|x&gt; &amp;</pre> after <b>b</b>"},
		{"```never closed *b*", "```never closed <b>b</b>"},
		// Slack links bare URLs on its own.
		{"see https://x.example/a_b_c?d=1&amp;e=2.", `see <a href="https://x.example/a_b_c?d=1&amp;e=2"` + rel + `>https://x.example/a_b_c?d=1&amp;e=2</a>.`},
		{"*https://x.example/b*", `<b><a href="https://x.example/b"` + rel + `>https://x.example/b</a></b>`},
		{"no link: xhttps://x.example javascript:alert(1) https://", "no link: xhttps://x.example javascript:alert(1) https://"},
	}
	for _, tt := range tests {
		var b strings.Builder
		mrkdwn(&b, tt.in)
		if got := b.String(); got != tt.want {
			t.Errorf("mrkdwn(%q) =\n%q, want\n%q", tt.in, got, tt.want)
		}
	}
}

func TestPreviewShowsWhatIsPosted(t *testing.T) {
	for _, tt := range renderTests {
		t.Run(tt.name, func(t *testing.T) {
			posts := Render(tt.m)
			got := string(Preview(tt.m))
			bottest.CheckPreview(t, got, previewTagsWritten...)
			if n := strings.Count(got, `class="sl-msg"`); n != len(posts) {
				t.Errorf("Preview shows %d posts, Render makes %d", n, len(posts))
			}
			if has := strings.Contains(got, `class="sl-thread"`); has != (tt.threaded > 0) {
				t.Errorf("Preview shows a thread: %v, want %v", has, tt.threaded > 0)
			}
		})
	}
	d := brief.Digest{Stories: []brief.Story{
		{Headline: "One & only", Brief: brief.Brief{URL: "https://a.example/1", KeyPoints: []string{"k1"}}},
		{Headline: "Two <b>"},
	}}
	got := string(Preview(bot.Message{Heading: "Daily brief: <ukraine>", Digest: &d}))
	text := bottest.CheckPreview(t, got, previewTagsWritten...)
	for _, want := range []string{"Daily brief: <ukraine>", "1. One & only\n2. Two <b>", "Details of each story in the thread.",
		"2 replies in the thread", "Key points\n• k1"} {
		if !strings.Contains(text, want) {
			t.Errorf("Preview of a digest does not show %q:\n%s", want, text)
		}
	}
	for _, class := range []string{"sl-header", "sl-section", "sl-context"} {
		if !strings.Contains(got, `class="`+class+`"`) {
			t.Errorf("Preview of a digest has no %s:\n%s", class, got)
		}
	}
}

func TestPreviewIsSafe(t *testing.T) {
	hostile := brief.Brief{
		Title:     `<script>alert("t")</script>`,
		URL:       "javascript:alert(1)",
		Quotes:    []brief.Quote{{Speaker: `<img src=x onerror=alert(1)>`, Text: `"a" onmouseover="alert(2)"`}},
		KeyPoints: []string{`</div><a href="javascript:alert(3)">click</a>`, "x' onclick='alert(4)", "*<https://evil.example|fake link>*"},
	}
	st := brief.Story{Headline: `"><script>alert(5)</script>`, Brief: hostile, Sources: []brief.StorySource{
		{Name: "quotes", URL: `https://one.example/a?q="><script>alert(6)</script>&x='y'`},
		{Name: "js", URL: "javascript:alert(7)"},
	}}
	for _, m := range []bot.Message{{Brief: &hostile}, {Digest: &brief.Digest{Stories: []brief.Story{st}}}, {Text: hostile.KeyPoints[0], Ephemeral: true}} {
		got := string(Preview(m))
		text := bottest.CheckPreview(t, got, previewTagsWritten...)
		for _, bad := range []string{"<script", "<img", `<a href="javascript`, `href="https://evil`} {
			if strings.Contains(got, bad) {
				t.Errorf("Preview has %q:\n%s", bad, got)
			}
		}
		if !strings.Contains(text, hostile.KeyPoints[0]) {
			t.Errorf("Preview does not show %q as text:\n%s", hostile.KeyPoints[0], text)
		}
		// Slack reads the asterisks (mrkdwn has no way to escape them),
		// but not the link.
		if m.Brief != nil && !strings.Contains(got, "<b>&lt;https://evil.example|fake link&gt;</b>") {
			t.Errorf("Preview does not show the key point's link as text:\n%s", got)
		}
	}
	got := string(Preview(bot.Message{Digest: &brief.Digest{Stories: []brief.Story{st}}}))
	if !strings.Contains(got, `href="https://one.example/a?q=&#34;%3E%3Cscript%3Ealert(6)%3C/script%3E&amp;x=&#39;y&#39;"`) {
		t.Errorf("Preview does not keep the link's quotes out of its href:\n%s", got)
	}
}

func TestPreviewBlocks(t *testing.T) {
	var b strings.Builder
	for _, blk := range []slack.Block{
		slack.NewDividerBlock(),
		slack.NewContextBlock("", slack.NewImageBlockElement("https://x.example/p.png", "a <pic>")),
		slack.NewSectionBlock(nil, []*slack.TextBlockObject{slack.NewTextBlockObject(slack.PlainTextType, "*plain* <x>", false, false)}, nil),
		slack.NewActionBlock(""),
	} {
		previewBlock(&b, blk)
	}
	want := `<hr class="sl-divider"><div class="sl-context"><span class="sl-image">[a &lt;pic&gt;]</span></div>` +
		`<div class="sl-section"><div class="sl-fields"><div class="sl-field">*plain* &lt;x&gt;</div></div></div><div class="sl-unknown">[actions block]</div>`
	if got := b.String(); got != want {
		t.Errorf("previewBlock =\n%s\nwant\n%s", got, want)
	}
	if got := string(Preview(bot.Message{})); !strings.Contains(got, "Nothing would be posted.") {
		t.Errorf("Preview(empty) = %q", got)
	}
	if got := string(Preview(bot.Message{Text: "only you", Ephemeral: true})); !strings.Contains(got, "Only visible to you") {
		t.Errorf("Preview(ephemeral) = %q", got)
	}
}

// FuzzPreviewMrkdwn checks that no mrkdwn, however made, gets markup or
// a link other than http(s) into the preview.
func FuzzPreviewMrkdwn(f *testing.F) {
	f.Add("*<https://a.example/1|One &amp; only>* _x_ ~y~ `z` <@U1|ann> <!here>")
	f.Add(`<javascript:alert(1)|x> <https://x/" onload="y|z> &lt;b&gt; <b>`)
	f.Add("> *_~`<&>`~_*")
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		mrkdwn(&b, s)
		bottest.CheckPreview(t, `<div class="sl-section">`+b.String()+`</div>`, previewTagsWritten...)
	})
}
