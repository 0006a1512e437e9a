package sources

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "https://example.org/2026/03/story", "https://example.org/2026/03/story"},
		{"case of scheme and host", "HTTPS://Example.ORG/Story", "https://example.org/Story"},
		{"default https port", "https://example.org:443/a", "https://example.org/a"},
		{"default http port", "http://example.org:80/a", "http://example.org/a"},
		{"other port kept", "http://example.org:8080/a", "http://example.org:8080/a"},
		{"https on port 80 kept", "https://example.org:80/a", "https://example.org:80/a"},
		{"trailing dot on host", "https://example.org./a", "https://example.org/a"},
		{"empty path", "https://example.org", "https://example.org/"},
		{"fragment dropped", "https://example.org/a#comments", "https://example.org/a"},
		{"hash-bang kept", "https://example.org/#!/story/12", "https://example.org/#!/story/12"},
		{"hash route kept", "https://example.org/#/story/12", "https://example.org/#/story/12"},
		{"user info dropped", "https://reader:pw@example.org/a", "https://example.org/a"},
		{"utm dropped", "https://example.org/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.org/a"},
		{"utm upper case dropped", "https://example.org/a?UTM_Source=rss&id=4", "https://example.org/a?id=4"},
		{"click ids dropped", "https://example.org/a?fbclid=IwAR0&gclid=Cj0&msclkid=1&yclid=2&igshid=3", "https://example.org/a"},
		{"mailchimp dropped", "https://example.org/a?mc_cid=1&mc_eid=2", "https://example.org/a"},
		{"ref dropped", "https://example.org/a?ref=rss&ref_src=twsrc", "https://example.org/a"},
		{"_ga dropped", "https://example.org/a?_ga=2.1&_gl=1", "https://example.org/a"},
		{"publisher share params dropped", "https://example.org/a?smid=tw-share&CMP=share_btn_tw&ocid=msn&xtor=RSS-1", "https://example.org/a"},
		{"matomo dropped", "https://example.org/a?pk_campaign=x&mtm_source=y", "https://example.org/a"},
		{"real params kept and sorted", "https://example.org/search?q=ukraine&page=2&utm_source=x", "https://example.org/search?page=2&q=ukraine"},
		{"repeated params keep their order", "https://example.org/a?tag=b&id=1&tag=a", "https://example.org/a?id=1&tag=b&tag=a"},
		{"bare param kept bare", "https://example.org/a?print&utm_medium=x", "https://example.org/a?print"},
		{"encoding kept", "https://example.org/a?q=a+b&r=c%2Fd", "https://example.org/a?q=a+b&r=c%2Fd"},
		{"raw space escaped", "https://example.org/a?q=a b", "https://example.org/a?q=a%20b"},
		{"empty query dropped", "https://example.org/a?", "https://example.org/a"},
		{"empty pairs dropped", "https://example.org/a?&&id=1&", "https://example.org/a?id=1"},
		{"index.html kept", "https://example.org/news/index.html", "https://example.org/news/index.html"},
		{"trailing slash kept", "https://example.org/news/", "https://example.org/news/"},
		{"www kept", "https://www.example.org/a", "https://www.example.org/a"},
		{"dot segments resolved", "https://example.org/a/./b/../c", "https://example.org/a/c"},
		{"dot segments keep trailing slash", "https://example.org/a/b/../", "https://example.org/a/"},
		{"well-known kept", "https://example.org/.well-known/feed", "https://example.org/.well-known/feed"},
		{"escaped path kept", "https://example.org/caf%C3%A9/a%2Fb", "https://example.org/caf%C3%A9/a%2Fb"},
		{"amp path", "https://example.org/2026/03/10/big-story/amp", "https://example.org/2026/03/10/big-story"},
		{"amp path slash", "https://example.org/world/big-story-123/amp/", "https://example.org/world/big-story-123"},
		{"amp suffix", "https://www.bbc.co.uk/news/world-europe-68000000.amp", "https://www.bbc.co.uk/news/world-europe-68000000"},
		{"amp html suffix", "https://example.org/2026/story.amp.html", "https://example.org/2026/story.html"},
		{"amp tag page kept", "https://example.org/tags/amp", "https://example.org/tags/amp"},
		{"amp root kept", "https://example.org/amp", "https://example.org/amp"},
		{"amp param", "https://example.org/story-1?amp=1", "https://example.org/story-1"},
		{"bare amp param", "https://example.org/story-1?amp", "https://example.org/story-1"},
		{"outputType amp", "https://example.org/story-1?outputType=amp&id=2", "https://example.org/story-1?id=2"},
		{"amp param other value kept", "https://example.org/calc?amp=40", "https://example.org/calc?amp=40"},
		{"IPv6 host", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"whitespace trimmed", "  https://example.org/a \n", "https://example.org/a"},
		{"not a URL", "not a url", "not a url"},
		{"relative", "/2026/story", "/2026/story"},
		{"mailto untouched", "mailto:desk@example.org", "mailto:desk@example.org"},
		{"ftp untouched", "ftp://Example.org/a?utm_source=x", "ftp://Example.org/a?utm_source=x"},
		{"bad escape untouched", "https://example.org/%zz", "https://example.org/%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalURL(tt.in); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCanonicalURLIdempotent checks that a canonical URL is its own canonical form.
func TestCanonicalURLIdempotent(t *testing.T) {
	for _, in := range []string{
		"HTTPS://Example.ORG:443/a/./b/story-1/amp/?utm_source=x&b=2&a=1#top",
		"http://example.org/a?q=a+b&print&amp=1",
		"https://example.org/news/world-1.amp?outputType=amp",
	} {
		once := CanonicalURL(in)
		if twice := CanonicalURL(once); twice != once {
			t.Errorf("CanonicalURL(%q) = %q, but CanonicalURL of that = %q", in, once, twice)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	f.Add("https://example.org/a?utm_source=x&b=1#f")
	f.Add("http://[::1]:80/a/../b/amp")
	f.Add("https://example.org/%zz?%zz=1")
	f.Add("http://0?00aaaa0\xda #000000000")
	f.Add("http://0? #0")
	f.Add("http://0..")
	f.Add("http://0?0&& 100")
	f.Fuzz(func(t *testing.T, in string) {
		once := CanonicalURL(in)
		if twice := CanonicalURL(once); twice != once {
			t.Errorf("CanonicalURL(%q) = %q, but CanonicalURL of that = %q", in, once, twice)
		}
	})
}
