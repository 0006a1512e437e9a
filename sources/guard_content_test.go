package sources

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// internalText is what the internal listeners serve: if any of it reaches
// an article or a brief, the guard let content steer a fetch inside.
const internalText = "Internal credentials page"

// internalPage is long enough to replace a feed item's teaser.
var internalPage = "<html><head><title>" + internalText + "</title></head><body><article>" +
	strings.Repeat("<p>"+internalText+": the database administrator password is kept on this intranet host and the backup keys sit beside it.</p>", 8) +
	"</article></body></html>"

// countingListener counts the connections it accepts, whatever they carry.
type countingListener struct {
	net.Listener
	accepted atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// internalServer serves internalPage (and an internal "feed") on addr, a
// loopback address other than the trusted source's, counting connections.
func internalServer(t *testing.T, addr string) (*httptest.Server, *countingListener) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s here (%v): the case for that address is skipped", addr, err)
	}
	cl := &countingListener{Listener: ln}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "feed") {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>%s</title><item><title>%s</title><link>http://%s/x</link><description>%s</description></item></channel></rss>`,
				internalText, internalText, r.Host, internalText)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, internalPage)
	}))
	srv.Listener.Close()
	srv.Listener = cl
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cl
}

// loopbackDialer is the injected dialer: it records every address the
// client asks for, dials loopback addresses for real (so that a broken
// guard would reach the internal listeners and the test would see it),
// and never dials anything else.
type loopbackDialer struct {
	dialLog
}

func (d *loopbackDialer) Dial(ctx context.Context, network, address string) (net.Conn, error) {
	d.record(address)
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().IsLoopback() {
		return nil, fmt.Errorf("test dialer: %s is not loopback, not dialled", address)
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, address)
}

