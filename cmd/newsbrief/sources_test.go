package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// listed returns the sources that "sources list --format json" prints.
func listed(t *testing.T, dataDir string) []sourceJSON {
	t.Helper()
	return jsonLines[sourceJSON](t, mustRun(t, dataDir, "sources", "list", "--format", "json"), 0)
}

func TestSourcesRoundTrip(t *testing.T) {
	srv := newFeedServer(t, 3)
	data := t.TempDir()
	local := writeFile(t, "local.xml", []byte(rss("Local Feed", "http://local.test", 2)))

	// A page URL is added as the feed it links to; flags may follow it.
	out := mustRun(t, data, "sources", "add", srv.URL+"/home", "--interval", "30m", "--backfill", "2")
	if want := "added source 1: " + srv.URL + "/feed.xml (the feed of " + srv.URL + "/home)\n"; out != want {
		t.Errorf("sources add page = %q, want %q", out, want)
	}
	out = mustRun(t, data, "sources", "add", "--title", "My files", local)
	if want := "added source 2: " + local + "\n"; out != want {
		t.Errorf("sources add file = %q, want %q", out, want)
	}

	got := listed(t, data)
	if len(got) != 2 {
		t.Fatalf("sources list gave %d sources, want 2: %v", len(got), got)
	}
	if got[0].URL != srv.URL+"/feed.xml" || got[0].Title != "Test Feed" || got[0].Interval != "30m0s" || got[0].Backfill != 2 || got[0].Health != "new" {
		t.Errorf("source 1 = %+v, want the discovered feed titled Test Feed, every 30m, backfill 2, health new", got[0])
	}
	if got[1].URL != local || got[1].Title != "My files" || got[1].Interval != "15m0s" {
		t.Errorf("source 2 = %+v, want %s titled My files every 15m", got[1], local)
	}

	table := mustRun(t, data, "sources", "list")
	wantAll(t, "sources list", table, "ID  HEALTH", "Test Feed", "My files", srv.URL+"/feed.xml", local, "never", "30m")

	opml := mustRun(t, data, "sources", "export")
	wantAll(t, "sources export", opml, `<opml version="2.0">`, `xmlUrl="`+srv.URL+`/feed.xml"`, `title="Test Feed"`, `xmlUrl="`+local+`"`)
	opmlFile := writeFile(t, "sources.opml", []byte(opml))

	if out := mustRun(t, data, "sources", "remove", "1"); !strings.Contains(out, "removed source 1: "+srv.URL+"/feed.xml") {
		t.Errorf("sources remove 1 = %q", out)
	}
	if out := mustRun(t, data, "sources", "remove", local); !strings.Contains(out, "removed source 2") {
		t.Errorf("sources remove %s = %q", local, out)
	}
	if got := listed(t, data); len(got) != 0 {
		t.Fatalf("after removing both, sources list = %v, want none", column(got, "URL"))
	}
	if _, _, err := runIn(t, data, "sources", "remove", "1"); err == nil || !strings.Contains(err.Error(), "no source 1") {
		t.Errorf("sources remove of a removed source: error %v, want no source 1", err)
	}

	if out := mustRun(t, data, "sources", "import", opmlFile); !strings.Contains(out, "added 2, skipped 0") {
		t.Errorf("sources import = %q, want added 2, skipped 0", out)
	}
	if out := mustRun(t, data, "sources", "import", opmlFile); !strings.Contains(out, "added 0, skipped 2") {
		t.Errorf("sources import again = %q, want added 0, skipped 2", out)
	}
	got = listed(t, data)
	if want := []string{srv.URL + "/feed.xml", local}; strings.Join(column(got, "URL"), " ") != strings.Join(want, " ") {
		t.Errorf("after import, sources = %v, want %v", column(got, "URL"), want)
	}
	if got[0].Title != "Test Feed" {
		t.Errorf("imported source title = %q, want Test Feed", got[0].Title)
	}
}

