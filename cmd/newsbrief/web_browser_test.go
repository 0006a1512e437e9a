package main

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// The operator's console in a real browser (browser_test.go has the
// harness): the scenarios of issue #13 against `newsbrief run`.

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

		// The first Tab of a page shows the skip link, with a visible
		// focus ring; Enter on it takes the focus past the navigation.
		eval[chromedp.Void](b, `document.activeElement && document.activeElement.blur()`)
		b.do("press Tab", chromedp.KeyEvent(kb.Tab))
		type focus struct {
			Text, Outline string
			Left, Width   float64
		}
		got := eval[focus](b, `(() => { const e = document.activeElement, r = e.getBoundingClientRect(), st = getComputedStyle(e);
			return {text: e.innerText, outline: st.outlineStyle + " " + st.outlineWidth, left: r.left, width: r.width} })()`)
		if got.Text != "Skip to content" || got.Left < 0 || got.Width == 0 || strings.HasPrefix(got.Outline, "none") {
			t.Errorf("the first Tab focuses %+v, want the skip link on screen with a focus ring", got)
		}
		b.do("press Enter", chromedp.KeyEvent(kb.Enter))
		if id := eval[string](b, `document.activeElement.id`); id != "main" {
			t.Errorf("Enter on the skip link left the focus on %q, want the main part", id)
		}
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
		// Both schedules are half a day away, so that no brief falls due
		// while the test runs and changes what the overview counts.
		later := time.Now().Add(12 * time.Hour)
		tg.command(556, "/schedule "+later.UTC().Format("15:04")+" UTC")
		waitUntil(t, "the bot's answer to /schedule", func() bool { return len(tg.Texts("556")) > 0 })
		b.open("/chats")
		b.check("chats")
		if resp := b.submit("open the chat", `//a[@href="/chat?c=telegram%3A556"]`); resp.Status != http.StatusOK {
			t.Fatalf("opening the chat answered %d", resp.Status)
		}
		b.check("chat")
		eval[chromedp.Void](b, `document.getElementById("schedule").value = ""`)
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Fatal(err)
		}
		schedule := later.Add(30*time.Minute).In(berlin).Format("15:04") + " Europe/Berlin"
		b.do("type a schedule", chromedp.SendKeys(chromedp.ID("schedule"), schedule+" weekdays"))
		b.submit("save the schedule", `//button[normalize-space()="Save schedule"]`)
		here := b.location()
		b.open(here) // read back from the store, not from the form
		if facts := eval[string](b, `document.querySelector("dl.facts").innerText`); !strings.Contains(facts, schedule+" weekdays") {
			t.Errorf("after saving %s weekdays the chat's page says:\n%s", schedule, facts)
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
