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
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
)

// fakeResolver answers from a map and never sends a query.
type fakeResolver map[string][]string

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	answers, ok := r[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	out := make([]netip.Addr, len(answers))
	for i, a := range answers {
		out[i] = netip.MustParseAddr(a)
	}
	return out, nil
}

// fakeDialer records every address the client asks for and connects only
// where routes says, to a loopback test server. It never dials the address
// it is given, so a broken guard cannot make a test send a packet anywhere
// but loopback.
type fakeDialer struct {
	t      *testing.T
	routes map[string]string // "93.184.216.34:80" -> "127.0.0.1:41234"
	dialLog
}

func (d *fakeDialer) Dial(ctx context.Context, network, address string) (net.Conn, error) {
	d.record(address)
	to, ok := d.routes[address]
	if !ok {
		return nil, fmt.Errorf("fake dialer: no route to %s", address)
	}
	ap, err := netip.ParseAddrPort(to)
	if err != nil || !ap.Addr().IsLoopback() {
		d.t.Errorf("fake dialer: route %s -> %s leaves loopback", address, to)
		return nil, errors.New("fake dialer: refusing a route off loopback")
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, to)
}

// dialLog records the addresses a test dialer is asked for, safe for the
// client's concurrent dials.
type dialLog struct {
	mu     sync.Mutex
	dialed []string
}

func (l *dialLog) record(address string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dialed = append(l.dialed, address)
}

// Dialed returns a copy of the addresses asked for so far, in order.
func (l *dialLog) Dialed() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.dialed...)
}

// countingServer is a loopback test server that counts its requests.
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestGuardRefuses(t *testing.T) {
	resolver := fakeResolver{
		"news.example":     {"127.0.0.1"},
		"v6.example":       {"::1"},
		"mixed.example":    {"93.184.216.34", "10.0.0.5"},
		"metadata.example": {"169.254.169.254"},
		"mapped.example":   {"::ffff:192.168.0.10"},
	}
	tests := []struct {
		name, url  string
		wantAddr   string // "" when the scheme is refused
		wantReason string
	}{
		{"loopback v4", "http://127.0.0.1/", "127.0.0.1", "loopback"},
		{"loopback v4 other", "http://127.8.9.10:8080/admin", "127.8.9.10", "loopback"},
		{"loopback v6", "http://[::1]/", "::1", "loopback"},
		{"metadata", "http://169.254.169.254/latest/meta-data/", "169.254.169.254", "metadata"},
		{"metadata v6", "http://[fd00:ec2::254]/", "fd00:ec2::254", "metadata"},
		{"private 10", "http://10.0.0.1/", "10.0.0.1", "private"},
		{"private 172", "http://172.16.5.4/", "172.16.5.4", "private"},
		{"private 192", "http://192.168.1.1/", "192.168.1.1", "private"},
		{"unique local", "http://[fc00::1]/", "fc00::1", "private"},
		{"link-local", "http://169.254.10.10/", "169.254.10.10", "link-local"},
		{"link-local v6 zone", "http://[fe80::1%25eth0]/", "fe80::1", "link-local"},
		{"cgnat", "http://100.64.0.1/", "100.64.0.1", "carrier-grade NAT"},
		{"unspecified v4", "http://0.0.0.0/", "0.0.0.0", "unspecified"},
		{"unspecified v6", "http://[::]/", "::", "unspecified"},
		{"multicast", "http://224.0.0.1/", "224.0.0.1", "multicast"},
		{"mapped loopback", "http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "loopback"},
		{"mapped metadata", "http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254", "metadata"},
		{"decimal", "http://2130706433/", "127.0.0.1", "loopback"},
		{"hex short", "http://0x7f.1/", "127.0.0.1", "loopback"},
		{"octal", "http://0177.0.0.1/", "127.0.0.1", "loopback"},
		{"short dotted", "http://127.1/", "127.0.0.1", "loopback"},
		{"hex metadata", "http://0xa9fea9fe/", "169.254.169.254", "metadata"},
		{"name to loopback", "http://news.example/feed.xml", "127.0.0.1", "loopback"},
		{"name to v6 loopback", "https://v6.example/", "::1", "loopback"},
		{"name to metadata", "http://metadata.example/", "169.254.169.254", "metadata"},
		{"name with one private answer", "http://mixed.example/", "10.0.0.5", "private"},
		{"name to mapped private", "http://mapped.example/", "::ffff:192.168.0.10", "private"},
		{"file", "file:///etc/passwd", "", "scheme"},
		{"gopher", "gopher://127.0.0.1:25/", "", "scheme"},
		{"ftp", "ftp://ftp.example/pub", "", "scheme"},
		{"no scheme", "news.example/feed", "", "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &fakeDialer{t: t}
			c := NewClient(WithGuard(), WithResolver(resolver), WithDialer(d.Dial))
			_, err := c.Get(t.Context(), tt.url, bot.Validators{})
			var be *BlockedError
			if !errors.As(err, &be) {
				t.Fatalf("Get(%q) error = %v, want *BlockedError", tt.url, err)
			}
			gotAddr := ""
			if be.Addr.IsValid() {
				gotAddr = be.Addr.String()
			}
			if gotAddr != tt.wantAddr || !strings.Contains(be.Reason, tt.wantReason) {
				t.Errorf("Get(%q) refused %q for %q, want %q for %q", tt.url, gotAddr, be.Reason, tt.wantAddr, tt.wantReason)
			}
			if !strings.Contains(err.Error(), "refused") {
				t.Errorf("Get(%q) error %q does not say it was refused", tt.url, err)
			}
			if got := d.Dialed(); len(got) != 0 {
				t.Errorf("Get(%q) dialled %v, want no dial at all", tt.url, got)
			}
		})
	}
}

