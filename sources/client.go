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

// UserAgent returns the User-Agent the client sends: the program, its
// version and where a site owner can read about it.
func UserAgent(version string) string {
	return "newsbrief/" + version + " (+https://github.com/newsbrief/newsbrief)"
}

// Defaults for NewClient; each has an option to change it.
const (
	DefaultMaxBodySize  = 10 << 20 // bytes, after gzip decompression
	DefaultHostLimit    = 4        // concurrent requests per host:port
	DefaultGlobalLimit  = 32       // concurrent requests in all
	DefaultMaxRedirects = 5
)

// defaultTimeouts are the client's time-outs unless WithTimeouts changes them.
var defaultTimeouts = Timeouts{
	Connect:        10 * time.Second,
	TLSHandshake:   10 * time.Second,
	ResponseHeader: 30 * time.Second,
	Body:           60 * time.Second,
	Request:        90 * time.Second,
}

// Timeouts bound each phase of a fetch. A zero field keeps the default,
// given in brackets.
type Timeouts struct {
	Connect        time.Duration // resolve the name and open the TCP connection [10s]
	TLSHandshake   time.Duration // [10s]
	ResponseHeader time.Duration // from the request written to the headers read [30s]
	Body           time.Duration // from the headers to the body's last byte [60s]
	// Request bounds a whole Get, redirects and body included; the clock
	// starts once the per-host and global limits let the request go [90s].
	Request time.Duration
}

// Client fetches feeds and pages over HTTP with time-outs, a size cap,
// conditional GET and per-host politeness. One Client serves the whole
// program; it is safe for concurrent use.
type Client struct {
	http         *http.Client
	transports   []*http.Transport
	guardDialer  *dialer // resolves and checks for Check; nil without the guard
	userAgent    string
	maxBody      int64
	maxRedirects int
	timeouts     Timeouts
	guard        bool
	now          func() time.Time
}

type config struct {
	userAgent    string
	maxBody      int64
	hostLimit    int
	globalLimit  int
	maxRedirects int
	timeouts     Timeouts
	guard        bool
	resolver     Resolver
	dial         DialFunc
	now          func() time.Time
}

// Option configures a Client.
type Option func(*config)

// WithUserAgent sets the User-Agent header; see UserAgent.
func WithUserAgent(ua string) Option { return func(c *config) { c.userAgent = ua } }

