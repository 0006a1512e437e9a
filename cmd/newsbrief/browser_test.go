package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
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

// maxConsolePage is the most a page of the console may take to load
// (issue #13: each page under 100 KB transferred).
const maxConsolePage = 100_000

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
	// What loading the page took over the wire, headers included: the
	// document and whatever it asked for that was not cached yet.
	sent := eval[int](b, `performance.getEntries().filter(e => "transferSize" in e).reduce((n, e) => n + e.transferSize, 0)`)
	b.t.Logf("%s: %.1f KB transferred", name, float64(sent)/1000)
	if sent > maxConsolePage {
		problems = append(problems, fmt.Sprintf("%s took %d bytes to load, more than %d", name, sent, maxConsolePage))
	}
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
