package sources

import (
	"net/url"
	"strings"
)

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