func TestGuardAllowsPublicAddress(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from %s", r.Host)
	})
	d := &fakeDialer{t: t, routes: map[string]string{"93.184.216.34:80": srv.Listener.Addr().String()}}
	c := NewClient(WithGuard(), WithResolver(fakeResolver{"news.example": {"93.184.216.34"}}), WithDialer(d.Dial))

	for _, u := range []string{"http://news.example/story", "http://93.184.216.34/story"} {
		resp, err := c.Get(t.Context(), u, bot.Validators{})
		if err != nil {
			t.Fatalf("Get(%q) = %v, want success", u, err)
		}
		if resp.Status != http.StatusOK || !strings.HasPrefix(string(resp.Body), "hello from") {
			t.Errorf("Get(%q) = %d %q, want 200 hello", u, resp.Status, resp.Body)
		}
	}
	if hits.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", hits.Load())
	}
	for _, a := range d.Dialed() {
		if a != "93.184.216.34:80" {
			t.Errorf("dialled %s, want only the checked address 93.184.216.34:80", a)
		}
	}
}

func TestGuardRefusesRedirects(t *testing.T) {
	inner, innerHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	})
	tests := []struct {
		name, location string
	}{
		{"to loopback address", inner.URL + "/secret"},
		{"to name resolving to loopback", "http://" + strings.Replace(inner.Listener.Addr().String(), "127.0.0.1", "intranet.example", 1) + "/"},
		{"to metadata", "http://169.254.169.254/latest/meta-data/"},
		{"to decimal loopback", "http://2130706433/"},
		{"to file", "file:///etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outer, outerHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tt.location, http.StatusFound)
			})
			d := &fakeDialer{t: t, routes: map[string]string{"93.184.216.34:80": outer.Listener.Addr().String()}}
			resolver := fakeResolver{"news.example": {"93.184.216.34"}, "intranet.example": {"127.0.0.1"}}
			c := NewClient(WithGuard(), WithResolver(resolver), WithDialer(d.Dial))

			_, err := c.Get(t.Context(), "http://news.example/story", bot.Validators{})
			var be *BlockedError
			if !errors.As(err, &be) {
				t.Fatalf("Get through redirect to %q: error = %v, want *BlockedError", tt.location, err)
			}
			if outerHits.Load() != 1 || innerHits.Load() != 0 {
				t.Errorf("hits outer=%d inner=%d, want 1 and 0", outerHits.Load(), innerHits.Load())
			}
			if diff := cmp.Diff([]string{"93.184.216.34:80"}, d.Dialed()); diff != "" {
				t.Errorf("dialled (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGuardDefaultDialer runs the guard as production does, with the
// system dialer, against a loopback test server: if the guard were broken
// the packet would still only reach loopback.
func TestGuardDefaultDialer(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {})
	c := NewClient(WithGuard())
	_, err := c.Get(t.Context(), srv.URL+"/", bot.Validators{})
	var be *BlockedError
	if !errors.As(err, &be) {
		t.Fatalf("Get(%q) error = %v, want *BlockedError", srv.URL, err)
	}
	if !strings.Contains(err.Error(), srv.URL) {
		t.Errorf("error %q does not name the URL %s", err, srv.URL)
	}

	// The socket hook is the last line: it refuses even a direct dial.
	nd := &net.Dialer{Control: guardControl}
	conn, err := nd.DialContext(t.Context(), "tcp", srv.Listener.Addr().String())
	if err == nil {
		conn.Close()
		t.Fatalf("dial %s with the guard hook succeeded, want refused", srv.Listener.Addr())
	}
	if !errors.As(err, &be) {
		t.Errorf("dial with the guard hook: error = %v, want *BlockedError", err)
	}
	if hits.Load() != 0 {
		t.Errorf("server saw %d requests, want 0", hits.Load())
	}
}

// TestNoGuardForOperatorFeeds checks that the unguarded client, used for
// the operator's configured feeds, fetches from a local address.
func TestNoGuardForOperatorFeeds(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "lan feed") })
	resp, err := NewClient().Get(t.Context(), srv.URL+"/feed", bot.Validators{})
	if err != nil {
		t.Fatalf("Get(%q) = %v, want success", srv.URL, err)
	}
	if string(resp.Body) != "lan feed" {
		t.Errorf("Get(%q) body = %q, want %q", srv.URL, resp.Body, "lan feed")
	}
}

