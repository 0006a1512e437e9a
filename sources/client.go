package sources

import (
	"net"
	"net/http"
	"time"
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
