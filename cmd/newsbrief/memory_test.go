package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// BenchmarkInstanceMemory runs one real instance with 1,000 local sources
// and 10,000 subscribed chats whose daily brief is due, for 30 seconds of
// polling and delivering through a fake Telegram on loopback, and reports
// its peak resident memory (VmHWM). The instance runs with its default
// soft memory limit (memory_limit_mb); BENCH_GOMEMLIMIT, if set, is passed
// on as GOMEMLIMIT instead (BENCH_GOMEMLIMIT=1TiB: no effective limit).
func BenchmarkInstanceMemory(b *testing.B) {
	dir := b.TempDir()
	bin := buildBinary(b)
	seedBusyInstance(b, dir)
	api := newBotAPI(b)
	b.ResetTimer()
	cmd := startBinary(b, bin, append(fakeTelegramEnv(api), "NEWSBRIEF_DATA_DIR="+dir, "NEWSBRIEF_LOG_LEVEL=error",
		"GOMEMLIMIT="+os.Getenv("BENCH_GOMEMLIMIT"))...)
	time.Sleep(90 * time.Second)
	hwm := peakRSSMB(b, cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	b.StopTimer()
	n, chats := api.Count()
	b.ReportMetric(hwm, "peak-RSS-MB")
	b.ReportMetric(float64(n), "messages-sent")
	b.ReportMetric(float64(chats), "chats")
}

// seedBusyInstance stores in dir's database 1,000 local sources of five
// items each and 10,000 subscribed chats whose brief is due after the
// first poll.
func seedBusyInstance(b *testing.B, dir string) {
	b.Helper()
	feeds := filepath.Join(dir, "feeds")
	os.MkdirAll(feeds, 0o755)
	store, err := sqlite.Open(b.Context(), filepath.Join(dir, "newsbrief.db"))
	if err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		path := filepath.Join(feeds, fmt.Sprintf("feed%04d.xml", i))
		var items strings.Builder
		for j := range 5 {
			fmt.Fprintf(&items, `<item><title>Story %d from outlet %d</title><link>https://outlet%d.example/%d</link><guid>%d-%d</guid>
<description>Officials in town %d met on Monday to discuss the budget for item %d. "We agreed on the main points," the mayor said after the talks. The council will vote next week on the plan, which covers roads and schools.</description></item>`, j, i, i, j, i, j, i, j)
		}
		os.WriteFile(path, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet `+strconv.Itoa(i)+`</title>`+items.String()+`</channel></rss>`), 0o644)
		if _, err := store.AddSource(b.Context(), bot.Source{URL: path, Backfill: 5}); err != nil {
			b.Fatal(err)
		}
	}
	due := time.Now().Add(time.Minute) // after the first poll
	for i := range 10000 {
		chat := bot.ChatRef{Platform: "telegram", ID: fmt.Sprint(100000 + i)}
		store.SaveChat(b.Context(), bot.ChatSettings{Chat: chat, Schedule: "00:00 UTC daily", NextDigest: due})
		store.Subscribe(b.Context(), chat, []string{"budget", "council", "schools"}[i%3])
	}
	store.Close()
}
