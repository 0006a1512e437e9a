package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/slack"
	"github.com/newsbrief/newsbrief/bot/telegram"
	"github.com/newsbrief/newsbrief/bot/web"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/sources"
)

// previewers are the adapters' real renderers, as cmd/newsbrief passes
// them.
var previewers = []web.Renderer{{Platform: "Telegram", Render: telegram.Preview}, {Platform: "Slack", Render: slack.Preview}}

// withPreview gives the console the real renderers.
func withPreview(o *web.Options) { o.Preview = previewers }

// withOpenPages also gives the bot a fetcher without the guard, as if the
// operator allowed private addresses, so that loopback pages are read.
func withOpenPages(o *web.Options) {
	withPreview(o)
	o.Bot = bot.New(o.Store, brief.New(brief.Options{}), bot.Options{Clock: o.Clock,
		Pages: sources.NewFetcher(sources.NewClient(), 0)})
}

// previewColumn matches one platform's column on the Preview page.
var previewColumn = regexp.MustCompile(`(?s)<section class="pv-col" aria-labelledby="h-pv-(\w+)">\s*<h3[^>]*>[^<]*</h3>\s*(.*?)\s*</section>`)

// columns returns the HTML of each platform's column, checked to hold
// only what a preview may (bottest.CheckPreview), by platform.
func columns(t *testing.T, body string) map[string]string {
	t.Helper()
	cols := map[string]string{}
	for _, m := range previewColumn.FindAllStringSubmatch(body, -1) {
		bottest.CheckPreview(t, m[2], "div", "span", "p", "a", "b", "i", "u", "s", "code", "pre", "blockquote", "hr")
		cols[m[1]] = m[2]
	}
	if len(cols) != 2 || cols["telegram"] == "" || cols["slack"] == "" {
		t.Fatalf("the page has columns %v, want telegram and slack:\n%s", cols, body)
	}
	return cols
}

