package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// pages is a PageFetcher serving articles by URL; any other URL fails as
// the real fetcher's guard would fail it.
type pages map[string]brief.Article

var errRefused = errors.New("refused: private address")

func (p pages) FetchArticle(_ context.Context, url string) (brief.Article, error) {
	if a, ok := p[url]; ok {
		return a, nil
	}
	return brief.Article{}, errRefused
}

func (p pages) CheckURL(context.Context, string) error { return nil }

func TestBriefURL(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{Pages: pages{kyivTalks.URL: kyivTalks}})
	m, err := w.bot.BriefURL(t.Context(), kyivTalks.URL)
	if err != nil {
		t.Fatalf("BriefURL(%q): %v", kyivTalks.URL, err)
	}
	if m.Brief == nil || m.Brief.URL != kyivTalks.URL || len(m.Brief.KeyPoints) == 0 {
		t.Fatalf("BriefURL(%q) = %+v, want the article's brief with key points", kyivTalks.URL, m)
	}
	// The chat command gives the same brief.
	reply, err := w.bot.Handle(t.Context(), bot.Request{Chat: bot.ChatRef{Platform: "fake", ID: "1"}, User: "u", Text: "/summary " + kyivTalks.URL})
	if err != nil || reply.Brief == nil {
		t.Fatalf("/summary <url> = %+v, %v; want a brief", reply, err)
	}
	if diff := cmp.Diff(m.Brief, reply.Brief); diff != "" {
		t.Errorf("/summary <url> and BriefURL differ (-BriefURL +summary):\n%s", diff)
	}

	_, err = w.bot.BriefURL(t.Context(), "http://10.0.0.1/")
	ie, ok := errors.AsType[*bot.InputError](err)
	if !ok || !errors.Is(err, errRefused) || !strings.HasPrefix(ie.Msg, "Could not read that page: ") {
		t.Errorf("BriefURL(private) error = %v, want an InputError wrapping the refusal", err)
	}
	reply, err = w.bot.Handle(t.Context(), bot.Request{Chat: bot.ChatRef{Platform: "fake", ID: "1"}, User: "u", Text: "/summary http://10.0.0.1/"})
	if err != nil || !strings.Contains(reply.Text, "refused: private address") {
		t.Errorf("/summary <refused url> = %q, %v; want the refusal", reply.Text, err)
	}

	off := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	if _, err := off.bot.BriefURL(t.Context(), kyivTalks.URL); err == nil || !strings.Contains(err.Error(), "turned off") {
		t.Errorf("BriefURL without Pages: %v, want 'turned off'", err)
	}
}

func TestBriefText(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	m, err := w.bot.BriefText(" "+kyivTalks.Title+" ", kyivTalks.Text)
	if err != nil {
		t.Fatalf("BriefText: %v", err)
	}
	if m.Brief == nil || m.Brief.Title != kyivTalks.Title || len(m.Brief.Meetings) == 0 || len(m.Brief.Quotes) == 0 {
		t.Fatalf("BriefText = %+v, want the talks' brief with its meeting and quote", m.Brief)
	}
	tests := []struct {
		name, title, text, want string
	}{
		{"empty", "Title", " \n ", "Paste the article's text"},
		{"long title", strings.Repeat("t", bot.MaxPastedTitle+1), "Some text.", "title is 301 characters long; the most is 300"},
		{"long text", "", strings.Repeat("é", bot.MaxPastedText+1), "text is 100001 characters long; the most is 100000"},
		{"not UTF-8", "", "abc\xff", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := w.bot.BriefText(tt.title, tt.text)
			if _, ok := errors.AsType[*bot.InputError](err); !ok || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("BriefText = %+v, %v; want an InputError saying %q", m, err, tt.want)
			}
		})
	}
	// At the cap exactly, the text is taken.
	if _, err := w.bot.BriefText("", strings.Repeat("Word. ", bot.MaxPastedText/6)); err != nil {
		t.Errorf("BriefText at the cap: %v", err)
	}
}

