package bottest

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CheckPreview fails the test unless frag, the HTML of a message's
// preview (telegram.Preview, slack.Preview), holds only elements named in
// tags, only class, href and rel attributes, and links only to http(s)
// URLs, each with rel="noopener noreferrer nofollow". It returns the text
// the preview shows, for the test to check what it says.
func CheckPreview(tb testing.TB, frag string, tags ...string) string {
	tb.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(frag), ctx)
	if err != nil {
		tb.Fatalf("preview does not parse: %v\n%s", err, frag)
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			if !slices.Contains(tags, n.Data) {
				tb.Errorf("preview has a <%s> element, want only %v:\n%s", n.Data, tags, frag)
			}
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if a.Key != "class" && a.Key != "href" && a.Key != "rel" {
					tb.Errorf("preview has a %s attribute on <%s>:\n%s", a.Key, n.Data, frag)
				}
			}
			if href, ok := attrs["href"]; ok || n.Data == "a" {
				u, err := url.Parse(href)
				if n.Data != "a" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					tb.Errorf("preview links <%s> to %q, want only http(s) links on <a>", n.Data, href)
				}
				if attrs["rel"] != "noopener noreferrer nofollow" {
					tb.Errorf("preview's link to %q has rel %q, want noopener noreferrer nofollow", href, attrs["rel"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return text.String()
}
