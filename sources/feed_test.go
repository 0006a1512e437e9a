package sources

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"

	"github.com/newsbrief/newsbrief/brief"
)

func TestParseFeed(t *testing.T) {
	published := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		feed  string
		title string
		want  []Item
	}{
		{
			name: "rss 2.0",
			feed: `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>City &amp; Council</title><link>https://news.example/</link>
<item><title>Bridge &lt;b&gt;approved&lt;/b&gt;</title><link>/2025/bridge?x=1</link><guid>bridge-1</guid>
<dc:creator>Ana Lopes</dc:creator><pubDate>Tue, 01 Apr 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>The council approved a <b>bridge</b>.</p><p>Work starts in May.</p><script>x()</script>]]></description>
<enclosure url="/img/bridge.jpg" type="image/jpeg" length="1"/></item>
</channel></rss>`,
			title: "City & Council",
			want: []Item{{
				Article: brief.Article{ID: "bridge-1", URL: "https://news.example/2025/bridge?x=1", Title: "Bridge approved",
					Text: "The council approved a bridge.\nWork starts in May.", Published: published, Source: "City & Council"},
				GUID: "bridge-1", Author: "Ana Lopes", Image: "https://news.example/img/bridge.jpg",
				Summary: "The council approved a bridge.\nWork starts in May.",
			}},
		},
		{
			name: "atom with content and only an update time",
			feed: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><title type="html">Talks &lt;i&gt;resume&lt;/i&gt;</title><id>tag:example,2025:1</id><link href="https://news.example/talks"/>
<author><name>Sam Reed</name></author><updated>2025-04-01T12:00:00+02:00</updated>
<summary>Short.</summary><content type="html">&lt;p&gt;Long one.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry></feed>`,
			title: "Atom news",
			want: []Item{{
				Article: brief.Article{ID: "tag:example,2025:1", URL: "https://news.example/talks", Title: "Talks resume",
					Text: "Long one.\nTwo.", Published: published, Source: "Atom news"},
				GUID: "tag:example,2025:1", Author: "Sam Reed", Summary: "Short.", Updated: published,
			}},
		},
		{
			name: "json feed without guid",
			feed: `{"version":"https://jsonfeed.org/version/1.1","title":"JSON news","items":[
{"id":"","url":"https://news.example/j","title":"J","content_text":"Para one.\n\nPara two.","date_published":"2025-04-01T10:00:00Z","image":"https://news.example/j.png","authors":[{"name":"Kim"}]}]}`,
			title: "JSON news",
			want: []Item{{
				Article: brief.Article{ID: "https://news.example/j", URL: "https://news.example/j", Title: "J",
					Text: "Para one.\nPara two.", Published: published, Source: "JSON news"},
				Author: "Kim", Image: "https://news.example/j.png", Summary: "",
			}},
		},
		{
			name:  "iso-8859-1 declared",
			feed:  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me</title><guid>1</guid></item></channel></rss>",
			title: "Café",
			want:  []Item{{Article: brief.Article{ID: "1", Title: "Crème", Source: "Café"}, GUID: "1"}},
		},
		{
			name:  "windows-1252 declared",
			feed:  "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>\x93Quoted\x94 \x80</title></channel></rss>",
			title: "“Quoted” €",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed(strings.NewReader(tt.feed), "https://news.example/feed.xml")
			if err != nil {
				t.Fatalf("ParseFeed() error: %v", err)
			}
			if f.Title != tt.title {
				t.Errorf("ParseFeed() title = %q, want %q", f.Title, tt.title)
			}
			if diff := cmp.Diff(tt.want, f.Items); diff != "" {
				t.Errorf("ParseFeed() items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct {
		name string
		feed string
		is   error // when set, the error must match it
	}{
		{"not a feed", "<html><body>hello</body></html>", gofeed.ErrFeedTypeNotDetected},
		{"empty", "", gofeed.ErrFeedTypeNotDetected},
		{"malformed xml", `<rss version="2.0"><channel><title>x</title><item><title>a</item></channel>`, nil},
		{"undeclared latin-1 bytes", "<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>", nil},
		{"invalid json", `{"version":"https://jsonfeed.org/version/1","items":[`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed(strings.NewReader(tt.feed), "")
			if err == nil {
				t.Fatalf("ParseFeed(%q) = nil error, want one", tt.feed)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("ParseFeed(%q) error = %v, want %v", tt.feed, err, tt.is)
			}
		})
	}
}

func TestDiscoverFeeds(t *testing.T) {
	page := `<html><head><base href="https://news.example/sub/">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
<link rel="Alternate home" type="application/atom+xml; charset=utf-8" href="/atom">
<link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
<link rel="alternate" type="text/html" href="/fr/">
<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
</head><body><link rel="alternate" type="application/rss+xml" href="/body.rss"></body></html>`
	got, err := DiscoverFeeds(strings.NewReader(page), "https://news.example/page")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://news.example/sub/rss.xml", "https://news.example/atom", "https://cdn.example/feed.json", "https://news.example/body.rss"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiscoverFeeds() (-want +got):\n%s", diff)
	}
}

// TestParseFeedCapsItems: a feed whose item has a 9 MB title, a 2 MB
// summary and 3 MB of content yields an item within the caps, still
// starting with the feed's words.
func TestParseFeedCapsItems(t *testing.T) {
	title := strings.Repeat("word ", 9<<20/5)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("Outlet ", 1000) + `</title><item>` +
		`<title>` + title + `</title><link>https://x.example/1</link>` +
		`<description>` + strings.Repeat("a &amp; b ", 2<<20/10) + `</description>` +
		`<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[` + strings.Repeat("<p>Para <b>graph</b>.</p>", 3<<20/25) + `]]></content:encoded>` +
		`</item></channel></rss>`
	f, err := ParseFeed(strings.NewReader(feed), "https://x.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	for _, c := range []struct {
		field, got, start string
		max               int
	}{
		{"feed title", f.Title, "Outlet Outlet", MaxTitle},
		{"title", it.Title, "word word", MaxTitle},
		{"summary", it.Summary, "a & b a & b", MaxSummary},
		{"text", it.Text, "Para graph.\nPara graph.", MaxText},
	} {
		if n := utf8.RuneCountInString(c.got); n > c.max || !strings.HasPrefix(c.got, c.start) || !strings.HasSuffix(c.got, "…") {
			t.Errorf("%s: %d characters starting %q, want at most %d starting %q and cut with …", c.field, n, c.got[:min(len(c.got), 20)], c.max, c.start)
		}
	}
}
