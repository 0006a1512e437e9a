package main

import (
	"testing"
)

// TestSourcesAddTakesTheConfiguration: a source added without --interval
// and --backfill gets the configuration's (file, then environment), in
// the database the configuration names, as `run` adds the sources the
// configuration lists; it used to get 15m and backfill 0, which muted
// every article already in the feed. What the command line gives wins.
func TestSourcesAddTakesTheConfiguration(t *testing.T) {
	srv := newFeedServer(t, 3)
	data := t.TempDir()
	conf := writeFile(t, "newsbrief.yaml", []byte("data_dir: "+data+"\ninterval: 40m\nbackfill: 4\n"))
	env := map[string]string{"NEWSBRIEF_DATA_DIR": t.TempDir(), "NEWSBRIEF_CONFIG": conf}
	newsbrief := func(args ...string) string {
		t.Helper()
		out, errOut, err := runEnv(t, env, "", args...)
		if err != nil {
			t.Fatalf("newsbrief %q: %v\n%s", args, err, errOut)
		}
		return out
	}
	newsbrief("sources", "add", srv.URL+"/feed.xml")
	env["NEWSBRIEF_BACKFILL"] = "6"
	newsbrief("sources", "add", "--config", conf, srv.URL+"/feed.xml?second")
	newsbrief("sources", "add", srv.URL+"/feed.xml?third", "--backfill", "0", "--interval", "1h")

	got := jsonLines[sourceJSON](t, newsbrief("sources", "list", "--format", "json"), 0)
	want := []struct {
		interval string
		backfill int
	}{{"40m0s", 4}, {"40m0s", 6}, {"1h0m0s", 0}}
	if len(got) != len(want) {
		t.Fatalf("sources list in the configured database gave %d sources, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Interval != w.interval || got[i].Backfill != w.backfill {
			t.Errorf("source %d = every %s, backfill %d; want every %s, backfill %d", i+1, got[i].Interval, got[i].Backfill, w.interval, w.backfill)
		}
	}
}
