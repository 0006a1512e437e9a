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
)

// BenchmarkPreview times the server's work for each kind of preview over
// BenchmarkPages' large store (1,000 sources, 10,000 chats, 100,000
// articles over a week): the brief of pasted text, the baseline, which
// reads nothing stored; a chat's daily brief when nothing matches its
// topics; and the daily brief of a chat that follows no topic, so every
// article of the last day is read, matched and grouped into stories.
func BenchmarkPreview(b *testing.B) {
	store, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "nb.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	bottest.Fill(b, store, bottest.Sizes{Sources: 1000, Chats: 10_000, Articles: 100_000, Deliveries: 20_000, Now: start})
	all, quiet := bot.ChatRef{Platform: "slack", ID: "CALLNEWS"}, bot.ChatRef{Platform: "slack", ID: "CQUIET"}
	for _, c := range []bot.ChatRef{all, quiet} {
		if err := store.SaveChat(b.Context(), bot.ChatSettings{Chat: c, Schedule: "08:00 UTC daily"}); err != nil {
			b.Fatal(err)
		}
	}
	if err := store.Subscribe(b.Context(), quiet, "no-such-news-anywhere"); err != nil {
		b.Fatal(err)
	}
	h, cookie := benchConsole(b, store)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/preview", nil)
	req.AddCookie(cookie)
	h.ServeHTTP(rec, req)
	m := csrfValue.FindStringSubmatch(rec.Body.String())
	if m == nil {
		b.Fatalf("GET /preview has no CSRF token:\n%s", rec.Body)
	}
	for _, tt := range []struct {
		name string
		form url.Values
	}{
		{"text", url.Values{"kind": {"text"}, "title": {bottest.GrainTalks.Title}, "text": {bottest.GrainTalks.Text}}},
		{"chat_quiet", url.Values{"kind": {"chat"}, "c": {quiet.String()}}},
		{"chat_all_news", url.Values{"kind": {"chat"}, "c": {all.String()}}},
	} {
		tt.form.Set("csrf", m[1])
		body := tt.form.Encode()
		b.Run(tt.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/preview", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.AddCookie(cookie)
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `class="pv-col"`) {
					b.Fatalf("POST /preview %s = %d:\n%.2000s", tt.name, rec.Code, rec.Body)
				}
				n = rec.Body.Len()
			}
			b.ReportMetric(float64(n), "bytes/page")
			if n > maxPageBytes {
				b.Errorf("the %s preview is %d bytes, over %d", tt.name, n, maxPageBytes)
			}
		})
	}
}