// WithMaxBodySize caps a response body, counted after decompression; a
// larger body is a *TooLargeError, never a truncated success.
func WithMaxBodySize(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithHostLimit sets how many requests may run at once against one host:port.
func WithHostLimit(n int) Option { return func(c *config) { c.hostLimit = n } }

// WithGlobalLimit sets how many requests may run at once in all.
func WithGlobalLimit(n int) Option { return func(c *config) { c.globalLimit = n } }

// WithMaxRedirects sets how many redirects a Get follows.
func WithMaxRedirects(n int) Option { return func(c *config) { c.maxRedirects = n } }

// WithTimeouts replaces the defaults with the non-zero fields of t.
func WithTimeouts(t Timeouts) Option {
	return func(c *config) {
		for _, f := range []struct{ dst, src *time.Duration }{
			{&c.timeouts.Connect, &t.Connect},
			{&c.timeouts.TLSHandshake, &t.TLSHandshake},
			{&c.timeouts.ResponseHeader, &t.ResponseHeader},
			{&c.timeouts.Body, &t.Body},
			{&c.timeouts.Request, &t.Request},
		} {
			if *f.src > 0 {
				*f.dst = *f.src
			}
		}
	}
}

// WithGuard makes the client refuse URLs that could reach inside the
// operator's network: schemes other than http and https, and hosts that are
// or resolve to loopback, private, link-local, metadata and other
// non-public addresses, on the first request and on every redirect,
// checked when it dials. The one host it trusts is the one a Fetcher
// reads as the operator's own source (see Fetcher.Fetch): the operator's
// feeds may well be on a LAN, the links and redirects in them are content.
// Guarded requests ignore proxy settings, since a proxy would dial on
// their behalf where the guard cannot see.
func WithGuard() Option { return func(c *config) { c.guard = true } }

// WithResolver replaces the system resolver (tests use it to keep every
// lookup on the machine). The guard always resolves names itself; without
// the guard, a resolver set here is used instead of the dialer's own.
func WithResolver(r Resolver) Option { return func(c *config) { c.resolver = r } }

// WithDialer replaces the function that opens TCP connections. With the
// guard on, it is given only addresses the guard has checked.
func WithDialer(d DialFunc) Option { return func(c *config) { c.dial = d } }

// withClock lets tests fix the time that Retry-After dates are read against.
func withClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// NewClient returns a Client with the defaults above changed by opts.
func NewClient(opts ...Option) *Client {
	cfg := config{
		userAgent:    UserAgent("dev"),
		maxBody:      DefaultMaxBodySize,
		hostLimit:    DefaultHostLimit,
		globalLimit:  DefaultGlobalLimit,
		maxRedirects: DefaultMaxRedirects,
		timeouts:     defaultTimeouts,
		now:          time.Now,
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.hostLimit = max(cfg.hostLimit, 1)
	cfg.globalLimit = max(cfg.globalLimit, 1)

	c := &Client{
		userAgent:    cfg.userAgent,
		maxBody:      cfg.maxBody,
		maxRedirects: cfg.maxRedirects,
		timeouts:     cfg.timeouts,
		guard:        cfg.guard,
		now:          cfg.now,
	}
	plain, _ := cfg.transport(false)
	c.transports = []*http.Transport{plain}
	var base http.RoundTripper = plain
	if cfg.guard {
		var guarded *http.Transport
		guarded, c.guardDialer = cfg.transport(true)
		c.transports = append(c.transports, guarded)
		base = &trustRouter{trusted: plain, guarded: guarded}
	}
	c.http = &http.Client{
		Transport: &limitTransport{
			base:   base,
			hosts:  &hostLimiter{limit: cfg.hostLimit, hosts: map[string]*hostSlot{}},
			global: make(chan struct{}, cfg.globalLimit),
		},
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// transport builds one of the client's transports: guarded, it resolves
// and checks every address before dialling and ignores proxy settings,
// since a proxy would dial on its behalf where the guard cannot see.
func (cfg config) transport(guard bool) (*http.Transport, *dialer) {
	netDialer := &net.Dialer{Timeout: cfg.timeouts.Connect, KeepAlive: 30 * time.Second}
	if guard {
		netDialer.Control = guardControl
	}
	d := &dialer{guard: guard, resolver: cfg.resolver, dial: cfg.dial, timeout: cfg.timeouts.Connect}
	if d.dial == nil {
		d.dial = netDialer.DialContext
	}
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    cfg.timeouts.TLSHandshake,
		ResponseHeaderTimeout:  cfg.timeouts.ResponseHeader,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           cfg.globalLimit,
		MaxIdleConnsPerHost:    cfg.hostLimit,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	if guard {
		tr.Proxy = nil
	}
	return tr, d
}

// CloseIdleConnections closes the connections kept for reuse.
func (c *Client) CloseIdleConnections() {
	for _, t := range c.transports {
		t.CloseIdleConnections()
	}
}

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

// limitTransport holds a per-host and a global slot for each hop, from
// sending the request until its body is closed.
type limitTransport struct {
	base   http.RoundTripper
	hosts  *hostLimiter
	global chan struct{}
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	// The host slot first: a request waiting for a busy host must not sit
	// on a global slot that another host could use.
	releaseHost, err := t.hosts.acquire(ctx, hostKey(req.URL))
	if err != nil {
		return nil, err
	}
	select {
	case t.global <- struct{}{}:
	case <-ctx.Done():
		releaseHost()
		return nil, ctx.Err()
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			<-t.global
			releaseHost()
		})
	}
	if st, ok := ctx.Value(getStateKey{}).(*getState); ok {
		st.start()
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// hostKey is host:port with the scheme's default port filled in, so that
// "example.org" and "example.org:443" share a limit.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(host, port)
}

// hostLimiter is a semaphore per host; an entry lives only while some
// request holds or waits for it, so the map does not grow with every host
// ever fetched.
type hostLimiter struct {
	limit int
	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	refs int
}

func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, l.limit)}
		l.hosts[host] = s
	}
	s.refs++
	l.mu.Unlock()

	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem; l.put(host, s) }, nil
	case <-ctx.Done():
		l.put(host, s)
		return nil, ctx.Err()
	}
}

func (l *hostLimiter) put(host string, s *hostSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.refs--
	if s.refs == 0 {
		delete(l.hosts, host)
	}
}

// The error types below share a shape: Error() says what happened and,
// after a semicolon, what a person might do (Hint); the poller stores the
// hint with the source's health. StatusCode and RetryAfter are the other
// methods the poller looks for.

