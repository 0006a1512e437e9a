package telegram

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
	"github.com/newsbrief/newsbrief/brief"
)

// checkParts validates every part and returns the whole plain text.
func checkParts(t *testing.T, parts []string) string {
	t.Helper()
	var all strings.Builder
	for i, p := range parts {
		plain, err := telegramtest.CheckHTML(p)
		if err != nil {
			t.Fatalf("part %d of %d: %v\n%s", i+1, len(parts), err, p)
		}
		if got := plainText(p); got != plain {
			t.Fatalf("plainText(part %d) = %q, want %q", i+1, got, plain)
		}
		all.WriteString(plain)
	}
	return all.String()
}

// whole renders a message without the length limit.
func whole(m bot.Message) string {
	var h htmlWriter
	switch {
	case m.Digest != nil:
		h.digest(*m.Digest)
	case m.Brief != nil:
		h.brief(*m.Brief)
	default:
		h.text(strings.TrimRight(m.Text, "\n"))
	}
	return strings.Join(split(h.atoms, 1<<30), "")
}

var grain = brief.Story{
	Headline: "Ukraine & Poland <agree> on grain",
	Brief: brief.Brief{
		Meetings:  []brief.Meeting{{Participants: []brief.Person{{Name: "Volodymyr Zelenskyy"}, {Name: "Donald Tusk", Role: "Polish Prime Minister"}}, Place: "Warsaw"}},
		Quotes:    []brief.Quote{{Speaker: "Donald Tusk", Text: `"We have found a fair solution,"`}},
		KeyPoints: []string{"Crossings reopen for trucks > 3.5 t."},
	},
	Sources: []brief.StorySource{
		{Name: "One", URL: "https://one.example/kyiv?a=1&b=\"2\""},
		{Name: "Two_News", URL: "javascript:alert(1)"},
	},
}

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		m    bot.Message
		want []string
	}{
		{"text escaped", bot.Message{Text: "a < b && c > d_e\n"}, []string{"a &lt; b &amp;&amp; c &gt; d_e"}},
		{"empty text", bot.Message{}, nil},
		{"brief", bot.Message{Brief: &brief.Brief{
			Title: "Chip <maker> opens plant", URL: "https://www.one.example/chips",
			Quotes:    []brief.Quote{{Text: "It is big"}},
			KeyPoints: []string{"2,000 jobs", "cars & phones"},
		}}, []string{"<b>Chip &lt;maker&gt; opens plant</b>\n" +
			`<a href="https://www.one.example/chips">one.example</a>` + "\n" +
			"<i>Quotes</i>\n• “It is big” — <i>unattributed</i>\n" +
			"<i>Key points</i>\n• 2,000 jobs\n• cars &amp; phones"}},
		{"digest", bot.Message{Digest: &brief.Digest{Stories: []brief.Story{grain, {Headline: "Second", Sources: []brief.StorySource{{URL: "https://two.example/x"}}}}}},
			[]string{"<b>1. Ukraine &amp; Poland &lt;agree&gt; on grain</b>\n" +
				"<i>Meetings</i>\n• Volodymyr Zelenskyy and Donald Tusk (Polish Prime Minister) · Warsaw\n" +
				"<i>Quotes</i>\n• “We have found a fair solution” — <i>Donald Tusk</i>\n" +
				"<i>Key points</i>\n• Crossings reopen for trucks &gt; 3.5 t.\n" +
				`Sources: <a href="https://one.example/kyiv?a=1&amp;b=&quot;2&quot;">One</a>, Two_News` + "\n\n" +
				"<b>2. Second</b>\n" + `Sources: <a href="https://two.example/x">two.example</a>`}},
		{"empty digest", bot.Message{Digest: &brief.Digest{}}, []string{"No stories yet."}},
		{"digest with heading", bot.Message{Heading: "Daily brief, Tue 3 June 2025: a & b", Digest: &brief.Digest{Stories: []brief.Story{{Headline: "Second"}}}},
			[]string{"<b>Daily brief, Tue 3 June 2025: a &amp; b</b>\n\n<b>1. Second</b>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(tt.m)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Render() mismatch (-want +got):\n%s", diff)
			}
			checkParts(t, got)
		})
	}
}

