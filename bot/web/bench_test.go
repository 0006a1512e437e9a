package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/web"
	"github.com/newsbrief/newsbrief/brief"
)

// benchPages are the pages the benchmark times: every list at its first
// page, deep in it and searched, a chat's page, and the overview.
var benchPages = []struct{ name, path string }{
	{"overview", "/"},
	{"sources", "/sources"},
	{"sources_page10", "/sources?page=10"},
	{"sources_search", "/sources?q=feed077"},
	{"chats", "/chats"},
	{"chats_page100", "/chats?page=100"},
	{"chats_search", "/chats?q=4242"},
	{"chat", "/chat?c=" + url.QueryEscape(benchChat.String())},
	{"outbox", "/outbox"},
	{"outbox_dead", "/outbox?status=dead"},
	{"preview", "/preview"},
}

// benchChat is the chat whose page the benchmark times.
var benchChat = bot.ChatRef{Platform: "telegram", ID: "4242"}

// maxPageBytes is the most a console page may weigh.
const maxPageBytes = 100 << 10

// BenchmarkPages times the server's work for each console page (the
// handler, the store and the template, without the network), over an
// empty store (the baseline: one chat only) and over one filled by
// bottest.Fill with 1,000 sources, 10,000
// chats and 100,000 articles, and reports each page's size. Compare the
// two with benchstat; the target is under 50 ms and 100 KB a page.
func BenchmarkPages(b *testing.B) {
	for _, size := range []struct {
		name  string
		sizes bottest.Sizes
	}{
		{"empty", bottest.Sizes{}},
		{"large", bottest.Sizes{Sources: 1000, Chats: 10_000, Articles: 100_000, Deliveries: 20_000}},
	} {
		store, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "nb.db"))
		if err != nil {
			b.Fatal(err)
		}
		size.sizes.Now = start
		bottest.Fill(b, store, size.sizes)
		// The chat page's chat, the one chat of the baseline.
		if err := store.SaveChat(b.Context(), bot.ChatSettings{Chat: benchChat, Schedule: "08:00 UTC daily"}); err != nil {
			b.Fatal(err)
		}
		h, cookie := benchConsole(b, store)
		for _, page := range benchPages {
			b.Run(size.name+"/"+page.name, func(b *testing.B) {
				var n int
				for b.Loop() {
					rec := httptest.NewRecorder()
					req := httptest.NewRequest("GET", page.path, nil)
					req.AddCookie(cookie)
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("GET %s = %d:\n%s", page.path, rec.Code, rec.Body)
					}
					n = rec.Body.Len()
				}
				b.ReportMetric(float64(n), "bytes/page")
				if n > maxPageBytes {
					b.Errorf("GET %s is %d bytes, over %d", page.path, n, maxPageBytes)
				}
			})
		}
		store.Close()
	}
}

// benchConsole returns a console over store and a signed-in session's
// cookie.
func benchConsole(b *testing.B, store web.Store) (http.Handler, *http.Cookie) {
	b.Helper()
	clock := bottest.NewClock(start)
	bt := bot.New(store, brief.New(brief.Options{}), bot.Options{Clock: clock})
	h, err := web.New(web.Options{Store: store, Bot: bt, PasswordHash: testHash(b), Clock: clock, Preview: previewers})
	if err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	login := rec.Result().Cookies()[0]
	form := url.Values{"csrf": {login.Value}, "password": {password}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(login)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "newsbrief_session" && c.Value != "" {
			return h, c
		}
	}
	b.Fatalf("login = %d, no session cookie", rec.Code)
	return nil, nil
}
