package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// The web console in a real browser: Debian's chromium, headless, driven
// through the DevTools protocol, against `newsbrief run` on loopback.
// Every page it opens is photographed (NEWSBRIEF_SCREENSHOTS names the
// folder; a temporary one otherwise), checked with axe-core, checked for
// sideways scrolling at phone width, and every request the browser makes
// must go to the bot's own address.

// axeCoreDefault is where .ci/run installs axe-core when
// NEWSBRIEF_AXE_CORE does not say.
const axeCoreDefault = "/tmp/newsbrief-axe/node_modules/axe-core/axe.min.js"

// phoneWidth is the narrowest screen the console must fit without
// scrolling sideways.
const phoneWidth = 375

// desktopWidth is the width of the desktop screenshots.
const desktopWidth = 1280

// browserTools returns chromium's path and axe-core's script. In CI both
// must be there (.ci/run installs them); elsewhere the test skips, saying
// how to install what is missing.
func browserTools(t *testing.T) (chromium string, axe []byte) {
	t.Helper()
	longTest(t, "drives chromium through the web console")
	var missing []string
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		missing = append(missing, "chromium (apt-get install chromium)")
	}
	path := os.Getenv("NEWSBRIEF_AXE_CORE")
	if path == "" {
		path = axeCoreDefault
	}
	axe, err := os.ReadFile(path)
	if err != nil {
		missing = append(missing, fmt.Sprintf("axe-core (%v; npm install --prefix /tmp/newsbrief-axe axe-core@4.14.1, or set NEWSBRIEF_AXE_CORE to its axe.min.js)", err))
	}
	if len(missing) == 0 {
		return chromium, axe
	}
	msg := "the browser test needs " + strings.Join(missing, " and ") + "; .ci/run installs them"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return "", nil
}

// browser is one headless chromium tab on the console at base.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string // http://host:port, the bot's own address
	axe   string
	shots string // where the screenshots go
	log   *requestLog
}

// requestLog is every URL the browser's tabs asked for, in order.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func (l *requestLog) listen(ev any) {
	if e, ok := ev.(*network.EventRequestWillBeSent); ok {
		l.mu.Lock()
		l.urls = append(l.urls, e.Request.URL)
		l.mu.Unlock()
	}
}

// newBrowser starts chromium on a tab of its own, which lives until the
// test ends.
func newBrowser(t *testing.T, chromium string, axe []byte, base string) *browser {
	t.Helper()
	b := &browser{t: t, base: base, axe: string(axe), shots: os.Getenv("NEWSBRIEF_SCREENSHOTS"), log: new(requestLog)}
	if b.shots == "" {
		b.shots = t.TempDir()
	} else if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(desktopWidth, 800),
		// Tests run as root in CI, where chromium's sandbox cannot start.
		chromedp.NoSandbox,
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(b.log.listen))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no time-out
		t.Fatalf("start chromium: %v", err)
	}
	b.ctx = ctx
	return b
}

// private returns a new tab in a private window of the same browser: no
// cookies shared with b's, its requests recorded with b's.
func (b *browser) private() *browser {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.log.listen))
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("open a private window: %v", err)
	}
	p := *b
	p.ctx = ctx
	return &p
}

// do runs actions, each batch within 30 seconds, and fails the test on an
// error, naming what it was doing.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.state())
	}
}

// state says where the tab is and what it shows, for a failure's
// message.
func (b *browser) state() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 2000)`))
	if err != nil {
		return fmt.Sprintf("(the page cannot be read: %v)", err)
	}
	return "the page shows " + s
}

// eval evaluates a JavaScript expression in the page and returns its
// value.
func eval[T any](b *browser, expr string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		b.t.Fatalf("evaluate %.60q: %v", expr, err)
	}
	return v
}

// open loads path of the console and waits for the page to be ready.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
}

// submit clicks the button sel finds (an XPath or CSS search) and
// returns the response to the page the form loads.
func (b *browser) submit(what string, sel string) *network.Response {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
	if err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.state())
	}
	return resp
}

// body returns the text of the page's main part.
func (b *browser) body() string {
	b.t.Helper()
	return eval[string](b, `document.querySelector("main") ? document.querySelector("main").innerText : document.body.innerText`)
}

// location returns the page's URL, less the bot's address.
func (b *browser) location() string {
	b.t.Helper()
	return strings.TrimPrefix(eval[string](b, `location.href`), b.base)
}

// waitFor opens path again and again until its main part holds all of
// wants, and fails the test if it does not within limit.
func (b *browser) waitFor(path string, limit time.Duration, wants ...string) {
	b.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		b.open(path)
		text := b.body()
		missing := slices.DeleteFunc(slices.Clone(wants), func(w string) bool { return strings.Contains(text, w) })
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s lacks %q after %v:\n%s", path, missing, limit, text)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// wantColumns fails the test unless the Preview page shows a Telegram
// and a Slack column, each with all of wants.
func (b *browser) wantColumns(what string, wants ...string) {
	b.t.Helper()
	cols := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll(".pv-col")].map(c => [c.querySelector("h3").innerText, c.innerText]))`)
	for _, platform := range []string{"Telegram", "Slack"} {
		col, ok := cols[platform]
		if !ok {
			b.t.Errorf("%s has no %s column; it has %q", what, platform, slices.Sorted(maps.Keys(cols)))
			continue
		}
		wantAll(b.t, what+" as "+platform+" shows it", col, wants...)
	}
}

