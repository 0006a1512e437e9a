package sources

import (
	"net/url"
	"path"
	"slices"
	"strings"
)

// CanonicalURL returns the form of raw used to tell whether two links are
// the same article: scheme and host in lower case, no default port, no
// user info, no fragment, no tracking parameters, the remaining query
// parameters sorted by name, and AMP variants folded into the ordinary page
// where the URL says so plainly. A string that is not an absolute http(s)
// URL comes back trimmed but otherwise unchanged.
//
// It keeps what could name a different page: the scheme (http and https may
// serve different things), "www.", a trailing slash, "index.html" (on a
// server without a directory index, dropping it breaks the link; feeds use
// one form consistently and the content fingerprint catches the rest),
// the order of repeated parameters, and "#!" or "#/" fragments, which
// address pages in script-driven sites.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return raw
	}
	u.User = nil

	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return raw
	}
	port := u.Port()
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host

	if u.Fragment != "" && !strings.HasPrefix(u.Fragment, "!") && !strings.HasPrefix(u.Fragment, "/") {
		u.Fragment, u.RawFragment = "", ""
	}

	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if strings.Contains(p, "/.") {
		// Resolve "." and ".." as a browser would; keep a trailing slash.
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		p = clean
	}
	p = stripAMPPath(p)
	if err := setEscapedPath(u, p); err != nil {
		return raw
	}

	u.RawQuery = strings.TrimSpace(canonicalQuery(u.RawQuery))
	u.ForceQuery = false
	// Trimmed again: a dropped fragment can leave the query's own
	// whitespace at the end, which the next call would trim.
	return strings.TrimSpace(u.String())
}

func setEscapedPath(u *url.URL, escaped string) error {
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return err
	}
	u.Path, u.RawPath = unescaped, escaped
	if u.EscapedPath() != escaped {
		u.RawPath = ""
	}
	return nil
}

// stripAMPPath folds the AMP page of an article into the article:
// ".../story-slug/amp", ".../story-slug/amp/", ".../story.amp" and
// ".../story.amp.html". A last "/amp" segment is folded only when the
// segment before looks like an article (a slug with a dash or a digit):
// "/tags/amp" is a page about AMP, not an AMP page.
func stripAMPPath(p string) string {
	trimmed := strings.TrimSuffix(p, "/")
	if before, ok := strings.CutSuffix(trimmed, "/amp"); ok && looksLikeArticle(path.Base(before)) {
		return before
	}
	if strings.HasSuffix(p, "/") {
		return p
	}
	// A file name ending in ".amp" says AMP by itself.
	if before, ok := strings.CutSuffix(p, ".amp"); ok && !strings.HasSuffix(before, "/") {
		return before
	}
	if before, ok := strings.CutSuffix(p, ".amp.html"); ok && !strings.HasSuffix(before, "/") {
		return before + ".html"
	}
	return p
}

func looksLikeArticle(segment string) bool {
	if segment == "" || segment == "/" || segment == "." {
		return false
	}
	return strings.ContainsAny(segment, "-_0123456789")
}

// canonicalQuery drops tracking and AMP parameters and sorts the rest by
// name, working on the raw pairs so that what is kept is kept byte for byte
// (a bare "?print" stays bare; "+" and "%20" stay as they were).
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, text string }
	var kept []pair
	for _, p := range strings.Split(raw, "&") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			value = v
		}
		if isTrackingParam(key) || isAMPParam(key, value) {
			continue
		}
		// A raw space is not valid in a URL; written as %20 it means the
		// same to the server and cannot be trimmed away by the next call.
		kept = append(kept, pair{key, strings.ReplaceAll(p, " ", "%20")})
	}
	slices.SortStableFunc(kept, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	texts := make([]string, len(kept))
	for i, p := range kept {
		texts[i] = p.text
	}
	return strings.Join(texts, "&")
}

// trackingParams are query parameters that say how a reader arrived, not
// which page they asked for. Compared in lower case.
var trackingParams = map[string]bool{
	// ad click identifiers
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"igshid": true, "igsh": true, "epik": true, "rdt_cid": true, "s_cid": true, "sc_cid": true,
	// analytics and mailing tools
	"_ga": true, "_gl": true, "mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true,
	"__hstc": true, "__hssc": true, "__hsfp": true, "hsctatracking": true, "mkt_tok": true,
	"vero_conv": true, "vero_id": true, "oly_anon_id": true, "oly_enc_id": true, "wickedid": true,
	"_openstat": true, "rb_clickid": true, "__twitter_impression": true,
	// referrers and share buttons as publishers spell them
	"ref": true, "ref_src": true, "ref_url": true, "referrer": true,
	"smid": true, "smtyp": true, "cmpid": true, "cmp": true, "ocid": true, "xtor": true,
	"ns_mchannel": true, "ns_source": true, "ns_campaign": true, "ns_linkname": true, "ns_fee": true,
	"at_medium": true, "at_campaign": true, "at_custom1": true, "at_custom2": true,
	"at_custom3": true, "at_custom4": true, "sr_share": true, "soc_src": true, "soc_trk": true,
	"guccounter": true, "guce_referrer": true, "guce_referrer_sig": true,
}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	if trackingParams[k] {
		return true
	}
	for _, prefix := range []string{"utm_", "pk_", "mtm_", "piwik_", "matomo_", "hmb_", "itm_"} {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// isAMPParam reports the parameters that ask for the AMP rendering of the
// same page: "amp", "amp=1", "amp=true", "outputType=amp".
func isAMPParam(key, value string) bool {
	k, v := strings.ToLower(key), strings.ToLower(value)
	switch k {
	case "amp":
		return v == "" || v == "1" || v == "true" || v == "yes"
	case "outputtype", "output":
		return v == "amp"
	}
	return false
}
