package sources

import (
	"os"
	"path/filepath"
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

	for _, name := range []string{"notes.md", "missing.txt"} {
		if _, err := ReadLocal(filepath.Join(dir, name)); err == nil {
			t.Errorf("ReadLocal(%s) = nil error, want one", name)
		}
	}
}
