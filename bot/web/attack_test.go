package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"golang.org/x/net/html"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/postgres"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/web"
	"github.com/newsbrief/newsbrief/brief"
)

// Attacks on the console, each from the outside: real HTTP on loopback
// against a real store.

// TestLoginFloodIsLimited sends many wrong passwords at once from one
// client: the limit must hold for tries in flight together, not only for
// tries one after another, or a burst of requests gets every guess
// checked before the first miss is counted.
func TestLoginFloodIsLimited(t *testing.T) {
	w := newWorld(t, nil)
	b := w.browser()
	b.get("/login")
	token := b.csrf
	const tries = 40
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range tries {
		wg.Go(func() {
			form := url.Values{"password": {"guess"}, "csrf": {token}}
			req, _ := http.NewRequest("POST", w.srv.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			u, _ := url.Parse(w.srv.URL)
			for _, c := range b.c.Jar.Cookies(u) {
				req.AddCookie(c)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusUnauthorized] > 9 || codes[http.StatusTooManyRequests] != tries-codes[http.StatusUnauthorized] {
		t.Errorf("%d wrong passwords at once: %d checked (401), %d held (429); want at most 9 checked, the rest held", tries, codes[http.StatusUnauthorized], codes[http.StatusTooManyRequests])
	}
}

// TestLoginLimitPerIPv6Network counts an IPv6 client by its /64: one
// site holds a whole /64, and a limit per address would give it 2^64
// tries.
func TestLoginLimitPerIPv6Network(t *testing.T) {
	w := newWorld(t, func(o *web.Options) { o.BehindProxy = true })
	b := w.browser()
	b.get("/login")
	for i := range 9 {
		b.header.Set("X-Forwarded-For", "2001:db8:1:2::"+itoa(int64(i+1)))
		if resp, _ := b.post("/login", url.Values{"password": {"guess"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("miss %d = %s, want 401", i+1, resp.Status)
		}
	}
	b.header.Set("X-Forwarded-For", "2001:db8:1:2:ffff::99")
	if resp, _ := b.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("tenth try from another address of the same /64 = %s, want 429", resp.Status)
	}
	other := w.browser()
	other.header.Set("X-Forwarded-For", "2001:db8:1:3::1")
	other.get("/login")
	if resp, _ := other.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another /64 = %s, want 303", resp.Status)
	}
}

// hostile are ways to write a redirect target that passes a check for
// "starts with one /" yet leads a browser to another site.
var hostile = []string{
	"//evil.example/",
	`/\evil.example/`,
	"/\t/evil.example/",
	"/\r/evil.example/",
	"/\n/evil.example/",
	"https://evil.example/",
	"/%2F%2Fevil.example", // stays a path: fine either way
	" //evil.example/",
	"\t//evil.example/",
	"/\x00/evil.example/",
}

// leavesSite reports whether a browser following Location loc from the
// console would end up elsewhere: browsers drop tabs and newlines from a
// URL, and leading spaces and control characters, before they read it.
func leavesSite(loc string) bool {
	loc = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, loc)
	loc = strings.TrimLeft(loc, " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")
	loc = strings.ReplaceAll(loc, `\`, "/")
	u, err := url.Parse(loc)
	return err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(loc, "/")
}

func TestNoOpenRedirect(t *testing.T) {
	w := newWorld(t, nil)
	op := w.login()
	src := addTestSource(t, w)
	for _, next := range hostile {
		b := w.browser()
		b.get("/login?next=" + url.QueryEscape(next))
		resp := b.rawPost("/login", url.Values{"password": {password}, "next": {next}, "csrf": {b.csrf}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || leavesSite(loc) {
			t.Errorf("login with next=%q = %s to %q", next, resp.Status, loc)
		}
		resp = op.rawPost("/sources/"+itoa(src), url.Values{"action": {"fetch"}, "back": {next}, "csrf": {op.csrf}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || leavesSite(loc) {
			t.Errorf("source action with back=%q = %s to %q", next, resp.Status, loc)
		}
	}
}

// rawPost posts form with the browser's cookies and returns the answer
// as it came, without the client's reading of its Location (which
// refuses some of the hostile ones a browser follows).
func (b *browser) rawPost(path string, form url.Values) *http.Response {
	b.w.t.Helper()
	req, _ := http.NewRequest("POST", b.w.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range b.c.Jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		b.w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// addTestSource stores a source and returns its id.
func addTestSource(t *testing.T, w *world) int64 {
	t.Helper()
	src, err := w.store.AddSource(t.Context(), bot.Source{URL: "https://one.example/feed", Title: "One"})
	if err != nil {
		t.Fatal(err)
	}
	return src.ID
}

// routes reads the console's routes from the source of web.go, so that a
// route added there is attacked here without a list to keep.
func routes(t *testing.T) (gets, posts []string) {
	t.Helper()
	src, err := os.ReadFile("web.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`s\.mux\.Handle(?:Func)?\("(GET|POST) ([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		path := strings.NewReplacer("{$}", "", "{id}", "1", "{action}", "send").Replace(m[2])
		if strings.HasSuffix(path, "/static/") {
			path += "style.css"
		}
		if m[1] == "GET" {
			gets = append(gets, path)
		} else {
			posts = append(posts, path)
		}
	}
	if len(gets) < 5 || len(posts) < 5 {
		t.Fatalf("found %d GET and %d POST routes in web.go; the pattern no longer reads them", len(gets), len(posts))
	}
	return gets, posts
}

// TestEveryRoute attacks each route: a POST without the CSRF token, or
// signed out, is refused and changes nothing; a GET signed out shows no
// page but the login and the static files; and every answer, errors and
// files included, carries the headers that keep the page to itself.
func TestEveryRoute(t *testing.T) {
	w := newWorld(t, nil)
	op := w.login()
	src := addTestSource(t, w)
	gets, posts := routes(t)
	checkHeaders := func(what string, resp *http.Response) {
		t.Helper()
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s = %s lacks the security headers: %v", what, resp.Status, h)
		}
	}
	anon := w.browser()
	for _, p := range posts {
		p = strings.Replace(p, "/sources/1", "/sources/"+itoa(src), 1)
		form := url.Values{"csrf": {""}, "action": {"remove"}, "c": {"telegram:1"}, "url": {"https://one.example/x"}}
		resp, _ := op.post(p, form)
		checkHeaders("POST "+p+" without a token", resp)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s signed in without the CSRF token = %s, want 403", p, resp.Status)
		}
		anon.get("/login")
		form.Set("csrf", anon.csrf) // the login form's token is no key to the rest
		resp, _ = anon.post(p, form)
		checkHeaders("POST "+p+" signed out", resp)
		if p != "/login" && resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s signed out = %s, want 403", p, resp.Status)
		}
	}
	if _, err := w.store.SourceRow(t.Context(), src); err != nil {
		t.Errorf("the source after refused posts: %v", err)
	}
	for _, p := range append(gets, "/nowhere", "/static/nothing.css") {
		resp, _ := anon.get(p)
		checkHeaders("GET "+p+" signed out", resp)
		public := p == "/login" || strings.HasPrefix(p, "/static/")
		if !public && (resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login")) {
			t.Errorf("GET %s signed out = %s to %q, want 303 to the login", p, resp.Status, resp.Header.Get("Location"))
		}
		resp, _ = op.get(p)
		checkHeaders("GET "+p+" signed in", resp)
	}
	// Other methods reach no action.
	for _, m := range []string{"PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(m, w.srv.URL+"/sources/"+itoa(src)+"?action=remove", strings.NewReader("action=remove&csrf="+url.QueryEscape(op.csrf)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, _ := op.do(req)
		checkHeaders(m, resp)
		if resp.StatusCode < 400 {
			t.Errorf("%s /sources/%d = %s, want a refusal", m, src, resp.Status)
		}
	}
	if _, err := w.store.SourceRow(t.Context(), src); err != nil {
		t.Errorf("the source after other methods: %v", err)
	}
}

// pgWorld starts a console over a PostgreSQL store in a schema of its
// own, or skips when NEWSBRIEF_TEST_POSTGRES names no server (CI sets it).
func pgWorld(t *testing.T) *world { return newWorldOn(t, pgStore(t, pgSchema(t)), nil) }

// pgSchema makes an empty schema and returns a URL whose connections use
// it.
func pgSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if base == "" {
		t.Skip("NEWSBRIEF_TEST_POSTGRES is not set")
	}
	name := fmt.Sprintf("nb_web_%d", time.Now().UnixNano())
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), base); err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// pgStore opens a store on the schema at u, as one instance does.
func pgStore(t *testing.T, u string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestListsTakeAnySearchAndPage asks every list for searches and pages
// a person or a script could type: each answers with the list, never
// with the database's refusal.
func TestListsTakeAnySearchAndPage(t *testing.T) {
	for _, tt := range []struct {
		name string
		w    func(t *testing.T) *world
	}{{"sqlite", func(t *testing.T) *world { return newWorld(t, nil) }}, {"postgres", pgWorld}} {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.w(t)
			b := w.login()
			addTestSource(t, w)
			queries := []string{
				"a" + strings.Repeat("é", 5000), // cut at the bound, it must stay UTF-8
				"\xff\xfe", "a\x00b", strings.Repeat("%_\\", 300), "'; DROP TABLE sources; --",
			}
			pages := []string{"-5", "0", "9223372036854775807", "4611686018427387904", "99999999999999999999999", "1e9", "x", "368934881474191033"}
			for _, list := range []string{"/sources", "/chats", "/outbox", "/outbox?status=dead", "/preview"} {
				sep := "?"
				if strings.Contains(list, "?") {
					sep = "&"
				}
				for _, q := range queries {
					resp, body := b.get(list + sep + "q=" + url.QueryEscape(q))
					if resp.StatusCode != http.StatusOK || !utf8.ValidString(body) {
						t.Errorf("GET %s with a search of %d bytes = %s (valid UTF-8: %v):\n%.300s", list, len(q), resp.Status, utf8.ValidString(body), body)
					}
				}
				for _, p := range pages {
					resp, body := b.get(list + sep + "page=" + p)
					if resp.StatusCode != http.StatusOK {
						t.Errorf("GET %s page=%s = %s:\n%.300s", list, p, resp.Status, body)
					}
				}
			}
			// A chat named with bytes no chat has is not there; it does not
			// take the database down with it.
			for _, c := range []string{"telegram:a\x00b", "telegram:\xff", "slack:C1/\x00"} {
				if resp, body := b.get("/chat?c=" + url.QueryEscape(c)); resp.StatusCode != http.StatusNotFound {
					t.Errorf("GET /chat?c=%q = %s, want 404:\n%.300s", c, resp.Status, body)
				}
				if resp, body := b.get("/preview?c=" + url.QueryEscape(c)); resp.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("GET /preview?c=%q = %s, want 422:\n%.300s", c, resp.Status, body)
				}
				if resp, body := b.post("/chat/send", url.Values{"c": {c}}); resp.StatusCode != http.StatusNotFound {
					t.Errorf("POST /chat/send c=%q = %s, want 404:\n%.300s", c, resp.Status, body)
				}
			}
			// A page past the end says so, not the first page's rows (here
			// (page-1)*50 wraps round to -16).
			_, body := b.get("/sources?page=368934881474191033")
			if strings.Contains(body, "one.example") {
				t.Errorf("a page far past the end shows the first page's rows:\n%s", body)
			}
		})
	}
}

