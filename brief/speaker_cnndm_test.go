package brief

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cnndmDoc is a cnndm_train_kaggle100 article with its hand-labelled
// quotations (cmd/briefeval/testdata/speakers_cnndm*.jsonl).
type cnndmDoc struct {
	a      Article
	labels []cnndmLabel
}

type cnndmLabel struct {
	ID      string `json:"id"`
	Quote   [2]int `json:"quote"`
	Speaker string `json:"speaker"`
}

// readCNNDMLabels reads one label file of cmd/briefeval/testdata with the
// articles it labels, in the order of the articles' file.
func readCNNDMLabels(tb testing.TB, file string) []cnndmDoc {
	tb.Helper()
	dir := evalDir(tb)
	labels := readJSONL[cnndmLabel](tb, filepath.Join("..", "cmd", "briefeval", "testdata", file), 0)
	byID := map[string][]cnndmLabel{}
	for _, l := range labels {
		byID[l.ID] = append(byID[l.ID], l)
	}
	type row struct{ ID, Text string }
	var out []cnndmDoc
	for _, r := range readJSONL[row](tb, filepath.Join(dir, "summ", "cnndm_train_kaggle100.jsonl"), 0) {
		if ls := byID[r.ID]; ls != nil {
			out = append(out, cnndmDoc{a: Article{ID: r.ID, Text: r.Text}, labels: ls})
		}
	}
	return out
}

// label returns the label of quotation q: the one whose span q covers at
// least half of, as briefeval matches them.
func (cd *cnndmDoc) label(q *quoteInfo) (cnndmLabel, bool) {
	for _, l := range cd.labels {
		o := max(0, min(q.sp.end, l.Quote[1])-max(q.sp.start, l.Quote[0]))
		if 2*o >= l.Quote[1]-l.Quote[0] {
			return l, true
		}
	}
	return cnndmLabel{}, false
}

// labelNames reports whether the label's last word is among the words of name.
func labelNames(label, name string) bool {
	ws := words(strings.ReplaceAll(label, "’", "'"))
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	for _, w := range words(strings.ReplaceAll(name, "’", "'")) {
		if strings.TrimSuffix(w, "'s") == last {
			return true
		}
	}
	return false
}

// cnndmScore tallies speakers on labelled CNN/DM quotations as briefeval
// does: named labels given the right name or another one, and unnamed
// labels given a name all the same.
type cnndmScore struct {
	speakerTally
	unnamed, invented int
}

// add sums two scores' tallies.
func (s cnndmScore) add(o cnndmScore) cnndmScore {
	s.speakerTally = s.speakerTally.add(o.speakerTally)
	s.unnamed += o.unnamed
	s.invented += o.invented
	return s
}

func (s cnndmScore) String() string {
	return fmt.Sprintf("speaker %.1f%%, wrong %.1f%% of %d named; %d of %d unnamed given a name",
		s.sp(), s.wrongs(), s.named, s.invented, s.unnamed)
}

// scoreCNNDM scores speaker model m on labelled CNN/DM articles.
func scoreCNNDM(docs []cnndmDoc, m *speakerModel) cnndmScore {
	var s cnndmScore
	for _, cd := range docs {
		d := parse(cd.a)
		sc := newScene(d, findPeople(d), quoteSpans(d))
		sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
			who, guess := m.choose(sc, q, cs)
			l, ok := cd.label(q)
			switch {
			case !ok:
			case l.Speaker == "":
				s.unnamed++
				if who.name != "" {
					s.invented++
				}
			case labelNames(l.Speaker, who.name):
				s.named++
				s.right++
			default:
				s.named++
				if who.name != "" {
					s.wrong++
				}
			}
			return guess
		})
	}
	return s
}