func TestBlockedReason(t *testing.T) {
	tests := []struct {
		addr    string
		blocked bool
	}{
		{"93.184.216.34", false},
		{"8.8.8.8", false},
		{"1.1.1.1", false},
		{"172.15.255.255", false},
		{"172.32.0.1", false},
		{"100.63.255.255", false},
		{"100.128.0.1", false},
		{"2606:2800:220:1:248:1893:25c8:1946", false},
		{"::ffff:8.8.8.8", false},
		{"64:ff9b::808:808", false},
		{"127.0.0.1", true},
		{"127.255.255.254", true},
		{"10.255.255.255", true},
		{"172.31.0.1", true},
		{"192.168.0.1", true},
		{"169.254.169.254", true},
		{"100.64.0.1", true},
		{"100.100.100.200", true},
		{"0.0.0.0", true},
		{"0.1.2.3", true},
		{"255.255.255.255", true},
		{"239.1.1.1", true},
		{"198.18.0.1", true},
		{"::", true},
		{"::1", true},
		{"::127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"64:ff9b::7f00:1", true},
		{"2002:7f00:1::", true},
		{"2002:a9fe:a9fe::1", true},
		{"fc00::1", true},
		{"fdff::1", true},
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"ff02::1", true},
		{"2001:db8::1", true},
	}
	for _, tt := range tests {
		got := blockedReason(netip.MustParseAddr(tt.addr))
		if (got != "") != tt.blocked {
			t.Errorf("blockedReason(%s) = %q, want blocked %v", tt.addr, got, tt.blocked)
		}
	}
}

func TestParseHostIP(t *testing.T) {
	tests := []struct {
		host string
		want string // "" when not an address
	}{
		{"127.0.0.1", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0x7f.1", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"0177.0.0.01", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"10.1.2", "10.1.0.2"},
		{"127.0.0.1.", "127.0.0.1"},
		{"[::1]", "::1"},
		{"::ffff:7f00:1", "::ffff:127.0.0.1"},
		{"4294967296", ""},
		{"256.1.1.1", ""},
		{"1.2.3.4.5", ""},
		{"08.1.1.1", ""},
		{"news.example", ""},
		{"0xg", ""},
		{"", ""},
	}
	for _, tt := range tests {
		a, ok := parseHostIP(tt.host)
		got := ""
		if ok {
			got = a.String()
		}
		if got != tt.want {
			t.Errorf("parseHostIP(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}
