package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/sources"
)

// maxArticleBytes caps one article read from a file or stdin; news articles
// are far smaller, so more is a mistake (a binary, a whole dump).
const maxArticleBytes = 4 << 20

func runBrief(ctx context.Context, args []string, stdin input, stdout, stderr io.Writer) error {
	fs := newFlagSet("brief", stderr)
	format := fs.String("format", "text", "output `format`: text, markdown or json")
	jsonl := fs.Bool("jsonl", false, `read JSON lines {"id","title","text","url","published"} and write one JSON brief per line`)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsbrief brief [--format text|markdown|json] [--jsonl] [FILE | URL | -]")
		fmt.Fprintln(stderr, "\nBriefs a text file whose first line is the title, standard input, an HTML")
		fmt.Fprintln(stderr, "or feed file, or a web page or feed by URL (every article in a feed).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *format {
	case "text", "markdown", "json":
	default:
		return usagef("brief: unknown format %q: want text, markdown or json", *format)
	}
	if fs.NArg() > 1 {
		return usagef("brief: want one FILE, got %d arguments", fs.NArg())
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	s := brief.New(brief.Options{})
	if !*jsonl && (!sources.IsLocal(name) || isPageOrFeed(name)) {
		// A web page, a feed, or an HTML or feed file: read it as a source
		// does, and brief every article in it.
		r, err := newFetcher(false).Fetch(ctx, name, sources.Validators{})
		if err != nil {
			return fmt.Errorf("brief: %w", err)
		}
		if len(r.Articles) == 0 {
			return fmt.Errorf("brief: %s: no article found", name)
		}
		var out bytes.Buffer
		for i, a := range r.Articles {
			if i > 0 && *format != "json" {
				out.WriteString("\n")
			}
			if err := writeBrief(s, name, a, *format, &out); err != nil {
				return err
			}
		}
		_, err = io.WriteString(stdout, console.Printable(out.String()))
		return err
	}
	if name == "-" && stdin.tty {
		fmt.Fprintln(stderr, "reading the article from standard input; end with Ctrl-D")
	}
	in, closeIn, err := openInput(name, stdin)
	if err != nil {
		return err
	}
	defer closeIn()

	// Output is built in memory and written only when everything succeeded,
	// so a failure never leaves half a result behind.
	var out bytes.Buffer
	if *jsonl {
		err = briefLines(ctx, s, in, &out)
	} else {
		err = briefOne(s, name, in, *format, &out)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, console.Printable(out.String()))
	return err
}

func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("brief: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// briefOne briefs a plain-text article: first line the title, the rest the text.
func briefOne(s *brief.Summarizer, name string, in io.Reader, format string, out *bytes.Buffer) error {
	data, err := io.ReadAll(io.LimitReader(in, maxArticleBytes+1))
	if err != nil {
		return fmt.Errorf("brief: read %s: %w", name, err)
	}
	if len(data) > maxArticleBytes {
		return fmt.Errorf("brief: %s is larger than %d MB; is it an article?", name, maxArticleBytes>>20)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("brief: %s is not UTF-8 text; convert it first (e.g. iconv -t UTF-8)", name)
	}
	a, err := brief.ParseText(string(data))
	if err != nil {
		return fmt.Errorf("brief: %s: %w", name, err)
	}
	if a.Source == "" && name != "-" {
		a.Source = name
	}
	return writeBrief(s, name, a, format, out)
}

// writeBrief briefs one article into out in the given format.
func writeBrief(s *brief.Summarizer, name string, a brief.Article, format string, out *bytes.Buffer) error {
	b, err := s.Summarize(a)
	if err != nil {
		if errors.Is(err, brief.ErrEmpty) && a.Title == "" {
			return fmt.Errorf("brief: %s is empty: there is no text to brief", name)
		}
		if errors.Is(err, brief.ErrEmpty) {
			return fmt.Errorf("brief: %s has a title but no text: the first line is the title, the article follows", name)
		}
		return fmt.Errorf("brief: %s: %w", name, err)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		return enc.Encode(b)
	case "markdown":
		out.WriteString(b.Markdown())
	default:
		out.WriteString(b.Text())
	}
	return nil
}

// isPageOrFeed reports whether a file is read as HTML or as a feed rather
// than as plain text.
func isPageOrFeed(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xml", ".rss", ".atom", ".json":
		return true
	}
	return false
}

// jsonArticle is one input line of --jsonl.
type jsonArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// briefLines briefs JSON lines. A line that is not JSON stops the run (the
// input is wrong); an article that cannot be briefed gets a line with its id
// and an "error", so one bad article never loses the others.
func briefLines(ctx context.Context, s *brief.Summarizer, in io.Reader, out *bytes.Buffer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxArticleBytes)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var ja jsonArticle
		if err := json.Unmarshal(raw, &ja); err != nil {
			return fmt.Errorf("brief: line %d: %w", line, err)
		}
		a := brief.Article{ID: ja.ID, Title: ja.Title, Text: ja.Text, URL: ja.URL}
		if ja.Published != "" {
			t, err := time.Parse(time.RFC3339, ja.Published)
			if err != nil {
				return fmt.Errorf("brief: line %d: published %q is not RFC 3339 (2006-01-02T15:04:05Z)", line, ja.Published)
			}
			a.Published = t
		}
		b, err := s.Summarize(a)
		if err != nil {
			if err := enc.Encode(struct {
				ID    string `json:"id"`
				Error string `json:"error"`
			}{ja.ID, err.Error()}); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("brief: read lines: %w", err)
	}
	return nil
}
