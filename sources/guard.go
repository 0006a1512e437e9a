package sources

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// Resolver looks up the addresses of a host name. *net.Resolver meets it;
// tests pass a fake so that no query leaves the machine.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialFunc opens a connection to address ("ip:port" once the client has
// resolved the name). (*net.Dialer).DialContext meets it.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// BlockedError reports a URL that the guard refused to fetch: a scheme other
// than http or https, or a host that is, or resolves to, an address outside
// the public internet (loopback, private, link-local, cloud metadata ...).
// Its text says only "refused: private address": chat users read it, and
// what an internal name resolves to is none of their business. Addr and
// Reason are for the program and its tests.
type BlockedError struct {
	URL    string     // the URL refused, redacted
	Host   string     // the host name as written in the URL
	Addr   netip.Addr // the refused address; invalid when the scheme was refused
	Reason string     // e.g. "a loopback address"
}

var _ bot.Hinter = (*BlockedError)(nil)

func (e *BlockedError) Error() string {
	if !e.Addr.IsValid() {
		return withHint(fmt.Sprintf("fetch %s: refused: %s", e.URL, e.Reason), e.Hint())
	}
	return withHint(fmt.Sprintf("fetch %s: refused: private address", e.URL), e.Hint())
}

// Hint says what the guard allows.
func (e *BlockedError) Hint() string {
	if !e.Addr.IsValid() {
		return "only http and https URLs can be fetched"
	}
	return "only addresses on the public internet can be fetched"
}

// ipRange is a block of addresses the guard refuses, with the words that say why.
type ipRange struct {
	prefix netip.Prefix
	reason string
}

// blockedRanges lists the special-purpose blocks (RFC 6890 and successors)
// that a user-sent URL must never reach. Order matters: the first match
// names the reason, so the narrow metadata entries come first.
var blockedRanges = func() []ipRange {
	list := []struct{ cidr, reason string }{
		{"169.254.169.254/32", "the cloud metadata address"},
		{"fd00:ec2::254/128", "the cloud metadata address"},
		{"100.100.100.200/32", "the cloud metadata address"},
		{"0.0.0.0/8", "an unspecified (\"this network\") address"},
		{"10.0.0.0/8", "a private address"},
		{"100.64.0.0/10", "a carrier-grade NAT (shared) address"},
		{"127.0.0.0/8", "a loopback address"},
		{"169.254.0.0/16", "a link-local address"},
		{"172.16.0.0/12", "a private address"},
		{"192.0.0.0/24", "an IETF protocol address"},
		{"192.0.2.0/24", "a documentation address"},
		{"192.88.99.0/24", "a 6to4 relay address"},
		{"192.168.0.0/16", "a private address"},
		{"198.18.0.0/15", "a benchmarking address"},
		{"198.51.100.0/24", "a documentation address"},
		{"203.0.113.0/24", "a documentation address"},
		{"224.0.0.0/4", "a multicast address"},
		{"240.0.0.0/4", "a reserved address"},
		{"::/128", "the unspecified address"},
		{"::1/128", "a loopback address"},
		{"::/96", "an IPv4-compatible address"},
		{"64:ff9b:1::/48", "a local NAT64 address"},
		{"100::/64", "a discard address"},
		{"2001::/23", "an IETF protocol address"},
		{"2001:db8::/32", "a documentation address"},
		{"fc00::/7", "a private (unique local) address"},
		{"fe80::/10", "a link-local address"},
		{"fec0::/10", "a site-local address"},
		{"ff00::/8", "a multicast address"},
	}
	out := make([]ipRange, len(list))
	for i, r := range list {
		out[i] = ipRange{netip.MustParsePrefix(r.cidr), r.reason}
	}
	return out
}()

// IPv6 prefixes that embed an IPv4 address, judged by that address.
var (
	nat64Prefix     = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052
	sixToFourPrefix = netip.MustParsePrefix("2002::/16")    // RFC 3056
)

// blockedReason says why addr may not be fetched, or "" when it is a public
// address. IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4)
// are judged by the IPv4 address inside.
func blockedReason(addr netip.Addr) string {
	if !addr.IsValid() {
		return "not an IP address"
	}
	addr = addr.WithZone("")
	if addr.Is4In6() {
		addr = addr.Unmap()
	}
	if addr.Is6() {
		b := addr.As16()
		switch {
		case nat64Prefix.Contains(addr):
			if r := blockedReason(netip.AddrFrom4([4]byte(b[12:16]))); r != "" {
				return r + " (behind NAT64)"
			}
		case sixToFourPrefix.Contains(addr):
			if r := blockedReason(netip.AddrFrom4([4]byte(b[2:6]))); r != "" {
				return r + " (inside a 6to4 address)"
			}
		}
	}
	for _, r := range blockedRanges {
		if r.prefix.Contains(addr) {
			return r.reason
		}
	}
	return ""
}

