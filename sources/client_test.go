package sources

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
)

// short time-outs keep the fault tests fast.
var shortTimeouts = Timeouts{
	Connect:        200 * time.Millisecond,
	TLSHandshake:   200 * time.Millisecond,
	ResponseHeader: 200 * time.Millisecond,
	Body:           200 * time.Millisecond,
	Request:        2 * time.Second,
}

func TestGetOK(t *testing.T) {
	var gotUA, gotAccept, gotAE string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
			return
		}
		gotUA, gotAccept, gotAE = r.UserAgent(), r.Header.Get("Accept"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()

	c := NewClient(WithUserAgent(UserAgent("1.2.3")))
	got, err := c.Get(t.Context(), srv.URL+"/old", bot.Validators{})
	if err != nil {
		t.Fatalf("Get = %v, want success", err)
	}
	want := &Response{
		Status:       200,
		Body:         []byte("<rss/>"),
		ContentType:  "application/rss+xml; charset=utf-8",
		ETag:         `"v1"`,
		LastModified: "Mon, 02 Jan 2006 15:04:05 GMT",
		FinalURL:     srv.URL + "/feed.xml",
	}
	got.Header = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	if gotUA != "newsbrief/1.2.3 (+https://github.com/newsbrief/newsbrief)" {
		t.Errorf("User-Agent = %q, want the newsbrief one", gotUA)
	}
	if !strings.Contains(gotAccept, "application/rss+xml") {
		t.Errorf("Accept = %q, want it to ask for feeds", gotAccept)
	}
	if gotAE != "gzip" {
		t.Errorf("Accept-Encoding = %q, want gzip", gotAE)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, modified = `"abc"`, "Tue, 10 Mar 2026 08:00:00 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == modified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		fmt.Fprint(w, "<feed/>")
	}))
	defer srv.Close()
	c := NewClient()

	first, err := c.Get(t.Context(), srv.URL, bot.Validators{})
	if err != nil || first.NotModified || string(first.Body) != "<feed/>" {
		t.Fatalf("first Get = %+v, %v; want the body", first, err)
	}
	tests := []struct {
		name string
		v    bot.Validators
	}{
		{"both", first.Validators()},
		{"etag only", bot.Validators{ETag: etag}},
		{"last-modified only", bot.Validators{LastModified: modified}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Get(t.Context(), srv.URL, tt.v)
			if err != nil {
				t.Fatalf("Get(%+v) = %v, want 304", tt.v, err)
			}
			if !got.NotModified || got.Status != 304 || got.Body != nil {
				t.Errorf("Get(%+v) = status %d, NotModified %v, body %q; want 304, true, nil", tt.v, got.Status, got.NotModified, got.Body)
			}
			if diff := cmp.Diff(tt.v, got.Validators()); diff != "" {
				t.Errorf("validators after 304 (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatusErrors(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		code       int
		header     map[string]string
		body       string
		wantRetry  time.Duration
		rateLimit  bool
		challenge  bool
		wantInText string
	}{
		{name: "429 seconds", code: 429, header: map[string]string{"Retry-After": "7"}, wantRetry: 7 * time.Second, rateLimit: true, wantInText: "retry after 7s"},
		{name: "503 seconds", code: 503, header: map[string]string{"Retry-After": "120"}, wantRetry: 2 * time.Minute, rateLimit: true},
		{name: "429 date", code: 429, header: map[string]string{"Retry-After": now.Add(30 * time.Second).Format(http.TimeFormat)}, wantRetry: 30 * time.Second, rateLimit: true},
		{name: "429 date passed", code: 429, header: map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, rateLimit: true},
		{name: "429 without header", code: 429, rateLimit: true, wantInText: "slow down"},
		{name: "503 without header", code: 503, wantInText: "503 Service Unavailable"},
		{name: "404", code: 404, wantInText: "404 Not Found; check the URL"},
		{name: "410", code: 410, wantInText: "gone for good"},
		{name: "500", code: 500, wantInText: "may recover later"},
		{name: "cf-mitigated header", code: 403, header: map[string]string{"cf-mitigated": "challenge", "Content-Type": "text/html"}, challenge: true, wantInText: "cf-mitigated: challenge"},
		{name: "cloudflare page", code: 503, header: map[string]string{"Content-Type": "text/html; charset=UTF-8"}, body: "<html><head><title>Just a moment...</title></head></html>", challenge: true, wantInText: "anti-bot"},
		{name: "datadome page", code: 403, header: map[string]string{"Content-Type": "text/html"}, body: `<script src="https://ct.captcha-delivery.com/c.js"></script>`, challenge: true, wantInText: "DataDome"},
		{name: "plain 403 page", code: 403, header: map[string]string{"Content-Type": "text/html"}, body: "<h1>Forbidden</h1>", wantInText: "refuses access"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.code)
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			c := NewClient(withClock(func() time.Time { return now }))
			_, err := c.Get(t.Context(), srv.URL+"/feed", bot.Validators{})

			var se *StatusError
			if !errors.As(err, &se) || se.Code != tt.code {
				t.Fatalf("Get = %v, want a *StatusError with code %d", err, tt.code)
			}
			var rl *bot.RateLimitError
			if errors.As(err, &rl) != tt.rateLimit {
				t.Errorf("Get = %v (%T), rate limit %v, want %v", err, err, !tt.rateLimit, tt.rateLimit)
			} else if tt.rateLimit && rl.RetryAfter() != tt.wantRetry {
				t.Errorf("RetryAfter() = %v, want %v", rl.RetryAfter(), tt.wantRetry)
			}
			var ce *ChallengeError
			if errors.As(err, &ce) != tt.challenge {
				t.Errorf("Get = %v (%T), challenge %v, want %v", err, err, !tt.challenge, tt.challenge)
			}
			// The poller reads these through interfaces, not types.
			var sc interface{ StatusCode() int }
			if !errors.As(err, &sc) || sc.StatusCode() != tt.code {
				t.Errorf("Get = %v, want StatusCode() = %d", err, tt.code)
			}
			var h interface{ Hint() string }
			if errors.As(err, &h) && h.Hint() != "" && !strings.HasSuffix(err.Error(), "; "+h.Hint()) {
				t.Errorf("error %q does not end with its hint %q", err, h.Hint())
			}
			msg := err.Error()
			if !strings.Contains(msg, srv.URL+"/feed") || !strings.Contains(msg, tt.wantInText) {
				t.Errorf("error %q, want it to name %s and say %q", msg, srv.URL+"/feed", tt.wantInText)
			}
		})
	}
}

