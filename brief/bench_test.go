package brief

import (
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

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
	var took []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := s.Summarize(arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		if i%len(arts) == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "median-ms/article")
}

// BenchmarkNaiveProse is the baseline: prose.NewDocument per article, the
// way its README shows, which rebuilds the models on every call.
func BenchmarkNaiveProse(b *testing.B) {
	arts := benchArticles(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		doc, err := prose.NewDocument(arts[i%len(arts)].Text)
		if err != nil {
			b.Fatal(err)
		}
		_ = doc.Entities()
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since since: a ratio of two
// benchmarks' cpu-ms/op holds on a loaded machine where their ns/op, taken
// at different moments, do not.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(cpuTime()-since)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkModelLoad measures what the brief builds once per process on
// first use: the country names and the case restorer's word list. The
// speaker and key-point weights are compiled in and cost nothing to load.
func BenchmarkModelLoad(b *testing.B) {
	b.Run("countries", func(b *testing.B) {
		for b.Loop() {
			if len(buildCountryNames()) < 200 {
				b.Fatal("fewer than 200 country names")
			}
		}
	})
	b.Run("truecase", func(b *testing.B) {
		for b.Loop() {
			if len(loadTrueCaser().words) == 0 {
				b.Fatal("no words in the case restorer")
			}
		}
	})
}
