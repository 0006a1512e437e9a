package brief

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/jdkato/prose/v2"
)

// benchArticles is the seed plus 50 CNN/DailyMail articles.
func benchArticles(b *testing.B) []Article {
	b.Helper()
	arts := []Article{seedArticle(b)}
	type row struct{ ID, Text string }
	for _, r := range readJSONL[row](b, filepath.Join(evalDir(b), "summ", "cnndm_test_frank250.jsonl"), 50) {
		arts = append(arts, Article{ID: r.ID, Text: r.Text})
	}
	return arts
}

// BenchmarkSummarize is the full brief of one article, averaged over the
// seed and 50 CNN/DM articles; compare with BenchmarkNaiveProse.
func BenchmarkSummarize(b *testing.B) {
	arts := benchArticles(b)
	s := New(Options{})
	for _, a := range arts { // load the model outside the timer
		if _, err := s.Summarize(a); err != nil {
			b.Fatal(err)
		}
	}
	var peak uint64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Summarize(arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
		if i%len(arts) == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkNaiveProse is the baseline: prose.NewDocument per article, the
// way its README shows, which rebuilds the models on every call.
func BenchmarkNaiveProse(b *testing.B) {
	arts := benchArticles(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		doc, err := prose.NewDocument(arts[i%len(arts)].Text)
		if err != nil {
			b.Fatal(err)
		}
		_ = doc.Entities()
	}
}