// StatusError is a non-2xx answer other than 304. A 429, or a 503 with
// Retry-After, comes wrapped in a *bot.RateLimitError carrying the delay
// (zero when the server did not say); errors.As finds both.
type StatusError struct {
	URL  string
	Code int
	// limited is set when the server asked us to slow down, after is the
	// delay it asked for: the hint then says so.
	limited bool
	after   time.Duration
}

var (
	_ bot.StatusCoder = (*StatusError)(nil)
	_ bot.Hinter      = (*StatusError)(nil)
)

func (e *StatusError) Error() string {
	return withHint(fmt.Sprintf("fetch %s: server answered %d %s", e.URL, e.Code, http.StatusText(e.Code)), e.Hint())
}

// StatusCode returns the HTTP status.
func (e *StatusError) StatusCode() int { return e.Code }

// Hint says what the status usually means for a feed, or how long to
// wait when the server limits requests.
func (e *StatusError) Hint() string {
	switch {
	case e.limited && e.after == 0:
		return "the server limits requests: slow down"
	case e.limited:
		return fmt.Sprintf("the server limits requests: retry after %s", e.after)
	case e.Code == http.StatusNotFound:
		return "check the URL"
	case e.Code == http.StatusGone:
		return "the page is gone for good: remove the source"
	case e.Code == http.StatusUnauthorized || e.Code == http.StatusForbidden:
		return "the server refuses access"
	case e.Code >= 500:
		return "the server failed; it may recover later"
	}
	return ""
}

// ChallengeError is an anti-bot challenge page (Cloudflare and the like)
// that answered instead of the feed or page.
type ChallengeError struct {
	*StatusError
	Sign string // what gave it away, e.g. "cf-mitigated: challenge"
}

var (
	_ bot.Hinter      = (*ChallengeError)(nil)
	_ bot.StatusCoder = (*ChallengeError)(nil)
)

func (e *ChallengeError) Error() string {
	return withHint(fmt.Sprintf("fetch %s: an anti-bot challenge page answered (%d, %s) instead of the content",
		e.URL, e.Code, e.Sign), e.Hint())
}

// Hint says what to do about a site that blocks readers.
func (e *ChallengeError) Hint() string {
	return "the site blocks automated readers (" + e.Sign + "): look for another feed URL or ask the site to allow newsbrief"
}

func (e *ChallengeError) Unwrap() error { return e.StatusError }

func challengeHeader(h http.Header) string {
	if v := h.Get("cf-mitigated"); strings.EqualFold(v, "challenge") {
		return "cf-mitigated: challenge"
	}
	return ""
}

func isChallengeStatus(code int) bool {
	return code == http.StatusForbidden || code == http.StatusServiceUnavailable || code == http.StatusTooManyRequests
}

func isHTML(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "application/xhtml")
}

// challengeMarkers are strings that the common anti-bot pages carry.
var challengeMarkers = []struct{ marker, sign string }{
	{"challenge-platform", "Cloudflare challenge page"},
	{"cf-chl-", "Cloudflare challenge page"},
	{"<title>just a moment...</title>", "Cloudflare challenge page"},
	{"attention required! | cloudflare", "Cloudflare block page"},
	{"_incapsula_resource", "Imperva/Incapsula challenge page"},
	{"captcha-delivery.com", "DataDome challenge page"},
	{"px-captcha", "PerimeterX challenge page"},
	{"ddos-guard", "DDoS-Guard challenge page"},
	{"sucuri website firewall", "Sucuri firewall page"},
	{"awswafintegration", "AWS WAF challenge page"},
	{"checking your browser before accessing", "browser check page"},
}

func challengeMarker(head []byte) string {
	lower := bytes.ToLower(head)
	for _, m := range challengeMarkers {
		if bytes.Contains(lower, []byte(m.marker)) {
			return m.sign
		}
	}
	return ""
}

// TooLargeError is a body over the client's size cap.
type TooLargeError struct {
	URL   string
	Limit int64
	Size  int64 // from Content-Length; -1 when the server did not say
}

var _ bot.Hinter = (*TooLargeError)(nil)

func (e *TooLargeError) Error() string {
	msg := fmt.Sprintf("fetch %s: body is over the %s limit (stopped reading there)", e.URL, byteSize(e.Limit))
	if e.Size >= 0 {
		msg = fmt.Sprintf("fetch %s: body is %s, over the %s limit", e.URL, byteSize(e.Size), byteSize(e.Limit))
	}
	return withHint(msg, e.Hint())
}

