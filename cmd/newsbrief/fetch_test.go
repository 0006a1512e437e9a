package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fetchedLines parses the JSON lines of fetch --format json, failing on
// any field that is not one of the six documented ones.
func fetchedLines(t *testing.T, out string) []fetchedJSON {
	t.Helper()
	return jsonLines[fetchedJSON](t, out, 6)
}

func TestFetchOnceStoresAndSurvivesRestart(t *testing.T) {
	srv := newFeedServer(t, 3)
	data := t.TempDir()
	local := writeFile(t, "local.xml", []byte(rss("Local Feed", "http://local.test", 2)))
	mustRun(t, data, "sources", "add", srv.URL+"/feed.xml", "--backfill", "2")
	mustRun(t, data, "sources", "add", local, "--backfill", "5")

	out, errOut, err := runIn(t, data, "fetch", "--once", "--format", "json")
	if err != nil {
		t.Fatalf("fetch --once error: %v\nstderr: %s", err, errOut)
	}
	got := fetchedLines(t, out)
	// The web feed's first poll brings only its two newest stories; the
	// local one asked for up to five and has two.
	if want := []string{"Story 3", "Story 2", "Story 2", "Story 1"}; !cmp.Equal(want, column(got, "Title")) {
		t.Fatalf("fetch --once titles (-want +got):\n%s", cmp.Diff(want, column(got, "Title")))
	}
	want := fetchedJSON{
		ID:        srv.URL + "/a/3",
		URL:       srv.URL + "/a/3",
		Title:     "Story 3",
		Published: "2025-04-01T11:00:00Z",
		Source:    "Test Feed",
		Text:      "Test Feed story 3. " + strings.TrimSpace(longText),
	}
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("fetch --once first article (-want +got):\n%s", diff)
	}
	if got[3].Source != "Local Feed" || got[3].URL != "http://local.test/a/1" {
		t.Errorf("local article = %+v, want source Local Feed, URL http://local.test/a/1", got[3])
	}
	if !strings.Contains(errOut, "polled 2 sources: 4 new, 0 failed") {
		t.Errorf("fetch --once stderr = %q, want a summary of 2 sources, 4 new", errOut)
	}

	// Every run() opens the store afresh, as a restarted program would.
	out, errOut = mustRunErr(t, data, "fetch", "--once")
	if out != "" {
		t.Errorf("second fetch --once printed %q, want nothing new", out)
	}
	if !strings.Contains(errOut, ": 0 new") {
		t.Errorf("second fetch --once stderr = %q, want 0 new", errOut)
	}

	srv.items.Store(4)
	out = mustRun(t, data, "fetch", "--once")
	if want := "Story 4\nTest Feed\n" + srv.URL + "/a/4\n"; out != want {
		t.Errorf("fetch --once after a new story = %q, want %q", out, want)
	}

	for _, s := range listed(t, data) {
		if s.Health != "ok" || s.Polls != 3 || s.LastPoll == "" || s.NextPoll == "" {
			t.Errorf("source %s after three polls = %+v, want ok, 3 polls, last and next poll set", s.URL, s)
		}
	}
}

func TestFetchOnceTextFormat(t *testing.T) {
	srv := newFeedServer(t, 2)
	data := t.TempDir()
	mustRun(t, data, "sources", "add", srv.URL+"/feed.xml", "--backfill", "2")
	out := mustRun(t, data, "fetch", "--once")
	want := "Story 2\nTest Feed\n" + srv.URL + "/a/2\n\nStory 1\nTest Feed\n" + srv.URL + "/a/1\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("fetch --once text (-want +got):\n%s", diff)
	}
}