// cnndmExamples turns labelled CNN/DM quotations into training examples:
// the gold options are the candidates that name the labelled speaker, or,
// for a quotation whose article names nobody, the "nobody" option and the
// candidates that stand for nobody named.
func cnndmExamples(docs []cnndmDoc, weight float64) []spkExample {
	var out []spkExample
	for _, cd := range docs {
		d := parse(cd.a)
		sc := newScene(d, findPeople(d), quoteSpans(d))
		sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
			l, ok := cd.label(q)
			if !ok {
				return speaker{}
			}
			ex := spkExample{weight: weight}
			var who speaker
			for k, cand := range cs {
				ex.fs = append(ex.fs, sc.candFeatures(q, cs, k))
				switch {
				case l.Speaker == "" && cand.who.name == "":
					ex.gold = append(ex.gold, k)
				case l.Speaker != "" && labelNames(l.Speaker, cand.who.name):
					ex.gold = append(ex.gold, k)
					who = cand.who
				}
			}
			ex.fs = append(ex.fs, nullFeatures(q))
			if l.Speaker == "" || len(ex.gold) == 0 {
				ex.gold = append(ex.gold, len(ex.fs)-1)
			}
			out = append(out, ex)
			return who
		})
	}
	return out
}

// TestSpeakerErrorsCNNDM lists the speaker model's errors on the tuning
// part of the CNN/DailyMail labels, with every candidate's probability;
// set SPEAKER_ERRORS=cnndm, and SPEAKER_LABELS=speakers_cnndm_dev.jsonl
// for the dev part.
func TestSpeakerErrorsCNNDM(t *testing.T) {
	if os.Getenv("SPEAKER_ERRORS") != "cnndm" {
		t.Skip("set SPEAKER_ERRORS=cnndm to list the speaker model's errors on the CNN/DM tuning labels")
	}
	m := speakerWeights
	file := "speakers_cnndm.jsonl"
	if f := os.Getenv("SPEAKER_LABELS"); f != "" {
		file = f
	}
	for _, cd := range readCNNDMLabels(t, file) {
		d := parse(cd.a)
		c := findPeople(d)
		sc := newScene(d, c, quoteSpans(d))
		sc.walk(func(q *quoteInfo, cs []speakerCand) speaker {
			who, guess := m.choose(sc, q, cs)
			l, ok := cd.label(q)
			if !ok || l.Speaker == "" && who.name == "" || labelNames(l.Speaker, who.name) {
				return guess
			}
			t.Log(sc.explain(m, q, cs, fmt.Sprintf("%s gold %q got %q", cd.a.ID[12:20], l.Speaker, who.name)))
			return guess
		})
	}
}

// explain writes out a quotation's candidates with their probabilities and
// the features that fire, under head.
func (sc *scene) explain(m *speakerModel, q *quoteInfo, cs []speakerCand, head string) string {
	d := sc.d
	var b strings.Builder
	fmt.Fprintf(&b, "%s rule %q near %q | %.200s\n", head, q.rule, q.near, d.text[d.sents[q.first].start:d.sents[q.last].end])
	fs := make([]speakerVec, 0, len(cs)+1)
	for k := range cs {
		fs = append(fs, sc.candFeatures(q, cs, k))
	}
	fs = append(fs, nullFeatures(q))
	ps := m.probabilities(fs)
	for k, cand := range cs {
		txt := "(prev)"
		if cand.first >= 0 {
			txt = d.text[sc.toks[cand.first].start:sc.toks[cand.last].end]
		}
		var on []string
		for i, x := range fs[k] {
			if x != 0 && i > sfNullInside {
				on = append(on, strings.TrimPrefix(speakerFeatureNames[i], "sf"))
			}
		}
		if cand.rival != nil {
			on = append(on, fmt.Sprintf("(rival %q doubt %v)", cand.rival.name, cand.doubtful()))
		}
		fmt.Fprintf(&b, "    %.2f k%d %q -> %q %v\n", ps[k], cand.kind, txt, cand.who.name, on)
	}
	fmt.Fprintf(&b, "    %.2f nobody\n", ps[len(ps)-1])
	return b.String()
}
