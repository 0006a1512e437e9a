package sources

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

const teaserFeed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>%[1]s/</link>
<item><title>Dock strike ends</title><link>%[1]s/strike</link><guid>s1</guid>
<description>Dockers voted to end the strike.</description></item>
<item><title>Library reopens</title><link>%[1]s/missing?utm_source=rss</link><guid>s2</guid>
<description>The library is open again.</description></item>
<item><title>Long item</title><link>%[1]s/long</link><guid>s3</guid>
<description>%[2]s</description></item>
</channel></rss>`

const strikePage = `<html><head><title>Dock strike ends</title>
<link rel="canonical" href="%s/strike"></head><body><article>
<h1>Dock strike ends</h1>
<p>Dock workers in Port Alder voted on Tuesday to end a nine-day strike that had left more than forty cargo ships waiting offshore.</p>
<p>The vote followed talks at City Hall between the mayor and the union president, which ran late into Monday night.</p>
<p>Under the agreement, crane operators will receive a raise this year and another next year, the union said in a statement.</p>
<p>The port authority expects the backlog of ships to clear by the end of next week, according to its director.</p>
</article></body></html>`

func TestFetcherFeedWithFullText(t *testing.T) {
	var srv *httptest.Server
	pageHits := 0
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, teaserFeed, srv.URL, strings.Repeat("A long article text. ", 50))
		case "/strike":
			pageHits++
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, strikePage, srv.URL)
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body>hi</body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := NewFetcher(NewClient(), 10)
	r, err := f.Fetch(t.Context(), srv.URL+"/feed", bot.Validators{})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if r.Title != "Harbour Times" || len(r.Articles) != 3 || r.Validators.ETag != `"v1"` {
		t.Fatalf("Fetch = %+v", r)
	}
	if !strings.Contains(r.Articles[0].Text, "nine-day strike") {
		t.Errorf("summary-only item kept its teaser: %q", r.Articles[0].Text)
	}
	// The poller deduplicates by the canonical URL the fetcher gives.
	if got, want := r.Articles[1].CanonicalURL, srv.URL+"/missing"; got != want {
		t.Errorf("CanonicalURL of %q = %q, want %q", r.Articles[1].URL, got, want)
	}
	if r.Articles[1].Text != "The library is open again." {
		t.Errorf("item whose page is missing lost its summary: %q", r.Articles[1].Text)
	}
	if r.FullText != 1 || r.FullTextFailed != 1 || pageHits != 1 {
		t.Errorf("full text fetched %d, failed %d, page hits %d; want 1, 1, 1 (the long item needs no page)", r.FullText, r.FullTextFailed, pageHits)
	}
	again, err := f.Fetch(t.Context(), srv.URL+"/feed", r.Validators)
	if err != nil || !again.NotModified || len(again.Articles) != 0 {
		t.Errorf("second Fetch = %+v, %v; want not modified", again, err)
	}
	feed, err := f.Discover(t.Context(), srv.URL+"/page")
	if err != nil || feed != srv.URL+"/feed" {
		t.Errorf("Discover(page) = %q, %v; want the linked feed", feed, err)
	}
	if feed, _ := f.Discover(t.Context(), srv.URL+"/feed"); feed != srv.URL+"/feed" {
		t.Errorf("Discover(feed) = %q, want the feed itself", feed)
	}
	page, err := f.Fetch(t.Context(), srv.URL+"/strike", bot.Validators{})
	if err != nil || len(page.Articles) != 1 || page.Articles[0].Title != "Dock strike ends" {
		t.Errorf("Fetch(page) = %+v, %v; want the page as one article", page, err)
	}
}

func TestFetcherBadFeeds(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/invalid":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss><channel><item><title>Broken`)
		case "/latin1":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me</title><guid>1</guid><description>Br\xfbl\xe9e.</description></item></channel></rss>")
		case "/undeclared":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>")
		}
	}))
	defer srv.Close()
	f := NewFetcher(NewClient(), 0)
	if _, err := f.Fetch(t.Context(), srv.URL+"/invalid", bot.Validators{}); err == nil || !strings.Contains(err.Error(), srv.URL+"/invalid") {
		t.Errorf("invalid XML error = %v, want one naming the feed", err)
	}
	r, err := f.Fetch(t.Context(), srv.URL+"/latin1", bot.Validators{})
	if err != nil || r.Title != "Café" || r.Articles[0].Title != "Crème" {
		t.Errorf("declared ISO-8859-1 feed = %+v, %v; want decoded text", r, err)
	}
	if _, err := f.Fetch(t.Context(), srv.URL+"/undeclared", bot.Validators{}); err == nil {
		t.Errorf("a feed with undeclared non-UTF-8 bytes parsed without error")
	}
}

func TestFetcherLocalFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Council approves bridge\n\nThe council approved a footbridge on Monday.")
	f := NewFetcher(NewClient(), 0)
	r, err := f.Fetch(t.Context(), dir, bot.Validators{})
	if err != nil || len(r.Articles) != 1 {
		t.Fatalf("Fetch(folder) = %+v, %v", r, err)
	}
	again, err := f.Fetch(t.Context(), dir, r.Validators)
	if err != nil || !again.NotModified {
		t.Errorf("unchanged folder: %+v, %v; want not modified", again, err)
	}
	later := time.Now().Add(time.Minute)
	write("b.txt", "Second story\n\nSomething else happened on Tuesday in the town.")
	os.Chtimes(filepath.Join(dir, "b.txt"), later, later)
	r, err = f.Fetch(t.Context(), dir, r.Validators)
	if err != nil || r.NotModified || len(r.Articles) != 2 {
		t.Errorf("changed folder: %+v, %v; want both articles", r, err)
	}
	if _, err := f.Fetch(context.Background(), filepath.Join(dir, "nope"), bot.Validators{}); err == nil {
		t.Errorf("missing path gave no error")
	}
}

// TestFetchArticle: the bot's /summary <url> gets the page's article, and
// a local path is refused, not read.
func TestFetchArticle(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, strikePage, srv.URL)
	}))
	defer srv.Close()
	f := NewFetcher(NewClient(), 0)
	a, err := f.FetchArticle(t.Context(), srv.URL+"/strike")
	if err != nil || a.Title != "Dock strike ends" || !strings.Contains(a.Text, "nine-day strike") {
		t.Errorf("FetchArticle(page) = %q, %v; want the strike article", a.Title, err)
	}
	if _, err := f.FetchArticle(t.Context(), t.TempDir()); err == nil {
		t.Error("FetchArticle(local folder) = nil error, want refused")
	}
}
