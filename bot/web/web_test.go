package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"golang.org/x/crypto/bcrypt"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/web"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/sources"
)

// password is the operator's password in these tests.
const password = "correct horse battery staple"

// testHash is password's argon2id hash at a test's cost: the real cost
// (64 MiB a check) would make each login slow under -race for nothing.
func testHash(tb testing.TB) string {
	tb.Helper()
	h, err := sharedHash()
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// sharedHash is the one hash of the test password: instances sharing a
// database share their configuration, so they check the same hash, and
// a session is bound to the hash it was made under.
var sharedHash = sync.OnceValues(func() (string, error) {
	return argon2id.CreateHash(password, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
})

// world is a console over a real SQLite store, served on loopback.
type world struct {
	t     *testing.T
	store web.Store
	bot   *bot.Bot
	clock *bottest.Clock
	srv   *httptest.Server
}

// start is 9:00 UTC on a Monday.
var start = time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)

// newWorld starts a console; change adjusts its options.
func newWorld(t *testing.T, change func(*web.Options)) *world {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return newWorldOn(t, s, change)
}

// newWorldOn starts a console over store.
func newWorldOn(t *testing.T, store web.Store, change func(*web.Options)) *world {
	t.Helper()
	clock := bottest.NewClock(start)
	// The real fetcher and its guard: loopback is refused unless the
	// console allows private sources. Names resolve on the machine:
	// one.example is public, lan.example private.
	pages := sources.NewFetcher(sources.NewClient(sources.WithGuard(), sources.WithResolver(hosts{
		"one.example": netip.MustParseAddr("93.184.216.34"), "lan.example": netip.MustParseAddr("192.168.1.9")})), 0)
	b := bot.New(store, brief.New(brief.Options{}), bot.Options{Clock: clock, Pages: pages, RedactURL: sources.RedactURL})
	opts := web.Options{Store: store, Bot: b, PasswordHash: testHash(t), Clock: clock, RedactURL: sources.RedactURL,
		RateLimited: func() map[string]int { return map[string]int{"telegram": 3} },
		OPML:        web.OPML{Parse: parseOPML, Write: writeOPML}}
	if change != nil {
		change(&opts)
	}
	h, err := web.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &world{t: t, store: store, bot: b, clock: clock, srv: srv}
}

// hosts is a resolver that knows a few names and no other.
type hosts map[string]netip.Addr

func (h hosts) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := h[host]; ok {
		return []netip.Addr{a}, nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func parseOPML(r io.Reader) ([]web.Feed, error) {
	subs, err := sources.ParseOPML(r)
	var feeds []web.Feed
	for _, s := range subs {
		feeds = append(feeds, web.Feed{Title: s.Title, URL: s.FeedURL})
	}
	return feeds, err
}

func writeOPML(w io.Writer, title string, feeds []web.Feed) error {
	var subs []sources.Subscription
	for _, f := range feeds {
		subs = append(subs, sources.Subscription{Title: f.Title, FeedURL: f.URL})
	}
	return sources.WriteOPML(w, title, subs)
}

// browser is one operator's browser: its cookies, the CSRF token of the
// last page it read, and no following of redirects, so tests see them.
type browser struct {
	w    *world
	c    *http.Client
	csrf string
	// header is added to every request.
	header http.Header
}

func (w *world) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{w: w, header: http.Header{}, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfValue = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do makes a request and returns the answer and its body; it keeps the
// page's CSRF token for the next post.
func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.w.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.w.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.w.t.Fatal(err)
	}
	if m := csrfValue.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.w.t.Helper()
	req, err := http.NewRequest("GET", b.w.srv.URL+path, nil)
	if err != nil {
		b.w.t.Fatal(err)
	}
	return b.do(req)
}

// post posts a form with the last page's CSRF token, unless the form
// has its own csrf (empty for none).
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.w.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", b.csrf)
	} else if form.Get("csrf") == "" {
		form.Del("csrf")
	}
	req, err := http.NewRequest("POST", b.w.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.w.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login signs in and returns the browser on the overview.
func (w *world) login() *browser {
	w.t.Helper()
	b := w.browser()
	b.get("/login")
	resp, body := b.post("/login", url.Values{"password": {password}, "next": {"/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		w.t.Fatalf("login = %s to %q, want 303 to /:\n%s", resp.Status, resp.Header.Get("Location"), body)
	}
	b.get("/")
	return b
}

// follow follows a redirect an action answered with, and returns the
// page it leads to.
func (b *browser) follow(resp *http.Response, body string) string {
	b.w.t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		b.w.t.Fatalf("%s %s = %s, want 303:\n%s", resp.Request.Method, resp.Request.URL.Path, resp.Status, body)
	}
	next, body := b.get(resp.Header.Get("Location"))
	if next.StatusCode != http.StatusOK {
		b.w.t.Fatalf("GET %s = %s:\n%s", resp.Header.Get("Location"), next.Status, body)
	}
	return body
}

// mustContain fails unless body holds every one of want.
func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, body)
		}
	}
}

