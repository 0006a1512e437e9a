package sources

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
)

// benchFeed is an RSS feed of n items, about 400 bytes each.
func benchFeed(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<rss version="2.0"><channel><title>Bench News</title><link>https://news.example/</link>` +
		`<description>Loopback benchmark feed</description>` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story number %d about talks in a capital city</title>`+
			`<link>https://news.example/2026/03/10/story-%d?utm_source=rss</link>`+
			`<guid isPermaLink="false">story-%d</guid><pubDate>Tue, 10 Mar 2026 08:%02d:00 GMT</pubDate>`+
			`<description>Officials met on Tuesday to discuss trade, energy and security; `+
			`a spokesman said the talks were "constructive" and would continue next week in the same format.</description>`+
			"</item>\n", i, i, i, i%60)
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// benchHost is one loopback test server standing for one news site; it
// counts the requests it serves at once.
type benchHost struct {
	srv       *httptest.Server
	now, peak atomic.Int64
}

const benchETag = `"bench-v1"`

func newBenchHosts(b *testing.B, n int, body []byte) []*benchHost {
	hosts := make([]*benchHost, n)
	for i := range hosts {
		h := &benchHost{}
		h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			peakStore(&h.peak, h.now.Add(1))
			defer h.now.Add(-1)
			if r.Header.Get("If-None-Match") == benchETag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", benchETag)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body)
		}))
		b.Cleanup(h.srv.Close)
		hosts[i] = h
	}
	return hosts
}

// BenchmarkPoll polls 200 feeds spread over 4 hosts with 32 workers, as
// the scheduler does, and reports polls per second. It fails if any host
// saw more than the client's per-host limit of requests at once.
//
//	go test ./sources -run '^$' -bench Poll -benchtime 3s
func BenchmarkPoll(b *testing.B) {
	body := benchFeed(50)
	cases := []struct {
		name  string
		v     bot.Validators
		parse bool
	}{
		{"304", bot.Validators{ETag: benchETag}, false},
		{"200", bot.Validators{}, false},
		{"200+parse", bot.Validators{}, true},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			hosts := newBenchHosts(b, 4, body)
			var feeds []string
			for i := range 200 {
				feeds = append(feeds, fmt.Sprintf("%s/feed/%d.xml", hosts[i%len(hosts)].srv.URL, i))
			}
			c := NewClient()
			defer c.CloseIdleConnections()
			var next atomic.Int64
			var items atomic.Int64
			b.SetBytes(int64(len(body)))
			if tc.v.ETag != "" {
				b.SetBytes(0)
			}
			b.SetParallelism(16) // 16 x GOMAXPROCS workers
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					u := feeds[int(next.Add(1))%len(feeds)]
					resp, err := c.Get(b.Context(), u, tc.v)
					if err != nil {
						b.Errorf("Get(%s) = %v", u, err)
						return
					}
					if tc.v.ETag != "" && !resp.NotModified {
						b.Errorf("Get(%s) = %d, want 304", u, resp.Status)
						return
					}
					if tc.parse {
						f, err := ParseFeed(bytes.NewReader(resp.Body), resp.FinalURL)
						if err != nil {
							b.Errorf("ParseFeed(%s) = %v", u, err)
							return
						}
						items.Add(int64(len(f.Items)))
					}
				}
			})
			b.StopTimer()

			var peak int64
			for _, h := range hosts {
				peak = max(peak, h.peak.Load())
			}
			if peak > DefaultHostLimit {
				b.Fatalf("a host saw %d requests at once, want at most %d", peak, DefaultHostLimit)
			}
			if tc.parse && items.Load() != 50*int64(b.N) {
				b.Fatalf("parsed %d items in %d polls, want 50 a poll", items.Load(), b.N)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "polls/s")
			b.ReportMetric(float64(peak), "max-per-host")
			if mb, ok := peakRSSMB(); ok {
				b.ReportMetric(mb, "peak-RSS-MB")
			}
			b.ReportMetric(0, "ns/op") // polls/s says it better
		})
	}
}

// peakRSSMB reads the process's peak resident set (VmHWM) on Linux.
func peakRSSMB() (float64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0, false
			}
			return kb / 1024, true
		}
	}
	return 0, false
}