// TestContentCannotSteerFetchesInside is the SSRF attack: a feed
// on the operator's trusted source host whose item links and redirects
// point at other loopback addresses (127.0.0.2, [::1]) and at the cloud
// metadata address. The guard lets the trusted host through, links on that
// same host too, and nothing else: no connection reaches the internal
// listeners or the metadata address, and no internal text reaches a brief.
func TestContentCannotSteerFetchesInside(t *testing.T) {
	v4, v4ln := internalServer(t, "127.0.0.2:0")
	var v6 *httptest.Server
	v6ln := &countingListener{}
	if ln, err := net.Listen("tcp", "[::1]:0"); err != nil {
		t.Logf("cannot listen on [::1] here (%v): the IPv6 links are left out", err)
	} else {
		ln.Close()
		v6, v6ln = internalServer(t, "[::1]:0")
	}
	v4host := v4.Listener.Addr().String()
	_, v4port, _ := net.SplitHostPort(v4host)

	storyText := strings.Repeat("The harbour board voted on Tuesday to extend the night ferry to the islands, the chairwoman said. ", 8)
	var trusted *httptest.Server
	trusted = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := trusted.URL
		switch r.URL.Path {
		case "/feed":
			links := []string{
				base + "/story", // same host: allowed
				"http://" + v4host + "/secret",
				"http://intranet.test:" + v4port + "/secret", // a name for 127.0.0.2
				"http://2130706434:" + v4port + "/secret",    // 127.0.0.2, written as a number
				"http://169.254.169.254/latest/meta-data/",
				"http://metadata.test/latest/meta-data/", // a name for the metadata address
				base + "/hop",                            // same host, redirecting inside
			}
			if v6 != nil {
				links = append(links, v6.URL+"/secret")
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Harbour</title>`)
			for i, l := range links {
				fmt.Fprintf(w, `<item><title>Item %d</title><link>%s</link><guid>g%d</guid><description>Teaser %d.</description></item>`, i, l, i, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case "/story":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html><head><title>Night ferry</title></head><body><article><p>%s</p></article></body></html>", storyText)
		case "/hop":
			http.Redirect(w, r, "http://"+v4host+"/secret", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "http://"+v4host+"/feed", http.StatusMovedPermanently)
		case "/moved-metadata":
			http.Redirect(w, r, "http://metadata.test/feed", http.StatusFound)
		case "/moved-v6":
			http.Redirect(w, r, v6.URL+"/feed", http.StatusFound)
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="http://%s/feed"></head><body>hi</body></html>`, v4host)
		default:
			http.NotFound(w, r)
		}
	}))
	defer trusted.Close()

	d := &loopbackDialer{}
	resolver := fakeResolver{"intranet.test": {"127.0.0.2"}, "metadata.test": {"169.254.169.254"}}
	f := NewFetcher(NewClient(WithGuard(), WithResolver(resolver), WithDialer(d.Dial)), 20)

	r, err := f.Fetch(t.Context(), trusted.URL+"/feed", bot.Validators{})
	if err != nil {
		t.Fatalf("Fetch(trusted feed) = %v, want success", err)
	}
	if r.FullText != 1 {
		t.Errorf("Fetch filled %d items from their pages, want 1 (the same-host story only); failed %d", r.FullText, r.FullTextFailed)
	}
	if !strings.Contains(r.Articles[0].Text, "night ferry") {
		t.Errorf("the same-host story kept its teaser %q: the trusted host's own links must be read", r.Articles[0].Text)
	}

	redirects := []string{"/moved", "/moved-metadata"}
	if v6 != nil {
		redirects = append(redirects, "/moved-v6")
	}
	for _, path := range redirects {
		_, err := f.Fetch(t.Context(), trusted.URL+path, bot.Validators{})
		var be *BlockedError
		if !errors.As(err, &be) {
			t.Errorf("Fetch(%s, redirected inside) = %v, want *BlockedError", path, err)
		}
	}
	if _, err := f.Discover(t.Context(), trusted.URL+"/page"); !errors.As(err, new(*BlockedError)) {
		t.Errorf("Discover(page naming an internal feed) = %v, want *BlockedError", err)
	}

	if n := v4ln.accepted.Load(); n != 0 {
		t.Errorf("127.0.0.2 listener accepted %d connections, want 0", n)
	}
	if n := v6ln.accepted.Load(); n != 0 {
		t.Errorf("[::1] listener accepted %d connections, want 0", n)
	}
	trustedAddr := trusted.Listener.Addr().String()
	for _, a := range d.Dialed() {
		if a != trustedAddr {
			t.Errorf("the dialer was asked for %s; want only the trusted source %s", a, trustedAddr)
		}
	}

	sum := brief.New(brief.Options{})
	for _, a := range r.Articles {
		if strings.Contains(a.Title+a.Text, internalText) {
			t.Errorf("article %q carries internal text: %q", a.URL, a.Text)
		}
		b, err := sum.Summarize(a.Article)
		if err != nil {
			continue // a teaser too short to brief says nothing either
		}
		if strings.Contains(b.Text(), internalText) || strings.Contains(b.Text(), "password") {
			t.Errorf("the brief of %q carries internal text:\n%s", a.URL, b.Text())
		}
	}
}

