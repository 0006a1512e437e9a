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

// evalSpeakerLabels measures speakers on a second genre: the quotations
// of about thirty DailyMail and CNN articles of cnndm_train_kaggle100,
// labelled by hand in testdata/speakers_cnndm.jsonl.
func evalSpeakerLabels(ctx context.Context, cfg config, s briefer, w io.Writer) error {
	labels, err := readJSONL[speakerLabel](filepath.Join(cfg.labels, "speakers_cnndm.jsonl"), 0)
	if err != nil {
		return err
	}
	byID := map[string][]speakerLabel{}
	for _, l := range labels {
		byID[l.ID] = append(byID[l.ID], l)
	}
	type row struct{ ID, Text string }
	rows, err := readJSONL[row](filepath.Join(cfg.data, "summ", "cnndm_train_kaggle100.jsonl"), 0)
	if err != nil {
		return err
	}
	rows = slices.DeleteFunc(rows, func(r row) bool { return byID[r.ID] == nil })
	if len(rows) != len(byID) {
		return fmt.Errorf("speakers_cnndm.jsonl: %d labelled articles, %d of them in cnndm_train_kaggle100", len(byID), len(rows))
	}
	arts := make([]brief.Article, len(rows))
	for i, r := range rows {
		arts[i] = brief.Article{ID: r.ID, Text: r.Text}
	}
	outs, err := summarizeAll(ctx, s, arts, cfg.workers)
	if err != nil {
		return err
	}
	var c speakerCounts
	var errs []string
	for i, o := range outs {
		ci, ei := scoreSpeakerLabels(rows[i].Text, byID[rows[i].ID], o.brief.Quotes)
		c.add(ci)
		errs = append(errs, ei...)
	}
	fmt.Fprint(w, "\n== Speakers on a second genre: CNN/DailyMail (kaggle100), labelled by hand ==\n\n")
	t := table{
		header: []string{"set", "articles", "labels", "found", "named", "speaker", "wrong", "unnamed", "invented"},
		right:  []bool{false, true, true, true, true, true, true, true, true},
	}
	t.add("cnndm kaggle100", fmt.Sprint(len(rows)), fmt.Sprint(c.labels), fmt.Sprint(c.found), fmt.Sprint(c.named),
		pct(ratio(c.right, c.named)), pct(ratio(c.wrong, c.named)), fmt.Sprint(c.unnamed), fmt.Sprint(c.invented))
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nspeaker, wrong: % of found quotations with a named speaker given the right name, another name.")
	fmt.Fprintln(w, "unnamed: found quotations whose article names nobody for them; invented: given a name all the same.")
	if cfg.verbose {
		for _, e := range errs {
			fmt.Fprintln(w, "  "+e)
		}
	}
	return nil
}