func TestRenderSplits(t *testing.T) {
	manyStories := brief.Digest{}
	for i := range 12 {
		st := grain
		st.Headline = fmt.Sprintf("Story %d: %s", i, strings.Repeat("news & views ", 5))
		manyStories.Stories = append(manyStories.Stories, st)
	}
	tests := []struct {
		name string
		m    bot.Message
		// check is called on each part but the last.
		check func(part string) error
	}{
		{"digest between stories", bot.Message{Digest: &manyStories}, func(p string) error {
			if !strings.HasSuffix(p, "\n\n") {
				return fmt.Errorf("does not end between stories: %q", p[max(0, len(p)-40):])
			}
			return nil
		}},
		{"lines", bot.Message{Text: strings.Repeat("a line of <text> & more\n", 600)}, func(p string) error {
			if !strings.HasSuffix(p, "more\n") {
				return fmt.Errorf("does not end at a line: %q", p[max(0, len(p)-40):])
			}
			return nil
		}},
		{"spaces", bot.Message{Text: strings.Repeat("word&word ", 2000)}, func(p string) error {
			if !strings.HasSuffix(p, "word ") {
				return fmt.Errorf("does not end at a space: %q", p[max(0, len(p)-40):])
			}
			return nil
		}},
		{"one long word of entities", bot.Message{Text: strings.Repeat("&", 5000)}, nil},
		{"emoji count two units", bot.Message{Text: strings.Repeat("😀", 3000)}, func(p string) error {
			if n := utf8.RuneCountInString(p); n != MaxMessage/2 {
				return fmt.Errorf("%d emoji, want %d", n, MaxMessage/2)
			}
			return nil
		}},
		{"bold headline cut and reopened", bot.Message{Brief: &brief.Brief{Title: strings.Repeat("long title ", 700)}}, func(p string) error {
			if !strings.HasPrefix(p, "<b>") || !strings.HasSuffix(p, "</b>") {
				return fmt.Errorf("bold not closed and reopened: %q…%q", p[:10], p[len(p)-10:])
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := Render(tt.m)
			if len(parts) < 2 {
				t.Fatalf("Render() gave %d parts, want several", len(parts))
			}
			got := checkParts(t, parts)
			if want := plainText(whole(tt.m)); got != want {
				t.Errorf("the parts' text differs from the whole's:\n%s", cmp.Diff(want, got))
			}
			for i, p := range parts[:len(parts)-1] {
				if tt.check == nil {
					break
				}
				if err := tt.check(p); err != nil {
					t.Errorf("part %d: %v", i+1, err)
				}
			}
		})
	}
}

// shownPrefix checks the text of a capped message's parts: a prefix of
// the whole message's text, then nothing, an ellipsis or the line that
// ends a shortened digest.
func shownPrefix(got, whole string) error {
	rest := got
	if i := strings.LastIndex(rest, "\n\n"); i >= 0 && strings.HasSuffix(rest, "more with /summary.") {
		rest = rest[:i]
	}
	rest = strings.TrimSuffix(rest, "…")
	if rest == "" || !strings.HasPrefix(whole, rest) {
		return fmt.Errorf("the parts show %q…, which does not begin the message %q…", got[:min(len(got), 80)], whole[:min(len(whole), 80)])
	}
	return nil
}

// TestRenderCapsBriefs: a digest or a brief, however long, takes at most
// MaxBriefParts messages. A digest keeps the stories that fit and says
// how many more there are; a brief is cut short.
func TestRenderCapsBriefs(t *testing.T) {
	var many brief.Digest
	for i := range 60 {
		st := grain
		st.Headline = fmt.Sprintf("Story %d: %s", i, strings.Repeat("news & views ", 5))
		many.Stories = append(many.Stories, st)
	}
	huge := brief.Digest{Stories: []brief.Story{grain}}
	huge.Stories[0].Headline = strings.Repeat("a title of 300 KB ", 300<<10/18)
	tests := []struct {
		name string
		m    bot.Message
		end  string
	}{
		{"60 stories", bot.Message{Digest: &many}, "more with /summary."},
		{"a 300 KB headline", bot.Message{Digest: &huge}, "…"},
		{"a 300 KB title", bot.Message{Brief: &brief.Brief{Title: huge.Stories[0].Headline, KeyPoints: []string{"A point."}}}, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := Render(tt.m)
			if len(parts) > MaxBriefParts {
				t.Fatalf("Render() gave %d parts, want at most %d", len(parts), MaxBriefParts)
			}
			got := checkParts(t, parts)
			if !strings.HasSuffix(got, tt.end) {
				t.Errorf("the parts end %q, want %q", got[max(0, len(got)-60):], tt.end)
			}
			if err := shownPrefix(got, plainText(whole(tt.m))); err != nil {
				t.Error(err)
			}
		})
	}
	if got := checkParts(t, Render(bot.Message{Digest: &many})); !strings.Contains(got, "Story 0:") || strings.Contains(got, "Story 59:") {
		t.Errorf("the shortened digest does not keep the first stories and drop the last")
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Ukraine & Poland <agree>", `"We <b>agree</b>,"`, "Tusk_", "https://one.example/?a=1&b=2", 3, 1)
	f.Add("😀 emoji_title", "a & b", "", "javascript:x", 40, 900)
	f.Add(strings.Repeat("x", 5000), "<<<&&&>>>", "<i>", "http://x/\"", 2, 5000)
	f.Fuzz(func(t *testing.T, title, quote, speaker, link string, stories, wordLen int) {
		stories = 1 + abs(stories%12)
		word := strings.Repeat("w&<", abs(wordLen%1500))
		d := brief.Digest{}
		for i := range stories {
			d.Stories = append(d.Stories, brief.Story{
				Headline: fmt.Sprintf("%d %s", i, title),
				Brief: brief.Brief{
					Quotes:    []brief.Quote{{Speaker: speaker, Text: quote}},
					KeyPoints: []string{title + " " + word, quote},
				},
				Sources: []brief.StorySource{{Name: speaker, URL: link}, {Name: title, URL: "https://x.example/" + title}},
			})
		}
		for _, m := range []bot.Message{
			{Text: title + "\n" + quote + word},
			{Brief: &brief.Brief{Title: title, URL: link, Quotes: d.Stories[0].Brief.Quotes, KeyPoints: []string{word}}},
			{Digest: &d},
		} {
			parts := Render(m)
			got := checkParts(t, parts)
			if m.Text == "" {
				if len(parts) > MaxBriefParts {
					t.Fatalf("a digest or brief took %d parts, want at most %d", len(parts), MaxBriefParts)
				}
				if want := plainText(whole(m)); got != want {
					if err := shownPrefix(got, want); err != nil {
						t.Fatal(err)
					}
				}
				continue
			}
			if want := plainText(whole(m)); got != want {
				t.Fatalf("the parts' text differs from the whole's:\n%s", cmp.Diff(want, got))
			}
			if want := strings.TrimRight(strings.ToValidUTF8(m.Text, "\uFFFD"), "\n"); got != want {
				t.Fatalf("Render(%q) shows %q", m.Text, got)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