// xss is stored text written to run in the console if shown unescaped.
const xss = `"'><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>`

// unsafeHTML returns the first element of page that escaped text never
// becomes, as a browser would parse it: a script, an image, an event
// handler, a link or form to javascript:; "" if there is none.
func unsafeHTML(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" || tok.Data == "img" || tok.Data == "iframe" {
				return tok.String()
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				link := a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction"
				if strings.HasPrefix(a.Key, "on") || link && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:")) {
					return tok.String()
				}
			}
		}
	}
}

// TestStoredTextIsEscaped stores hostile text everywhere a page shows
// stored or typed text (a source's title, URL, error and hint; a chat's
// title, topic and pause reason; an outbox message's reason; an
// article's title, text and link; a flash; a search; a 404's path; pasted
// text and a refused preview URL) and looks for it unescaped.
func TestStoredTextIsEscaped(t *testing.T) {
	w := newWorld(t, withPreview)
	ctx := t.Context()
	src, err := w.store.AddSource(ctx, bot.Source{URL: `https://one.example/feed?x="><script>alert(1)</script>`, Title: xss})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.SaveState(ctx, bot.SourceState{SourceID: src.ID, Failures: 1, LastPoll: start, LastError: xss, Hint: xss}); err != nil {
		t.Fatal(err)
	}
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	if _, err := w.bot.SetSchedule(ctx, chat, "08:00 UTC"); err != nil {
		t.Fatal(err)
	}
	if err := w.store.SetChatTitle(ctx, chat, xss); err != nil {
		t.Fatal(err)
	}
	for _, topic := range []string{"ukraine", `"<script>alert(1)</script><img src=x onerror=alert(2)>"`} {
		if _, err := w.bot.Follow(ctx, chat, topic); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.bot.PauseChat(ctx, chat, xss); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Enqueue(ctx, w.store, bot.Message{Chat: chat, Text: xss}, "test:1", start); err != nil {
		t.Fatal(err)
	}
	if err := w.store.Drop(ctx, 1, xss); err != nil {
		t.Fatal(err)
	}
	for i, u := range []string{"javascript:alert(4)", "https://one.example/a\"><script>alert(5)</script>"} {
		text := "Ukraine's parliament met in Kyiv on Monday to vote on the budget. " + xss + ` "We agreed <script>alert(6)</script>," the speaker said.`
		if _, err := w.store.AddArticles(ctx, []bot.Article{{Article: brief.Article{ID: u, URL: u, Title: "Ukraine " + xss, Text: text,
			Published: start.Add(-time.Hour)}, SourceID: src.ID, GUID: u, CanonicalURL: u, Fingerprint: itoa(int64(i)), Fetched: start.Add(-time.Hour)}}); err != nil {
			t.Fatal(err)
		}
	}
	b := w.login()
	check := func(what, body string) {
		t.Helper()
		if m := unsafeHTML(body); m != "" {
			t.Errorf("%s shows %s unescaped", what, m)
		}
	}
	for _, p := range []string{"/", "/sources", "/chats", "/chat?c=telegram%3A42", "/outbox", "/outbox?status=dead",
		"/preview?c=telegram%3A42", "/sources?q=" + url.QueryEscape(xss), "/chats?q=" + url.QueryEscape(xss),
		"/preview?q=" + url.QueryEscape(xss), "/" + url.PathEscape(xss)} {
		_, body := b.get(p)
		check("GET "+p, body)
		if strings.HasPrefix(p, "/preview?c=") {
			mustContain(t, "the digest's preview", body, `class="tg-msg"`, `class="sl-msg"`, "Ukraine &#34;&#39;&gt;&lt;script&gt;")
		}
	}
	// A flash names the source by its title.
	check("the flash after pausing", b.follow(b.post("/sources/"+itoa(src.ID), url.Values{"action": {"pause"}})))
	// Pasted text, and a refused URL shown again as typed.
	_, body := b.post("/preview", url.Values{"kind": {"text"}, "title": {xss}, "text": {strings.Repeat("The minister met the council in Kyiv. "+xss+"\n", 5) +
		"[click](javascript:alert(7)) <javascript:alert(8)|click> <a href=\"javascript:alert(9)\">x</a>"}})
	check("the preview of pasted text", body)
	_, body = b.post("/preview", url.Values{"kind": {"url"}, "url": {"javascript:alert(10)//" + xss}})
	check("a refused preview URL", body)
	_, body = b.post("/sources/add", url.Values{"url": {"javascript:" + xss}, "title": {xss}})
	check("a refused source", body)
}

// TestConsoleURLsGoThroughTheGuard adds, imports and previews URLs that
// point inside: loopback in its many spellings, the cloud metadata
// address, a private name, local files. None is added, and nothing
// reaches the loopback server listening for them. A local path is
// refused even when the operator allows private sources: a web form
// must not read the server's files.
func TestConsoleURLsGoThroughTheGuard(t *testing.T) {
	var hits atomic.Int32
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<rss version="2.0"><channel><title>inside</title></channel></rss>`)
	}))
	t.Cleanup(inside.Close)
	port := inside.URL[strings.LastIndexByte(inside.URL, ':')+1:]
	targets := []string{
		inside.URL + "/feed", "http://localhost:" + port + "/feed", "http://127.1:" + port + "/", "http://0x7f000001:" + port + "/",
		"http://2130706433:" + port + "/", "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://0.0.0.0:" + port + "/",
		"http://169.254.169.254/latest/meta-data/", "http://lan.example/feed", "http://10.0.0.1/", "http://user:pw@127.0.0.1:" + port + "/",
		"file:///etc/passwd", "/etc/passwd", "../../etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:" + port + "/",
	}
	var opml strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 300 {
		fmt.Fprintf(&opml, `<outline text="n%d" type="rss" xmlUrl="%s"/>`, i, html.EscapeString(targets[i%len(targets)]))
	}
	opml.WriteString(`</body></opml>`)
	for _, allow := range []bool{false, true} {
		w := newWorld(t, func(o *web.Options) { withPreview(o); o.AllowPrivateSources = allow })
		b := w.login()
		b.get("/sources")
		for _, u := range []string{"file:///etc/passwd", "/etc/passwd", "etc/passwd", "ftp://one.example/"} {
			if resp, body := b.post("/sources/add", url.Values{"url": {u}}); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("allow private %v: add %q = %s, want 422:\n%.300s", allow, u, resp.Status, body)
			}
		}
		if allow {
			continue // the operator allowed the addresses inside
		}
		for _, u := range targets {
			b.post("/sources/add", url.Values{"url": {u}})
			b.post("/preview", url.Values{"kind": {"url"}, "url": {u}})
		}
		resp, body := b.postFile("/sources/import", "opml", "inside.opml", opml.String())
		body = b.follow(resp, body)
		mustContain(t, "after the import", body, "Imported 0 sources")
		if srcs, err := w.store.Sources(t.Context()); err != nil || len(srcs) != 0 {
			t.Errorf("sources after adding and importing URLs inside = %d, %v; want none", len(srcs), err)
		}
		if n := hits.Load(); n != 0 {
			t.Errorf("the server inside got %d requests from the console", n)
		}
	}
}

// TestTooBigIsRefused posts what no form needs: the whole body is
// refused before anything is read into memory or stored.
func TestTooBigIsRefused(t *testing.T) {
	w := newWorld(t, nil)
	b := w.login()
	b.get("/sources")
	big := strings.Repeat("x", 3<<20)
	if resp, _ := b.post("/sources/add", url.Values{"url": {"https://one.example/" + big}}); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 3 MB form = %s, want 413", resp.Status)
	}
	if resp, _ := b.postFile("/sources/import", "opml", "big.opml", `<opml><body><outline xmlUrl="https://one.example/`+big+`"/></body></opml>`); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 3 MB OPML file = %s, want 413", resp.Status)
	}
	if resp, _ := b.post("/preview", url.Values{"kind": {"text"}, "text": {strings.Repeat("Words of an article. ", 6000)}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("pasted text over the limit = %s, want 422", resp.Status)
	}
	if resp, _ := b.post("/preview", url.Values{"kind": {"url"}, "url": {"https://one.example/" + strings.Repeat("a", 5000)}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a 5,000-character preview URL = %s, want 422", resp.Status)
	}
	fresh := w.browser()
	fresh.get("/login")
	if resp, _ := fresh.post("/login", url.Values{"password": {big}}); resp.StatusCode < 400 {
		t.Errorf("a 3 MB password = %s, want a refusal", resp.Status)
	}
	if srcs, _ := w.store.Sources(t.Context()); len(srcs) != 0 {
		t.Errorf("sources after refused posts: %d", len(srcs))
	}
}

// failing is a store whose every console read fails with an error that
// names the database, password and all, as a driver's error may.
type failing struct {
	web.Store
	on, sessions atomic.Bool // the lists fail; the sessions too
}

var errDown = errors.New(`connect to postgres://nb:hunter2@db.internal:5432/nb: connection refused`)

func (f *failing) err() error {
	if f.on.Load() {
		return errDown
	}
	return nil
}

func (f *failing) Overview(ctx context.Context, since time.Time, n int) (bot.Overview, error) {
	if err := f.err(); err != nil {
		return bot.Overview{}, err
	}
	return f.Store.Overview(ctx, since, n)
}

func (f *failing) SourceRows(ctx context.Context, p bot.Page) ([]bot.SourceRow, int, error) {
	if err := f.err(); err != nil {
		return nil, 0, err
	}
	return f.Store.SourceRows(ctx, p)
}

func (f *failing) ChatRows(ctx context.Context, p bot.Page) ([]bot.ChatRow, int, error) {
	if err := f.err(); err != nil {
		return nil, 0, err
	}
	return f.Store.ChatRows(ctx, p)
}

func (f *failing) ChatRow(ctx context.Context, c bot.ChatRef) (bot.ChatRow, error) {
	if err := f.err(); err != nil {
		return bot.ChatRow{}, err
	}
	return f.Store.ChatRow(ctx, c)
}

func (f *failing) Deliveries(ctx context.Context, st bot.DeliveryStatus, p bot.Page) ([]bot.Delivery, int, error) {
	if err := f.err(); err != nil {
		return nil, 0, err
	}
	return f.Store.Deliveries(ctx, st, p)
}

func (f *failing) Sources(ctx context.Context) ([]bot.Source, error) {
	if err := f.err(); err != nil {
		return nil, err
	}
	return f.Store.Sources(ctx)
}

func (f *failing) Session(ctx context.Context, h string, now time.Time) (bot.WebSession, error) {
	if f.sessions.Load() {
		return bot.WebSession{}, errDown
	}
	return f.Store.Session(ctx, h, now)
}

// TestPagesWhenTheStoreFails takes the store away under a signed-in
// operator: every page says so in a sentence, with the headers, and
// shows neither the driver's error nor the database's password; the
// log, where the details go, shows no session token or password hash.
func TestPagesWhenTheStoreFails(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &failing{Store: s}
	var log bytes.Buffer
	var logMu sync.Mutex
	hash := testHash(t)
	w := newWorldOn(t, f, func(o *web.Options) {
		o.PasswordHash = hash
		o.Log = slog.New(slog.NewTextHandler(lockedWriter{&logMu, &log}, nil))
	})
	b := w.login()
	f.on.Store(true)
	gets, _ := routes(t)
	var pages []string
	for _, p := range append(gets, "/chat?c=telegram%3A1", "/preview?c=telegram%3A1", "/sources/export.opml") {
		if p != "/login" && p != "/chat" && !strings.HasPrefix(p, "/static/") {
			pages = append(pages, p)
		}
	}
	for _, sessions := range []bool{false, true} {
		f.sessions.Store(sessions)
		for _, p := range pages {
			resp, body := b.get(p)
			if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "database is not answering") ||
				resp.Header.Get("Content-Security-Policy") == "" {
				t.Errorf("GET %s with the store down (sessions too: %v) = %s, want 500 saying the database is not answering:\n%.400s", p, sessions, resp.Status, body)
			}
			if strings.Contains(body, "hunter2") || strings.Contains(body, "db.internal") {
				t.Errorf("GET %s with the store down shows the driver's error:\n%s", p, body)
			}
		}
	}
	// The login page still shows; signing in says the database is down.
	fresh := w.browser()
	if resp, body := fresh.get("/login"); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /login with the store down = %s:\n%.400s", resp.Status, body)
	}
	f.Store.(*sqlite.Store).Close()
	if resp, body := fresh.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusInternalServerError || strings.Contains(body, "sql:") {
		t.Errorf("sign in with the store closed = %s:\n%.400s", resp.Status, body)
	}
	logMu.Lock()
	defer logMu.Unlock()
	out := log.String()
	if !strings.Contains(out, "connection refused") {
		t.Errorf("the log does not say why the pages failed:\n%s", out)
	}
	u, _ := url.Parse(w.srv.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "newsbrief_session" && strings.Contains(out, c.Value) {
			t.Errorf("the log holds the session token")
		}
	}
	if strings.Contains(out, hash) || strings.Contains(out, password) || strings.Contains(out, b.csrf) {
		t.Errorf("the log holds the password, its hash or a CSRF token:\n%s", out)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestSessionsAcrossInstances signs in on one instance and out on
// another sharing its PostgreSQL: the session ends on both, and a
// session made under an old password ends when the password changes.
func TestSessionsAcrossInstances(t *testing.T) {
	u := pgSchema(t)
	a := newWorldOn(t, pgStore(t, u), nil)
	b := newWorldOn(t, pgStore(t, u), nil)
	op := a.login()
	srvURL, _ := url.Parse(a.srv.URL)
	var token string
	for _, c := range op.c.Jar.Cookies(srvURL) {
		if c.Name == "newsbrief_session" {
			token = c.Value
		}
	}
	on := func(w *world) *browser {
		br := w.browser()
		u, _ := url.Parse(w.srv.URL)
		br.c.Jar.SetCookies(u, []*http.Cookie{{Name: "newsbrief_session", Value: token}})
		return br
	}
	other := on(b)
	if resp, _ := other.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the session on the other instance = %s, want 200", resp.Status)
	}
	if resp, _ := other.post("/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on the other instance = %s", resp.Status)
	}
	if resp, _ := op.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logging out on the other instance, the first = %s, want 303 to the login", resp.Status)
	}

	// The password changes (a new hash, an instance restarted with it):
	// the sessions of the old one are over.
	op = a.login()
	for _, c := range op.c.Jar.Cookies(srvURL) {
		if c.Name == "newsbrief_session" {
			token = c.Value
		}
	}
	h, err := web.HashPassword("a new password, after a leak")
	if err != nil {
		t.Fatal(err)
	}
	c := newWorldOn(t, pgStore(t, u), func(o *web.Options) { o.PasswordHash = h })
	if resp, _ := on(c).get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a session made under the old password, on an instance with the new = %s, want 303 to the login", resp.Status)
	}
}