// articleServer serves an article page on loopback and counts requests.
func articleServer(t *testing.T, title, text string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/story" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
		for _, p := range strings.Split(text, "\n") {
			fmt.Fprintf(w, "<p>%s</p>", p)
		}
		fmt.Fprint(w, "</article></body></html>")
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestPreviewURL(t *testing.T) {
	a := bottest.GrainTalks
	srv, hits := articleServer(t, a.Title, a.Text)

	// The console's fetcher is the chat's: its guard refuses loopback.
	w := newWorld(t, withPreview)
	b := w.login()
	resp, body := b.get("/preview")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /preview = %s", resp.Status)
	}
	mustContain(t, "preview page", body, `action="/preview"`, `name="kind" value="url"`, `name="kind" value="text"`, `name="kind" value="chat"`, `aria-current="page"`)
	resp, body = b.post("/preview", url.Values{"kind": {"url"}, "url": {srv.URL + "/story"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("preview of a loopback URL = %s, want 422", resp.Status)
	}
	mustContain(t, "refused preview", body, `role="alert"`, "Could not read that page", "refused", `value="`+srv.URL+`/story"`, `aria-invalid="true"`)
	if n := hits.Load(); n != 0 {
		t.Errorf("the guard let %d requests reach the loopback server", n)
	}
	for _, tt := range []struct{ url, want string }{
		{"", "Type the address of an article."},
		{"ftp://files.example/a", "starting with http:// or https://"},
		{"https://x.example/" + strings.Repeat("a", 2100), "too long"},
	} {
		resp, body := b.post("/preview", url.Values{"kind": {"url"}, "url": {tt.url}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
			t.Errorf("preview of %.40q = %s, want 422 saying %q", tt.url, resp.Status, tt.want)
		}
	}

	// Allowed, the page is fetched and briefed, shown on both platforms.
	w = newWorld(t, withOpenPages)
	b = w.login()
	b.get("/preview")
	resp, body = b.post("/preview", url.Values{"kind": {"url"}, "url": {srv.URL + "/story"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview of an allowed URL = %s:\n%s", resp.Status, body)
	}
	mustContain(t, "URL preview", body, "The brief of "+srv.URL+"/story", "Nothing was sent or stored.")
	for platform, col := range columns(t, body) {
		mustContain(t, platform+" column", col, a.Title, "Donald Tusk")
	}
	if n, err := w.store.Outbox(t.Context()); err != nil || n != 0 {
		t.Errorf("after a preview the outbox holds %d, %v; want nothing", n, err)
	}
	// A page that is not there: the reason, and the URL kept.
	resp, body = b.post("/preview", url.Values{"kind": {"url"}, "url": {srv.URL + "/gone"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("preview of a missing page = %s, want 422", resp.Status)
	}
	mustContain(t, "failed fetch", body, "Could not read that page", "404", `value="`+srv.URL+`/gone"`)
}

func TestPreviewText(t *testing.T) {
	w := newWorld(t, withPreview)
	b := w.login()
	b.get("/preview")
	a := bottest.GrainTalks
	resp, body := b.post("/preview", url.Values{"kind": {"text"}, "title": {a.Title}, "text": {a.Text}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview of pasted text = %s:\n%s", resp.Status, body)
	}
	cols := columns(t, body)
	mustContain(t, "Telegram column", cols["telegram"], `class="tg-msg"`, "<b>"+a.Title+"</b>", "<i>Meetings</i>", "Donald Tusk")
	mustContain(t, "Slack column", cols["slack"], `class="sl-section"`, "<b>"+a.Title+"</b>", "<b>Meetings</b>", "Donald Tusk")
	// What was pasted stays in the form, for another try.
	mustContain(t, "text preview", body, `value="`+a.Title+`"`, "farmers on both sides")

	long := "START " + strings.Repeat("word ", bot.MaxPastedText/5)
	for _, tt := range []struct {
		name, title, text, want string
	}{
		{"empty", "Kept title", "  \n ", "Paste the article&#39;s text to brief it."},
		{"over the cap", "Kept title", long, "The text is 100005 characters long; the most is 100000."},
	} {
		resp, body := b.post("/preview", url.Values{"kind": {"text"}, "title": {tt.title}, "text": {tt.text}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: preview = %s, want 422", tt.name, resp.Status)
		}
		mustContain(t, tt.name, body, `role="alert"`, tt.want, `value="Kept title"`)
		if strings.Contains(body, `class="pv-col"`) {
			t.Errorf("%s: the refused preview shows columns", tt.name)
		}
		if strings.TrimSpace(tt.text) != "" && !strings.Contains(body, ">START word word") {
			t.Errorf("%s: the page lost the text typed", tt.name)
		}
	}
}

// themes are the words of ten unrelated stories about Ukraine, for a
// digest with one story each.
var themes = [][]string{
	{"Lviv", "Olena Kovalenko", "the grain board", "wheat", "silos", "barges", "harvest"},
	{"Odesa", "Taras Melnyk", "the port authority", "tankers", "cranes", "berths", "dredging"},
	{"Kharkiv", "Iryna Bondar", "the city council", "trams", "depots", "rails", "timetables"},
	{"Dnipro", "Andriy Shevchuk", "the steel works", "furnaces", "ingots", "coke", "smelting"},
	{"Chernihiv", "Oksana Lysenko", "the school board", "classrooms", "teachers", "textbooks", "exams"},
	{"Poltava", "Serhiy Tkachenko", "the gas company", "pipelines", "compressors", "valves", "pressure"},
	{"Vinnytsia", "Natalia Moroz", "the hospital trust", "surgeons", "wards", "ambulances", "vaccines"},
	{"Uzhhorod", "Bohdan Kravets", "the border service", "checkpoints", "queues", "lorries", "customs"},
	{"Rivne", "Halyna Savchuk", "the power utility", "turbines", "substations", "transformers", "outages"},
	{"Sumy", "Dmytro Polishchuk", "the farm union", "tractors", "fertiliser", "orchards", "irrigation"},
}

// storyArticle is an article on theme n, unlike the others, so that each
// becomes a story of its own in a digest.
func storyArticle(n int) brief.Article {
	t := themes[n]
	place, who, org, a, b, c, d := t[0], t[1], t[2], t[3], t[4], t[5], t[6]
	return brief.Article{ID: fmt.Sprint("s", n), URL: fmt.Sprintf("https://news%d.example/ukraine/%s", n, strings.ToLower(place)),
		Title: fmt.Sprintf("Ukraine: %s faces a winter of %s and %s", place, a, d),
		Text: strings.Join([]string{
			fmt.Sprintf("%s, who chairs %s in %s, met regional governors on Monday to discuss %s, %s and %s before the winter.", who, org, place, a, b, c),
			fmt.Sprintf("\"Without more %s and %s we cannot finish the %s this year,\" %s told reporters in %s after the meeting.", b, c, d, who, place),
			fmt.Sprintf("Officials in %s estimate that repairs to the %s will cost about %d million hryvnias and take until spring.", place, b, 40+n*7),
			fmt.Sprintf("%s said that the %s would publish a plan for %s and %s within two weeks.", who, org, a, d),
			fmt.Sprintf("Residents of %s have complained for months about the state of the %s and the delays to %s.", place, c, d),
			fmt.Sprintf("The government in Kyiv has promised to send engineers to %s to help with the %s and the %s.", place, b, c),
		}, "\n")}
}

// addNews stores articles fetched an hour before the console's clock.
func addNews(t *testing.T, w *world, arts ...brief.Article) {
	t.Helper()
	ctx := t.Context()
	src, err := w.store.AddSource(ctx, bot.Source{URL: "https://wire.example/feed", Title: "Wire"})
	if err != nil {
		t.Fatal(err)
	}
	var in []bot.Article
	for _, a := range arts {
		a.Source, a.Published = src.URL, start.Add(-time.Hour)
		in = append(in, bot.Article{Article: a, SourceID: src.ID, GUID: a.ID, CanonicalURL: a.URL,
			Fingerprint: brief.Fingerprint(a), Fetched: start.Add(-time.Hour)})
	}
	if _, err := w.store.AddArticles(ctx, in); err != nil {
		t.Fatal(err)
	}
}

func TestPreviewChat(t *testing.T) {
	w := newWorld(t, withPreview)
	seed(t, w) // telegram:42, "Newsroom <b>desk</b>", follows ukraine
	addNews(t, w, bottest.GrainTalks)
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	before, err := w.store.Chat(t.Context(), chat)
	if err != nil {
		t.Fatal(err)
	}
	outbox, err := w.store.Outbox(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b := w.login()
	_, body := b.get("/preview")
	mustContain(t, "chat picker", body, `type="radio" name="c" value="telegram:42"`, "Newsroom &lt;b&gt;desk&lt;/b&gt;")
	_, body = b.get("/preview?q=no-such-chat")
	mustContain(t, "empty search", body, "No chat matches")
	// A chat's page links here: its brief is shown at once, and the chat
	// offered and picked, whatever the search.
	_, body = b.get("/chat?c=telegram%3A42")
	mustContain(t, "chat page", body, `<a href="/preview?c=telegram%3a42">`)
	resp, body := b.get("/preview?q=no-such-chat&c=telegram%3A42")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /preview?c= = %s", resp.Status)
	}
	mustContain(t, "chat from the link", body, `value="telegram:42" required checked`, "as it would read now")
	columns(t, body)
	if resp, body := b.get("/preview?c=telegram%3A999"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "There is no chat telegram:999.") {
		t.Errorf("GET /preview?c=telegram:999 = %s, want 422 saying there is no such chat", resp.Status)
	}

	resp, body = b.post("/preview", url.Values{"kind": {"chat"}, "c": {"telegram:42"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview of a chat = %s:\n%s", resp.Status, body)
	}
	mustContain(t, "chat preview", body, "The daily brief of Newsroom &lt;b&gt;desk&lt;/b&gt; as it would read now")
	heading := "Daily brief, " + start.In(mustZone(t, "Europe/Berlin")).Format("Mon 2 January 2006") + ": ukraine"
	for platform, col := range columns(t, body) {
		mustContain(t, platform+" column", col, heading, bottest.GrainTalks.Title)
	}
	// Nothing was queued, and the chat's schedule did not move.
	after, err := w.store.Chat(t.Context(), chat)
	if err != nil {
		t.Fatal(err)
	}
	if !after.NextDigest.Equal(before.NextDigest) || !after.LastDigest.Equal(before.LastDigest) {
		t.Errorf("the preview moved the chat's brief: next %v last %v, was %v %v", after.NextDigest, after.LastDigest, before.NextDigest, before.LastDigest)
	}
	if n, err := w.store.Outbox(t.Context()); err != nil || n != outbox {
		t.Errorf("after a preview the outbox holds %d, %v; want %d as before", n, err, outbox)
	}

	for _, tt := range []struct{ c, want string }{
		{"telegram:999", "There is no chat telegram:999."},
		{"", "Pick a chat."},
	} {
		resp, body := b.post("/preview", url.Values{"kind": {"chat"}, "c": {tt.c}, "q": {"desk"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("preview of chat %q = %s, want 422", tt.c, resp.Status)
		}
		mustContain(t, "refused chat", body, `role="alert"`, tt.want, `name="q" type="search" value="desk"`)
	}
	if resp, _ := b.post("/preview", url.Values{"kind": {"nonsense"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a preview of kind nonsense = %s, want 404", resp.Status)
	}
	if resp, _ := b.post("/preview", url.Values{"kind": {"chat"}, "c": {"telegram:42"}, "csrf": {""}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a preview without its CSRF token = %s, want 403", resp.Status)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestPreviewEscapes shows hostile text and links, pasted and stored, in
// both columns, and checks that each is shown as text and no markup or
// script link gets through.
func TestPreviewEscapes(t *testing.T) {
	w := newWorld(t, withPreview)
	seed(t, w)
	hostile := bottest.GrainTalks
	hostile.ID, hostile.URL = "evil", "javascript:alert(1)"
	hostile.Title = `Ukraine talks <script>alert("t")</script>`
	hostile.Text = `"We agree <img src=x onerror=alert(2)>," said Donald Tusk, the Polish Prime Minister, in Warsaw on Monday.` + "\n" + hostile.Text
	addNews(t, w, hostile)
	b := w.login()
	b.get("/preview")
	for _, form := range []url.Values{
		{"kind": {"text"}, "title": {hostile.Title}, "text": {hostile.Text}},
		{"kind": {"chat"}, "c": {"telegram:42"}},
	} {
		resp, body := b.post("/preview", form)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("preview %s = %s:\n%s", form.Get("kind"), resp.Status, body)
		}
		for _, bad := range []string{"<script", "<img", `href="javascript`} {
			if strings.Contains(body, bad) {
				t.Errorf("preview %s has %q", form.Get("kind"), bad)
			}
		}
		for platform, col := range columns(t, body) {
			mustContain(t, platform+" column of "+form.Get("kind"), col, "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;")
		}
	}
}

// TestPreviewPageSize checks that a full daily brief, its eight stories
// on both platforms, keeps the page under 100 KB.
func TestPreviewPageSize(t *testing.T) {
	w := newWorld(t, withPreview)
	seed(t, w)
	var arts []brief.Article
	for i := range themes {
		arts = append(arts, storyArticle(i))
	}
	addNews(t, w, arts...)
	b := w.login()
	b.get("/preview")
	resp, body := b.post("/preview", url.Values{"kind": {"chat"}, "c": {"telegram:42"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview = %s", resp.Status)
	}
	cols := columns(t, body)
	if n := strings.Count(cols["slack"], `class="sl-msg"`); n < 9 {
		t.Errorf("the Slack column has %d posts, want a full digest: the list and eight stories in its thread", n)
	}
	t.Logf("a full digest's preview page: %d bytes (Telegram column %d, Slack column %d)", len(body), len(cols["telegram"]), len(cols["slack"]))
	if len(body) >= 100_000 {
		t.Errorf("the page is %d bytes, want under 100 KB", len(body))
	}
}
