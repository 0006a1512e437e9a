package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// Response is a fetched body, read whole, with what the caller needs to
// store and to fetch again politely.
type Response struct {
	Status       int
	Header       http.Header
	Body         []byte // nil when NotModified
	ContentType  string
	ETag         string // to send next time; kept from the request on a 304 without one
	LastModified string
	NotModified  bool   // the server answered 304: the caller's copy is current
	FinalURL     string // after redirects
}

// Validators returns the validators to send with the next Get.
func (r *Response) Validators() bot.Validators {
	return bot.Validators{ETag: r.ETag, LastModified: r.LastModified}
}

// accept asks for feeds first and pages next, since the client fetches both.
const accept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/html;q=0.8, */*;q=0.5"

// Get fetches rawURL. A 2xx answer returns its body; 304 returns
// NotModified; anything else is an error: *StatusError, *bot.RateLimitError
// (429, or 503 with Retry-After), *ChallengeError, *TooLargeError,
// *TimeoutError, *RedirectError or *BlockedError. Every error names the URL,
// with passwords and tokens redacted.
func (c *Client) Get(ctx context.Context, rawURL string, v bot.Validators) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch %q: not a valid URL", bot.Clip(rawURL, 200))
	}
	shown := redactURL(u)
	if err := c.checkURL(ctx, u); err != nil {
		return nil, err
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	st := &getState{cancel: cancel, request: c.timeouts.Request}
	defer st.stop()
	ctx = context.WithValue(ctx, getStateKey{}, st)
	ctx = httptrace.WithClientTrace(ctx, st.trace())

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", shown, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.fail(ctx, st, shown, err)
	}
	defer resp.Body.Close()
	// Errors name the URL asked for, the one the operator knows, and the
	// one that answered if a redirect led elsewhere.
	final := shown
	if to := redactURL(resp.Request.URL); to != shown {
		final = shown + " (redirected to " + to + ")"
	}
	out := &Response{
		Status:       resp.StatusCode,
		Header:       resp.Header,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FinalURL:     resp.Request.URL.String(),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = v.ETag
		}
		if out.LastModified == "" {
			out.LastModified = v.LastModified
		}
		return out, nil
	}

	st.phase.Store(phaseBody)
	bodyTimer := time.AfterFunc(c.timeouts.Body, func() { cancel(errBodyTimeout) })
	defer bodyTimer.Stop()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusError(final, resp)
	}
	if resp.ContentLength > c.maxBody {
		return nil, &TooLargeError{URL: final, Limit: c.maxBody, Size: resp.ContentLength}
	}
	body, err := readCapped(resp.Body, resp.ContentLength, c.maxBody)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, &TooLargeError{URL: final, Limit: c.maxBody, Size: -1}
		}
		return nil, c.fail(ctx, st, final, err)
	}
	out.Body = body
	return out, nil
}

// checkURL refuses what no client should fetch, and with the guard on, what
// content or a user must not make it fetch. Names are checked once
// resolved, when the guarded transport dials.
func (c *Client) checkURL(ctx context.Context, u *url.URL) error {
	shown := redactURL(u)
	if u.Scheme != "http" && u.Scheme != "https" {
		reason := fmt.Sprintf("the %q scheme is not allowed", u.Scheme)
		if u.Scheme == "" {
			reason = "the URL has no scheme"
		}
		if c.guard {
			return &BlockedError{URL: shown, Reason: reason}
		}
		return fmt.Errorf("fetch %s: %s; only http and https URLs can be fetched", shown, reason)
	}
	if u.Host == "" {
		return fmt.Errorf("fetch %s: the URL has no host", shown)
	}
	if c.guard && !trusted(ctx, u) {
		if a, ok := parseHostIP(u.Hostname()); ok {
			if r := blockedReason(a); r != "" {
				return &BlockedError{URL: shown, Host: u.Hostname(), Addr: a.WithZone(""), Reason: r}
			}
		}
	}
	return nil
}

// Check reports, without fetching, whether a Get of rawURL in ctx would
// pass the guard: nil, or the *BlockedError the Get would return. A name
// is resolved and checked now; a later Get checks it again when it dials.
func (c *Client) Check(ctx context.Context, rawURL string) error {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return fmt.Errorf("fetch %q: not a valid URL", bot.Clip(rawURL, 200))
	}
	if err := c.checkURL(ctx, u); err != nil || !c.guard || trusted(ctx, u) {
		return err
	}
	if _, err := c.guardDialer.resolve(ctx, "tcp", u.Hostname()); err != nil {
		return c.fail(ctx, nil, redactURL(u), err)
	}
	return nil
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := c.checkURL(req.Context(), req.URL); err != nil {
		return err
	}
	chain := make([]string, 0, len(via)+1)
	for _, r := range via {
		chain = append(chain, redactURL(r.URL))
	}
	next := req.URL.String()
	for _, r := range via {
		if r.URL.String() == next {
			return &RedirectError{URL: chain[0], Chain: append(chain, redactURL(req.URL)), Loop: true}
		}
	}
	if len(via) > c.maxRedirects {
		return &RedirectError{URL: chain[0], Chain: append(chain, redactURL(req.URL)), Max: c.maxRedirects}
	}
	return nil
}

// fail turns a transport error into one of the typed errors, or wraps it
// with the URL. The *url.Error that net/http returns is dropped: it prints
// the URL unredacted.
func (c *Client) fail(ctx context.Context, st *getState, shown string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var be *BlockedError
	if errors.As(err, &be) {
		cp := *be
		if cp.URL == "" {
			cp.URL = shown
		}
		return &cp
	}
	var re *RedirectError
	if errors.As(err, &re) {
		return re
	}
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errRequestTimeout):
		return &TimeoutError{URL: shown, Phase: "request", After: c.timeouts.Request, Err: err}
	case errors.Is(cause, errBodyTimeout):
		return &TimeoutError{URL: shown, Phase: "body", After: c.timeouts.Body, Err: err}
	case cause != nil:
		// The caller cancelled or its deadline passed: say so plainly.
		return fmt.Errorf("fetch %s: %w", shown, cause)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && st != nil {
		switch st.phase.Load() {
		case phaseConnect:
			return &TimeoutError{URL: shown, Phase: "connect", After: c.timeouts.Connect, Err: err}
		case phaseTLS:
			return &TimeoutError{URL: shown, Phase: "TLS handshake", After: c.timeouts.TLSHandshake, Err: err}
		case phaseHeaders:
			return &TimeoutError{URL: shown, Phase: "response headers", After: c.timeouts.ResponseHeader, Err: err}
		}
	}
	// A chat user may read this error: it names neither the resolver nor
	// the addresses a name resolved to.
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		clean := quietDNSError(dnsErr)
		if clean.IsNotFound {
			return fmt.Errorf("fetch %s: host %s not found; check the URL: %w", shown, clean.Name, clean)
		}
		return fmt.Errorf("fetch %s: %w", shown, clean)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return fmt.Errorf("fetch %s: %w", shown, &dialError{oe})
	}
	return fmt.Errorf("fetch %s: %w", shown, err)
}

// quietDNSError is e without the resolver's address, and without the text
// of the error below it, which may name the resolver too.
func quietDNSError(e *net.DNSError) *net.DNSError {
	msg := "lookup failed"
	switch {
	case e.IsNotFound:
		msg = "no such host"
	case e.IsTimeout:
		msg = "timed out"
	}
	return &net.DNSError{Err: msg, Name: e.Name, IsNotFound: e.IsNotFound, IsTimeout: e.IsTimeout,
		IsTemporary: e.IsTemporary, UnwrapErr: e.UnwrapErr}
}

// dialError is a connection that failed, told without the address dialled
// (what the name resolved to).
type dialError struct{ op *net.OpError }

func (e *dialError) Error() string {
	inner := e.op.Err
	var se *os.SyscallError
	if errors.As(inner, &se) {
		inner = se.Err
	}
	return "could not connect: " + inner.Error()
}

func (e *dialError) Unwrap() error { return e.op }

// statusError reads enough of a non-2xx answer to tell a challenge page from
// a plain error, and returns the typed error.
func (c *Client) statusError(shown string, resp *http.Response) error {
	status := &StatusError{URL: shown, Code: resp.StatusCode}
	if sign := challengeHeader(resp.Header); sign != "" {
		return &ChallengeError{StatusError: status, Sign: sign}
	}
	if isChallengeStatus(resp.StatusCode) && isHTML(resp.Header.Get("Content-Type")) {
		head, _ := io.ReadAll(io.LimitReader(resp.Body, min(c.maxBody, 64<<10)))
		if sign := challengeMarker(head); sign != "" {
			return &ChallengeError{StatusError: status, Sign: sign}
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		after, ok := parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
		if ok || resp.StatusCode == http.StatusTooManyRequests {
			status.limited, status.after = true, after
			return &bot.RateLimitError{Delay: after, Err: status}
		}
	}
	// Drain a little so the connection can be reused.
	_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
	return status
}

// parseRetryAfter reads a Retry-After value: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 7*24*3600)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0).Round(time.Second), true
	}
	return 0, false
}

// readCapped reads r whole, failing with errTooLarge past limit bytes.
func readCapped(r io.Reader, contentLength, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if contentLength >= 0 && contentLength <= limit {
		buf.Grow(int(contentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

var errTooLarge = errors.New("body too large")

// Causes set on a Get's context when one of the client's own clocks runs out.
var (
	errRequestTimeout = errors.New("request time-out")
	errBodyTimeout    = errors.New("body time-out")
)

// Phases of one Get, recorded by httptrace so that a time-out can say what
// it was waiting for.
const (
	phaseQueued int32 = iota
	phaseConnect
	phaseTLS
	phaseHeaders
	phaseBody
)

// getState is one Get's clock and phase. The request clock starts when the
// first hop gets past the concurrency limits, so time spent queueing behind
// other feeds on the same host does not count against the server.
type getState struct {
	cancel  context.CancelCauseFunc
	request time.Duration
	phase   atomic.Int32

	once  sync.Once
	mu    sync.Mutex
	timer *time.Timer
}

type getStateKey struct{}

func (s *getState) start() {
	s.once.Do(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.timer = time.AfterFunc(s.request, func() { s.cancel(errRequestTimeout) })
	})
}

func (s *getState) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
}

func (s *getState) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn:           func(string) { s.phase.Store(phaseConnect) },
		TLSHandshakeStart: func() { s.phase.Store(phaseTLS) },
		GotConn:           func(httptrace.GotConnInfo) { s.phase.Store(phaseHeaders) },
	}
}
