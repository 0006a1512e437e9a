package sources

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/brief"
)

// maxFileBytes caps one local file; articles and feeds are far smaller.
const maxFileBytes = 16 << 20

// ReadLocal reads articles from a local file or from the files of a folder
// (not its subfolders): a .txt article (first line the title, see
// brief.ParseText), an .html or .htm page (main text extracted), or a feed
// (.xml, .rss, .atom, .json). In a folder, files of other kinds and hidden
// files are skipped; a named file of another kind is an error.
func ReadLocal(path string) ([]brief.Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		if localKind(path) == "" {
			return nil, fmt.Errorf("read %s: unknown kind of file: want .txt, .html, .xml, .rss, .atom or .json", path)
		}
		return readLocalFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var articles []brief.Article
	for _, e := range entries { // ReadDir sorts by name
		name := filepath.Join(path, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || localKind(name) == "" {
			continue
		}
		more, err := readLocalFile(name)
		if err != nil {
			return nil, err
		}
		articles = append(articles, more...)
	}
	return articles, nil
}

func localKind(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case ext == ".txt":
		return "text"
	case ext == ".html" || ext == ".htm":
		return "html"
	case slices.Contains([]string{".xml", ".rss", ".atom", ".json"}, ext):
		return "feed"
	}
	return ""
}

func readLocalFile(path string) ([]brief.Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("read %s: larger than %d MB", path, maxFileBytes>>20)
	}
	articles, err := parseLocal(localKind(path), data, path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return articles, nil
}

// parseLocal turns the contents of a local file of the given kind into
// articles; path names them.
func parseLocal(kind string, data []byte, path string) ([]brief.Article, error) {
	switch kind {
	case "text":
		a, err := brief.ParseText(string(data))
		if err != nil {
			return nil, err
		}
		a.ID = path
		if a.Source == "" {
			a.Source = path
		}
		return []brief.Article{a}, nil
	case "html":
		p, err := ExtractHTML(bytes.NewReader(data), "")
		if err != nil {
			return nil, err
		}
		return []brief.Article{{ID: path, URL: p.URL, Title: p.Title, Text: p.Text, Published: p.Published, Source: path}}, nil
	default:
		f, err := ParseFeed(bytes.NewReader(data), "")
		if err != nil {
			return nil, err
		}
		articles := make([]brief.Article, len(f.Items))
		for i, it := range f.Items {
			articles[i] = it.Article
		}
		return articles, nil
	}
}