// TestDigestNow checks that the preview of a chat's daily brief is the
// brief the scheduler then sends, and that previewing queues and changes
// nothing.
func TestDigestNow(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "42"}
	for _, cmd := range []string{"/subscribe ukraine", "/schedule 13:00 UTC"} {
		if _, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: cmd}); err != nil {
			t.Fatal(err)
		}
	}
	w.news(t, "https://one.example/feed", kyivTalks, chips)
	before, err := w.store.Chat(t.Context(), chat)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 6, 2, 13, 0, 0, 0, time.UTC)
	w.clock.Set(at)
	preview, err := w.bot.DigestNow(t.Context(), chat)
	if err != nil {
		t.Fatal(err)
	}
	if preview.Digest == nil || len(preview.Digest.Stories) != 1 || preview.Heading != "Daily brief, Mon 2 June 2025: ukraine" {
		t.Fatalf("DigestNow = %+v, want the one ukraine story under the day's heading", preview)
	}
	after, err := w.store.Chat(t.Context(), chat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("DigestNow changed the chat's settings (-before +after):\n%s", diff)
	}
	if n, err := w.store.Outbox(t.Context()); err != nil || n != 0 {
		t.Errorf("after DigestNow the outbox holds %d, %v; want 0", n, err)
	}

	w.runAt(t, at)
	sent := w.chat.messages()
	if len(sent) != 1 {
		t.Fatalf("the scheduler sent %d messages, want 1", len(sent))
	}
	if diff := cmp.Diff(preview, sent[0].msg); diff != "" {
		t.Errorf("the preview is not what was sent (-preview +sent):\n%s", diff)
	}

	// Since the last brief there is no news: the quiet-day line.
	w.clock.Set(at.Add(time.Hour))
	quiet, err := w.bot.DigestNow(t.Context(), chat)
	if err != nil || quiet.Digest != nil || quiet.Text != "A quiet day: nothing new on ukraine." {
		t.Errorf("DigestNow after the brief = %+v, %v; want the quiet-day line", quiet, err)
	}
}

func TestPreviewLinks(t *testing.T) {
	anchors := []struct{ url, want string }{
		{"https://one.example/a?b=1&c=\"2\"", `<a href="https://one.example/a?b=1&amp;c=&#34;2&#34;" rel="noopener noreferrer nofollow">`},
		{"http://one.example", `<a href="http://one.example" rel="noopener noreferrer nofollow">`},
		{"javascript:alert(1)", ""},
		{" JAVASCRIPT:alert(1)", ""},
		{"data:text/html,x", ""},
		{"//one.example/", ""},
		{"https:///path", ""},
	}
	for _, tt := range anchors {
		if got := bot.PreviewAnchor(tt.url); got != tt.want {
			t.Errorf("PreviewAnchor(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
	urls := []struct{ s, want string }{
		{"https://one.example/a.", "https://one.example/a"},
		{"http://one.example/wiki/Kyiv_(city) and more", "http://one.example/wiki/Kyiv_(city)"},
		{"(see http://one.example/a).", "http://one.example/a"},
		{"https://one.example/a<b>", "https://one.example/a"},
		{"https://one.example/“quoted”", "https://one.example/“quoted"},
		{"https://", ""},
		{"ftp://one.example", ""},
	}
	for _, tt := range urls {
		i := strings.Index(tt.s, "http")
		if i < 0 {
			i = 0
		}
		if got := tt.s[i:bot.BareURLEnd(tt.s, i)]; got != tt.want {
			t.Errorf("BareURLEnd(%q) takes %q, want %q", tt.s, got, tt.want)
		}
	}
	if s := "xhttps://one.example"; bot.BareURLEnd(s, 1) != 1 {
		t.Errorf("BareURLEnd(%q, 1) finds a URL inside a word", s)
	}
}
