package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFetchKeepsContentOutside runs the SSRF attack through the
// command line: a feed on the operator's source (127.0.0.1) whose items
// link to internal pages on 127.0.0.2 and [::1]. Neither is contacted,
// whether the feed is read with --source or polled as a stored source,
// unless the operator allows private links.
func TestFetchKeepsContentOutside(t *testing.T) {
	v4, v4conns := insideServer(t, "127.0.0.2:0", false)
	links := []string{v4 + "/payroll"}
	v6, v6conns := insideServer(t, "[::1]:0", true)
	if v6 != "" {
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

// TestFetchAndSourcesAddReadTheConfigFile: fetch --once and sources add
// read sources.allow_private_links (and the database) from the
// configuration file, by --config or NEWSBRIEF_CONFIG, as run does. They
// used to read only the environment, so an operator who allowed private
// links in the file saw run read a page that fetch and sources add
// refused.
func TestFetchAndSourcesAddReadTheConfigFile(t *testing.T) {
	inside, _ := insideServer(t, "127.0.0.2:0", false)
	// A feed on the other loopback address, announced by a page on the
	// source's own host: content steers there.
	insideFeed := serveOn(t, "127.0.0.2:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Inside Feed", "http://"+r.Host, 2))
	}))
	outside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/home" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="%s/feed.xml"></head><body>Home</body></html>`, insideFeed)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Harbour</title><item><title>Item</title><link>%s/payroll</link><guid>g</guid><description>Teaser.</description></item></channel></rss>`, inside)
	}))
	defer outside.Close()

	data := t.TempDir()
	conf := writeFile(t, "newsbrief.yaml", []byte("data_dir: "+data+"\nsources:\n  allow_private_links: true\n"))
	newsbrief := func(env map[string]string, args ...string) (string, error) {
		t.Helper()
		out, errOut, err := runEnv(t, env, "", args...)
		return out + errOut, err
	}
	noEnv := map[string]string{"NEWSBRIEF_DATA_DIR": t.TempDir()}
	byFlag := map[string]string{} // the database is the file's data_dir
	byEnv := map[string]string{"NEWSBRIEF_CONFIG": conf}

	// Without the setting the guard keeps content off private addresses.
	if out, err := newsbrief(noEnv, "fetch", "--once", "--source", outside.URL+"/feed", "--format", "json"); err != nil || strings.Contains(out, insideText) {
		t.Fatalf("fetch without the setting = %v, read the inside page: %v\n%s", err, strings.Contains(out, insideText), out)
	}
	if _, err := newsbrief(noEnv, "sources", "add", outside.URL+"/home"); err == nil {
		t.Fatalf("sources add of a page whose feed is on a private address succeeded without the setting")
	}

	for name, tc := range map[string]struct {
		env  map[string]string
		args []string
	}{
		"--config":         {byFlag, []string{"--config", conf}},
		"NEWSBRIEF_CONFIG": {byEnv, nil},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := newsbrief(tc.env, append([]string{"fetch", "--once", "--source", outside.URL + "/feed", "--format", "json"}, tc.args...)...)
			if err != nil || !strings.Contains(out, insideText) {
				t.Errorf("fetch --once --source with allow_private_links in the file = %v, want the inside page read:\n%s", err, out)
			}
		})
	}
	// sources add puts the inside feed in the file's database, where
	// fetch --once finds it.
	if out, err := newsbrief(byFlag, "sources", "add", outside.URL+"/home", "--config", conf); err != nil || !strings.Contains(out, "(the feed of "+outside.URL+"/home)") {
		t.Fatalf("sources add with allow_private_links in the file = %v, want the announced feed added:\n%s", err, out)
	}
	out, err := newsbrief(byEnv, "fetch", "--once", "--format", "json")
	if err != nil || !strings.Contains(out, `"source":"Inside Feed"`) {
		t.Errorf("fetch --once with NEWSBRIEF_CONFIG = %v, want the source added to the file's database polled:\n%s", err, out)
	}
}
