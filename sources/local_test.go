package sources

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadLocal(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":       "Council approves bridge\nPublished: 2025-04-01T10:00:00Z\n\nThe council approved a bridge.\n",
		"b.html":      articlePage,
		"c.rss":       `<rss version="2.0"><channel><title>F</title><link>https://f.example/</link><item><title>One</title><link>/1</link></item><item><title>Two</title><link>/2</link></item></channel></rss>`,
		"notes.md":    "# skipped",
		".hidden.txt": "skipped\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := ReadLocal(dir)
	if err != nil {
		t.Fatalf("ReadLocal(dir) error: %v", err)
	}
	var titles []string
	for _, a := range got {
		titles = append(titles, a.Title)
	}
	want := []string{"Council approves bridge", "Council approves bridge", "One", "Two"}
	if len(titles) != len(want) {
		t.Fatalf("ReadLocal(dir) titles = %q, want %q", titles, want)
	}
	for i := range want {
		if titles[i] != want[i] {
			t.Errorf("ReadLocal(dir) titles = %q, want %q", titles, want)
			break
		}
	}
	if got[0].Published.IsZero() || got[0].ID != filepath.Join(dir, "a.txt") {
		t.Errorf("ReadLocal(dir)[0] = %+v, want the .txt headers read and its path as ID", got[0])
	}
	if got[1].URL != "https://news.example/2025/bridge" {
		t.Errorf("ReadLocal(dir)[1].URL = %q, want the page's canonical URL", got[1].URL)
	}
	if got[3].URL != "https://f.example/2" {
		t.Errorf("ReadLocal(dir)[3].URL = %q, want it resolved against the feed's site", got[3].URL)
	}

	if _, err := ReadLocal(filepath.Join(dir, "missing.txt")); err == nil {
		t.Errorf("ReadLocal(missing.txt) = nil error, want one")
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// TestParseLocalKinds: every kind is read by name or, without a telling
// name, by its contents, gzipped or not; empty and binary input are
// refused with the same errors whatever the name.
func TestParseLocalKinds(t *testing.T) {
	text := "Council approves bridge\n\nThe council approved a bridge on Monday.\n"
	feed := `<rss version="2.0"><channel><title>F</title><item><title>One</title><link>https://f.example/1</link></item></channel></rss>`
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	tests := []struct {
		name      string
		data      []byte
		wantTitle string
		wantErr   error
	}{
		{"a.txt", []byte(text), "Council approves bridge", nil},
		{"notes.md", []byte(text), "Council approves bridge", nil},
		{"-", []byte(text), "Council approves bridge", nil},
		{"page.html", []byte(articlePage), "Council approves bridge", nil},
		{"page", []byte(articlePage), "Council approves bridge", nil},
		{"page.html.gz", gzipped(t, articlePage), "Council approves bridge", nil},
		{"download", gzipped(t, articlePage), "Council approves bridge", nil},
		{"feed.rss", []byte(feed), "One", nil},
		{"-", []byte(feed), "One", nil},
		{"feed.xml.gz", gzipped(t, feed), "One", nil},
		{"empty.txt", nil, "", ErrEmpty},
		{"blank.html", []byte(" \n\t\n"), "", ErrEmpty},
		{"-", []byte("\n"), "", ErrEmpty},
		{"empty.gz", gzipped(t, ""), "", ErrEmpty},
		{"photo.png", png, "", ErrNotArticle},
		{"photo.txt", png, "", ErrNotArticle},
		{"-", png, "", ErrNotArticle},
		{"photo.png.gz", gzipped(t, string(png)), "", ErrNotArticle},
	}
	for _, tt := range tests {
		arts, err := ParseLocal(tt.name, tt.data)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) || !strings.HasPrefix(err.Error(), tt.name+" ") {
				t.Errorf("ParseLocal(%q) error = %v, want %v naming the file", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(arts) != 1 || arts[0].Title != tt.wantTitle {
			t.Errorf("ParseLocal(%q) = %+v, %v; want one article %q", tt.name, arts, err, tt.wantTitle)
		}
	}
	_, err := ParseLocal("latin1.txt", []byte("Titre\nCaf\xe9 cr\xe8me au bord du lac.\n"))
	if err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("ParseLocal(latin1.txt) error = %v, want the advice to convert it", err)
	}
}

func TestReadLocalFolderSkipsEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Title\n\nText of the article.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "c.html.gz"), gzipped(t, articlePage), 0o644)
	arts, err := ReadLocal(dir)
	if err != nil || len(arts) != 2 {
		t.Errorf("ReadLocal(folder) = %d articles, %v; want 2: the empty file skipped, the gzipped page read", len(arts), err)
	}
	if _, err := ReadLocal(filepath.Join(dir, "b.txt")); !errors.Is(err, ErrEmpty) {
		t.Errorf("ReadLocal(empty file) error = %v, want ErrEmpty", err)
	}
}