func TestLoginLogout(t *testing.T) {
	w := newWorld(t, nil)
	b := w.browser()
	resp, _ := b.get("/sources?q=x")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("GET /sources signed out = %s to %q, want 303 to /login", resp.Status, resp.Header.Get("Location"))
	}
	resp, body := b.get(resp.Header.Get("Location"))
	mustContain(t, "login page", body, `name="password"`, `value="/sources?q=x"`)
	resp, body = b.post("/login", url.Values{"password": {"wrong"}, "next": {"/sources?q=x"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong password = %s, want 401", resp.Status)
	}
	mustContain(t, "refused login", body, "That password is wrong.")
	resp, _ = b.post("/login", url.Values{"password": {password}, "next": {"/sources?q=x"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sources?q=x" {
		t.Fatalf("login = %s to %q, want 303 back to /sources?q=x", resp.Status, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "newsbrief_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure {
		t.Errorf("session cookie = %+v; want HttpOnly, SameSite=Strict, not Secure over plain HTTP", session)
	}
	if resp, body := b.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / signed in = %s:\n%s", resp.Status, body)
	}
	// An open redirect is no way out: next must be a local path.
	b2 := w.browser()
	b2.get("/login")
	if resp, _ := b2.post("/login", url.Values{"password": {password}, "next": {"//evil.example/"}}); resp.Header.Get("Location") != "/" {
		t.Errorf("login with next=//evil.example/ redirects to %q, want /", resp.Header.Get("Location"))
	}

	resp, _ = b.post("/logout", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout = %s, want 303", resp.Status)
	}
	// The operator is told it worked, once.
	body = b.follow(resp, "")
	mustContain(t, "login page after sign-out", body, "Signed out.", `name="password"`)
	if _, body := b.get("/login"); strings.Contains(body, "Signed out.") {
		t.Error("the login page says \"Signed out.\" again on the next visit")
	}
	// The session is gone from the store, not only from the browser: the
	// old cookie no longer opens a page.
	old := w.browser()
	u, _ := url.Parse(w.srv.URL)
	old.c.Jar.SetCookies(u, []*http.Cookie{{Name: "newsbrief_session", Value: session.Value}})
	if resp, _ := old.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET / with a logged-out session's cookie = %s, want 303 to the login", resp.Status)
	}
}

// TestBcryptHash: the README says a bcrypt hash works as well as
// argon2id; the password it was made from signs in, another does not.
func TestBcryptHash(t *testing.T) {
	const other = "bcrypt-only-password"
	h, err := bcrypt.GenerateFromPassword([]byte(other), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, func(o *web.Options) { o.PasswordHash = string(h) })
	b := w.browser()
	b.get("/login")
	if resp, _ := b.post("/login", url.Values{"password": {password}, "next": {"/"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a password the bcrypt hash was not made from = %s, want 401", resp.Status)
	}
	b.get("/login")
	if resp, _ := b.post("/login", url.Values{"password": {other}, "next": {"/"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the bcrypt hash's password = %s, want 303 signed in", resp.Status)
	}
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("GET / after signing in with bcrypt = %s, want 200", resp.Status)
	}
}

func TestSessionExpires(t *testing.T) {
	w := newWorld(t, func(o *web.Options) { o.SessionLifetime = time.Hour })
	b := w.login()
	w.clock.Add(59 * time.Minute)
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("GET / 59 minutes after login = %s, want 200", resp.Status)
	}
	w.clock.Add(2 * time.Minute)
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET / 61 minutes after a 1h login = %s, want 303 to the login", resp.Status)
	}
}

func TestSecureCookieBehindProxy(t *testing.T) {
	for _, tt := range []struct {
		name        string
		behindProxy bool
		proto       string
		secure      bool
	}{
		{"plain HTTP", false, "", false},
		{"proxy says https, not trusted", false, "https", false},
		{"trusted proxy says https", true, "https", true},
		{"trusted proxy says http", true, "http", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, func(o *web.Options) { o.BehindProxy = tt.behindProxy })
			b := w.browser()
			b.header.Set("X-Forwarded-Proto", tt.proto)
			b.get("/login")
			resp, _ := b.post("/login", url.Values{"password": {password}})
			for _, c := range resp.Cookies() {
				if c.Name == "newsbrief_session" && c.Secure != tt.secure {
					t.Errorf("session cookie Secure = %v, want %v", c.Secure, tt.secure)
				}
			}
		})
	}
}

func TestCSRF(t *testing.T) {
	w := newWorld(t, nil)
	b := w.login()
	for _, tt := range []struct {
		name, csrf string
	}{{"missing", ""}, {"wrong", "not-the-token"}} {
		resp, body := b.post("/sources/add", url.Values{"csrf": {tt.csrf}, "url": {"https://news.example/feed"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST /sources/add with the CSRF token %s = %s, want 403", tt.name, resp.Status)
		}
		mustContain(t, "refusal", body, "CSRF")
	}
	// Another operator's session has another token.
	other := w.login()
	if resp, _ := b.post("/sources/add", url.Values{"csrf": {other.csrf}, "url": {"https://news.example/feed"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST with another session's CSRF token = %s, want 403", resp.Status)
	}
	srcs, err := w.store.Sources(t.Context())
	if err != nil || len(srcs) != 0 {
		t.Errorf("sources after refused posts = %v, %v; want none", srcs, err)
	}
	// The login form has its token too.
	fresh := w.browser()
	if resp, _ := fresh.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST /login without the form's token = %s, want 403", resp.Status)
	}
	// Signed out, a post is refused, not redirected.
	if resp, _ := fresh.post("/sources/add", url.Values{"csrf": {b.csrf}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST signed out = %s, want 403", resp.Status)
	}
}

func TestLoginRateLimit(t *testing.T) {
	w := newWorld(t, nil)
	b := w.browser()
	b.get("/login")
	for i := 1; i <= 9; i++ {
		if resp, _ := b.post("/login", url.Values{"password": {"guess"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d = %s, want 401", i, resp.Status)
		}
	}
	// The tenth try waits, even with the right password.
	resp, body := b.post("/login", url.Values{"password": {password}})
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("tenth try = %s, Retry-After %q; want 429 with Retry-After", resp.Status, resp.Header.Get("Retry-After"))
	}
	mustContain(t, "tenth try", body, "Too many wrong passwords")
	// Another client is not held up by this one.
	other := w.browser()
	other.header.Set("X-Forwarded-For", "192.0.2.7") // ignored: no proxy is trusted
	other.get("/login")
	if resp, _ := other.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("same address, forged X-Forwarded-For = %s, want 429", resp.Status)
	}
	w.clock.Add(31 * time.Second)
	if resp, _ := b.post("/login", url.Values{"password": {"guess"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after the wait, a wrong password = %s, want 401", resp.Status)
	}
	// Each miss past the ninth doubles the wait.
	if resp, _ := b.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "60" {
		t.Errorf("after an eleventh miss = %s, Retry-After %q; want 429, 60", resp.Status, resp.Header.Get("Retry-After"))
	}
	w.clock.Add(61 * time.Second)
	if resp, _ := b.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("right password after the wait = %s, want 303", resp.Status)
	}
}

func TestLoginRateLimitPerClientBehindProxy(t *testing.T) {
	w := newWorld(t, func(o *web.Options) { o.BehindProxy = true })
	b := w.browser()
	b.header.Set("X-Forwarded-For", "198.51.100.1, 203.0.113.9")
	b.get("/login")
	for range 10 {
		b.post("/login", url.Values{"password": {"guess"}})
	}
	if resp, _ := b.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("client 203.0.113.9 after ten misses = %s, want 429", resp.Status)
	}
	other := w.browser()
	other.header.Set("X-Forwarded-For", "203.0.113.10")
	other.get("/login")
	if resp, _ := other.post("/login", url.Values{"password": {password}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another client behind the proxy = %s, want 303", resp.Status)
	}
}

func TestSecurityHeaders(t *testing.T) {
	w := newWorld(t, nil)
	b := w.login()
	for _, path := range []string{"/login", "/", "/sources", "/chats", "/outbox", "/nowhere"} {
		resp, _ := b.get(path)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: X-Content-Type-Options %q, Referrer-Policy %q, Cache-Control %q", path,
				h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"), h.Get("Cache-Control"))
		}
	}
	resp, body := b.get("/static/style.css")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, "focus-visible") {
		t.Errorf("GET /static/style.css = %s, %q", resp.Status, resp.Header.Get("Content-Type"))
	}
}

// TestNoExternalResources checks every page for anything the browser
// would load from elsewhere: every src and href is a local path.
func TestNoExternalResources(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	ref := regexp.MustCompile(`(?:src|href|action)="([^"]*)"`)
	for _, path := range []string{"/login", "/", "/sources", "/chats", "/chat?c=telegram%3A42", "/outbox", "/outbox?status=dead"} {
		_, body := b.get(path)
		for _, m := range ref.FindAllStringSubmatch(body, -1) {
			if !strings.HasPrefix(m[1], "/") && !strings.HasPrefix(m[1], "#") || strings.HasPrefix(m[1], "//") {
				t.Errorf("GET %s refers to %q, not a local path", path, m[1])
			}
		}
	}
}

// seed stores a source with a secret in its URL, a failing one, a chat
// with topics and a schedule, and a dead message.
func seed(t *testing.T, w *world) {
	t.Helper()
	ctx := t.Context()
	for _, u := range []string{"https://user:hunter2@feeds.example/private.rss?token=s3cr3t", "https://down.example/feed"} {
		if _, err := w.store.AddSource(ctx, bot.Source{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	down, err := w.store.SourceByURL(ctx, "https://down.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.SaveState(ctx, bot.SourceState{SourceID: down.ID, LastPoll: start.Add(-time.Hour), Failures: 3,
		LastError: "HTTP 503 from down.example", Hint: "the site is down; it is tried again later", NextPoll: start.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	if _, err := w.bot.SetSchedule(ctx, chat, "08:00 Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	if err := w.store.SetChatTitle(ctx, chat, "Newsroom <b>desk</b>"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.bot.Follow(ctx, chat, "ukraine"); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Enqueue(ctx, w.store, bot.Message{Chat: chat, Text: "hello"}, "test:1", start); err != nil {
		t.Fatal(err)
	}
	if err := w.store.Drop(ctx, 1, "chat not found"); err != nil {
		t.Fatal(err)
	}
}

func TestOverview(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	resp, body := b.get("/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %s", resp.Status)
	}
	mustContain(t, "overview", body, "<h1>Overview</h1>", "<dt>Failing</dt><dd><a href=\"/sources\">1</a>", "telegram: 3",
		`href="/chat?c=telegram%3A42"`, "08:00 Europe/Berlin", `<a href="/outbox?status=dead">1</a>`, `aria-current="page"`)
}

func TestRedaction(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	for _, path := range []string{"/", "/sources", "/sources?q=feeds"} {
		_, body := b.get(path)
		for _, secret := range []string{"hunter2", "s3cr3t"} {
			if strings.Contains(body, secret) {
				t.Errorf("GET %s shows the secret %q", path, secret)
			}
		}
	}
	_, body := b.get("/sources?q=feeds")
	mustContain(t, "sources", body, "feeds.example")
	// The export is the operator's backup: whole.
	resp, body := b.get("/sources/export.opml")
	if resp.Header.Get("Content-Disposition") == "" || !strings.Contains(body, "token=s3cr3t") {
		t.Errorf("export = %q, %q; want an attachment with the URLs whole", resp.Header.Get("Content-Disposition"), body)
	}
}

func TestEscaping(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	for _, path := range []string{"/chats", "/chat?c=telegram%3A42"} {
		_, body := b.get(path)
		if strings.Contains(body, "<b>desk</b>") || !strings.Contains(body, "&lt;b&gt;desk&lt;/b&gt;") {
			t.Errorf("GET %s does not escape the chat's title", path)
		}
	}
}

// feedServer serves a site on loopback whose page names its feed.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<!doctype html><html><head><title>Harbour News</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><p>News.</p></body></html>`)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title><item><title>Ferry returns</title><link>http://harbour.example/1</link><description>The ferry is back.</description></item></channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAddSourceFindsTheFeed(t *testing.T) {
	site := feedServer(t)
	w := newWorld(t, func(o *web.Options) { o.AllowPrivateSources = true })
	b := w.login()
	b.get("/sources")
	body := b.follow(b.post("/sources/add", url.Values{"url": {site.URL + "/"}}))
	mustContain(t, "sources after add", body, "Added "+site.URL+"/feed.xml", site.URL+"/feed.xml")
	if _, err := w.store.SourceByURL(t.Context(), site.URL+"/feed.xml"); err != nil {
		t.Errorf("the page's feed was not added: %v", err)
	}
	// Adding it again says so, keeping what was typed.
	resp, body := b.post("/sources/add", url.Values{"url": {site.URL + "/feed.xml"}, "title": {"Harbour"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("adding it again = %s, want 422", resp.Status)
	}
	mustContain(t, "second add", body, "already polled", `value="`+site.URL+`/feed.xml"`, `value="Harbour"`)
}

func TestAddSourceGuard(t *testing.T) {
	site := feedServer(t)
	w := newWorld(t, nil) // the guard refuses loopback, as in a chat
	b := w.login()
	b.get("/sources")
	for _, typed := range []string{site.URL + "/", "http://169.254.169.254/latest/meta-data/", "ftp://files.example/feed", "not a url"} {
		resp, body := b.post("/sources/add", url.Values{"url": {typed}, "title": {"Mine"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("add %q = %s, want 422", typed, resp.Status)
		}
		// What was typed is still in the form, and the error says why.
		mustContain(t, "refusal of "+typed, body, `role="alert"`, `aria-invalid="true"`, `value="Mine"`, `value="`+strings.ReplaceAll(typed, " ", " ")+`"`)
	}
	_, body := b.post("/sources/add", url.Values{"url": {site.URL + "/"}})
	mustContain(t, "loopback refusal", body, "Cannot add that source", "set sources.allow_private_links: true")
	// A refusal that is not the guard's has no word about the setting.
	_, body = b.post("/sources/add", url.Values{"url": {"not a url"}})
	if strings.Contains(body, "allow_private_links") {
		t.Error("a URL that is not one is answered with the private-address setting")
	}
	if srcs, _ := w.store.Sources(t.Context()); len(srcs) != 0 {
		t.Errorf("sources after refusals = %v, want none", srcs)
	}
}

func TestSourceActions(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	ctx := t.Context()
	down, err := w.store.SourceByURL(ctx, "https://down.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	_, body := b.get("/sources")
	mustContain(t, "sources", body, "HTTP 503 from down.example", "the site is down", "failing ×3", "down.example")
	id := "/sources/" + itoa(down.ID)

	body = b.follow(b.post(id, url.Values{"action": {"pause"}, "back": {"/sources?q=down"}}))
	mustContain(t, "after pause", body, "Paused down.example", "Resume")
	if row, err := w.store.SourceRow(ctx, down.ID); err != nil || !row.Paused {
		t.Errorf("after pause, row = %+v, %v; want paused", row, err)
	}
	if strings.Contains(body, "Fetch now: down.example") {
		t.Error("a paused source offers Fetch now, which would never happen")
	}
	before, err := w.store.State(ctx, down.ID)
	if err != nil {
		t.Fatal(err)
	}
	body = b.follow(b.post(id, url.Values{"action": {"fetch"}}))
	mustContain(t, "fetch now while paused", body, "down.example is paused: resume it to fetch it.")
	if st, err := w.store.State(ctx, down.ID); err != nil || !st.NextPoll.Equal(before.NextPoll) {
		t.Errorf("fetch now while paused moved the next poll to %v, %v; want it left at %v", st.NextPoll, err, before.NextPoll)
	}
	b.follow(b.post(id, url.Values{"action": {"resume"}}))
	if row, err := w.store.SourceRow(ctx, down.ID); err != nil || row.Paused {
		t.Errorf("after resume, row = %+v, %v; want not paused", row, err)
	}
	body = b.follow(b.post(id, url.Values{"action": {"fetch"}}))
	mustContain(t, "after fetch now", body, "is fetched within a minute")
	if st, err := w.store.State(ctx, down.ID); err != nil || !st.NextPoll.Equal(start) {
		t.Errorf("after fetch now, next poll = %v, %v; want %v", st.NextPoll, err, start)
	}
	body = b.follow(b.post(id, url.Values{"action": {"remove"}}))
	mustContain(t, "after remove", body, "Removed down.example")
	if _, err := w.store.SourceByURL(ctx, "https://down.example/feed"); err == nil {
		t.Error("the source is still there after remove")
	}
	if resp, _ := b.post(id, url.Values{"action": {"pause"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("pause a removed source = %s, want 404", resp.Status)
	}
}

// TestSourceHintOnce: most fetch errors end with their hint; the page
// says it once, and a hint the error does not say is shown under it.
func TestSourceHintOnce(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	ctx := t.Context()
	src, err := w.store.AddSource(ctx, bot.Source{URL: "https://gone.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.SaveState(ctx, bot.SourceState{SourceID: src.ID, LastPoll: start.Add(-time.Hour), Failures: 1,
		LastError: "fetch https://gone.example/feed: server answered 404 Not Found; check the URL", Hint: "check the URL"}); err != nil {
		t.Fatal(err)
	}
	_, body := b.get("/sources")
	if n := strings.Count(body, "check the URL"); n != 1 {
		t.Errorf("GET /sources says %q %d times, want once", "check the URL", n)
	}
	mustContain(t, "sources", body, "the site is down; it is tried again later")
}

func TestOPMLImport(t *testing.T) {
	w := newWorld(t, nil)
	b := w.login()
	b.get("/sources")
	opml := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="One" title="One" type="rss" xmlUrl="https://one.example/feed"/>
<outline text="Inside" type="rss" xmlUrl="http://10.1.2.3/feed"/>
<outline text="LAN" type="rss" xmlUrl="http://lan.example/feed"/>
<outline text="Secret" type="rss" xmlUrl="http://user:hunter2@10.1.2.4/feed?token=s3cr3t"/>
</body></opml>`
	resp, body := b.postFile("/sources/import", "opml", "feeds.opml", opml)
	body = b.follow(resp, body)
	mustContain(t, "after import", body, "Imported 1 source", "3 refused", "10.1.2.3", "lan.example", "10.1.2.4")
	for _, secret := range []string{"hunter2", "s3cr3t"} {
		if strings.Contains(body, secret) {
			t.Errorf("the import's refusals show the secret %q:\n%s", secret, body)
		}
	}
	if _, err := w.store.SourceByURL(t.Context(), "https://one.example/feed"); err != nil {
		t.Errorf("the public feed was not imported: %v", err)
	}
	if _, err := w.store.SourceByURL(t.Context(), "http://10.1.2.3/feed"); err == nil {
		t.Error("the import added a feed on a private address")
	}
	// More refusals than the message lists: the count is of them all.
	var many strings.Builder
	many.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 7 {
		fmt.Fprintf(&many, `<outline text="F%d" type="rss" xmlUrl="ftp://files.example/%d.xml"/>`, i, i)
	}
	many.WriteString(`</body></opml>`)
	resp, body = b.postFile("/sources/import", "opml", "many.opml", many.String())
	body = b.follow(resp, body)
	// (The list itself may be cut: a notice is at most 400 characters.)
	mustContain(t, "after an import of seven bad feeds", body, "7 refused")
}

func TestChatPages(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	_, body := b.get("/chats")
	mustContain(t, "chats", body, "ukraine", "08:00 Europe/Berlin", "telegram")
	_, body = b.get("/chats?q=nothing-matches")
	mustContain(t, "empty search", body, "Nothing matches")
	_, body = b.get("/chat?c=telegram%3A42")
	mustContain(t, "chat page", body, `for="schedule"`, `value="08:00 Europe/Berlin daily"`, "ukraine")
	if resp, _ := b.get("/chat?c=nonsense"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /chat?c=nonsense = %s, want 404", resp.Status)
	}
}

func TestChatEdits(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	ref := chat.String()
	b.get("/chat?c=" + url.QueryEscape(ref))
	ctx := t.Context()

	// A bad time zone: the page again, what was typed kept, nothing saved.
	resp, body := b.post("/chat/schedule", url.Values{"c": {ref}, "schedule": {"07:30 Mars/Olympus"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad zone = %s, want 422", resp.Status)
	}
	mustContain(t, "bad zone", body, `value="07:30 Mars/Olympus"`, "Mars/Olympus", `aria-invalid="true"`)
	if cs, _ := w.store.Chat(ctx, chat); cs.Schedule != "08:00 Europe/Berlin daily" {
		t.Errorf("schedule after a bad one = %q, want it unchanged", cs.Schedule)
	}
	body = b.follow(b.post("/chat/schedule", url.Values{"c": {ref}, "schedule": {"07:30 weekdays"}}))
	mustContain(t, "new schedule", body, "The daily brief comes at 07:30 Europe/Berlin weekdays")
	if cs, _ := w.store.Chat(ctx, chat); cs.Schedule != "07:30 Europe/Berlin weekdays" || cs.NextDigest.IsZero() {
		t.Errorf("schedule = %q next %v, want 07:30 Europe/Berlin weekdays with a next brief", cs.Schedule, cs.NextDigest)
	}

	resp, body = b.post("/chat/quiet", url.Values{"c": {ref}, "quiet": {"25:00-07:00"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad quiet hours = %s, want 422", resp.Status)
	}
	mustContain(t, "bad quiet hours", body, `value="25:00-07:00"`)
	b.follow(b.post("/chat/quiet", url.Values{"c": {ref}, "quiet": {"22:00-07:00"}}))
	if cs, _ := w.store.Chat(ctx, chat); cs.Quiet != "22:00-07:00" {
		t.Errorf("quiet = %q, want 22:00-07:00", cs.Quiet)
	}

	body = b.follow(b.post("/chat/follow", url.Values{"c": {ref}, "topic": {"climate change"}}))
	mustContain(t, "follow", body, "Follows")
	resp, body = b.post("/chat/follow", url.Values{"c": {ref}, "topic": {`"unbalanced`}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bad query = %s, want 422", resp.Status)
	}
	mustContain(t, "bad query", body, `value="&#34;unbalanced"`)
	b.follow(b.post("/chat/unfollow", url.Values{"c": {ref}, "drop": {"ukraine"}}))
	if subs, _ := w.store.Subscriptions(ctx, chat); len(subs) != 1 || subs[0] == "ukraine" {
		t.Errorf("topics = %q, want the climate query only", subs)
	}

	b.follow(b.post("/chat/pause", url.Values{"c": {ref}}))
	if cs, _ := w.store.Chat(ctx, chat); cs.Paused == "" {
		t.Error("the chat is not paused after pause")
	}
	_, body = b.get("/chats")
	mustContain(t, "chats after pause", body, "Paused: paused by the operator")
	b.follow(b.post("/chat/resume", url.Values{"c": {ref}}))
	if cs, _ := w.store.Chat(ctx, chat); cs.Paused != "" {
		t.Errorf("paused = %q after resume", cs.Paused)
	}
}

func TestSendBriefNow(t *testing.T) {
	w := newWorld(t, nil)
	ctx := t.Context()
	chat := bot.ChatRef{Platform: "telegram", ID: "7"}
	if err := w.store.SaveChat(ctx, bot.ChatSettings{Chat: chat}); err != nil {
		t.Fatal(err)
	}
	b := w.login()
	b.get("/chat?c=" + url.QueryEscape(chat.String()))
	// No news yet: nothing is queued, and the page says why.
	body := b.follow(b.post("/chat/send", url.Values{"c": {chat.String()}}))
	mustContain(t, "send with no news", body, "Nothing was sent")
	src, err := w.store.AddSource(ctx, bot.Source{URL: "https://one.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	a := bottest.GrainTalks
	a.Published = start.Add(-time.Hour)
	if _, err := w.store.AddArticles(ctx, []bot.Article{{Article: a, SourceID: src.ID, GUID: a.ID, CanonicalURL: a.URL,
		Fingerprint: brief.Fingerprint(a), Fetched: start.Add(-time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	body = b.follow(b.post("/chat/send", url.Values{"c": {chat.String()}}))
	mustContain(t, "send", body, "The brief is queued")
	// The same form sent again (a double click) sends nothing twice.
	body = b.follow(b.post("/chat/send", url.Values{"c": {chat.String()}}))
	mustContain(t, "send again", body, "queued already")
	rows, n, err := w.store.Deliveries(ctx, bot.DeliveryPending, bot.Page{})
	if err != nil || n != 1 || rows[0].Chat != chat {
		t.Fatalf("pending after send now twice = %v, %d, %v; want the chat's brief once", rows, n, err)
	}
}

func TestOutbox(t *testing.T) {
	w := newWorld(t, nil)
	seed(t, w)
	b := w.login()
	ctx := t.Context()
	_, body := b.get("/outbox?status=dead")
	mustContain(t, "dead list", body, "chat not found", "#1", "test:1")
	_, body = b.get("/outbox")
	mustContain(t, "pending list", body, "Nothing")
	chat := bot.ChatRef{Platform: "telegram", ID: "42"}
	for _, key := range []string{"digest:2026-12-01T07:30:00Z", "now:2026-11-30T08:49:00Z"} {
		if _, err := bot.Enqueue(ctx, w.store, bot.Message{Chat: chat, Text: "brief"}, key, start); err != nil {
			t.Fatal(err)
		}
	}
	_, body = b.get("/outbox")
	mustContain(t, "pending list in words", body, "daily brief due 1 Dec 07:30 UTC", "brief sent from the console at 30 Nov 08:49 UTC")
	if strings.Contains(body, "now:2026") || strings.Contains(body, "digest:2026") {
		t.Errorf("the outbox shows the bot's message keys:\n%s", body)
	}
	for _, id := range []string{"2", "3"} {
		b.follow(b.post("/outbox/"+id, url.Values{"action": {"drop"}}))
	}
	body = b.follow(b.post("/outbox/1", url.Values{"action": {"retry"}, "back": {"/outbox?status=dead"}}))
	mustContain(t, "after retry", body, "is sent again")
	rows, n, err := w.store.Deliveries(ctx, bot.DeliveryPending, bot.Page{})
	if err != nil || n != 1 || rows[0].ID != 1 {
		t.Fatalf("pending after retry = %v, %d, %v; want message 1", rows, n, err)
	}
	b.follow(b.post("/outbox/1", url.Values{"action": {"drop"}}))
	if _, n, _ := w.store.Deliveries(ctx, bot.DeliveryDead, bot.Page{}); n != 3 {
		t.Errorf("dead after drop = %d, want 3", n)
	}
	if resp, _ := b.post("/outbox/99", url.Values{"action": {"retry"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("retry of no message = %s, want 404", resp.Status)
	}
}

func TestPaging(t *testing.T) {
	w := newWorld(t, nil)
	ctx := t.Context()
	for i := range 120 {
		if _, err := w.store.AddSource(ctx, bot.Source{URL: "https://s" + itoa(int64(i)) + ".example/feed"}); err != nil {
			t.Fatal(err)
		}
	}
	b := w.login()
	_, body := b.get("/sources")
	mustContain(t, "page 1", body, "Rows 1–50 of 120", "page 1 of 3", `href="/sources?page=2"`)
	_, body = b.get("/sources?page=3")
	mustContain(t, "page 3", body, "Rows 101–120 of 120", `href="/sources?page=2"`)
	_, body = b.get("/sources?q=s11")
	mustContain(t, "search", body, "of 11", "s110.example")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// postFile posts a form with one file, as the OPML import does.
func (b *browser) postFile(path, field, name, content string) (*http.Response, string) {
	b.w.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", b.csrf)
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		b.w.t.Fatal(err)
	}
	io.WriteString(fw, content)
	mw.Close()
	req, err := http.NewRequest("POST", b.w.srv.URL+path, &buf)
	if err != nil {
		b.w.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}
