package brief

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden briefs every testdata/golden/*.txt article and compares the
// JSON brief with the matching .golden file.
func TestGolden(t *testing.T) {
	checkGoldenDir(t, filepath.Join("testdata", "golden"))
}

// checkGoldenDir briefs every <case>.txt article of dir and compares each
// JSON brief with <case>.golden.
func checkGoldenDir(t *testing.T, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases in %s: %v", dir, err)
	}
	s := New(Options{})
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			checkGolden(t, s, articleFile(t, file), strings.TrimSuffix(file, ".txt")+".golden")
		})
	}
}

// articleFile reads the article in a text file (ParseText's format).
func articleFile(t *testing.T, path string) Article {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseText(string(src))
	if err != nil {
		t.Fatalf("ParseText(%s) error: %v", path, err)
	}
	return a
}

// briefFile briefs the article in a text file (ParseText's format).
func briefFile(t *testing.T, s *Summarizer, path string) Brief {
	t.Helper()
	b, err := s.Summarize(articleFile(t, path))
	if err != nil {
		t.Fatalf("Summarize(%s) error: %v", path, err)
	}
	return b
}

// TestSeedGolden pins the brief of the project's seed article.
func TestSeedGolden(t *testing.T) {
	checkGolden(t, New(Options{}), seedArticle(t), filepath.Join("testdata", "seed.golden"))
}

func checkGolden(t *testing.T, s *Summarizer, a Article, golden string) {
	t.Helper()
	b, err := s.Summarize(a)
	if err != nil {
		t.Fatalf("Summarize(%q) error: %v", a.Title, err)
	}
	got, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./brief -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("brief of %q differs from %s (-want +got):\n%s\nIf the change is intended, regenerate: go test ./brief -run Golden -update", a.Title, golden, diff)
	}
}