// TestSourceTitleIsBounded adds a source whose title is a megabyte: it
// would be stored and sent with every Sources page after.
func TestSourceTitleIsBounded(t *testing.T) {
	site := feedServer(t)
	w := newWorld(t, func(o *web.Options) { o.AllowPrivateSources = true })
	b := w.login()
	b.get("/sources")
	for i, title := range []string{strings.Repeat("T", 1<<20), "bell\x07 and\x00nul", "\xff\xfe"} {
		resp, body := b.post("/sources/add", url.Values{"url": {site.URL + "/feed.xml?n=" + itoa(int64(i))}, "title": {title}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a title of %d bytes = %s, want 422:\n%.300s", len(title), resp.Status, body)
		}
	}
	if srcs, err := w.store.Sources(t.Context()); err != nil || len(srcs) != 0 {
		t.Errorf("sources after refused titles: %d, %v", len(srcs), err)
	}
}

// TestChatFormsTakeAnyText posts a chat's forms with text no person
// types: a NUL, invalid UTF-8, a megabyte. Each is refused or does
// nothing, with a page that says so, never the database's refusal.
func TestChatFormsTakeAnyText(t *testing.T) {
	w := pgWorld(t)
	ctx := t.Context()
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	if _, err := w.bot.SetSchedule(ctx, chat, "08:00 UTC"); err != nil {
		t.Fatal(err)
	}
	b := w.login()
	b.get("/chat?c=telegram%3A42")
	for _, text := range []string{"a\x00b", "\xff\xfe", strings.Repeat("ukraine ", 1<<17)} {
		for _, f := range []struct{ action, field string }{{"follow", "topic"}, {"unfollow", "drop"}, {"schedule", "schedule"}, {"quiet", "quiet"}} {
			resp, body := b.post("/chat/"+f.action, url.Values{"c": {chat.String()}, f.field: {text}})
			if resp.StatusCode >= 500 || len(resp.Header.Get("Set-Cookie")) > 4096 {
				t.Errorf("POST /chat/%s with %d bytes of %q… = %s, cookie of %d bytes:\n%.300s", f.action, len(text), text[:2], resp.Status, len(resp.Header.Get("Set-Cookie")), body)
			}
		}
	}
}

// TestFlashFitsACookie makes actions whose message quotes what was
// sent, made huge: the flash, a cookie, stays under the 4 KB a browser
// keeps, or the operator would see no message at all.
func TestFlashFitsACookie(t *testing.T) {
	w := newWorld(t, nil)
	b := w.login()
	b.get("/sources")
	var opml strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 5 {
		fmt.Fprintf(&opml, `<outline text="n%d" type="rss" xmlUrl="http://10.0.0.%d/%s"/>`, i, i+1, strings.Repeat("%3C", 100_000))
	}
	opml.WriteString(`</body></opml>`)
	resp, body := b.postFile("/sources/import", "opml", "long.opml", opml.String())
	if n := len(resp.Header.Get("Set-Cookie")); resp.StatusCode != http.StatusSeeOther || n > 4096 {
		t.Errorf("import of long refused URLs = %s with a cookie of %d bytes, want 303 and at most 4096:\n%.300s", resp.Status, n, body)
	}
	mustContain(t, "after the import", b.follow(resp, body), "5 refused", "10.0.0.1")
}
