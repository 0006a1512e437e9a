package sources

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// Subscription is one feed of an OPML subscription list.
type Subscription struct {
	Title   string
	FeedURL string
	PageURL string
	// Category is the title of the folder the feed sits in, if any.
	Category string
}

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

// ParseOPML reads the feeds of an OPML file, folders flattened.
func ParseOPML(r io.Reader) ([]Subscription, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel // OPML files from old readers are often ISO-8859-1
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse OPML: %w", err)
	}
	var subs []Subscription
	var walk func(os []opmlOutline, category string)
	walk = func(os []opmlOutline, category string) {
		for _, o := range os {
			title := strings.TrimSpace(o.Title)
			if title == "" {
				title = strings.TrimSpace(o.Text)
			}
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				subs = append(subs, Subscription{Title: title, FeedURL: u, PageURL: strings.TrimSpace(o.HTMLURL), Category: category})
			}
			if len(o.Outlines) > 0 {
				walk(o.Outlines, title)
			}
		}
	}
	walk(doc.Body, "")
	return subs, nil
}

// WriteOPML writes subscriptions as an OPML 2.0 file, grouped by category.
func WriteOPML(w io.Writer, title string, subs []Subscription) error {
	doc := opmlDoc{Version: "2.0", Title: title}
	folders := map[string]int{}
	for _, s := range subs {
		o := opmlOutline{Text: s.Title, Title: s.Title, Type: "rss", XMLURL: s.FeedURL, HTMLURL: s.PageURL}
		if o.Text == "" {
			o.Text = s.FeedURL
		}
		if s.Category == "" {
			doc.Body = append(doc.Body, o)
			continue
		}
		i, ok := folders[s.Category]
		if !ok {
			i = len(doc.Body)
			folders[s.Category] = i
			doc.Body = append(doc.Body, opmlOutline{Text: s.Category, Title: s.Category})
		}
		doc.Body[i].Outlines = append(doc.Body[i].Outlines, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
