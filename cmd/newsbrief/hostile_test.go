package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileFeed is a 10 MB RSS feed whose newest item has a 9 MB title,
// with 300 ordinary items after it.
func hostileFeed(base string) string {
	var b strings.Builder
	now := time.Now().UTC()
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>` + base + `</link>`)
	fmt.Fprintf(&b, `<item><title>%s</title><link>%s/huge</link><pubDate>%s</pubDate><description>%s</description></item>`,
		strings.Repeat("harbour ", 9<<20/8), base, now.Format(time.RFC1123Z),
		strings.Repeat("The harbour authority approved a new ferry terminal for the island on Tuesday. ", 10))
	for i := range 300 {
		fmt.Fprintf(&b, `<item><title>Council story %d</title><link>%s/story/%d</link><pubDate>%s</pubDate><description>%s %s</description></item>`,
			i, base, i, now.Add(-time.Duration(i+1)*time.Minute).Format(time.RFC1123Z), longText, strings.Repeat("More on the council's plans. ", 40))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// hostileRun is what one run against the hostile feed measured.
type hostileRun struct {
	replyParts int           // messages the long reply to /summary took
	helpWhile  bool          // another chat's /help was answered while it was being sent
	helpAfter  time.Duration // how long that /help took
	peakRSSMB  float64       // the process's peak resident memory
}

// runHostile runs the real process with the hostile feed as its source
// and a fake Telegram on loopback. One user asks /summary until the
// feed's stories are in; then, with that user's messages slowed to 3 s
// each on the wire, asks again, and another user asks /help meanwhile.
func runHostile(tb testing.TB) hostileRun {
	tb.Helper()
	cmd, api := startHostile(tb)
	const asker, other = "1001", "1002"
	waitForStories(tb, api, 1001)
	time.Sleep(3 * time.Second) // the first brief's last parts, if any
	var run hostileRun
	before := len(api.Texts(asker))
	api.Slow(asker, 3*time.Second)
	api.command(1001, "/summary")
	for end := time.Now().Add(time.Minute); !(api.OnWire(asker) > 0); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			tb.Fatal("the brief never went on the wire")
		}
	}
	asked := time.Now()
	api.command(1002, "/help")
	for len(api.Texts(other)) == 0 && time.Since(asked) < time.Minute {
		time.Sleep(10 * time.Millisecond)
	}
	run.helpAfter = time.Since(asked)
	run.helpWhile = len(api.Texts(other)) == 1 && (api.OnWire(asker) > 0)
	// The long reply ends when nothing more comes for longer than a part
	// takes; a reply still going after a minute has shown enough.
	for last, end := len(api.Texts(asker)), time.Now().Add(time.Minute); time.Now().Before(end); {
		time.Sleep(4 * time.Second)
		n := len(api.Texts(asker))
		if n == last {
			break
		}
		last = n
	}
	run.replyParts = len(api.Texts(asker)) - before
	run.peakRSSMB = peakRSSMB(tb, cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		tb.Errorf("newsbrief run exited with %v after SIGTERM", err)
	}
	return run
}

// startHostile starts the binary on the hostile feed and a fake Telegram
// that records every chat's messages.
func startHostile(tb testing.TB) (*exec.Cmd, botAPI) {
	tb.Helper()
	var feed string
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed)
	}))
	tb.Cleanup(feedSrv.Close)
	feed = hostileFeed(feedSrv.URL)
	if len(feed) < 10e6 || len(feed) > 10<<20 {
		tb.Fatalf("the feed is %d bytes, want 10 MB, within the fetcher's cap of 10 MiB", len(feed))
	}
	api := newBotAPI(tb)
	cmd := startBinary(tb, buildBinary(tb), append(fakeTelegramEnv(api), "NEWSBRIEF_DATA_DIR="+tb.TempDir(),
		"NEWSBRIEF_SOURCES="+feedSrv.URL+"/feed.xml", "NEWSBRIEF_LOG_LEVEL=error")...)
	return cmd, api
}

// waitForStories asks /summary as user until the feed's stories are in
// (the poll parses 10 MB first).
func waitForStories(tb testing.TB, api botAPI, user int64) {
	tb.Helper()
	chat := strconv.FormatInt(user, 10)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		n := len(api.Texts(chat))
		api.command(user, "/summary")
		for time.Now().Before(deadline) && len(api.Texts(chat)) == n {
			time.Sleep(50 * time.Millisecond)
		}
		got := api.Texts(chat)
		if len(got) > n && !strings.HasPrefix(got[n], "Nothing new") {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no brief of the feed's stories within 3 minutes; replies: %.200q", got)
		}
		time.Sleep(2 * time.Second)
	}
}

// peakRSSMB returns the process's peak resident memory in MB.
func peakRSSMB(tb testing.TB, pid int) float64 {
	tb.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// TestHostileFeed is the oversized item: a 10 MB feed with a 9 MB title
// used to make 76 messages of a 300 KB title (2,204 of this one), take
// the process to 1 GB, and hold every other user up while the reply went
// out. Now the reply takes at most 3 messages, another user's /help is
// answered while it is on the wire, and the process stays under 200 MB.
// BenchmarkHostileFeed reports the same run's figures.
func TestHostileFeed(t *testing.T) {
	longTest(t, "builds the binary and runs it against a 10 MB feed for about 30 s")
	run := runHostile(t)
	t.Logf("reply in %d messages; /help answered in %v while it went out: %v; peak RSS %.0f MB", run.replyParts, run.helpAfter.Round(time.Millisecond), run.helpWhile, run.peakRSSMB)
	if run.replyParts < 1 || run.replyParts > 3 {
		t.Errorf("the brief of the feed took %d messages, want 1 to 3", run.replyParts)
	}
	if !run.helpWhile {
		t.Errorf("another user's /help was not answered while the long reply was on the wire (it took %v)", run.helpAfter)
	}
	if run.peakRSSMB >= 200 {
		t.Errorf("peak RSS %.0f MB, want below 200 MB", run.peakRSSMB)
	}
}

// BenchmarkHostileFeed reports the hostile feed's run: the messages of
// the long reply, how long another user's /help took while it went out,
// and the peak RSS.
//
//	go test ./cmd/newsbrief -run '^$' -bench HostileFeed -benchtime 1x -count 5
func BenchmarkHostileFeed(b *testing.B) {
	for b.Loop() {
		run := runHostile(b)
		b.ReportMetric(float64(run.replyParts), "messages")
		b.ReportMetric(float64(run.helpAfter.Milliseconds()), "help-ms")
		b.ReportMetric(run.peakRSSMB, "peak-RSS-MB")
	}
}
