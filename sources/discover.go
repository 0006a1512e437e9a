package sources

import (
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedTypes are the link types that announce a feed.
var feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json"}

// DiscoverFeeds returns the feeds a web page announces with
// <link rel="alternate" type="application/rss+xml" href="...">
// (or atom+xml, feed+json), resolved against pageURL and the page's <base>,
// in page order without repeats. The whole page is scanned: some sites put
// these links in the body.
func DiscoverFeeds(r io.Reader, pageURL string) ([]string, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, err
	}
	var feeds []string
	z := html.NewTokenizer(r)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return feeds, nil
			}
			return feeds, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.DataAtom {
			case atom.Base:
				if u, err := base.Parse(attr(t, "href")); err == nil && attr(t, "href") != "" {
					base = u
				}
			case atom.Link:
				if !isFeedLink(t) {
					continue
				}
				if u := resolve(base, attr(t, "href")); u != "" && !slices.Contains(feeds, u) {
					feeds = append(feeds, u)
				}
			}
		}
	}
}

func isFeedLink(t html.Token) bool {
	typ := strings.ToLower(strings.TrimSpace(attr(t, "type")))
	if typ, _, _ = strings.Cut(typ, ";"); !slices.Contains(feedTypes, strings.TrimSpace(typ)) {
		return false
	}
	return slices.Contains(strings.Fields(strings.ToLower(attr(t, "rel"))), "alternate") && attr(t, "href") != ""
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