// axeViolation is one rule an axe-core run found broken.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []any }
}

// axeRun is the part of axe-core's result the test reads.
type axeRun struct {
	Violations []axeViolation
}

// check fails the test on every problem audit finds on the page.
func (b *browser) check(name string) {
	b.t.Helper()
	for _, p := range b.audit(name) {
		b.t.Error(p)
	}
}

// audit photographs the page as it is, at desktop and at phone width,
// runs axe-core on it at both widths and in the dark colour scheme, and
// returns its problems: every serious or critical axe violation, and
// sideways scrolling at phone width. name names the screenshots.
func (b *browser) audit(name string) []string {
	b.t.Helper()
	b.do("widen the viewport", chromedp.EmulateViewport(desktopWidth, 800))
	b.screenshot(name)
	problems := b.runAxe(name)
	b.colorScheme("dark")
	problems = append(problems, b.runAxe(name+", dark")...)
	b.colorScheme("")
	b.do("narrow the viewport", chromedp.EmulateViewport(phoneWidth, 812, chromedp.EmulateMobile))
	if wide := eval[int](b, `document.documentElement.scrollWidth`); wide > phoneWidth {
		problems = append(problems, fmt.Sprintf("%s scrolls sideways at %d px: the page is %d px wide", name, phoneWidth, wide))
	}
	b.screenshot(fmt.Sprintf("%s-%d", name, phoneWidth))
	problems = append(problems, b.runAxe(fmt.Sprintf("%s at %d px", name, phoneWidth))...)
	b.do("widen the viewport", chromedp.EmulateViewport(desktopWidth, 800))
	return problems
}

// colorScheme makes the page's prefers-color-scheme scheme ("dark"), or
// the browser's own for "".
func (b *browser) colorScheme(scheme string) {
	b.t.Helper()
	var features []*emulation.MediaFeature
	if scheme != "" {
		features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features}); err != nil {
		b.t.Fatalf("emulate the %q colour scheme: %v", scheme, err)
	}
}

// screenshot saves the whole page as name.png.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// runAxe injects axe-core through the DevTools protocol (never from a
// URL, and without loosening the page's Content-Security-Policy), runs
// it on the page, logs the violations and their count by impact, and
// returns the serious and critical ones.
func (b *browser) runAxe(name string) []string {
	b.t.Helper()
	if !eval[bool](b, `typeof axe === "object"`) {
		eval[chromedp.Void](b, b.axe+";undefined")
	}
	js := eval[string](b, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r))`, chromedp.EvalAwaitPromise)
	var res axeRun
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		b.t.Fatalf("axe on %s: %v", name, err)
	}
	var bad []string
	count := map[string]int{}
	for _, v := range res.Violations {
		count[v.Impact]++
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		msg := fmt.Sprintf("axe on %s: %s (%s): %s, at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, msg)
		} else {
			b.t.Log(msg)
		}
	}
	b.t.Logf("axe on %s: critical %d, serious %d, moderate %d, minor %d",
		name, count["critical"], count["serious"], count["moderate"], count["minor"])
	return bad
}

// requests counts the requests the browser made.
func (b *browser) requests() int {
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	return len(b.log.urls)
}

// offsite returns every request the browser made to anything but the
// bot's own address.
func (b *browser) offsite() []string {
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	own, err := url.Parse(b.base)
	if err != nil {
		b.t.Fatal(err)
	}
	var out []string
	for _, r := range b.log.urls {
		u, err := url.Parse(r)
		if err != nil || u.Scheme != own.Scheme || u.Host != own.Host {
			out = append(out, r)
		}
	}
	return slices.Compact(out)
}

// TestBrowserChecksCatchProblems shows that the checks the console's
// browser test relies on find what they look for, so that its passing
// means something: a page with an unlabelled field, an image without
// text, no language, a fixed width and an image from elsewhere fails
// each check; a plain accessible page passes them all.
func TestBrowserChecksCatchProblems(t *testing.T) {
	chromium, axe := browserTools(t)
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer elsewhere.Close()
	pages := map[string]string{
		"/bad": `<!doctype html><html><head><title>Bad</title></head><body><main><h1>Bad</h1>
