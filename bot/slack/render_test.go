package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// sectionTexts returns the mrkdwn of every section and context block.
func sectionTexts(t testing.TB, p Post) []string {
	t.Helper()
	var out []string
	for _, b := range p.Blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			out = append(out, b.Text.Text)
		case *slack.HeaderBlock:
			if n := len([]rune(b.Text.Text)); n > maxHeader || b.Text.Type != slack.PlainTextType {
				t.Errorf("header %q: %d characters of %s, want plain text of at most %d", b.Text.Text, n, b.Text.Type, maxHeader)
			}
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if tb, ok := e.(*slack.TextBlockObject); ok {
					out = append(out, tb.Text)
				}
			}
		default:
			t.Fatalf("unexpected block %T", b)
		}
	}
	return out
}

func allText(t testing.TB, posts []Post) string {
	t.Helper()
	var b strings.Builder
	for _, p := range posts {
		for _, s := range sectionTexts(t, p) {
			b.WriteString(s)
		}
	}
	return b.String()
}

// checkMrkdwn returns a complaint if s holds a raw <, > or & outside
// Slack's escapes and <url|label> links, or a link that is not one.
func checkMrkdwn(s string) string {
	for i := 0; i < len(s); {
		switch s[i] {
		case '&':
			ok := false
			for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
				if strings.HasPrefix(s[i:], e) {
					i += len(e)
					ok = true
					break
				}
			}
			if !ok {
				return "raw & at " + quoteAt(s, i)
			}
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "unclosed link at " + quoteAt(s, i)
			}
			l := s[i+1 : i+end]
			url, label, ok := strings.Cut(l, "|")
			if !ok || !(strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://")) || strings.ContainsAny(url, "< \n\t") || strings.Contains(label, "<") {
				return "bad link " + quoteAt(s, i)
			}
			if msg := checkMrkdwn(url + " " + label); msg != "" {
				return "in link: " + msg
			}
			i += end + 1
		case '>':
			return "raw > at " + quoteAt(s, i)
		default:
			i++
		}
	}
	return ""
}

func quoteAt(s string, i int) string {
	return strings.ToValidUTF8(s[max(i-20, 0):min(i+20, len(s))], "?")
}

