package sources

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// maxFileBytes caps one local file, after gunzip; articles and feeds are
// far smaller.
const maxFileBytes = 16 << 20

// Errors for local input that holds no article.
var (
	// ErrEmpty is input with nothing but white space in it.
	ErrEmpty = errors.New("is empty: there is no article in it")
	// ErrNotArticle is input that is none of the kinds newsbrief reads:
	// an image, an archive, a program.
	ErrNotArticle = errors.New("is not an article")
)

// Kind is what a local file holds.
type Kind string

// The kinds of local file newsbrief reads.
const (
	KindText Kind = "text" // first line the title, see brief.ParseText
	KindHTML Kind = "html" // a web page; its main text is extracted
	KindFeed Kind = "feed" // RSS, Atom or JSON Feed
)

// ReadLocal reads articles from a local file or from the files of a folder
// (not its subfolders). A named file may be any kind Sniff knows; in a
// folder, only files named as a kind (.txt, .html, .htm, .xml, .rss,
// .atom, .json, each also with .gz) are read, and hidden and empty files
// are skipped.
func ReadLocal(path string) ([]brief.Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return readLocalFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var articles []brief.Article
	for _, e := range entries { // ReadDir sorts by name
		name := filepath.Join(path, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || kindByName(name) == "" {
			continue
		}
		more, err := readLocalFile(name)
		if errors.Is(err, ErrEmpty) {
			continue // being written, or a placeholder
		}
		if err != nil {
			return nil, err
		}
		articles = append(articles, more...)
	}
	return articles, nil
}

// kindByName returns the kind a file's name says, or "".
func kindByName(path string) Kind {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	switch {
	case ext == ".txt":
		return KindText
	case ext == ".html" || ext == ".htm":
		return KindHTML
	case slices.Contains([]string{".xml", ".rss", ".atom", ".json"}, ext):
		return KindFeed
	}
	return ""
}

func readLocalFile(path string) ([]brief.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return ParseLocal(path, data)
}

// ParseLocal turns the contents of a local file, or of standard input,
// into articles; name says where they came from, in errors and as the id
// of a text or HTML article.
func ParseLocal(name string, data []byte) ([]brief.Article, error) {
	data, kind, err := Sniff(name, data)
	if err != nil {
		return nil, err
	}
	switch kind {
	case KindText:
		if !utf8.Valid(data) {
			return nil, fmt.Errorf("%s is not UTF-8 text; convert it first (e.g. iconv -f LATIN1 -t UTF-8)", name)
		}
		a, err := brief.ParseText(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		a.ID = name
		return []brief.Article{capArticle(a)}, nil
	case KindHTML:
		p, err := ExtractHTML(bytes.NewReader(data), "")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return []brief.Article{capArticle(brief.Article{ID: name, URL: p.URL, Title: p.Title, Text: p.Text, Published: p.Published})}, nil
	default:
		f, err := ParseFeed(bytes.NewReader(data), "")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		articles := make([]brief.Article, len(f.Items))
		for i, it := range f.Items {
			articles[i] = it.Article
		}
		return articles, nil
	}
}

// Sniff returns a file's contents, gunzipped if they were gzipped, and
// their kind: the one its name says, else what its start looks like.
// Errors: ErrEmpty, ErrNotArticle (binary data), each naming the file,
// and the file's being too large.
func Sniff(name string, data []byte) ([]byte, Kind, error) {
	if len(data) > maxFileBytes {
		return nil, "", fmt.Errorf("%s is larger than %d MB; is it an article?", name, maxFileBytes>>20)
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", name, err)
		}
		data, err = io.ReadAll(io.LimitReader(zr, maxFileBytes+1))
		if err != nil {
			return nil, "", fmt.Errorf("%s: gunzip: %w", name, err)
		}
		if len(data) > maxFileBytes {
			return nil, "", fmt.Errorf("%s is larger than %d MB unpacked; is it an article?", name, maxFileBytes>>20)
		}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, "", fmt.Errorf("%s %w", name, ErrEmpty)
	}
	if ct := http.DetectContentType(data); !strings.HasPrefix(ct, "text/") {
		return nil, "", fmt.Errorf("%s %w (it looks like %s): give a text file (first line the title), an HTML page or a feed, gzipped or not",
			name, ErrNotArticle, strings.TrimSuffix(ct, "; charset=utf-8"))
	}
	if kind := kindByName(name); kind != "" {
		return data, kind, nil
	}
	switch {
	case looksLikeFeed("", data):
		return data, KindFeed, nil
	case strings.HasPrefix(http.DetectContentType(data), "text/html"):
		return data, KindHTML, nil
	}
	return data, KindText, nil
}
