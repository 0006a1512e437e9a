package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"os"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/sources"
)

// maxPageBytes caps a page read by extract; news pages are far smaller.
const maxPageBytes = 8 << 20

// pageTimeout bounds the whole fetch of one page, body included.
const pageTimeout = 30 * time.Second

// pageGetter fetches a web page's HTML.
type pageGetter func(ctx context.Context, url string) (body []byte, finalURL string, err error)

// extractResult is the JSON that extract prints; keep the field names
// stable, scripts and evaluations read them.
type extractResult struct {
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"` // RFC 3339 or empty
	URL       string `json:"url"`
	Text      string `json:"text"`
}

// extractCmd is `newsbrief extract`.
func extractCmd(m *Main, f *cmdFlags) runner {
	format := f.formatFlag("output `format`: text or json", "text", "json")
	return func(ctx context.Context, args []string) error {
		name := args[0]
		if name == "-" && m.stdin.tty {
			fmt.Fprintln(m.stderr, "reading the page from standard input; end with Ctrl-D")
		}
		results, err := extractResults(ctx, name, m.stdin, newPageGetter())
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		for i, res := range results {
			if *format == "json" {
				if err := enc.Encode(res); err != nil {
					return err
				}
				continue
			}
			if i > 0 {
				out.WriteString("\n")
			}
			writeExtractText(&out, res)
		}
		_, err = io.WriteString(m.stdout, console.Printable(out.String()))
		return err
	}
}

// extractResults reads a web page by URL, or a file or standard input of
// any kind that brief reads: an HTML page gives one result with its
// byline, a text file or a feed one per article.
func extractResults(ctx context.Context, name string, stdin io.Reader, get pageGetter) ([]extractResult, error) {
	var (
		page    []byte
		pageURL string
		err     error
	)
	switch {
	case !sources.IsLocal(name):
		page, pageURL, err = get(ctx, name)
	case name == "-":
		name = "standard input"
		page, err = readCapped(stdin)
	default:
		var f *os.File
		if f, err = os.Open(name); err == nil {
			page, err = readCapped(f)
			f.Close()
		}
		err = fileError(err)
	}
	if err != nil {
		return nil, err
	}
	data, kind, err := sources.Sniff(name, page)
	if kind != sources.KindHTML && !sources.IsLocal(name) {
		kind, err = sources.KindHTML, nil // get checked it is a page
	}
	if err != nil {
		return nil, err
	}
	if kind == sources.KindHTML {
		p, err := sources.ExtractHTML(bytes.NewReader(data), pageURL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return []extractResult{{Title: p.Title, Byline: p.Byline, Published: rfc3339(p.Published), URL: p.URL, Text: p.Text}}, nil
	}
	arts, err := sources.ParseLocal(name, data)
	if err != nil {
		return nil, err
	}
	results := make([]extractResult, len(arts))
	for i, a := range arts {
		results[i] = extractResult{Title: a.Title, Published: rfc3339(a.Published), URL: a.URL, Text: a.Text}
	}
	return results, nil
}

func writeExtractText(out *bytes.Buffer, r extractResult) {
	fmt.Fprintln(out, r.Title)
	for _, field := range []struct{ name, value string }{
		{"By", r.Byline}, {"Published", r.Published}, {"URL", r.URL},
	} {
		if field.value != "" {
			fmt.Fprintf(out, "%s: %s\n", field.name, field.value)
		}
	}
	fmt.Fprintf(out, "\n%s\n", r.Text)
}

func readCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPageBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPageBytes {
		return nil, fmt.Errorf("page larger than %d MB", maxPageBytes>>20)
	}
	return data, nil
}

// newPageGetter returns the getter for pages named on the command line,
// through the sources client with a time-out and a size cap; it refuses
// answers that are not HTML. Like plainGet before it, it has no URL guard:
// the person at the terminal names the page, as the operator names a
// source; URLs that chat users send go through pageFetcher's guard.
func newPageGetter() pageGetter {
	c := sources.NewClient(sources.WithUserAgent(sources.UserAgent(version)), sources.WithMaxBodySize(maxPageBytes),
		sources.WithTimeouts(sources.Timeouts{Request: pageTimeout}))
	return func(ctx context.Context, url string) ([]byte, string, error) {
		resp, err := c.Get(ctx, url, bot.Validators{})
		if err != nil {
			return nil, "", err
		}
		if ct := resp.ContentType; ct != "" {
			mt, _, _ := mime.ParseMediaType(ct)
			if mt != "text/html" && mt != "application/xhtml+xml" {
				return nil, "", fmt.Errorf("GET %s: %w (Content-Type %s)", sources.RedactURL(url), sources.ErrNotHTML, ct)
			}
		}
		return resp.Body, resp.FinalURL, nil
	}
}