// parseHostIP reads host as an IP address, including the legacy IPv4 forms
// that inet_aton and many resolvers accept ("2130706433", "0x7f.1",
// "0177.0.0.1", "127.1"): a guard that read only dotted quads would let
// these through to a resolver that turns them into 127.0.0.1.
func parseHostIP(host string) (netip.Addr, bool) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := netip.ParseAddr(host); err == nil {
		return a, true
	}
	return parseLegacyIPv4(strings.TrimSuffix(host, "."))
}

// parseLegacyIPv4 implements inet_aton: one to four parts, each decimal,
// octal (leading 0) or hex (leading 0x); the last part fills the remaining
// bytes.
func parseLegacyIPv4(s string) (netip.Addr, bool) {
	if s == "" {
		return netip.Addr{}, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		base := 10
		switch {
		case len(p) > 2 && (p[:2] == "0x" || p[:2] == "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var n uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return netip.Addr{}, false
		}
		n |= v << (24 - 8*uint(i))
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*uint(5-len(vals))) {
		return netip.Addr{}, false
	}
	n |= last
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// dialer opens connections for the client. When guard is set it resolves
// the name itself and refuses before dialling if any address is not public,
// then dials the very address it checked, so a second lookup (DNS
// rebinding) cannot swap in another one.
type dialer struct {
	guard    bool
	resolver Resolver
	dial     DialFunc
	timeout  time.Duration // to resolve and connect
}

func (d *dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if d.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d.timeout)
		defer cancel()
	}
	if !d.guard && d.resolver == nil {
		return d.dial(ctx, network, address)
	}
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	addrs, err := d.resolve(ctx, network, host)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, a := range addrs {
		conn, err := d.dial(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}

// resolve returns the addresses of host (an address itself, or a name it
// looks up); with the guard on, a *BlockedError if any is not public.
func (d *dialer) resolve(ctx context.Context, network, host string) ([]netip.Addr, error) {
	var addrs []netip.Addr
	if a, ok := d.hostIP(host); ok {
		addrs = []netip.Addr{a}
	} else {
		resolver := d.resolver
		if resolver == nil {
			resolver = net.DefaultResolver
		}
		var err error
		addrs, err = resolver.LookupNetIP(ctx, ipNetwork(network), host)
		if err != nil {
			return nil, err
		}
		if len(addrs) == 0 {
			return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
		}
	}
	if d.guard {
		// One bad address refuses the name: a host that mixes public and
		// private answers is probing, not publishing.
		for _, a := range addrs {
			if r := blockedReason(a); r != "" {
				return nil, &BlockedError{Host: host, Addr: a.WithZone(""), Reason: r}
			}
		}
	}
	return addrs, nil
}

// hostIP reads host as an address; the guard also reads the legacy forms.
func (d *dialer) hostIP(host string) (netip.Addr, bool) {
	if d.guard {
		return parseHostIP(host)
	}
	a, err := netip.ParseAddr(host)
	return a, err == nil
}

func ipNetwork(network string) string {
	switch network {
	case "tcp4", "udp4":
		return "ip4"
	case "tcp6", "udp6":
		return "ip6"
	}
	return "ip"
}

// errBlockedSocket is what the socket hook returns; the dialer's own check
// runs first and gives the fuller error, so this only fires if that check
// was somehow bypassed.
var errBlockedSocket = errors.New("refused by the URL guard")

// guardControl is a net.Dialer Control hook: the last check, on the address
// the socket is about to connect to.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read address %q", errBlockedSocket, address)
	}
	if r := blockedReason(ap.Addr()); r != "" {
		return &BlockedError{Addr: ap.Addr().WithZone(""), Reason: r}
	}
	return nil
}

// trustKey is the context key under which a fetch carries the host of the
// operator's own URL: the one host the guard lets through whatever its
// address, so that an intranet feed may link to its own intranet pages.
type trustKey struct{}

// hostID names a host for trust: its name in lower case without a
// trailing dot, and its port, empty when it is the scheme's default (so
// http://h/ and https://h/ are the same host, http://h:8080/ another).
type hostID struct{ name, port string }

func hostOf(u *url.URL) hostID {
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	return hostID{strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), port}
}

// trust returns ctx in which the host of rawURL, the operator's own, is
// trusted by the guard.
func trust(ctx context.Context, rawURL string) context.Context {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return ctx
	}
	return context.WithValue(ctx, trustKey{}, hostOf(u))
}

// trusted reports whether u is on the host that ctx trusts.
func trusted(ctx context.Context, u *url.URL) bool {
	h, ok := ctx.Value(trustKey{}).(hostID)
	return ok && h == hostOf(u)
}

// trustRouter sends each request (each hop of a redirect chain) to the
// trusted host through the plain transport and every other through the
// guarded one. The two keep separate connection pools: a connection opened
// to a trusted host never serves a request the guard would refuse, say a
// link in another feed to that same host.
type trustRouter struct {
	trusted, guarded http.RoundTripper
}

func (t *trustRouter) RoundTrip(req *http.Request) (*http.Response, error) {
	if trusted(req.Context(), req.URL) {
		return t.trusted.RoundTrip(req)
	}
	return t.guarded.RoundTrip(req)
}
