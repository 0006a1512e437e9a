package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
	{"sources_search", "/sources?q=s77"},
	{"chats", "/chats"},
	{"chats_page100", "/chats?page=100"},
	{"chats_search", "/chats?q=4242"},
	{"chat", "/chat?c=telegram%3A4242"},
	{"outbox", "/outbox"},
	{"outbox_dead", "/outbox?status=dead"},
	{"preview", "/preview"},
}

// maxPageBytes is the most a console page may weigh.
const maxPageBytes = 100 << 10

// BenchmarkPages times the server's work for each console page (the
// handler, the store and the template, without the network), over an
// empty store (the baseline: one chat only) and over one with 1,000 sources, 10,000
// chats and 100,000 articles, and reports each page's size. Compare the
// two with benchstat; the target is under 50 ms and 100 KB a page.
func BenchmarkPages(b *testing.B) {
	for _, size := range []struct {
		name string
		fill func(testing.TB, web.Store)
	}{
		{"empty", fillChat}, // the baseline: the one chat the chat page shows
		{"large", fillLarge},
	} {
		store, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "nb.db"))
		if err != nil {
			b.Fatal(err)
		}
		size.fill(b, store)
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
	h, err := web.New(web.Options{Store: store, Bot: bt, PasswordHash: testHash(b), Clock: clock})
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

// fillChat stores the chat the benchmark's chat page shows.
func fillChat(tb testing.TB, s web.Store) {
	tb.Helper()
	if err := s.SaveChat(tb.Context(), bot.ChatSettings{Chat: bot.ChatRef{Platform: "telegram", ID: "4242"}}); err != nil {
		tb.Fatal(err)
	}
}

// fillLarge stores 1,000 sources (50 failing), 100,000 articles over the
// last week, 10,000 chats with two topics and a schedule each, and 2,000
// messages in the outbox (500 of them given up on).
func fillLarge(tb testing.TB, s web.Store) {
	tb.Helper()
	ctx := tb.Context()
	var srcs []bot.Source
	for i := range 1000 {
		src, err := s.AddSource(ctx, bot.Source{URL: "https://s" + strconv.Itoa(i) + ".example/feed", Title: "Source " + strconv.Itoa(i)})
		if err != nil {
			tb.Fatal(err)
		}
		srcs = append(srcs, src)
		if i%20 == 0 {
			if err := s.SaveState(ctx, bot.SourceState{SourceID: src.ID, LastPoll: start.Add(-time.Hour), Failures: 2,
				LastError: "HTTP 503", Hint: "the site is down", NextPoll: start.Add(time.Hour)}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	batch := make([]bot.Article, 0, 1000)
	for i := range 100_000 {
		src := srcs[i%len(srcs)]
		at := start.Add(-time.Duration(i) * 6 * time.Second)
		a := brief.Article{ID: "a" + strconv.Itoa(i), URL: "https://" + src.URL[8:len(src.URL)-5] + "/" + strconv.Itoa(i),
			Title: "Story number " + strconv.Itoa(i), Text: "Text of story " + strconv.Itoa(i) + ". It happened today.", Published: at}
		batch = append(batch, bot.Article{Article: a, SourceID: src.ID, GUID: a.ID, CanonicalURL: a.URL, Fingerprint: brief.Fingerprint(a), Fetched: at})
		if len(batch) == cap(batch) {
			if _, err := s.AddArticles(ctx, batch); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for i := range 10_000 {
		c := bot.ChatRef{Platform: "telegram", ID: strconv.Itoa(i)}
		if err := s.SaveChat(ctx, bot.ChatSettings{Chat: c, Schedule: "08:00 UTC daily", NextDigest: start.Add(time.Duration(i) * time.Second)}); err != nil {
			tb.Fatal(err)
		}
		for _, topic := range []string{"ukraine", "topic" + strconv.Itoa(i%50)} {
			if err := s.Subscribe(ctx, c, topic); err != nil {
				tb.Fatal(err)
			}
		}
		if i < 2000 {
			if _, err := bot.Enqueue(ctx, s, bot.Message{Chat: c, Text: "hello"}, "bench:"+strconv.Itoa(i), start); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for id := int64(1); id <= 500; id++ {
		if err := s.Drop(ctx, id, "chat not found"); err != nil {
			tb.Fatal(err)
		}
	}
}
