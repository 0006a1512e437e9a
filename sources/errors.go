package sources

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// The error types of a Get share a shape: Error() says what happened and,
// after a semicolon, what a person might do (Hint, bot.Hinter); the poller
// stores the hint with the source's health. bot.StatusCoder and
// bot.RetryAfterer are the other behaviours the poller acts on; each type
// asserts the ones it has.

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