func TestSourcesAddErrors(t *testing.T) {
	srv := newFeedServer(t, 1)
	data := t.TempDir()
	mustRun(t, data, "sources", "add", srv.URL+"/feed.xml")
	tests := []struct {
		name      string
		args      []string
		wantUsage bool
		want      string
	}{
		{"duplicate", []string{"sources", "add", srv.URL + "/feed.xml"}, false, "already a source (id 1)"},
		{"duplicate through its page", []string{"sources", "add", srv.URL + "/home"}, false, "already a source"},
		{"server error", []string{"sources", "add", srv.URL + "/broken.xml"}, false, "server answered 500"},
		{"missing file", []string{"sources", "add", filepath.Join(t.TempDir(), "nope.xml")}, false, "no such file"},
		{"other scheme", []string{"sources", "add", "ftp://example.com/feed"}, false, "only http and https"},
		{"no host", []string{"sources", "add", "http://"}, false, "not a valid URL"},
		{"no argument", []string{"sources", "add"}, true, "want one URL"},
		{"two arguments", []string{"sources", "add", "a", "b"}, true, "want one URL"},
		{"short interval", []string{"sources", "add", "--interval", "5s", srv.URL}, true, "--interval 5s is too short"},
		{"negative backfill", []string{"sources", "add", "--backfill", "-1", srv.URL}, true, "negative"},
		{"bad flag", []string{"sources", "add", "--every", "1h", srv.URL}, true, "not defined"},
		{"no subcommand", []string{"sources"}, true, "say what to do: add, list, remove, import or export"},
		{"unknown subcommand", []string{"sources", "rename"}, true, "unknown subcommand"},
		{"list format", []string{"sources", "list", "--format", "xml"}, true, "unknown format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runIn(t, data, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("run(%q) error = %v, want one containing %q", tt.args, err, tt.want)
			}
			if got := errors.As(err, new(usageError)); got != tt.wantUsage {
				t.Errorf("run(%q) usage error = %v, want %v", tt.args, got, tt.wantUsage)
			}
			if out != "" {
				t.Errorf("run(%q) printed %q, want nothing", tt.args, out)
			}
		})
	}
	if got := listed(t, data); len(got) != 1 {
		t.Errorf("after failed adds, sources = %v, want the one added", column(got, "URL"))
	}
}

func TestSourcesImportBadOPML(t *testing.T) {
	const good = `<outline text="Good" xmlUrl="https://example.com/feed.xml"/>`
	tests := []struct {
		name, opml, want string
	}{
		{"not XML", "this is not OPML", "parse OPML"},
		{"cut short", `<?xml version="1.0"?><opml version="2.0"><body>` + good + `<outline text="B" xmlUrl="https://example.org/feed"`, "parse OPML"},
		{"bad feed URL among good", `<opml version="2.0"><body>` + good + `<outline text="B" xmlUrl="gopher://example.org/feed"/></body></opml>`, "gopher://example.org/feed"},
		{"no feeds", `<opml version="2.0"><body><outline text="Folder"/></body></opml>`, "lists no feeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			file := writeFile(t, "bad.opml", []byte(tt.opml))
			out, _, err := runIn(t, data, "sources", "import", file)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("sources import %s error = %v, want one containing %q", tt.name, err, tt.want)
			}
			if out != "" {
				t.Errorf("sources import %s printed %q, want nothing", tt.name, out)
			}
			if got := listed(t, data); len(got) != 0 {
				t.Errorf("sources import %s added %v, want nothing", tt.name, column(got, "URL"))
			}
		})
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args     []string
		wantPos  []string
		wantFlag string
	}{
		{[]string{"a", "--title", "T", "b"}, []string{"a", "b"}, "T"},
		{[]string{"--title=T", "a"}, []string{"a"}, "T"},
		{[]string{"a", "--", "--title", "x"}, []string{"a", "--title", "x"}, ""},
		{nil, nil, ""},
	}
	for _, tt := range tests {
		fs := newFlags("sources add", new(bytes.Buffer))
		title := fs.String("title", "", "")
		pos, err := fs.parseInterspersed(tt.args)
		if err != nil {
			t.Fatalf("parseInterspersed(%q) error: %v", tt.args, err)
		}
		if strings.Join(pos, "|") != strings.Join(tt.wantPos, "|") || *title != tt.wantFlag {
			t.Errorf("parseInterspersed(%q) = %q, title %q; want %q, title %q", tt.args, pos, *title, tt.wantPos, tt.wantFlag)
		}
	}
}
