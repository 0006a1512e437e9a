package sources

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOPMLRoundTrip(t *testing.T) {
	const in = `<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="World" title="World">
    <outline text="Caf` + "\xe9" + ` News" type="rss" xmlUrl="https://cafe.example/rss" htmlUrl="https://cafe.example/"/>
    <outline text="Wire" xmlUrl=" https://wire.example/atom.xml "/>
  </outline>
  <outline title="Tech" text="ignored when title is set" type="rss" xmlUrl="https://tech.example/feed.json"/>
  <outline text="A folder with no feeds"/>
</body></opml>`
	got, err := ParseOPML(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	want := []Subscription{
		{Title: "Café News", FeedURL: "https://cafe.example/rss", PageURL: "https://cafe.example/", Category: "World"},
		{Title: "Wire", FeedURL: "https://wire.example/atom.xml", Category: "World"},
		{Title: "Tech", FeedURL: "https://tech.example/feed.json"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ParseOPML (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "newsbrief sources", got); err != nil {
		t.Fatal(err)
	}
	again, err := ParseOPML(&buf)
	if err != nil {
		t.Fatalf("ParseOPML(WriteOPML(...)): %v\n%s", err, buf.String())
	}
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseOPMLErrors(t *testing.T) {
	for _, in := range []string{"", "not xml", "<opml><body><outline", "<rss></rss>"} {
		if _, err := ParseOPML(strings.NewReader(in)); err == nil {
			t.Errorf("ParseOPML(%q) = nil error, want one", in)
		}
	}
}