// faultServer answers /big (50 MB with Content-Length), /stream (50 MB,
// no length), /bomb (gzip that inflates to 50 MB), /gzip (a small gzip
// body), /endless (a body that never ends), /stall (no headers),
// /trickle (a byte every 50 ms) and /loop/a <-> /loop/b. sent counts the
// body bytes written, to show the client stops reading.
func faultServer(t *testing.T) (srv *httptest.Server, sent *atomic.Int64) {
	t.Helper()
	sent = new(atomic.Int64)
	const fifty = 50 << 20
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	// The bomb is 50 gzip members of 1 MB of zeros each (about 50 KB on the
	// wire); a gzip reader reads the members as one stream of 50 MB.
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	bomb := bytes.NewBuffer(bytes.Repeat(member.Bytes(), 50))
	var small bytes.Buffer
	zw = gzip.NewWriter(&small)
	fmt.Fprint(zw, "<rss>gzipped</rss>")
	zw.Close()

	write := func(w http.ResponseWriter, r *http.Request, n int) {
		for written := 0; written < n; written += len(chunk) {
			m, err := w.Write(chunk)
			sent.Add(int64(m))
			if err != nil || r.Context().Err() != nil {
				return
			}
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(fifty))
		write(w, r, fifty)
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // headers out with no length: chunked
		write(w, r, fifty)
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(bomb.Len()))
		w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(small.Bytes())
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		for r.Context().Err() == nil {
			w.Write([]byte("<item/>"))
			w.(http.Flusher).Flush()
			time.Sleep(10 * time.Millisecond)
		}
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		for i := 0; i < 1000 && r.Context().Err() == nil; i++ {
			w.Write([]byte("x"))
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, sent
}

func TestFaults(t *testing.T) {
	// Reading 10 MB takes longer than 200 ms under the race detector on a
	// busy machine; the size tests are about size, not time.
	slowBody := []Option{WithTimeouts(Timeouts{Body: 10 * time.Second, Request: 10 * time.Second})}
	srv, sent := faultServer(t)
	tests := []struct {
		name     string
		path     string
		opts     []Option
		check    func(error) bool
		wantText string
		maxSent  int64 // 0: not checked
	}{
		{
			name: "50 MB with length", path: "/big", opts: slowBody,
			check:    func(err error) bool { var e *TooLargeError; return errors.As(err, &e) && e.Size == 50<<20 },
			wantText: "body is 50 MB, over the 10 MB limit", maxSent: 20 << 20,
		},
		{
			name: "50 MB streamed", path: "/stream", opts: slowBody,
			check:    func(err error) bool { var e *TooLargeError; return errors.As(err, &e) && e.Size == -1 },
			wantText: "over the 10 MB limit", maxSent: 20 << 20,
		},
		{
			name: "gzip bomb", path: "/bomb", opts: slowBody,
			check:    func(err error) bool { var e *TooLargeError; return errors.As(err, &e) },
			wantText: "over the 10 MB limit",
		},
		{
			name: "gzip bomb under a small cap", path: "/bomb", opts: []Option{WithMaxBodySize(1 << 20)},
			check:    func(err error) bool { var e *TooLargeError; return errors.As(err, &e) && e.Limit == 1<<20 },
			wantText: "over the 1 MB limit",
		},
		{
			name: "body never ends", path: "/endless",
			check:    func(err error) bool { var e *TimeoutError; return errors.As(err, &e) && e.Phase == "body" },
			wantText: "body not finished within 200ms",
		},
		{
			name: "stall before headers", path: "/stall",
			check:    func(err error) bool { var e *TimeoutError; return errors.As(err, &e) && e.Phase == "response headers" },
			wantText: "no answer within 200ms",
		},
		{
			name: "whole request too slow", path: "/trickle",
			opts:     []Option{WithTimeouts(Timeouts{Body: 10 * time.Second, Request: 300 * time.Millisecond})},
			check:    func(err error) bool { var e *TimeoutError; return errors.As(err, &e) && e.Phase == "request" },
			wantText: "not done within 300ms",
		},
		{
			name: "redirect loop", path: "/loop/a",
			check:    func(err error) bool { var e *RedirectError; return errors.As(err, &e) && e.Loop },
			wantText: "redirect loop: " + srv.URL + "/loop/a -> " + srv.URL + "/loop/b -> " + srv.URL + "/loop/a",
		},
		{
			name: "too many redirects", path: "/hop/0",
			check:    func(err error) bool { var e *RedirectError; return errors.As(err, &e) && !e.Loop && len(e.Chain) == 7 },
			wantText: "stopped after 5 redirects",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClient(append([]Option{WithTimeouts(shortTimeouts)}, tt.opts...)...)
			defer c.CloseIdleConnections()
			sent.Store(0)
			start := time.Now()
			resp, err := c.Get(t.Context(), srv.URL+tt.path, bot.Validators{})
			elapsed := time.Since(start)
			if err == nil {
				t.Fatalf("Get(%s) = %d with %d bytes, want an error", tt.path, resp.Status, len(resp.Body))
			}
			if !tt.check(err) {
				t.Errorf("Get(%s) = %v (%T), not the error wanted", tt.path, err, err)
			}
			if msg := err.Error(); !strings.Contains(msg, srv.URL+tt.path) || !strings.Contains(msg, tt.wantText) {
				t.Errorf("Get(%s) error %q, want it to name the URL and say %q", tt.path, msg, tt.wantText)
			}
			if elapsed > 5*time.Second {
				t.Errorf("Get(%s) took %v, want a quick failure", tt.path, elapsed)
			}
			if tt.maxSent > 0 && sent.Load() > tt.maxSent {
				t.Errorf("Get(%s) let the server send %d bytes, want at most %d", tt.path, sent.Load(), tt.maxSent)
			}
		})
	}
}

func TestErrorNamesBothURLsAfterRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	_, err := NewClient().Get(t.Context(), srv.URL+"/feed", bot.Validators{})
	want := "fetch " + srv.URL + "/feed (redirected to " + srv.URL + "/moved): server answered 404"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Get = %v, want it to say %q", err, want)
	}
}

func TestGzipDecoded(t *testing.T) {
	srv, _ := faultServer(t)
	resp, err := NewClient().Get(t.Context(), srv.URL+"/gzip", bot.Validators{})
	if err != nil {
		t.Fatalf("Get(/gzip) = %v", err)
	}
	if string(resp.Body) != "<rss>gzipped</rss>" {
		t.Errorf("Get(/gzip) body = %q, want the inflated feed", resp.Body)
	}
}

func TestConnectTimeout(t *testing.T) {
	// A dialer that never connects stands in for a host that drops packets.
	hang := func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: ctx.Err()}
	}
	c := NewClient(WithTimeouts(shortTimeouts), WithDialer(hang))
	_, err := c.Get(t.Context(), "http://127.0.0.1:9/feed", bot.Validators{})
	var te *TimeoutError
	if !errors.As(err, &te) || te.Phase != "connect" {
		t.Fatalf("Get = %v (%T), want a connect *TimeoutError", err, err)
	}
	if !strings.Contains(err.Error(), "could not connect within 200ms") {
		t.Errorf("error %q, want it to say it could not connect", err)
	}
}

