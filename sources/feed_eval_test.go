package sources

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const feedFixtures = "../../shared/eval/feeds"

// mustFail are the inputs that gofeed's own tests expect to fail: they are
// not feeds.
var mustFail = map[string]bool{
	"unknown_feed.xml": true,
	"empty_feed.xml":   true,
	"invalid.json":     true,
}

// TestFeedFixtures runs every file of gofeed's test data through ParseFeed
// (inputs and expected outputs alike, for crashes) and checks that each
// valid feed yields as many articles as gofeed's expected parse has items.
func TestFeedFixtures(t *testing.T) {
	if _, err := os.Stat(feedFixtures); err != nil {
		t.Skipf("skipping: %s is absent (the shared evaluation data is not checked out here)", feedFixtures)
	}
	var files []string
	err := filepath.WalkDir(feedFixtures, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".xml") || strings.HasSuffix(path, ".json")) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var inputs, parsed, matched, titled, wantErrors, articles int
	var mismatches []string
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		feed, panicked, perr := parseNoPanic(data)
		if panicked != nil {
			t.Errorf("ParseFeed(%s) panicked: %v", path, panicked)
			continue
		}
		expected, isInput := expectedFor(path)
		if !isInput {
			continue // an expected output: only checked for panics
		}
		inputs++
		if mustFail[filepath.Base(path)] {
			wantErrors++
			if perr == nil {
				mismatches = append(mismatches, fmt.Sprintf("%s: parsed, want an error", path))
			}
			continue
		}
		if perr != nil {
			mismatches = append(mismatches, fmt.Sprintf("%s: %v", path, perr))
			continue
		}
		parsed++
		if expected == "" {
			// gofeed's universal inputs, with expectations written in its
			// test: a feed titled "Feed Title" (XML) or "title" (JSON).
			wantTitle := "Feed Title"
			if strings.HasSuffix(path, ".json") {
				wantTitle = "title"
			}
			if feed.Title != wantTitle {
				mismatches = append(mismatches, fmt.Sprintf("%s: title %q, want %q", path, feed.Title, wantTitle))
				continue
			}
			titled++
		}
		articles += len(feed.Items)
		want := -1
		if expected != "" {
			want, err = expectedItems(expected)
			if err != nil {
				t.Fatalf("read %s: %v", expected, err)
			}
		}
		if want < 0 {
			continue
		}
		if want != len(feed.Items) {
			mismatches = append(mismatches, fmt.Sprintf("%s: %d articles, want %d", path, len(feed.Items), want))
			continue
		}
		matched++
	}
	t.Logf("%d files, %d feed inputs: %d parsed into %d articles, %d item counts matched, %d titles matched (no expected file), %d invalid inputs rejected",
		len(files), inputs, parsed, articles, matched, titled, wantErrors)
	for _, m := range mismatches {
		t.Error(m)
	}
	if len(files) != 1113 {
		t.Errorf("found %d fixture files, want 1113", len(files))
	}
}

// parseNoPanic parses data, returning a panic's value instead of crashing
// so that one bad fixture does not hide the rest.
func parseNoPanic(data []byte) (feed *Feed, panicked any, err error) {
	defer func() { panicked = recover() }()
	feed, err = ParseFeed(bytes.NewReader(data), "https://example.org/feed")
	return feed, nil, err
}

// expectedFor returns the expected-output file for a fixture input, "" for
// an input without one, and isInput false when path is itself an expected
// output.
func expectedFor(path string) (expected string, isInput bool) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	switch {
	case strings.Contains(path, "/universal/"):
		return "", true
	case strings.HasSuffix(dir, "/json") || strings.HasSuffix(dir, "/json/invalid"):
		if strings.HasSuffix(base, "_expected.json") {
			return "", false
		}
		return strings.TrimSuffix(path, ".json") + "_expected.json", true
	case strings.HasSuffix(base, ".xml"):
		return strings.TrimSuffix(path, ".xml") + ".json", true
	}
	return "", false
}

// expectedItems counts the entries of a gofeed expected parse: "items" in
// RSS, JSON Feed and the universal feed, "entries" in Atom. It returns -1
// when there is no expected file (invalid inputs have none).
func expectedItems(path string) (int, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return -1, nil
	}
	if err != nil {
		return 0, err
	}
	var v struct {
		Items   []json.RawMessage `json:"items"`
		Entries []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return 0, err
	}
	return len(v.Items) + len(v.Entries), nil
}
