package telegram

import (
	"errors"
	"net/url"
	"strings"
)

// redact removes the token from an error: the library puts it in every
// request URL, and *url.Error prints the URL.
func (a *Adapter) redact(err error) error {
	if err == nil || a.token == "" {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if inner != nil && a.hasToken(inner.Error()) {
			inner = errors.New(a.redactString(inner.Error()))
		}
		return &url.Error{Op: ue.Op, URL: a.redactString(ue.URL), Err: inner}
	}
	if a.hasToken(err.Error()) {
		return errors.New(a.redactString(err.Error()))
	}
	return err
}

func (a *Adapter) hasToken(s string) bool {
	return strings.Contains(s, a.token) || strings.Contains(s, url.PathEscape(a.token))
}

func (a *Adapter) redactString(s string) string {
	s = strings.ReplaceAll(s, a.token, "[redacted]")
	return strings.ReplaceAll(s, url.PathEscape(a.token), "[redacted]")
}