func TestCallerCancel(t *testing.T) {
	srv, _ := faultServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := NewClient().Get(ctx, srv.URL+"/stall", bot.Validators{})
	var te *TimeoutError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &te) {
		t.Errorf("Get with the caller's deadline passed = %v (%T), want context.DeadlineExceeded, not the server's time-out", err, err)
	}
}

// TestSecretsRedacted checks that neither a password nor a token in the
// URL reaches an error, whatever the failure.
func TestSecretsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close() // nothing listens there now: connection refused

	for _, base := range []string{srv.URL, closedURL} {
		u := strings.Replace(base, "http://", "http://reader:hunter2@", 1) + "/feed?token=s3cr3t&api_key=k3y&page=2"
		_, err := NewClient(WithTimeouts(shortTimeouts)).Get(t.Context(), u, bot.Validators{})
		if err == nil {
			t.Fatalf("Get(%s) succeeded, want an error", base)
		}
		msg := err.Error()
		for _, secret := range []string{"hunter2", "s3cr3t", "k3y"} {
			if strings.Contains(msg, secret) {
				t.Errorf("error %q contains the secret %q", msg, secret)
			}
		}
		if !strings.Contains(msg, "/feed?") || !strings.Contains(msg, "page=2") {
			t.Errorf("error %q, want it to name the URL", msg)
		}
	}
}

func TestInvalidURLs(t *testing.T) {
	for _, u := range []string{"ftp://example.org/feed", "://nope", "http:///path-only", "example.org/feed"} {
		_, err := NewClient().Get(t.Context(), u, bot.Validators{})
		if err == nil {
			t.Errorf("Get(%q) succeeded, want an error", u)
		}
	}
}

// concurrencyServer counts requests in flight and remembers the most seen.
type concurrencyServer struct {
	*httptest.Server
	now, peak atomic.Int64
}

func newConcurrencyServer(t testing.TB, hold time.Duration, global *concurrencyCounter) *concurrencyServer {
	s := &concurrencyServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peakStore(&s.peak, s.now.Add(1))
		if global != nil {
			peakStore(&global.peak, global.now.Add(1))
			defer global.now.Add(-1)
		}
		defer s.now.Add(-1)
		time.Sleep(hold)
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(s.Close)
	return s
}