// Hint says why a feed might be that large.
func (e *TooLargeError) Hint() string {
	return "the URL may point at a file rather than a feed or page"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// TimeoutError is a fetch that ran out of time in one of its phases.
type TimeoutError struct {
	URL   string
	Phase string // "connect", "TLS handshake", "response headers", "body" or "request"
	After time.Duration
	Err   error
}

var _ bot.Hinter = (*TimeoutError)(nil)

func (e *TimeoutError) Error() string {
	var msg string
	switch e.Phase {
	case "connect":
		msg = fmt.Sprintf("fetch %s: could not connect within %s", e.URL, e.After)
	case "TLS handshake":
		msg = fmt.Sprintf("fetch %s: TLS handshake not done within %s", e.URL, e.After)
	case "response headers":
		msg = fmt.Sprintf("fetch %s: server sent no answer within %s", e.URL, e.After)
	case "body":
		msg = fmt.Sprintf("fetch %s: body not finished within %s", e.URL, e.After)
	default:
		msg = fmt.Sprintf("fetch %s: not done within %s", e.URL, e.After)
	}
	return withHint(msg, e.Hint())
}

// Hint says what the phase that ran out suggests.
func (e *TimeoutError) Hint() string {
	switch e.Phase {
	case "connect":
		return "the host may be down or dropping our packets"
	case "response headers":
		return "the server may be overloaded"
	case "body":
		return "the server sends too slowly or never ends the response"
	}
	return ""
}

// Timeout reports true, as net.Error does for time-outs.
func (e *TimeoutError) Timeout() bool { return true }

func (e *TimeoutError) Unwrap() error { return e.Err }

// RedirectError is a redirect loop, or more redirects than the client follows.
type RedirectError struct {
	URL   string
	Chain []string // every URL visited, the first one first
	Loop  bool
	Max   int
}

var _ bot.Hinter = (*RedirectError)(nil)

func (e *RedirectError) Error() string {
	chain := strings.Join(e.Chain, " -> ")
	if e.Loop {
		return withHint(fmt.Sprintf("fetch %s: redirect loop: %s", e.URL, chain), e.Hint())
	}
	return withHint(fmt.Sprintf("fetch %s: stopped after %d redirects: %s", e.URL, e.Max, chain), e.Hint())
}

// Hint says what a loop usually means.
func (e *RedirectError) Hint() string {
	if e.Loop {
		return "the site may need cookies or be misconfigured"
	}
	return "point the source at the final URL"
}

func withHint(msg, hint string) string {
	if hint == "" {
		return msg
	}
	return msg + "; " + hint
}

// RedactURL returns rawURL fit to show to chat users and to log: user
// information and secret-looking query values (tokens, keys, passwords,
// signatures) become ***, as in https://user:***@host/feed?api_key=***.
// A local path is returned as it is; something with "://" that does not
// parse is hidden whole.
func RedactURL(rawURL string) string {
	if !strings.Contains(rawURL, "://") {
		return rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return "[unreadable URL]"
	}
	return redactURL(u)
}

// redactMark replaces a secret in a shown URL.
const redactMark = "***"

// redactURL prints u with its user information and any secret-looking
// query values hidden, for errors and logs.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	cp := *u
	userinfo := ""
	if cp.User != nil {
		// A user name alone is often a token (https://TOKEN@host/feed).
		userinfo = redactMark + "@"
		if _, ok := cp.User.Password(); ok {
			userinfo = url.User(cp.User.Username()).String() + ":" + redactMark + "@"
		}
		cp.User = nil
	}
	if cp.RawQuery != "" {
		parts := strings.Split(cp.RawQuery, "&")
		changed := false
		for i, p := range parts {
			k, _, hasValue := strings.Cut(p, "=")
			if hasValue && isSecretParam(k) {
				parts[i] = k + "=" + redactMark
				changed = true
			}
		}
		if changed {
			cp.RawQuery = strings.Join(parts, "&")
		}
	}
	shown := cp.String()
	if i := strings.Index(shown, "//"); userinfo != "" && i >= 0 {
		// Written in by hand: url.URL would escape the asterisks.
		shown = shown[:i+2] + userinfo + shown[i+2:]
	}
	return shown
}

func isSecretParam(key string) bool {
	k, err := url.QueryUnescape(key)
	if err != nil {
		k = key
	}
	k = strings.ToLower(k)
	switch k {
	case "key", "sig", "code", "pass", "pwd":
		return true
	}
	for _, s := range []string{"token", "secret", "passw", "apikey", "api_key", "api-key", "signature", "session", "auth", "credential", "access_key"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}
