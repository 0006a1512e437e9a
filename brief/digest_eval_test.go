package brief

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// groupingScore is how well Digest groups a corpus mixed with edited
// copies of itself.
type groupingScore struct {
	pairs, grouped  int // (original, edited copy) pairs; those in one story
	origins, merged int // pairs of distinct originals; those in one story
}

func (g groupingScore) pairRate() float64  { return float64(g.grouped) / float64(g.pairs) }
func (g groupingScore) mergeRate() float64 { return float64(g.merged) / float64(g.origins) }

// editedCorpus returns each text as an original article, titled by its
// first sentence, and an edited copy from another outlet: about a quarter
// of the sentences dropped, sometimes two neighbours swapped, a shorter
// title. The seed is fixed, so the corpus is the same on every run.
func editedCorpus(texts []string) []Article {
	rng := rand.New(rand.NewPCG(4, 2025))
	day := time.Date(2025, 4, 1, 6, 0, 0, 0, time.UTC)
	var arts []Article
	for i, text := range texts {
		var sents []string
		for _, para := range strings.Split(text, "\n") {
			for _, sp := range splitSentences(para) {
				sents = append(sents, para[sp[0]:sp[1]])
			}
		}
		if len(sents) == 0 {
			continue
		}
		kept := make([]string, 0, len(sents))
		drop := 0.2 + 0.1*rng.Float64()
		for _, s := range sents {
			if rng.Float64() >= drop {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 {
			kept = sents[:1]
		}
		if len(kept) > 3 && rng.IntN(2) == 0 {
			k := 1 + rng.IntN(len(kept)-2)
			kept[k], kept[k+1] = kept[k+1], kept[k]
		}
		at := day.Add(time.Duration(i) * time.Minute)
		arts = append(arts, Article{
			ID:        fmt.Sprintf("%d-orig", i),
			URL:       fmt.Sprintf("https://a.example/%d", i),
			Source:    "Outlet A",
			Title:     evalTitle(sents[0], 14, false),
			Text:      text,
			Published: at,
		}, Article{
			ID:        fmt.Sprintf("%d-edit", i),
			URL:       fmt.Sprintf("https://b.example/%d", i),
			Source:    "Outlet B",
			Title:     evalTitle(kept[0], 8, true),
			Text:      strings.Join(kept, " "),
			Published: at.Add(90 * time.Minute),
		})
	}
	return arts
}

// evalTitle makes a headline from a sentence: its first n words, or with
// terse its first n words of four letters or more, headline style.
func evalTitle(s string, n int, terse bool) string {
	var ws []string
	for _, w := range strings.Fields(s) {
		if terse && len(strings.Trim(w, `.,;:'"‘’“”`)) < 4 {
			continue
		}
		ws = append(ws, strings.Trim(w, `,;:`))
		if len(ws) == n {
			break
		}
	}
	return strings.Join(ws, " ")
}

// scoreGrouping groups arts (built by editedCorpus: IDs "<n>-orig" and
// "<n>-edit") and counts the pairs kept together and the originals merged.
func scoreGrouping(arts []Article, opts DigestOptions) groupingScore {
	g := groupArticles(arts, opts)
	story := map[string]int{} // article ID -> story
	for ci, c := range g.clusters {
		for _, m := range c.members {
			story[g.docs[m].art.ID] = ci
		}
	}
	var sc groupingScore
	var origins []string
	for _, a := range arts {
		if n, ok := strings.CutSuffix(a.ID, "-orig"); ok {
			origins = append(origins, n)
		}
	}
	for i, n := range origins {
		sc.pairs++
		if story[n+"-orig"] == story[n+"-edit"] {
			sc.grouped++
		}
		for _, o := range origins[i+1:] {
			sc.origins++
			if story[n+"-orig"] == story[o+"-orig"] {
				sc.merged++
			}
		}
	}
	return sc
}

// TestDigestGroupingEval measures grouping on CNN/DM articles mixed with
// edited copies of themselves. frank250 is the reported set; the other
// two are the dev sets the threshold was chosen on. Pairs grouped: the
// share of (original, edited copy) pairs in one story. False merges: the
// share of pairs of distinct originals in one story (the pairwise false
// merge rate).
func TestDigestGroupingEval(t *testing.T) {
	dir := evalDir(t)
	type row struct{ Text string }
	for _, tt := range []struct {
		file   string
		report bool
	}{
		{"cnndm_train_kaggle100.jsonl", false},
		{"cnndm_test_realsumm100.jsonl", false},
		{"cnndm_test_frank250.jsonl", true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var texts []string
			for _, r := range readJSONL[row](t, filepath.Join(dir, "summ", tt.file), 0) {
				texts = append(texts, r.Text)
			}
			sc := scoreGrouping(editedCorpus(texts), DigestOptions{Threshold: DefaultThreshold})
			t.Logf("%s: %d articles; pairs grouped %d/%d = %.1f%%; false merges %d/%d = %.2f%%",
				tt.file, 2*len(texts), sc.grouped, sc.pairs, 100*sc.pairRate(), sc.merged, sc.origins, 100*sc.mergeRate())
			if !tt.report {
				return
			}
			if sc.pairRate() < 0.95 {
				t.Errorf("pairs grouped = %.1f%%, want >= 95%%", 100*sc.pairRate())
			}
			if sc.mergeRate() >= 0.02 {
				t.Errorf("false merges = %.2f%%, want < 2%%", 100*sc.mergeRate())
			}
		})
	}
}
