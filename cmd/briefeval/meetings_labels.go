package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/brief"
)

// labelRow is one labelled article of testdata/meetings_*.jsonl, in the
// format MEETINGS.md describes.
type labelRow struct {
	Set         string            `json:"set"`
	ID          string            `json:"id"`
	Meetings    []labelMeeting    `json:"meetings"`
	Distractors []labelDistractor `json:"distractors"`
	Note        string            `json:"note"`
	Checked     string            `json:"checked"`

	file string // where the row was read, for messages
	line int
}

// labelMeeting is one meeting that happened.
type labelMeeting struct {
	Participants []brief.Person `json:"participants"`
	Place        string         `json:"place"`
	When         string         `json:"when"`
	Kind         string         `json:"kind"`
	Cue          string         `json:"cue"`
	Offset       int            `json:"offset"`
	Note         string         `json:"note"`
}

// labelDistractor is a reported meeting that did not happen, or a word of
// meeting that reports none.
type labelDistractor struct {
	Kind   string `json:"kind"`
	Cue    string `json:"cue"`
	Offset int    `json:"offset"`
	Note   string `json:"note"`
}

// meetingKinds and distractorKinds are the kinds MEETINGS.md allows.
var (
	meetingKinds    = []string{"meeting", "talks", "summit", "visit", "hosting", "call", "negotiation", "testimony", "mediation"}
	distractorKinds = []string{"planned", "proposed", "cancelled", "declined", "hypothetical", "negated", "topic", "remote", "sports", "no-counterpart", "pictured", "not-present"}
)

// labelSet is a shared file the labels point into.
type labelSet struct {
	name, file string
	polnear    bool // PolNeAR rows: headline in the text, a date
}

// labelSets returns the sets labels may name, in report order. Only
// training and dev material: MEETINGS.md.
func labelSets() []labelSet {
	return []labelSet{
		{name: "polnear_dev", file: filepath.Join("quotes", "polnear_dev_articles.jsonl"), polnear: true},
		{name: "polnear_train", file: filepath.Join("quotes", "polnear_train_articles.jsonl"), polnear: true},
		{name: "kaggle100", file: filepath.Join("summ", "cnndm_train_kaggle100.jsonl")},
		{name: "realsumm100", file: filepath.Join("summ", "cnndm_test_realsumm100.jsonl")},
	}
}

// readLabels reads every meetings_*.jsonl file in dir, in name order.
func readLabels(dir string) ([]labelRow, error) {
	files, err := filepath.Glob(filepath.Join(dir, "meetings_*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("labels: no meetings_*.jsonl in %s: %w", dir, os.ErrNotExist)
	}
	slices.Sort(files)
	var rows []labelRow
	for _, f := range files {
		rs, err := readJSONL[labelRow](f, 0)
		if err != nil {
			return nil, err
		}
		for i := range rs {
			rs[i].file, rs[i].line = filepath.Base(f), i+1
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

// labelledArticle is a shared article as labelled and as briefed.
type labelledArticle struct {
	text    string // the shared file's text, where offsets point
	article brief.Article
}

// loadArticles reads the articles the labels name, set by set; a set no
// label names is not read.
func loadArticles(data string, rows []labelRow) (map[string]labelledArticle, error) {
	out := map[string]labelledArticle{}
	for _, set := range labelSets() {
		if !slices.ContainsFunc(rows, func(r labelRow) bool { return r.Set == set.name }) {
			continue
		}
		path := filepath.Join(data, set.file)
		if set.polnear {
			arts, err := readJSONL[polnearRow](path, 0)
			if err != nil {
				return nil, err
			}
			for _, r := range arts {
				out[set.name+"/"+r.ID] = labelledArticle{text: r.Text, article: r.article()}
			}
			continue
		}
		arts, err := readJSONL[summRow](path, 0)
		if err != nil {
			return nil, err
		}
		for _, r := range arts {
			out[set.name+"/"+r.ID] = labelledArticle{text: r.Text, article: brief.Article{ID: r.ID, Text: r.Text}}
		}
	}
	return out, nil
}

// checkLabel returns every way a row breaks MEETINGS.md's format, or nil:
// an unknown set or kind, an article not in its set, a cue not at its
// offset, a meeting with fewer than two participants.
func checkLabel(r labelRow, arts map[string]labelledArticle) error {
	at := fmt.Sprintf("%s:%d (%s %s)", r.file, r.line, r.Set, r.ID)
	if !slices.ContainsFunc(labelSets(), func(s labelSet) bool { return s.name == r.Set }) {
		return fmt.Errorf("%s: unknown set %q", at, r.Set)
	}
	a, ok := arts[r.Set+"/"+r.ID]
	if !ok {
		return fmt.Errorf("%s: no article with this id in the set", at)
	}
	var problems []error
	cueAt := func(what, cue string, off int) {
		if cue == "" || off < 0 || off+len(cue) > len(a.text) || a.text[off:off+len(cue)] != cue {
			got := ""
			if off >= 0 && off < len(a.text) {
				got = a.text[off:min(len(a.text), off+max(len(cue), 1))]
			}
			problems = append(problems, fmt.Errorf("%s: %s cue %q not at byte %d (text there: %q)", at, what, cue, off, got))
		}
	}
	for i, m := range r.Meetings {
		what := fmt.Sprintf("meeting %d", i+1)
		cueAt(what, m.Cue, m.Offset)
		if !slices.Contains(meetingKinds, m.Kind) {
			problems = append(problems, fmt.Errorf("%s: %s kind %q, want one of %s", at, what, m.Kind, strings.Join(meetingKinds, ", ")))
		}
		if len(m.Participants) < 2 {
			problems = append(problems, fmt.Errorf("%s: %s has %d participants, want 2 or more", at, what, len(m.Participants)))
		}
	}
	for i, d := range r.Distractors {
		what := fmt.Sprintf("distractor %d", i+1)
		cueAt(what, d.Cue, d.Offset)
		if !slices.Contains(distractorKinds, d.Kind) {
			problems = append(problems, fmt.Errorf("%s: %s kind %q, want one of %s", at, what, d.Kind, strings.Join(distractorKinds, ", ")))
		}
	}
	return errors.Join(problems...)
}
