package sources

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsbrief/newsbrief/brief"
)

// Feed is a parsed RSS, Atom or JSON feed.
type Feed struct {
	Title   string
	SiteURL string // the site the feed belongs to, resolved
	Items   []Item
}

// Item is one feed entry: the article as the brief engine reads it, plus
// what the feed says about it that an article does not carry.
type Item struct {
	brief.Article // ID is the GUID, else the link; Text is the content, else the summary

	GUID    string
	Author  string
	Image   string    // absolute URL, or empty
	Summary string    // plain text of the description, which may be all the feed gives
	Updated time.Time // zero when the feed gives no update time
}

// ParseFeed parses an RSS 0.9x/1.0/2.0, Atom or JSON feed. Relative links
// resolve against feedURL (which may be empty), HTML in titles, summaries
// and content becomes plain text with one paragraph per line. A feed that
// declares its encoding (ISO-8859-1, Windows-1252, ...) is decoded from it.
func ParseFeed(r io.Reader, feedURL string) (*Feed, error) {
	parsed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	base, _ := url.Parse(feedURL)
	f := &Feed{
		Title:   clipped(parsed.Title, MaxTitle),
		SiteURL: resolve(base, parsed.Link),
	}
	// Item links are relative to the site when the feed itself came from
	// nowhere (a local file).
	if feedURL == "" && f.SiteURL != "" {
		base, _ = url.Parse(f.SiteURL)
	}
	source := f.Title
	if source == "" {
		source = feedURL
	}
	for _, it := range parsed.Items {
		if it == nil {
			continue
		}
		f.Items = append(f.Items, feedItem(it, base, source))
	}
	return f, nil
}

func feedItem(it *gofeed.Item, base *url.URL, source string) Item {
	link := it.Link
	if link == "" && len(it.Links) > 0 {
		link = it.Links[0]
	}
	item := Item{
		GUID:    strings.TrimSpace(it.GUID),
		Summary: clipped(it.Description, MaxSummary),
		Image:   itemImage(it, base),
	}
	item.URL = resolve(base, link)
	item.Title = clipped(it.Title, MaxTitle)
	item.Source = source
	item.Text = clipped(it.Content, MaxText)
	if item.Text == "" {
		item.Text = item.Summary
	}
	item.ID = item.GUID
	if item.ID == "" {
		item.ID = item.URL
	}
	if it.Author != nil {
		item.Author = it.Author.Name
	}
	for _, p := range it.Authors {
		if item.Author == "" && p != nil {
			item.Author = p.Name
		}
	}
	if it.UpdatedParsed != nil {
		item.Updated = it.UpdatedParsed.UTC()
	}
	if it.PublishedParsed != nil {
		item.Published = it.PublishedParsed.UTC()
	} else {
		item.Published = item.Updated
	}
	return item
}

// clipped is the text of a feed's HTML field, at most n characters of it
// (see MaxTitle): the markup is cut before it is parsed, the text after.
func clipped(markup string, n int) string {
	return clipText(htmlText(clipMarkup(markup, n)), n)
}

// itemImage returns the item's own image, else its first image enclosure.
func itemImage(it *gofeed.Item, base *url.URL) string {
	if it.Image != nil && it.Image.URL != "" {
		return resolve(base, it.Image.URL)
	}
	for _, e := range it.Enclosures {
		if e != nil && strings.HasPrefix(e.Type, "image/") {
			return resolve(base, e.URL)
		}
	}
	return ""
}

// resolve returns ref resolved against base, or ref trimmed when either
// does not parse: a bad link is kept as the feed gave it rather than lost.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}
