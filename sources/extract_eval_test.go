package sources

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

const extractBenchmark = "../../shared/eval/extract"

// minExtractF1 is the F1 that ExtractHTML reached on the benchmark (0.962)
// less a margin for library updates; a drop below it is a regression.
const minExtractF1 = 0.955

// TestExtractBenchmark scores ExtractHTML on the article-extraction
// benchmark's 181 pages against their ground truth, with the benchmark's own
// metric (see shingleScore).
func TestExtractBenchmark(t *testing.T) {
	if _, err := os.Stat(extractBenchmark); err != nil {
		t.Skipf("skipping: %s is absent (the shared evaluation data is not checked out here)", extractBenchmark)
	}
	truth := readGroundTruth(t, filepath.Join(extractBenchmark, "ground-truth.json"))
	pages := make(map[string][]byte, len(truth))
	for id := range truth {
		pages[id] = readGzip(t, filepath.Join(extractBenchmark, "html", id+".html.gz"))
	}
	start := time.Now()
	got := make(map[string]string, len(truth))
	for id, page := range pages {
		p, err := ExtractHTML(bytes.NewReader(page), truth[id].URL)
		if err != nil {
			t.Logf("ExtractHTML(%s): %v", id, err)
			continue
		}
		got[id] = p.Text
	}
	elapsed := time.Since(start)
	p, r, f1 := benchmarkScore(truth, got)
	t.Logf("%d pages in %v: precision %.4f, recall %.4f, F1 %.4f", len(pages), elapsed.Round(time.Millisecond), p, r, f1)
	if f1 < minExtractF1 {
		t.Errorf("F1 = %.4f, want >= %.3f", f1, minExtractF1)
	}
}

// TestShingleScoreReproducesPublished checks the metric against figures
// published for the benchmark's reference outputs, so that a score from
// TestExtractBenchmark means what the published table means.
func TestShingleScoreReproducesPublished(t *testing.T) {
	if _, err := os.Stat(extractBenchmark); err != nil {
		t.Skipf("skipping: %s is absent (the shared evaluation data is not checked out here)", extractBenchmark)
	}
	truth := readGroundTruth(t, filepath.Join(extractBenchmark, "ground-truth.json"))
	tests := []struct {
		file string
		f1   float64
	}{
		{"go_trafilatura.json", 0.960},
		{"go_readability_fork.json", 0.947},
		{"go_readability.json", 0.934},
		{"html-text.json", 0.665},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(extractBenchmark, "reference-outputs", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var ref struct {
				Output map[string]struct{ ArticleBody string }
			}
			if err := json.Unmarshal(data, &ref); err != nil {
				t.Fatal(err)
			}
			got := make(map[string]string, len(ref.Output))
			for id, o := range ref.Output {
				got[id] = o.ArticleBody
			}
			if _, _, f1 := benchmarkScore(truth, got); f1 < tt.f1-0.0005 || f1 >= tt.f1+0.0005 {
				t.Errorf("benchmarkScore(%s) F1 = %.4f, want %.3f", tt.file, f1, tt.f1)
			}
		})
	}
}

type groundTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func readGroundTruth(t *testing.T, path string) map[string]groundTruth {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]groundTruth
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatal(err)
	}
	return truth
}

func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// benchmarkScore is the benchmark's metric: per page, precision and recall
// of 4-word shingles (a multiset; words are runs of \w); both averaged over
// pages, a missing prediction scoring zero; F1 of the averages.
func benchmarkScore(truth map[string]groundTruth, got map[string]string) (precision, recall, f1 float64) {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	slices.Sort(ids) // sum in a fixed order: the last digit should not wobble
	for _, id := range ids {
		p, r := shingleScore(truth[id].ArticleBody, got[id])
		precision += p
		recall += r
	}
	precision /= float64(len(ids))
	recall /= float64(len(ids))
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

func shingleScore(want, got string) (precision, recall float64) {
	w, g := shingles(want), shingles(got)
	var tp, fp, fn int
	for s, n := range w {
		tp += min(n, g[s])
		fn += max(0, n-g[s])
	}
	for s, n := range g {
		fp += max(0, n-w[s])
	}
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall
}

// shingles counts the 4-word shingles of s; a text of fewer than four words
// is one shorter shingle, as in the benchmark.
func shingles(s string) map[string]int {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
	})
	counts := make(map[string]int)
	for i := 0; i < max(1, len(words)-3); i++ {
		if end := min(i+4, len(words)); end > i {
			counts[strings.Join(words[i:end], " ")]++
		}
	}
	return counts
}
