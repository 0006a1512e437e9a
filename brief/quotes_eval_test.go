package brief

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// polnearArticle is one article of the PolNeAR quote data. Segment offsets
// count characters (code points), not bytes.
type polnearArticle struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Text         string `json:"text"`
	Attributions []struct {
		Source *struct {
			Text     string   `json:"text"`
			Segments [][2]int `json:"segments"`
		} `json:"source"`
		Content []struct {
			Segments [][2]int `json:"segments"`
		} `json:"content"`
		FullyQuoted bool `json:"fully_quoted"`
	} `json:"attributions"`
}

func readPolNeAR(tb testing.TB, set string) []polnearArticle {
	tb.Helper()
	return readJSONL[polnearArticle](tb, filepath.Join(evalDir(tb), "quotes", "polnear_"+set+"_articles.jsonl"), 0)
}

// quoteScore is the quote metric of the evaluation README.
type quoteScore struct {
	predicted, right   int          // predictions; those half inside a content span
	direct, found      int          // direct attributions; those half covered by one prediction
	spk                speakerTally // found direct quotes with a named speaker
	misses, wrongSpeak []string
}

// speakerTally counts quotations whose annotated speaker is a name, and
// those of them given the right name or another one (an empty speaker is
// neither).
type speakerTally struct {
	named, right, wrong int
}

func (s speakerTally) add(o speakerTally) speakerTally {
	return speakerTally{s.named + o.named, s.right + o.right, s.wrong + o.wrong}
}

func (s speakerTally) sp() float64     { return pct(s.right, s.named) }
func (s speakerTally) wrongs() float64 { return pct(s.wrong, s.named) }

// add sums two scores' tallies.
func (s quoteScore) add(o quoteScore) quoteScore {
	s.predicted += o.predicted
	s.right += o.right
	s.direct += o.direct
	s.found += o.found
	s.spk = s.spk.add(o.spk)
	return s
}

func (s quoteScore) p() float64     { return pct(s.right, s.predicted) }
func (s quoteScore) r() float64     { return pct(s.found, s.direct) }
func (s quoteScore) f1() float64    { return 2 * s.p() * s.r() / max(s.p()+s.r(), 1e-9) }
func (s quoteScore) sp() float64    { return s.spk.sp() }
func (s quoteScore) wrong() float64 { return s.spk.wrongs() }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

var annotatedPronouns = setOf("he", "she", "they", "i", "we", "it", "him", "her", "his",
	"them", "me", "us", "you", "who", "which", "that", "this", "these", "those", "one",
	"someone", "somebody", "anyone", "everyone", "another", "its", "their", "our", "my")

// speakerLastWord is the names-only metric: the last capitalised
// word that is not a pronoun, in the annotated speaker cut at its first
// comma or parenthesis ("Sen. Claire McCaskill (D-Mo.)" -> "mccaskill");
// "" when there is none ("he", "the president"), and such quotes are left
// out of speaker accuracy.
func speakerLastWord(src string) string {
	if i := strings.IndexAny(src, ",("); i >= 0 {
		src = src[:i]
	}
	last := ""
	for _, f := range strings.Fields(src) {
		ws := words(strings.ReplaceAll(f, "’", "'"))
		if len(ws) == 0 || !capitalised(strings.TrimLeft(f, "\"'“‘(")) {
			continue
		}
		w := strings.TrimSuffix(ws[len(ws)-1], "'s")
		if !annotatedPronouns[w] {
			last = w
		}
	}
	return last
}

