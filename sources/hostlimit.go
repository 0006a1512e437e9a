package sources

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

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