// TestTrustedConnectionServesNoOtherFeed checks that a connection opened
// to one source's trusted (private) host is not reused for a link to that
// host found in another source: the guarded and the trusted requests keep
// separate connection pools.
func TestTrustedConnectionServesNoOtherFeed(t *testing.T) {
	var secretHits atomic.Int64
	lan := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/secret" {
			secretHits.Add(1)
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, internalPage)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>LAN</title><item><title>a</title><description>long enough </description></item></channel></rss>`)
	}))
	defer lan.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Public</title><item><title>b</title><link>%s/secret</link><description>Teaser.</description></item></channel></rss>`, lan.URL)
	}))
	defer public.Close()

	d := &fakeDialer{t: t, routes: map[string]string{
		lan.Listener.Addr().String(): lan.Listener.Addr().String(),
		"93.184.216.34:80":           public.Listener.Addr().String(),
	}}
	c := NewClient(WithGuard(), WithResolver(fakeResolver{"public.example": {"93.184.216.34"}}), WithDialer(d.Dial))
	f := NewFetcher(c, 5)
	if _, err := f.Fetch(t.Context(), lan.URL+"/feed", bot.Validators{}); err != nil {
		t.Fatalf("Fetch(LAN feed, trusted) = %v", err)
	}
	r, err := f.Fetch(t.Context(), "http://public.example/feed", bot.Validators{})
	if err != nil {
		t.Fatalf("Fetch(public feed) = %v", err)
	}
	if secretHits.Load() != 0 || strings.Contains(r.Articles[0].Text, internalText) {
		t.Errorf("the public feed's link reached the LAN host (%d hits; text %q)", secretHits.Load(), r.Articles[0].Text)
	}
	if r.FullTextFailed != 1 {
		t.Errorf("FullTextFailed = %d, want 1 (the refused link)", r.FullTextFailed)
	}
}

// TestFetchLinkTrustsNothing checks the /summary path: the URL a chat user
// sends is not trusted, even for its own host, and local paths are refused.
func TestFetchLinkTrustsNothing(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, internalPage) })
	f := NewFetcher(NewClient(WithGuard()), 0)
	if _, err := f.FetchLink(t.Context(), srv.URL+"/page"); !errors.As(err, new(*BlockedError)) {
		t.Errorf("FetchLink(%s) = %v, want *BlockedError", srv.URL, err)
	}
	if hits.Load() != 0 {
		t.Errorf("server saw %d requests, want 0", hits.Load())
	}
	if _, err := f.FetchLink(t.Context(), "/etc/passwd"); err == nil {
		t.Error("FetchLink(/etc/passwd) read a local file")
	}
}

// leakyResolver fails as a real resolver does, naming its own address.
type leakyResolver struct{ notFound bool }

func (r leakyResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if r.notFound {
		return nil, &net.DNSError{Err: "no such host", Name: host, Server: "192.0.2.53:53", IsNotFound: true}
	}
	return nil, &net.DNSError{Err: "read udp 192.0.2.10:41000->192.0.2.53:53: i/o timeout", Name: host, Server: "192.0.2.53:53", IsTimeout: true}
}