func TestFetchOnceFailingSources(t *testing.T) {
	srv := newFeedServer(t, 2)
	data := t.TempDir()
	// Imported, as "sources add" refuses a feed that fails on the spot.
	opml := `<opml version="2.0"><body>
<outline text="Broken" xmlUrl="` + srv.URL + `/broken.xml"/>
<outline text="Good" xmlUrl="` + srv.URL + `/feed.xml"/>
<outline text="Invalid" xmlUrl="` + srv.URL + `/invalid.xml"/>
</body></opml>`
	mustRun(t, data, "sources", "import", "--backfill", "1", writeFile(t, "feeds.opml", []byte(opml)))

	out, errOut, err := runIn(t, data, "fetch", "--once", "--format", "json")
	if err != nil {
		t.Fatalf("fetch --once with one good source of three: error %v, want none\nstderr: %s", err, errOut)
	}
	if got := column(fetchedLines(t, out), "Title"); !cmp.Equal(got, []string{"Story 2"}) {
		t.Errorf("fetch --once printed %q, want the good feed's Story 2", got)
	}
	wantAll(t, "fetch --once's stderr", errOut,
		"source 1: fetch "+srv.URL+"/broken.xml: server answered 500",
		"source 3: "+srv.URL+"/invalid.xml: parse feed",
		"polled 3 sources: 1 new, 2 failed",
	)

	got := listed(t, data)
	if got[0].Health != "failing" || got[0].Status != 500 || got[0].Failures != 1 || got[0].Hint == "" {
		t.Errorf("broken source = %+v, want failing, 500, 1 failure, a hint", got[0])
	}
	if got[1].Health != "ok" || got[1].Status != 200 {
		t.Errorf("good source = %+v, want ok, 200", got[1])
	}
	if got[2].Health != "failing" || !strings.Contains(got[2].LastError, "parse feed") {
		t.Errorf("invalid source = %+v, want failing with a parse error", got[2])
	}
	table := mustRun(t, data, "sources", "list")
	wantAll(t, "sources list", table, "failing  500", "\n1: fetch "+srv.URL+"/broken.xml: server answered 500", "\n3: "+srv.URL+"/invalid.xml")

	// With the good source gone, every source fails: exit code 1.
	mustRun(t, data, "sources", "remove", srv.URL+"/feed.xml")
	out, errOut, err = runIn(t, data, "fetch", "--once")
	if err == nil || !strings.Contains(err.Error(), "all 2 sources failed") || errors.As(err, new(usageError)) {
		t.Errorf("fetch --once with only failing sources: error %v, want all 2 sources failed (not a usage error)", err)
	}
	if out != "" || !strings.Contains(errOut, "server answered 500") {
		t.Errorf("fetch --once with only failing sources printed %q, stderr %q", out, errOut)
	}
}

func TestFetchSourceDoesNotStore(t *testing.T) {
	srv := newFeedServer(t, 3)
	data := t.TempDir()
	local := writeFile(t, "story.txt", []byte(article))
	tests := []struct {
		name string
		loc  string
		want []string
	}{
		// Every item, not just a backfill: nothing is remembered.
		{"feed", srv.URL + "/feed.xml", []string{"Story 3", "Story 2", "Story 1"}},
		{"local file", local, []string{"Council approves new bridge"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 {
				out := mustRun(t, data, "fetch", "--once", "--source", tt.loc, "--format", "json")
				if got := column(fetchedLines(t, out), "Title"); !cmp.Equal(tt.want, got) {
					t.Errorf("fetch --source %s titles (-want +got):\n%s", tt.loc, cmp.Diff(tt.want, got))
				}
			}
		})
	}
	if got := listed(t, data); len(got) != 0 {
		t.Errorf("fetch --source stored sources %v, want none", column(got, "URL"))
	}
	if _, _, err := runIn(t, data, "fetch", "--once"); err == nil || !strings.Contains(err.Error(), "no sources") {
		t.Errorf("fetch --once after fetch --source: error %v, want no sources (none stored)", err)
	}
	_, _, err := runIn(t, data, "fetch", "--once", "--source", srv.URL+"/broken.xml")
	if err == nil || !strings.Contains(err.Error(), "server answered 500") {
		t.Errorf("fetch --source of a broken feed: error %v, want server answered 500", err)
	}
}

func TestFetchUsage(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no --once", []string{"fetch"}, "want --once"},
		{"bad format", []string{"fetch", "--once", "--format", "csv"}, "unknown format"},
		{"argument", []string{"fetch", "--once", "http://127.0.0.1/feed"}, "--source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runIn(t, data, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, new(usageError)) {
				t.Errorf("run(%q) error = %v, want a usage error containing %q", tt.args, err, tt.want)
			}
		})
	}
}
