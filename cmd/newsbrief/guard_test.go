package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

const insideText = "Payroll export for the finance team"

// insideServer serves a long internal page on addr (a loopback address
// that is not the feed's) and counts the connections it accepts.
func insideServer(t *testing.T, addr string) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s here: %v", addr, err)
	}
	var conns atomic.Int64
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

// TestFetchKeepsContentOutside runs the SSRF attack through the
// command line: a feed on the operator's source (127.0.0.1) whose items
// link to internal pages on 127.0.0.2 and [::1]. Neither is contacted,
// whether the feed is read with --source or polled as a stored source,
// unless the operator allows private links.
func TestFetchKeepsContentOutside(t *testing.T) {
	v4, v4conns := insideServer(t, "127.0.0.2:0")
	links := []string{v4 + "/payroll"}
	var v6conns *atomic.Int64
	if ln, err := net.Listen("tcp", "[::1]:0"); err != nil {
		t.Logf("cannot listen on [::1] here (%v): the IPv6 link is left out", err)
		v6conns = new(atomic.Int64)
	} else {
		ln.Close()
		var v6 string
		v6, v6conns = insideServer(t, "[::1]:0")
		links = append(links, v6+"/payroll")
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Harbour</title>`)
		for i, l := range links {
			fmt.Fprintf(w, `<item><title>Item %d</title><link>%s</link><guid>g%d</guid><description>Teaser %d.</description></item>`, i, l, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer feed.Close()

	data := t.TempDir()
	out := mustRun(t, data, "fetch", "--once", "--source", feed.URL+"/feed", "--format", "json")
	mustRun(t, data, "sources", "add", feed.URL+"/feed", "--backfill", "5")
	out += mustRun(t, data, "fetch", "--once", "--format", "json")
	if strings.Contains(out, insideText) {
		t.Errorf("fetch printed internal text:\n%s", out)
	}
	if !strings.Contains(out, "Teaser 0.") {
		t.Errorf("fetch lost the items' own teasers:\n%s", out)
	}
	if n := v4conns.Load() + v6conns.Load(); n != 0 {
		t.Errorf("the internal listeners accepted %d connections, want 0", n)
	}

	// The operator's switch lifts the rule.
	env := map[string]string{"NEWSBRIEF_DATA_DIR": t.TempDir(), "NEWSBRIEF_SOURCES_ALLOW_PRIVATE_LINKS": "true"}
	allowed, errOut, err := runEnv(t, env, "", "fetch", "--once", "--source", feed.URL+"/feed", "--format", "json")
	if err != nil {
		t.Fatalf("fetch with private links allowed: %v\n%s", err, errOut)
	}
	if !strings.Contains(allowed, insideText) {
		t.Errorf("with sources.allow_private_links the internal page was not read:\n%s", allowed)
	}
}
