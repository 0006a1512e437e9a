package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// speakerLabel is one hand-labelled quotation of testdata/speakers_cnndm.jsonl:
// the article of cnndm_train_kaggle100 it is in, its byte span there, and
// the name of who said it ("" when the article names nobody: a
// spokesman, "a source", a document).
type speakerLabel struct {
	ID      string `json:"id"`
	Quote   [2]int `json:"quote"`
	Speaker string `json:"speaker"`
}

// speakerCounts are the tallies of the second-genre speaker measure.
type speakerCounts struct {
	labels, found       int // labelled quotations; those a prediction covers half of
	named, right, wrong int // found with a named speaker; given it; given another name
	unnamed, invented   int // found with nobody named; given a name all the same
}

// scoreSpeakerLabels scores the quotes predicted for one article against
// its labels: a label is found when one prediction covers at least half
// of it, and its speaker is right when the label's last word is among the
// predicted speaker's words.
func scoreSpeakerLabels(text string, labels []speakerLabel, quotes []brief.Quote) (speakerCounts, []string) {
	preds := locate(text, quotes)
	var c speakerCounts
	var errs []string
	for _, l := range labels {
		c.labels++
		if l.Quote[0] < 0 || l.Quote[1] > len(text) || l.Quote[0] >= l.Quote[1] {
			continue
		}
		s := span{utf8.RuneCountInString(text[:l.Quote[0]]), utf8.RuneCountInString(text[:l.Quote[1]])}
		best, bestOverlap := -1, 0
		for i, p := range preds {
			if !p.found {
				continue
			}
			if o := overlap(s, []span{p.span}); o > bestOverlap {
				best, bestOverlap = i, o
			}
		}
		if best < 0 || 2*bestOverlap < s.len() {
			continue
		}
		c.found++
		got := strings.TrimSpace(preds[best].speaker)
		ws := words(l.Speaker)
		switch {
		case len(ws) == 0:
			c.unnamed++
			if got != "" {
				c.invented++
				errs = append(errs, fmt.Sprintf("%s %v: nobody named, got %q", l.ID, l.Quote, got))
			}
		case slices.Contains(words(got), ws[len(ws)-1]):
			c.named++
			c.right++
		default:
			c.named++
			if got != "" {
				c.wrong++
			}
			errs = append(errs, fmt.Sprintf("%s %v: %q, got %q", l.ID, l.Quote, l.Speaker, got))
		}
	}
	return c, errs
}

func (c *speakerCounts) add(o speakerCounts) {
	c.labels += o.labels
	c.found += o.found
	c.named += o.named
	c.right += o.right
	c.wrong += o.wrong
	c.unnamed += o.unnamed
	c.invented += o.invented
}

// kaggleRow is an article of cnndm_train_kaggle100.
type kaggleRow struct{ ID, Text string }

// speakerLabelSets are the hand-labelled CNN/DailyMail quotations: the
// tuning part, which the speaker model trains on, the dev part, which
// chooses among models, and the held-back part, measured only: nobody
// looks at its errors or tunes on it, and -v lists only the others'.
var speakerLabelSets = []struct {
	file, name string
	listErrors bool
}{
	{"speakers_cnndm.jsonl", "cnndm tune", true},
	{"speakers_cnndm_dev.jsonl", "cnndm dev", true},
	{"speakers_cnndm_heldback.jsonl", "cnndm held-back", false},
}

// evalSpeakerLabels measures speakers on a second genre: the quotations
// of DailyMail and CNN articles of cnndm_train_kaggle100 labelled by hand
// in testdata, one row per part.
func evalSpeakerLabels(ctx context.Context, cfg config, s briefer, w io.Writer) error {
	rows, err := readJSONL[kaggleRow](filepath.Join(cfg.data, "summ", "cnndm_train_kaggle100.jsonl"), 0)
	if err != nil {
		return err
	}
	t := table{
		header: []string{"set", "articles", "labels", "found", "named", "speaker", "wrong", "unnamed", "invented"},
		right:  []bool{false, true, true, true, true, true, true, true, true},
	}
	var listed []string
	for _, set := range speakerLabelSets {
		c, articles, errs, err := scoreSpeakerFile(ctx, cfg, s, rows, set.file)
		if err != nil {
			return err
		}
		if set.listErrors {
			listed = append(listed, errs...)
		}
		t.add(set.name, fmt.Sprint(articles), fmt.Sprint(c.labels), fmt.Sprint(c.found), fmt.Sprint(c.named),
			pct(ratio(c.right, c.named)), pct(ratio(c.wrong, c.named)), fmt.Sprint(c.unnamed), fmt.Sprint(c.invented))
	}
	fmt.Fprint(w, "\n== Speakers on a second genre: CNN/DailyMail (kaggle100), labelled by hand ==\n\n")
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nspeaker, wrong: % of found quotations with a named speaker given the right name, another name.")
	fmt.Fprintln(w, "unnamed: found quotations whose article names nobody for them; invented: given a name all the same.")
	fmt.Fprintln(w, "tune: trained on; dev: chooses the model; held-back: measured only, and -v lists no error of it.")
	if cfg.verbose {
		for _, e := range listed {
			fmt.Fprintln(w, "  "+e)
		}
	}
	return nil
}

// scoreSpeakerFile briefs the articles that one label file names and
// scores their quotations' speakers.
func scoreSpeakerFile(ctx context.Context, cfg config, s briefer, all []kaggleRow, file string) (speakerCounts, int, []string, error) {
	var c speakerCounts
	labels, err := readJSONL[speakerLabel](filepath.Join(cfg.labels, file), 0)
	if err != nil {
		return c, 0, nil, err
	}
	byID := map[string][]speakerLabel{}
	for _, l := range labels {
		byID[l.ID] = append(byID[l.ID], l)
	}
	var arts []brief.Article
	for _, r := range all {
		if byID[r.ID] != nil {
			arts = append(arts, brief.Article{ID: r.ID, Text: r.Text})
		}
	}
	if len(arts) != len(byID) {
		return c, 0, nil, fmt.Errorf("%s: %d labelled articles, %d of them in cnndm_train_kaggle100", file, len(byID), len(arts))
	}
	outs, err := summarizeAll(ctx, s, arts, cfg.workers)
	if err != nil {
		return c, 0, nil, err
	}
	var errs []string
	for i, o := range outs {
		ci, ei := scoreSpeakerLabels(arts[i].Text, byID[arts[i].ID], o.brief.Quotes)
		c.add(ci)
		errs = append(errs, ei...)
	}
	return c, len(arts), errs, nil
}