type concurrencyCounter struct{ now, peak atomic.Int64 }

func peakStore(peak *atomic.Int64, v int64) {
	for {
		p := peak.Load()
		if v <= p || peak.CompareAndSwap(p, v) {
			return
		}
	}
}

func TestHostAndGlobalLimits(t *testing.T) {
	var global concurrencyCounter
	servers := []*concurrencyServer{
		newConcurrencyServer(t, 20*time.Millisecond, &global),
		newConcurrencyServer(t, 20*time.Millisecond, &global),
		newConcurrencyServer(t, 20*time.Millisecond, &global),
	}
	c := NewClient(WithHostLimit(4), WithGlobalLimit(10))
	var wg sync.WaitGroup
	errs := make(chan error, 90)
	for i := range 90 {
		wg.Go(func() {
			if _, err := c.Get(t.Context(), servers[i%3].URL, bot.Validators{}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Get = %v", err)
	}
	for i, s := range servers {
		if p := s.peak.Load(); p != 4 {
			t.Errorf("server %d saw at most %d requests at once, want 4 (the host limit)", i, p)
		}
	}
	if p := global.peak.Load(); p > 10 {
		t.Errorf("servers saw %d requests at once in all, want at most 10 (the global limit)", p)
	}
	lim := c.http.Transport.(*limitTransport).hosts
	lim.mu.Lock()
	left := len(lim.hosts)
	lim.mu.Unlock()
	if left != 0 {
		t.Errorf("host limiter keeps %d entries after all requests ended, want 0", left)
	}
}

func TestLimitWaitHonoursContext(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := NewClient(WithHostLimit(1))

	first := make(chan error, 1)
	go func() {
		_, err := c.Get(t.Context(), srv.URL+"/first", bot.Validators{})
		first <- err
	}()
	for hits.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, srv.URL+"/second", bot.Validators{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get while the host is busy = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Get waited %v for a slot, want it to give up with its context", d)
	}
	if hits.Load() != 1 {
		t.Errorf("server saw %d requests, want 1: the second must not get past the limit", hits.Load())
	}
	release <- struct{}{}
	if err := <-first; err != nil {
		t.Errorf("first Get = %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"-5", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"Tue, 10 Mar 2026 08:01:00 GMT", time.Minute, true},
		{"Tuesday, 10-Mar-26 08:00:10 GMT", 10 * time.Second, true},
		{"99999999999", 7 * 24 * time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestReadCapped(t *testing.T) {
	tests := []struct {
		size, length, limit int64
		wantErr             bool
	}{
		{10, 10, 10, false},
		{10, -1, 10, false},
		{11, -1, 10, true},
		{0, 0, 10, false},
		{5000, 5000, 10000, false},
	}
	for _, tt := range tests {
		got, err := readCapped(io.LimitReader(zeroReader{}, tt.size), tt.length, tt.limit)
		if (err != nil) != tt.wantErr || err == nil && int64(len(got)) != tt.size {
			t.Errorf("readCapped(%d bytes, length %d, limit %d) = %d bytes, %v", tt.size, tt.length, tt.limit, len(got), err)
		}
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestTLSHandshakeTimeout(t *testing.T) {
	// A loopback listener that accepts and then says nothing: the TLS
	// handshake never completes.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close() // before Wait: ends the Accept loop
	wg.Go(func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	})

	u := "https://" + ln.Addr().String() + "/feed"
	_, err = NewClient(WithTimeouts(shortTimeouts)).Get(t.Context(), u, bot.Validators{})
	var te *TimeoutError
	if !errors.As(err, &te) || te.Phase != "TLS handshake" {
		t.Fatalf("Get(%s) = %v (%T), want a TLS handshake *TimeoutError", u, err, err)
	}
	if !strings.Contains(err.Error(), u) {
		t.Errorf("error %q does not name %s", err, u)
	}
}
