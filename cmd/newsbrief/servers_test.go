package main

import (
	_ "embed"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The fake web the tests fetch from, on loopback: feeds, an article page,
// and an internal server that content must not reach.

// feedServer serves on loopback a feed whose number of items tests can
// raise, a page that links to it, and two broken feeds.
type feedServer struct {
	*httptest.Server
	items atomic.Int32
}

// longText is long enough that the fetcher takes it as the article's
// text and fetches no page for it.
var longText = strings.Repeat("The council met on Monday and agreed the budget for the new bridge. ", 12)

func newFeedServer(t *testing.T, items int) *feedServer {
	t.Helper()
	fs := &feedServer{}
	fs.items.Store(int32(items))
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Test Feed", fs.URL, int(fs.items.Load())))
	})
	mux.HandleFunc("/home", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>Home</title>
<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml"></head>
<body><p>Welcome.</p></body></html>`)
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database down", http.StatusInternalServerError)
	})
	mux.HandleFunc("/invalid.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bad<item><title>oops</channel>`)
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

// rss returns an RSS feed of n stories, the newest (Story n) first.
func rss(title, base string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>%s/</link>`, title, base)
	start := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	for i := n; i >= 1; i-- {
		fmt.Fprintf(&b, `<item><title>Story %d</title><link>%s/a/%d</link><guid>%s/a/%d</guid><pubDate>%s</pubDate><description>%s story %d. %s</description></item>`,
			i, base, i, base, i, start.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z), title, i, longText)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// newsPage is a small article page with its metadata in the head,
// written for these tests.
//
//go:embed testdata/news.html
var newsPage string

// newsServer serves newsPage at /article on loopback, a PDF at /file.pdf,
// and 404 elsewhere.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(newsPage))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/file.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n"))
	})
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

const insideText = "Payroll export for the finance team"

// insideServer serves a long internal page on addr (a loopback address
// that is not the feed's) and counts the connections it accepts. Where
// addr cannot be listened on, the test is skipped, or if optional, the
// URL is "" and the count stays 0.
func insideServer(t *testing.T, addr string, optional bool) (string, *atomic.Int64) {
	t.Helper()
	var conns atomic.Int64
	ln, err := net.Listen("tcp", addr)
	switch {
	case err != nil && optional:
		t.Logf("cannot listen on %s here (%v): its link is left out", addr, err)
		return "", &conns
	case err != nil:
		t.Skipf("cannot listen on %s here: %v", addr, err)
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html><body><article>%s</article></body></html>",
				strings.Repeat("<p>"+insideText+": salaries, bank accounts and the addresses of every employee are listed here.</p>", 10))
		}),
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		},
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String(), &conns
}

// serveOn serves h on addr, a loopback address other than 127.0.0.1, and
// returns its URL; the test is skipped where addr cannot be listened on.
func serveOn(t *testing.T, addr string, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s here: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}
