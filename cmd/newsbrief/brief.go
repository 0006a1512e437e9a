package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/brief"
	"github.com/newsbrief/newsbrief/sources"
)

// maxArticleBytes caps one article read from a file or stdin; news articles
// are far smaller, so more is a mistake (a binary, a whole dump).
const maxArticleBytes = 4 << 20

// briefCmd is `newsbrief brief`.
func briefCmd(m *Main, f *cmdFlags) runner {
	format := f.formatFlag("output `format`: text, markdown or json", "text", "markdown", "json")
	jsonl := f.Bool("jsonl", false, `read JSON lines {"id","title","text","url","published"} and write one JSON brief per line`)
	return func(ctx context.Context, args []string) error {
		if len(args) > 1 {
			return usagef("brief: want one FILE or URL, got %d arguments", len(args))
		}
		name := "-"
		if len(args) == 1 {
			name = args[0]
		}
		if name == "-" && m.stdin.tty {
			fmt.Fprintln(m.stderr, "reading the article from standard input; end with Ctrl-D")
		}
		// Output is built in memory and written only when everything
		// succeeded, so a failure never leaves half a result behind.
		var out bytes.Buffer
		var err error
		if *jsonl {
			err = briefJSONLines(ctx, name, m.stdin, &out)
		} else {
			err = briefArticles(ctx, name, m.stdin, *format, &out)
		}
		if err != nil {
			return err
		}
		_, err = io.WriteString(m.stdout, console.Printable(out.String()))
		return err
	}
}

// briefJSONLines briefs the JSON lines in the file name, or stdin for "-".
func briefJSONLines(ctx context.Context, name string, stdin io.Reader, out *bytes.Buffer) error {
	in, closeIn, err := openInput(name, stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	return briefLines(ctx, brief.New(brief.Options{}), in, out)
}

// briefArticles briefs every article read from name in format.
func briefArticles(ctx context.Context, name string, stdin io.Reader, format string, out *bytes.Buffer) error {
	arts, err := readArticles(ctx, name, stdin)
	if err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	s := brief.New(brief.Options{})
	for i, a := range arts {
		if i > 0 && format != "json" {
			out.WriteString("\n")
		}
		if err := writeBrief(s, name, a, format, out); err != nil {
			return err
		}
	}
	return nil
}

// readArticles reads the articles of a file, a folder, a URL or, for "-",
// standard input: every command that takes an article reads it here, so
// they all take the same kinds and refuse the same others.
func readArticles(ctx context.Context, name string, stdin io.Reader) ([]brief.Article, error) {
	var arts []brief.Article
	if name == "-" {
		data, err := io.ReadAll(io.LimitReader(stdin, maxArticleBytes+1))
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		if arts, err = sources.ParseLocal("standard input", data); err != nil {
			return nil, err
		}
	} else {
		if sources.IsLocal(name) {
			if _, err := os.Stat(name); err != nil {
				return nil, fileError(err)
			}
		}
		r, err := newFetcher(false).Fetch(ctx, name, bot.Validators{})
		if err != nil {
			return nil, err
		}
		arts = r.BriefArticles()
	}
	if len(arts) == 0 {
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a folder with no articles in it (files named .txt, .html, .xml, .rss, .atom or .json)", name)
		}
		return nil, fmt.Errorf("%s: no article found", name)
	}
	return arts, nil
}

// fileError says what went wrong opening a file in a person's words.
func fileError(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", pe.Path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", pe.Path)
	}
	return err
}

func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("brief: %w", fileError(err))
	}
	return f, func() { f.Close() }, nil
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
			return fmt.Errorf("brief: line %d: %s; nothing was written", line, jsonProblem(err))
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

// jsonProblem says what is wrong with a JSON line in plain words.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not a JSON object (broken at character %d); each line must be one {\"id\": ..., \"title\": ..., \"text\": ...}", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%q is %s; want text in quotes (\"%s\": \"...\")", typ.Field, aJSON(typ.Value), typ.Field)
	case errors.As(err, &typ):
		return fmt.Sprintf("the line is %s; want an object {\"id\": ..., \"title\": ..., \"text\": ...}", aJSON(typ.Value))
	}
	return err.Error()
}

// aJSON names a JSON value's kind with its article: "a number".
func aJSON(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "number", "string":
		return "a " + kind
	case "bool":
		return "true or false"
	}
	return kind
}
