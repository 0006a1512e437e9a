package sources

import (
	"bytes"
	"testing"
)

func FuzzParseFeed(f *testing.F) {
	for _, seed := range []string{
		`<rss version="2.0"><channel><title>T</title><item><title>a &amp; b</title><link>/x</link><description>&lt;p&gt;one&lt;/p&gt;</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id><content type="html">&lt;b&gt;x&lt;/b&gt;</content></entry></feed>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>r</title></item></rdf:RDF>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_html":"<p>x</p>"}]}`,
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>caf\xe9</title></channel></rss>",
		`<rss><channel><item><title>unclosed`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(bytes.NewReader(data), "https://example.org/feed")
		if err == nil && feed == nil {
			t.Fatal("ParseFeed() = nil, nil")
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	for _, seed := range []string{
		articlePage,
		`<html><body><p>one</p><p>two</p></body></html>`,
		`<table><tr><td>a<td>b</table><script>x</script>`,
		"<meta charset=\"windows-1252\"><p>\x93q\x94</p>",
		`<html><head><link rel="canonical" href="::bad"></head><body><article><p>x</article>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ExtractHTML(bytes.NewReader(data), "https://example.org/page")
		if err == nil && (p == nil || p.Text == "") {
			t.Fatalf("ExtractHTML() = %+v, nil; want text or an error", p)
		}
	})
}
