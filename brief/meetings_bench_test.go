package brief

import "testing"

// BenchmarkMeetings is the meetings step alone over the articles of
// BenchmarkSummarize, each already parsed and its people found: compare
// with BenchmarkSummarize in the same run for the step's share of a brief.
func BenchmarkMeetings(b *testing.B) {
	arts := benchArticles(b)
	type prepared struct {
		d *doc
		c *cast
		a Article
	}
	ps := make([]prepared, len(arts))
	for i, a := range arts {
		d := parse(a)
		ps[i] = prepared{d, findPeople(d), a}
	}
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := ps[i%len(ps)]
		found += len(meetings(p.d, p.c, p.a.Published, nil))
	}
	if found == 0 {
		b.Fatal("no meeting found in the benchmark articles")
	}
}