func scoreQuotes(arts []polnearArticle, extract func(Article) []Quote) quoteScore {
	var s quoteScore
	for _, a := range arts {
		// Character offsets to byte offsets.
		byteAt := make([]int, 0, len(a.Text)+1)
		for i := range a.Text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(a.Text))
		qs := extract(Article{Title: a.Title, Text: a.Text})
		type pred struct {
			start, end int
			speaker    string
			sentence   string
		}
		var preds []pred
		for _, q := range qs {
			k := strings.Index(a.Text, q.Text)
			if k < 0 || q.Text == "" {
				continue
			}
			preds = append(preds, pred{k, k + len(q.Text), q.Speaker, q.Sentence})
		}
		var content [][2]int
		for _, at := range a.Attributions {
			for _, c := range at.Content {
				for _, seg := range c.Segments {
					content = append(content, [2]int{byteAt[seg[0]], byteAt[seg[1]]})
				}
			}
		}
		for _, p := range preds {
			s.predicted++
			n := utf8.RuneCountInString(a.Text[p.start:p.end])
			in := 0
			for _, c := range content {
				in = max(in, utf8.RuneCountInString(a.Text[max(p.start, c[0]):max(min(p.end, c[1]), max(p.start, c[0]))]))
			}
			if 2*in >= n {
				s.right++
			}
		}
		for _, at := range a.Attributions {
			if !at.FullyQuoted {
				continue
			}
			s.direct++
			total := 0
			var segs [][2]int
			for _, c := range at.Content {
				for _, seg := range c.Segments {
					segs = append(segs, [2]int{byteAt[seg[0]], byteAt[seg[1]]})
					total += seg[1] - seg[0]
				}
			}
			best, bestCover := -1, 0
			for i, p := range preds {
				cover := 0
				for _, seg := range segs {
					lo, hi := max(p.start, seg[0]), min(p.end, seg[1])
					if lo < hi {
						cover += utf8.RuneCountInString(a.Text[lo:hi])
					}
				}
				if cover > bestCover {
					best, bestCover = i, cover
				}
			}
			if best < 0 || 2*bestCover < total {
				if len(segs) > 0 {
					s.misses = append(s.misses, a.ID+": "+a.Text[segs[0][0]:segs[0][1]])
				}
				continue
			}
			s.found++
			if at.Source == nil {
				continue
			}
			last := speakerLastWord(at.Source.Text)
			if last == "" {
				continue
			}
			s.spk.named++
			ok := false
			for _, w := range words(strings.ReplaceAll(preds[best].speaker, "’", "'")) {
				if strings.TrimSuffix(w, "'s") == last {
					ok = true
				}
			}
			if ok {
				s.spk.right++
			} else if strings.TrimSpace(preds[best].speaker) != "" {
				s.spk.wrong++
				s.wrongSpeak = append(s.wrongSpeak, at.Source.Text+" -> "+preds[best].speaker+" | "+preds[best].sentence)
			}
		}
	}
	return s
}

// TestQuotesPolNeAR scores quote extraction on PolNeAR's dev set and fails
// when it falls below what it reached when last tuned.
func TestQuotesPolNeAR(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 84 articles")
	}
	s := scoreQuotes(readPolNeAR(t, "dev"), articleQuotes)
	t.Logf("PolNeAR dev: P %.1f R %.1f F1 %.1f (%d predicted, %d/%d direct found), speaker %.1f%% (%d/%d), wrong %.1f%%",
		s.p(), s.r(), s.f1(), s.predicted, s.found, s.direct, s.sp(), s.spk.right, s.spk.named, s.wrong())
	if os.Getenv("QUOTES_VERBOSE") != "" {
		for _, m := range s.misses {
			t.Logf("miss: %.200s", m)
		}
		for _, m := range s.wrongSpeak {
			t.Logf("speaker: %.250s", m)
		}
	}
	const floorF1, floorSpeaker, ceilWrong = 95.5, 89.5, 4.5
	if s.f1() < floorF1 || s.sp() < floorSpeaker || s.wrong() > ceilWrong {
		t.Errorf("PolNeAR dev F1 %.1f, speaker %.1f%%, wrong %.1f%%; want F1 and speaker at least %v and %v, wrong at most %v",
			s.f1(), s.sp(), s.wrong(), floorF1, floorSpeaker, ceilWrong)
	}
}

// articleQuotes is what Summarize puts in Brief.Quotes, without the rest
// of the brief.
func articleQuotes(a Article) []Quote {
	d := parse(a)
	return quotes(d, findPeople(d))
}

// TestQuotesPolNeARTest reports the held-out figures; set QUOTES_TEST=1.
// It asserts nothing: tuning happens on dev only.
func TestQuotesPolNeARTest(t *testing.T) {
	if os.Getenv("QUOTES_TEST") == "" {
		t.Skip("set QUOTES_TEST=1 to score the test split")
	}
	s := scoreQuotes(readPolNeAR(t, "test"), articleQuotes)
	t.Logf("PolNeAR test: P %.1f R %.1f F1 %.1f (%d predicted, %d/%d direct found), speaker %.1f%% (%d/%d)",
		s.p(), s.r(), s.f1(), s.predicted, s.found, s.direct, s.sp(), s.spk.right, s.spk.named)
}