<img src="` + elsewhere.URL + `/pixel.png"><div style="width:600px">wide</div>
<form method="post"><input name="q"><button>Go</button></form></main></body></html>`,
		"/good": `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good</title></head><body><main><h1>Good</h1><form method="post"><label for="q">Query</label>
<input id="q" name="q"><button>Go</button></form></main></body></html>`,
		"/dark": `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dark</title><style>body { background: #fff; color: #000 }
@media (prefers-color-scheme: dark) { body { background: #000; color: #222 } }</style></head>
<body><main><h1>Dark</h1><p>Readable only in the light.</p></main></body></html>`,
	}
	own := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := pages[r.URL.Path]; ok {
			io.WriteString(w, p)
			return
		}
		http.NotFound(w, r)
	}))
	defer own.Close()
	b := newBrowser(t, chromium, axe, own.URL)

	b.open("/good")
	if got := b.audit("good"); len(got) != 0 {
		t.Errorf("audit of an accessible page = %q, want no problems", got)
	}
	if got := b.offsite(); len(got) != 0 {
		t.Errorf("offsite requests of a page that makes none = %q", got)
	}

	b.open("/dark")
	if got := b.audit("dark"); len(got) != 1 || !strings.Contains(got[0], "axe on dark, dark: color-contrast (serious)") {
		t.Errorf("audit of a page unreadable in the dark = %q, want one color-contrast violation in the dark", got)
	}

	b.open("/bad")
	got := strings.Join(b.audit("bad"), "\n")
	for _, want := range []string{"html-has-lang (serious)", "image-alt (critical)", "label (critical)", "scrolls sideways at 375 px"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit of a bad page lacks %q:\n%s", want, got)
		}
	}
	if got, want := b.offsite(), []string{elsewhere.URL + "/pixel.png"}; !slices.Equal(got, want) {
		t.Errorf("offsite requests = %q, want %q", got, want)
	}
}

// TestWebConsoleInBrowser is the operator's week in the console, in
// chromium, against `newsbrief run` with a SQLite store: sign in by
// keyboard, add a feed and see it fetched, change a chat's schedule,
// preview a brief and a chat's daily brief, retry a message the platform
// refused, have a form without its CSRF token refused, and be slowed
// after nine wrong passwords. Every page is photographed and checked
// (axe-core, phone width, dark scheme), and the browser never asks
// anything of any address but the bot's.
func TestWebConsoleInBrowser(t *testing.T) {
	chromium, axe := browserTools(t)
	const password = "correct horse battery staple"
	out, errOut, err := runEnv(t, nil, password+"\n", "web", "hash-password")
	if err != nil {
		t.Fatalf("web hash-password: %v\n%s", err, errOut)
	}
	hash := strings.TrimSpace(out)

	// A chat whose daily brief is due at once, on a Telegram that says
	// the chat is gone: its message is given up on, for the outbox.
	data := t.TempDir()
	store, err := sqlite.Open(t.Context(), filepath.Join(data, "newsbrief.db"))
	if err != nil {
		t.Fatal(err)
	}
	gone := bot.ChatRef{Platform: "telegram", ID: "555"}
	if err := store.SaveChat(t.Context(), bot.ChatSettings{Chat: gone, Schedule: "06:00 UTC",
		QuietDayNotice: true, NextDigest: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	tg := newBotAPI(t)
	tg.Fail(telegramtest.ChatNotFound)

	// A feed in a folder, served on loopback.
	feeds := t.TempDir()
	feedSrv := httptest.NewServer(http.FileServer(http.Dir(feeds)))
	defer feedSrv.Close()
	if err := os.WriteFile(filepath.Join(feeds, "harbour.xml"), []byte(rss("Harbour Gazette", feedSrv.URL, 3)), 0o644); err != nil {
		t.Fatal(err)
	}

	addr := startHTTP(t, map[string]string{
		"NEWSBRIEF_DATA_DIR":                    data,
		"NEWSBRIEF_WEB_ADMIN_PASSWORD_HASH":     hash,
		"NEWSBRIEF_SOURCES_ALLOW_PRIVATE_LINKS": "true", // the feed is on loopback
		"NEWSBRIEF_POLL":                        "10s",
		"NEWSBRIEF_TELEGRAM_TOKEN":              "123:fake",
		"NEWSBRIEF_TELEGRAM_API_URL":            tg.Endpoint(),
	})
	b := newBrowser(t, chromium, axe, "http://"+addr)

	t.Run("sign in by keyboard", func(t *testing.T) {
		b.t = t
		b.open("/")
		if got := b.location(); !strings.HasPrefix(got, "/login") {
			t.Fatalf("the console at / went to %q, want the sign-in page", got)
		}
		b.check("login")
		// From the top of the page, Tab reaches the password field.
		eval[chromedp.Void](b, `document.activeElement && document.activeElement.blur()`)
		tabs := 0
		for ; tabs < 6 && eval[string](b, `document.activeElement ? document.activeElement.id : ""`) != "password"; tabs++ {
			b.do("press Tab", chromedp.KeyEvent(kb.Tab))
		}
		if id := eval[string](b, `document.activeElement.id`); id != "password" {
			t.Fatalf("after %d Tabs the focus is on %q, not the password field", tabs, id)
		}
		ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
		defer cancel()
		b.do("type the password", chromedp.KeyEvent(password))
		if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatalf("press Enter: %v", err)
		}
		if got := b.location(); got != "/" {
			t.Fatalf("after signing in the console shows %q, want the overview at /", got)
		}
		wantAll(t, "the overview", b.body(), "Overview", "Sources", "Deliveries")
	})
	b.t = t
	if t.Failed() {
		return
	}
	b.check("overview")

	t.Run("add a feed and see it fetched", func(t *testing.T) {
		b.t = t
		b.open("/sources")
		feed := feedSrv.URL + "/harbour.xml"
		b.do("type the feed's address", chromedp.SendKeys(chromedp.ID("add-url"), feed))
		if resp := b.submit("add the source", `//button[normalize-space()="Add source"]`); resp.Status != http.StatusOK {
			t.Fatalf("adding a source answered %d, want the sources page", resp.Status)
		}
		wantAll(t, "the sources page after adding", b.body(), "Added "+feed)
		// The poller's next round (every 10 s here) fetches its three items.
		b.waitFor("/sources", time.Minute, feed, "healthy")
		row := eval[[]string](b, `[...document.querySelectorAll("table.rows tbody tr")].filter(r => r.innerText.includes(`+strconv.Quote(feed)+`)).map(r => r.querySelector("td[data-label=Status]").innerText + " " + r.querySelector("td[data-label=Items]").innerText)`)
		if want := []string{"healthy 3"}; !slices.Equal(row, want) {
			t.Errorf("the fetched source's status and items = %q, want %q", row, want)
		}
		b.check("sources")
	})

	t.Run("change a chat's schedule", func(t *testing.T) {
		b.t = t
		// A person sets up their chat through the bot first.
		tg.Fail("")
		tg.command(556, "/schedule 07:00 UTC")
		waitUntil(t, "the bot's answer to /schedule", func() bool { return len(tg.Texts("556")) > 0 })
		b.open("/chats")
		b.check("chats")
		if resp := b.submit("open the chat", `//a[@href="/chat?c=telegram%3A556"]`); resp.Status != http.StatusOK {
			t.Fatalf("opening the chat answered %d", resp.Status)
		}
		b.check("chat")
		eval[chromedp.Void](b, `document.getElementById("schedule").value = ""`)
		b.do("type a schedule", chromedp.SendKeys(chromedp.ID("schedule"), "07:30 Europe/Berlin weekdays"))
		b.submit("save the schedule", `//button[normalize-space()="Save schedule"]`)
		here := b.location()
		b.open(here) // read back from the store, not from the form
		if facts := eval[string](b, `document.querySelector("dl.facts").innerText`); !strings.Contains(facts, "07:30 Europe/Berlin") {
			t.Errorf("after saving 07:30 Europe/Berlin weekdays the chat's page says:\n%s", facts)
		}
	})

	t.Run("preview a brief", func(t *testing.T) {
		b.t = t
		b.open("/preview")
		b.check("preview")
		title, text, _ := strings.Cut(article, "\n")
		b.do("paste an article", chromedp.SendKeys(chromedp.ID("pv-title"), title),
			chromedp.SetValue(chromedp.ID("pv-text"), text))
		if resp := b.submit("preview the pasted article", `//form[.//textarea[@id="pv-text"]]//button`); resp.Status != http.StatusOK {
			t.Fatalf("previewing pasted text answered %d", resp.Status)
		}
		b.wantColumns("the pasted article's preview", "The city council approved a new footbridge", "Ana Lopes")
		b.check("preview-text")

		// The chat set up above follows no topic, so it gets all the news:
		// the harbour's stories.
		b.open("/preview")
		b.do("pick the chat", chromedp.Click(chromedp.CSS(`input[name="c"][value="telegram:556"]`)))
		if resp := b.submit("preview the chat's brief", `//button[normalize-space()="Preview the daily brief"]`); resp.Status != http.StatusOK {
			t.Fatalf("previewing the chat's daily brief answered %d", resp.Status)
		}
		b.wantColumns("the chat's daily brief", "Daily brief", "Harbour Gazette")
		b.check("preview-chat")
	})

	t.Run("a form without its CSRF token is refused", func(t *testing.T) {
		b.t = t
		b.open("/chats")
		b.submit("open the chat", `//a[@href="/chat?c=telegram%3A556"]`)
		removed := eval[int](b, `(() => { const f = document.querySelector('form[action="/chat/quiet"]');
			const ts = f.querySelectorAll('input[name="csrf"]'); ts.forEach(i => i.remove()); return ts.length })()`)
		if removed != 1 {
			t.Fatalf("the quiet-hours form has %d CSRF fields, want 1", removed)
		}
		b.do("type quiet hours", chromedp.SendKeys(chromedp.ID("quiet"), "22:00-07:00"))
		if resp := b.submit("post the form without its token", `//button[normalize-space()="Save quiet hours"]`); resp.Status != http.StatusForbidden {
			t.Errorf("a form posted without its CSRF token answered %d, want 403", resp.Status)
		}
		b.check("csrf-refused")
		b.open("/chats")
		if strings.Contains(b.body(), "22:00-07:00") {
			t.Errorf("the refused form changed the quiet hours:\n%s", b.body())
		}
	})

	t.Run("retry a failed message", func(t *testing.T) {
		b.t = t
		b.waitFor("/outbox?status=dead", time.Minute, "telegram:555", "chat not found")
		b.check("outbox-failed")
		before := len(tg.Texts("555"))
		b.submit("retry the message", `//button[normalize-space()="Retry now"]`)
		waitUntil(t, "the retried message at Telegram", func() bool { return len(tg.Texts("555")) > before })
		b.waitFor("/outbox?status=dead", 20*time.Second, "Nothing")
		b.open("/outbox")
		b.check("outbox")
	})

	t.Run("the tenth wrong password is slowed", func(t *testing.T) {
		p := b.private()
		p.t = t
		p.open("/login")
		try := func(pw string) *network.Response {
			eval[chromedp.Void](p, `document.getElementById("password").value = ""`)
			p.do("type a password", chromedp.SendKeys(chromedp.ID("password"), pw))
			return p.submit("sign in", `//button[normalize-space()="Sign in"]`)
		}
		for i := 1; i <= 9; i++ {
			if resp := try(fmt.Sprintf("wrong password %d", i)); resp.Status != http.StatusUnauthorized {
				t.Fatalf("wrong password %d answered %d, want 401", i, resp.Status)
			}
		}
		resp := try("wrong password 10")
		if resp.Status != http.StatusTooManyRequests {
			t.Fatalf("the tenth wrong password answered %d, want 429", resp.Status)
		}
		if ra := fmt.Sprint(resp.Headers["Retry-After"]); ra == "" || ra == "0" || ra == "<nil>" {
			t.Errorf("the 429 has Retry-After %q, want a wait", ra)
		}
		p.check("login-slowed")
		// Until the wait is over, not even the right password gets in.
		if resp := try(password); resp.Status != http.StatusTooManyRequests {
			t.Errorf("the right password during the wait answered %d, want 429", resp.Status)
		}
	})
	b.t = t

	// The overview adds it all up: the feed fetched, the message sent.
	b.open("/")
	figures := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll("dl.figures div")].map(d => [d.querySelector("dt").innerText, d.querySelector("dd").innerText]))`)
	for name, want := range map[string]string{"Sources": "1", "Healthy": "1", "Failing": "0", "Articles today": "3", "Sent today": "1", "Failed": "0"} {
		if figures[name] != want {
			t.Errorf("the overview's %q = %q, want %s; all: %q", name, figures[name], want, figures)
		}
	}
	b.check("overview-end")

	off, all := b.offsite(), b.requests()
	if len(off) != 0 {
		t.Errorf("the browser asked for %d URLs not on the bot's address %s:\n%s", len(off), b.base, strings.Join(off, "\n"))
	}
	if all < 20 {
		t.Errorf("the browser made %d requests in all; is the network recorded?", all)
	}
	t.Logf("the browser made %d requests, %d of them elsewhere than %s", all, len(off), b.base)
}
