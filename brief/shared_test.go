package brief

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalDir returns ../shared/eval relative to the repository root, or skips
// the test when the evaluation data is not there (a user's own clone).
func evalDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "eval")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("evaluation data absent (%v): these tests run where ../shared/eval sits beside the repository", err)
	}
	return dir
}

// seedArticle reads the project's seed article: first line the title.
func seedArticle(tb testing.TB) Article {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(evalDir(tb), "seed", "putin-wang-yi.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	title, text, _ := strings.Cut(string(b), "\n")
	return Article{ID: "seed", Title: title, Text: text}
}

// readJSONL decodes up to n lines (n <= 0: all) of a JSON-lines file.
func readJSONL[T any](tb testing.TB, path string, n int) []T {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var out []T
	for sc.Scan() && (n <= 0 || len(out) < n) {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