// checkPosts checks Slack's limits and escaping on every post.
func checkPosts(t testing.TB, posts []Post) {
	t.Helper()
	if len(posts) == 0 {
		t.Fatal("no posts")
	}
	if posts[0].InThread {
		t.Error("first post is in a thread")
	}
	for i, p := range posts {
		if n := len(p.Blocks); n == 0 || n > MaxBlocks {
			t.Errorf("post %d has %d blocks, want 1 to %d", i, n, MaxBlocks)
		}
		if msg := checkMrkdwn(p.Text); msg != "" {
			t.Errorf("post %d fallback %q: %s", i, p.Text, msg)
		}
		for _, s := range sectionTexts(t, p) {
			if n := bot.UTF16Len(s); n == 0 || n > MaxSectionText {
				t.Errorf("post %d: section of %d characters, want 1 to %d", i, n, MaxSectionText)
			}
			if msg := checkMrkdwn(s); msg != "" {
				t.Errorf("post %d: %s", i, msg)
			}
		}
		if _, err := json.Marshal(slack.Blocks{BlockSet: p.Blocks}); err != nil {
			t.Errorf("post %d: marshal blocks: %v", i, err)
		}
	}
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// renderTest is a message, and what its posts must be and hold.
type renderTest struct {
	name      string
	m         bot.Message
	posts     int
	threaded  int
	contains  []string
	notExists []string
}

var longRenderText = strings.Repeat("Tom & Jerry <b> say hello. ", 400) // 10,800 characters escaped

var renderTests = []renderTest{
	{
		name:     "text escaped",
		m:        bot.Message{Text: "Use /subscribe <topic> & more"},
		posts:    1,
		contains: []string{"Use /newsbrief subscribe &lt;topic&gt; &amp; more"},
	},
	{
		name: "brief",
		m: bot.Message{Brief: &brief.Brief{
			Title:     "Talks in <Geneva> & beyond",
			URL:       "https://example.com/a?x=1&y=2|3>",
			Quotes:    []brief.Quote{{Speaker: "Ann <Lee>", Text: `"We agree,"`}, {Text: `"It is big"`}},
			KeyPoints: []string{"Prices rose 5% & fell"},
			Meetings:  []brief.Meeting{{Participants: []brief.Person{{Name: "A"}, {Name: "B", Role: "PM"}}, Place: "Paris"}},
		}},
		posts: 1,
		contains: []string{
			"*<https://example.com/a?x=1&amp;y=2%7C3%3E|Talks in &lt;Geneva&gt; &amp; beyond>*",
			"*Quotes*\n• “We agree” — _Ann &lt;Lee&gt;_\n• “It is big” — _unattributed_",
			"*Key points*\n• Prices rose 5% &amp; fell",
			"*Meetings*\n• A and B (PM) · Paris",
		},
	},
	{
		name:      "non-http URL is not a link",
		m:         bot.Message{Brief: &brief.Brief{Title: "T", URL: "javascript:alert(1)"}},
		posts:     1,
		contains:  []string{"*T (javascript:alert(1))*"},
		notExists: []string{"<javascript"},
	},
	{
		name:     "long text split into sections",
		m:        bot.Message{Text: longRenderText},
		posts:    1,
		contains: []string{"Tom &amp; Jerry &lt;b&gt; say hello."},
	},
	{
		name:  "very long text continues in more posts",
		m:     bot.Message{Text: strings.Repeat(longRenderText+"\n", 20)},
		posts: 2,
	},
	{
		name: "digest in a thread",
		m: bot.Message{Digest: &brief.Digest{Stories: []brief.Story{
			{Headline: "One & only", Brief: brief.Brief{URL: "https://a.example/1", KeyPoints: []string{"k1"}},
				Sources: []brief.StorySource{{Name: "A", URL: "https://a.example/1"}, {Name: "B|C", URL: "https://b.example/2"}}},
			{Headline: "Two", Sources: []brief.StorySource{{Title: "Only title"}}},
		}}},
		posts:    3,
		threaded: 2,
		contains: []string{
			"1. *<https://a.example/1|One &amp; only>* (2 sources)\n2. *Two*",
			"Details of each story in the thread.",
			"Sources: <https://a.example/1|A>, <https://b.example/2|B|C>",
			"• k1",
			"Sources: Only title",
		},
	},
	{
		name:     "empty digest",
		m:        bot.Message{Digest: &brief.Digest{}},
		posts:    1,
		contains: []string{"No news for this chat's topics."},
	},
}

func TestRender(t *testing.T) {
	for _, tt := range renderTests {
		t.Run(tt.name, func(t *testing.T) {
			posts := Render(tt.m)
			checkPosts(t, posts)
			if len(posts) != tt.posts {
				t.Errorf("Render(%s) = %d posts, want %d", tt.name, len(posts), tt.posts)
			}
			threaded := 0
			for _, p := range posts {
				if p.InThread {
					threaded++
				}
			}
			if threaded != tt.threaded {
				t.Errorf("Render(%s) = %d thread replies, want %d", tt.name, threaded, tt.threaded)
			}
			all := allText(t, posts)
			for _, want := range tt.contains {
				if !strings.Contains(all, want) {
					t.Errorf("Render(%s) lacks %q in:\n%s", tt.name, want, all)
				}
			}
			for _, bad := range tt.notExists {
				if strings.Contains(all, bad) {
					t.Errorf("Render(%s) holds %q", tt.name, bad)
				}
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"fits", "abc", 3, []string{"abc"}},
		{"at newline", "ab\ncd\nef", 6, []string{"ab\ncd\n", "ef"}},
		{"at space", "ab cd ef", 6, []string{"ab cd ", "ef"}},
		{"never in an escape", "abcd&amp;", 6, []string{"abcd", "&amp;"}},
		{"never in a link", "ab<http://x|y>", 12, []string{"ab", "<http://x|y>"}},
		{"hard cut between runes", "ééééé", 2, []string{"éé", "éé", "é"}},
		{"emoji counts two", "😀😀😀", 4, []string{"😀😀", "😀"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.in, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func FuzzRender(f *testing.F) {
	f.Add("hello & <world>", "Title <b>", "https://x.example/?a=1&b=|>", "“Quote,” he said", "point & <x>", uint8(2), uint16(1))
	f.Add(strings.Repeat("word ", 1000), strings.Repeat("&", 2000), "http://a b", "", strings.Repeat("<>", 800), uint8(7), uint16(40))
	f.Add("\xff\xfe", "😀", "ftp://x", "\n\n", " ", uint8(0), uint16(0))
	f.Fuzz(func(t *testing.T, text, title, url, quote, point string, stories uint8, repeat uint16) {
		points := make([]string, int(repeat%80))
		if len(points) == 0 {
			point = ""
		}
		for i := range points {
			points[i] = point
		}
		b := brief.Brief{Title: title, URL: url, KeyPoints: points, Quotes: []brief.Quote{{Speaker: title, Text: quote}}}
		var d brief.Digest
		for range int(stories % 12) {
			d.Stories = append(d.Stories, brief.Story{Headline: title, Brief: b, Sources: []brief.StorySource{{Name: text, URL: url}}})
		}
		for _, m := range []bot.Message{{Text: text}, {Brief: &b}, {Digest: &d}} {
			posts := Render(m)
			checkPosts(t, posts)
			all := squash(allText(t, posts))
			// What was cut short to keep a brief to its caps is not looked
			// for; the caps are.
			clipped := len(briefText(b)) >= maxBriefText-1 || utf8.RuneCountInString(title) > maxHeadline
			var want []string
			switch {
			case m.Brief != nil && len(posts) > 1:
				t.Fatalf("a brief took %d posts, want 1", len(posts))
			case m.Digest != nil && len(posts) > 1+maxThreadStories:
				t.Fatalf("a digest took %d posts, want at most %d", len(posts), 1+maxThreadStories)
			case clipped && m.Text == "":
			case m.Brief != nil:
				want = append(want, title, b.Quotes[0].Bare(), point)
			case m.Digest != nil:
				if len(d.Stories) > 0 {
					want = append(want, title, b.Quotes[0].Bare(), point, text)
				}
			case strings.TrimSpace(text) != "":
				if got, w := all, squash(escape(text)); got != w {
					t.Fatalf("Render(%q) lost text: got %q, want %q", text, got, w)
				}
			}
			for _, w := range want {
				if !strings.Contains(all, squash(escape(w))) {
					t.Fatalf("Render lost %q", w)
				}
			}
		}
	})
}

// TestRenderCapsBriefs: a digest or a brief, however long its parts, takes
// a bounded number of posts: a 300 KB title made 122 posts before.
func TestRenderCapsBriefs(t *testing.T) {
	title := strings.Repeat("a title of 300 KB ", 300<<10/18)
	var d brief.Digest
	for range 12 {
		d.Stories = append(d.Stories, brief.Story{Headline: title, Brief: brief.Brief{Title: title, KeyPoints: []string{title}}})
	}
	tests := []struct {
		name string
		m    bot.Message
		max  int
	}{
		{"brief", bot.Message{Brief: &brief.Brief{Title: title, KeyPoints: []string{title, title}}}, 1},
		{"digest", bot.Message{Digest: &d}, 1 + maxThreadStories},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts := Render(tt.m)
			checkPosts(t, posts)
			if len(posts) > tt.max {
				t.Errorf("Render() gave %d posts, want at most %d", len(posts), tt.max)
			}
			for i, p := range posts {
				n := 0
				for _, b := range p.Blocks {
					if s, ok := b.(*slack.SectionBlock); ok {
						n += bot.UTF16Len(s.Text.Text)
					}
				}
				if n > maxBriefText+1 {
					t.Errorf("post %d holds %d characters, want at most %d", i+1, n, maxBriefText+1)
				}
			}
		})
	}
}

func TestRenderHeading(t *testing.T) {
	m := bot.Message{Heading: "Daily brief, Tue 3 June 2025: climate", Digest: &brief.Digest{Stories: []brief.Story{{Headline: "One"}}}}
	posts := Render(m)
	checkPosts(t, posts)
	head, ok := posts[0].Blocks[0].(*slack.HeaderBlock)
	if !ok || head.Text.Text != m.Heading {
		t.Fatalf("the first block is %#v, want a header with %q", posts[0].Blocks[0], m.Heading)
	}
	if posts[0].Text != m.Heading {
		t.Errorf("the notification says %q, want the heading", posts[0].Text)
	}
	if posts := Render(bot.Message{Digest: m.Digest}); len(posts[0].Blocks) > 0 {
		if _, ok := posts[0].Blocks[0].(*slack.HeaderBlock); ok {
			t.Errorf("a digest without a heading got a header block")
		}
	}
}

func TestSlashCommands(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Try /help.", "Try /newsbrief help."},
		{"/summary: the latest brief\n/sources add <url>", "/newsbrief summary: the latest brief\n/newsbrief sources add <url>"},
		{"(/quiet off)", "(/newsbrief quiet off)"},
		{"Unknown command /bogus. Try /help.", "Unknown command /bogus. Try /newsbrief help."},
		{"See https://example.org/summary and /srv/status", "See https://example.org/summary and /srv/status"},
		{"Invite me with /invite @newsbrief", "Invite me with /invite @newsbrief"},
		{"/summaryX", "/summaryX"},
	}
	for _, tt := range tests {
		if got := slashCommands(tt.in); got != tt.want {
			t.Errorf("slashCommands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