// TestGuardErrorsLeakNothing is the information leak: the errors a
// chat user reads for /summary <url> say "refused: private address", and
// name neither what a name resolved to nor the resolver's address.
func TestGuardErrorsLeakNothing(t *testing.T) {
	refused := func(ctx context.Context, network, address string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Addr: net.TCPAddrFromAddrPort(netip.MustParseAddrPort(address)), Err: errors.New("connection refused")}
	}
	tests := []struct {
		name     string
		opts     []Option
		url      string
		want     string
		mustNots []string
	}{
		{"name resolving to a private address", []Option{WithResolver(fakeResolver{"wiki.corp.example": {"10.20.30.40"}})},
			"http://wiki.corp.example/", "refused: private address", []string{"10.20.30.40", "resolves", "private (", "a private"}},
		{"name resolving to loopback", []Option{WithResolver(fakeResolver{"db.corp.example": {"127.0.0.9"}})},
			"http://db.corp.example/", "refused: private address", []string{"127.0.0.9", "loopback"}},
		{"name resolving to metadata", []Option{WithResolver(fakeResolver{"meta.example": {"169.254.169.254"}})},
			"http://meta.example/", "refused: private address", []string{"169.254", "metadata"}},
		{"unknown name", []Option{WithResolver(leakyResolver{notFound: true})},
			"http://nowhere.example/", "not found", []string{"192.0.2.53"}},
		{"resolver timing out", []Option{WithResolver(leakyResolver{})},
			"http://slow.example/", "slow.example", []string{"192.0.2.53", "192.0.2.10"}},
		{"connection refused", []Option{WithResolver(fakeResolver{"down.example": {"93.184.216.34"}}), WithDialer(refused)},
			"http://down.example/", "could not connect", []string{"93.184.216.34"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(NewClient(append([]Option{WithGuard()}, tt.opts...)...), 0)
			_, err := f.FetchLink(t.Context(), tt.url)
			if err == nil {
				t.Fatalf("FetchLink(%q) succeeded", tt.url)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("FetchLink(%q) = %q, want it to say %q", tt.url, err, tt.want)
			}
			for _, s := range tt.mustNots {
				if strings.Contains(err.Error(), s) {
					t.Errorf("FetchLink(%q) = %q, reveals %q", tt.url, err, s)
				}
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://user:hunter2@host/feed?api_key=k3y", "https://user:***@host/feed?api_key=***"},
		{"https://ghp_TOKEN@host/feed.xml", "https://***@host/feed.xml"},
		{"https://host/feed?token=a&page=2&Signature=b&access_key=c", "https://host/feed?token=***&page=2&Signature=***&access_key=***"},
		{"https://host/feed?q=ukraine", "https://host/feed?q=ukraine"},
		{"/var/feeds/local folder", "/var/feeds/local folder"},
		{"http://user:pa ss@host/%zz", "[unreadable URL]"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCheckURL checks the guard's verdict without a fetch: what /sources
// add from a chat asks before it stores a URL.
func TestCheckURL(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {})
	f := NewFetcher(NewClient(WithGuard(), WithResolver(fakeResolver{"news.example": {"93.184.216.34"}, "lan.example": {"192.168.1.9"}})), 0)
	for _, u := range []string{srv.URL + "/feed", "http://lan.example/feed", "http://169.254.169.254/", "/etc/passwd"} {
		if err := f.CheckURL(t.Context(), u); err == nil {
			t.Errorf("CheckURL(%q) = nil, want refused", u)
		}
	}
	if err := f.CheckURL(t.Context(), "https://news.example/feed"); err != nil {
		t.Errorf("CheckURL(public) = %v, want nil", err)
	}
	if hits.Load() != 0 {
		t.Errorf("CheckURL made %d requests, want none", hits.Load())
	}
}

// TestGuardedSourceIsNeverTrusted is DNS rebinding: a source added from
// a chat or the console passed the guard when it was added, and its name
// now resolves inside. Polled under bot.WithGuard, its own host is
// refused like any link, discovery too, and nothing is dialled; the same
// URL configured by the operator is still trusted.
func TestGuardedSourceIsNeverTrusted(t *testing.T) {
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Inside</title><item><title>`+internalText+`</title><link>http://rebound.test/a</link></item></channel></rss>`)
	}))
	defer inside.Close()
	_, port, _ := net.SplitHostPort(inside.Listener.Addr().String())
	feed := "http://rebound.test:" + port + "/feed"
	d := &loopbackDialer{}
	f := NewFetcher(NewClient(WithGuard(), WithResolver(fakeResolver{"rebound.test": {"127.0.0.1"}}), WithDialer(d.Dial)), 20)

	guarded := bot.WithGuard(t.Context())
	if _, err := f.Fetch(guarded, feed, bot.Validators{}); !errors.As(err, new(*BlockedError)) {
		t.Errorf("guarded Fetch(%s) = %v, want *BlockedError", feed, err)
	}
	if _, err := f.Discover(guarded, feed); !errors.As(err, new(*BlockedError)) {
		t.Errorf("guarded Discover(%s) = %v, want *BlockedError", feed, err)
	}
	if _, err := f.Fetch(guarded, t.TempDir(), bot.Validators{}); err == nil {
		t.Error("guarded Fetch of a local folder succeeded, want a refusal")
	}
	if got := d.Dialed(); len(got) != 0 {
		t.Errorf("guarded fetches dialled %v, want nothing", got)
	}
	if _, err := f.Fetch(t.Context(), feed, bot.Validators{}); err != nil {
		t.Errorf("the operator's own Fetch(%s) = %v, want it trusted", feed, err)
	}
}
