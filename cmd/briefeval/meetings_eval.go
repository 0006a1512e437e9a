package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// meetingResult is what the meetings dev set measured: per set, and the
// articles one by one for -v.
type meetingResult struct {
	sets     []string
	bySet    map[string]meetingCounts
	articles []meetingArticle
	problems []error
	failed   int
	firstErr error
}

// meetingArticle is one labelled article, briefed and scored.
type meetingArticle struct {
	row    labelRow
	text   string
	preds  []brief.Meeting
	scored scoredArticle
}

func evalMeetings(ctx context.Context, cfg config, s briefer, w io.Writer) error {
	rows, err := readLabels(cfg.labels)
	if err != nil {
		return err
	}
	arts, err := loadArticles(cfg.data, rows)
	if err != nil {
		return err
	}
	res := meetingResult{bySet: map[string]meetingCounts{}}
	rows, res.problems = usableLabels(rows, arts, cfg.limit)
	in := make([]brief.Article, len(rows))
	for i, r := range rows {
		in[i] = arts[r.Set+"/"+r.ID].article
	}
	outs, err := summarizeAll(ctx, s, in, cfg.workers)
	if err != nil {
		return err
	}
	for i, r := range rows {
		o := outs[i]
		if o.err != nil {
			res.failed++
			if res.firstErr == nil {
				res.firstErr = fmt.Errorf("article %s: %w", r.ID, o.err)
			}
		}
		text := arts[r.Set+"/"+r.ID].text
		sc := scoreMeetings(r, text, o.brief.Meetings)
		res.articles = append(res.articles, meetingArticle{row: r, text: text, preds: o.brief.Meetings, scored: sc})
		if _, ok := res.bySet[r.Set]; !ok {
			res.sets = append(res.sets, r.Set)
		}
		c := res.bySet[r.Set]
		c.add(sc.counts)
		res.bySet[r.Set] = c
	}
	if err := printMeetings(w, res); err != nil {
		return err
	}
	if cfg.verbose {
		return printMeetingErrors(w, res)
	}
	return nil
}

// usableLabels keeps the rows that can be scored, in set order and at
// most limit a set (0: all): a row whose set or article is unknown, or
// that repeats an article, is left out. Every problem found is returned
// to be reported; a cue off its offset is reported but still scored.
func usableLabels(rows []labelRow, arts map[string]labelledArticle, limit int) ([]labelRow, []error) {
	var problems []error
	seen := map[string]labelRow{}
	perSet := map[string]int{}
	var out []labelRow
	for _, set := range labelSets() {
		for _, r := range rows {
			if r.Set != set.name {
				continue
			}
			if err := checkLabel(r, arts); err != nil {
				problems = append(problems, err)
			}
			k := r.Set + "/" + r.ID
			if _, ok := arts[k]; !ok {
				continue
			}
			if first, dup := seen[k]; dup {
				problems = append(problems, fmt.Errorf("%s:%d (%s %s): article labelled again (first at %s:%d); the first is scored", r.file, r.line, r.Set, r.ID, first.file, first.line))
				continue
			}
			seen[k] = r
			if limit > 0 && perSet[r.Set] >= limit {
				continue
			}
			perSet[r.Set]++
			out = append(out, r)
		}
	}
	for _, r := range rows {
		if !slices.ContainsFunc(labelSets(), func(s labelSet) bool { return s.name == r.Set }) {
			problems = append(problems, checkLabel(r, arts))
		}
	}
	return out, problems
}

func printMeetings(w io.Writer, res meetingResult) error {
	fmt.Fprint(w, "\n== Meetings: dev set (cmd/briefeval/MEETINGS.md), precision / recall / F1 (%) ==\n\n")
	t := table{
		header: []string{"set", "articles", "labels", "predicted", "matched", "P", "R", "F1", "participant F1", "place", "places", "distractors", "fired on"},
		right:  []bool{false, true, true, true, true, true, true, true, true, true, true, true, true},
	}
	var all meetingCounts
	row := func(name string, c meetingCounts) {
		t.add(name, fmt.Sprint(c.articles), fmt.Sprint(c.labels), fmt.Sprint(c.preds), fmt.Sprint(c.matched),
			pct(c.precision()), pct(c.recall()), pct(c.f1()), pct(c.participantF1()),
			pct(c.placeAccuracy()), fmt.Sprint(c.placeLabelled), fmt.Sprint(c.distractors), fmt.Sprint(c.distractorsHit))
	}
	for _, s := range res.sets {
		row(s, res.bySet[s])
		all.add(res.bySet[s])
	}
	row("all", all)
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nmatched: predictions sharing at least two participants with a label (MEETINGS.md, Scoring).")
	fmt.Fprintln(w, "participant F1: over matched meetings. place: accuracy over matched labels that state a place (places).")
	fmt.Fprintln(w, "fired on: distractors inside the sentence of a false alarm.")
	if res.failed > 0 {
		fmt.Fprintf(w, "%d articles failed (no meetings predicted), first: %v\n", res.failed, res.firstErr)
	}
	if len(res.problems) > 0 {
		fmt.Fprintf(w, "\n%d label problems:\n", len(res.problems))
		for _, p := range res.problems {
			fmt.Fprintf(w, "  %v\n", strings.ReplaceAll(p.Error(), "\n", "\n  "))
		}
	}
	return nil
}

// printMeetingErrors lists every miss and false alarm, article by article.
func printMeetingErrors(w io.Writer, res meetingResult) error {
	fmt.Fprint(w, "\n== Meetings: misses and false alarms ==\n")
	for _, a := range res.articles {
		matchedL := map[int]bool{}
		matchedP := map[int]bool{}
		for _, p := range a.scored.pairs {
			matchedL[p.label], matchedP[p.pred] = true, true
		}
		var lines []string
		for i, l := range a.row.Meetings {
			if !matchedL[i] {
				lines = append(lines, fmt.Sprintf("  MISS  %s %q@%d: %s%s\n        %s", l.Kind, l.Cue, l.Offset, parties(l.Participants), where(l.Place), around(a.text, l.Offset)))
			}
		}
		for _, p := range a.scored.pairs {
			l, m := a.row.Meetings[p.label], a.preds[p.pred]
			if l.Place != "" && !samePlace(l.Place, m.Place) {
				lines = append(lines, fmt.Sprintf("  PLACE %s: want %q, got %q", parties(l.Participants), l.Place, m.Place))
			}
		}
		for j, m := range a.preds {
			if matchedP[j] {
				continue
			}
			why := ""
			if k := a.scored.hits[j]; k >= 0 {
				d := a.row.Distractors[k]
				why = fmt.Sprintf(" [distractor %s %q@%d]", d.Kind, d.Cue, d.Offset)
			}
			lines = append(lines, fmt.Sprintf("  FALSE %s%s%s\n        %s", parties(m.Participants), where(m.Place), why, m.Sentence))
		}
		if len(lines) == 0 {
			continue
		}
		if _, err := fmt.Fprintf(w, "%s %s\n%s\n", a.row.Set, a.row.ID, strings.Join(lines, "\n")); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

func parties(ps []brief.Person) string {
	var out []string
	for _, p := range ps {
		if p.Role != "" {
			out = append(out, p.Name+" ("+p.Role+")")
		} else {
			out = append(out, p.Name)
		}
	}
	return strings.Join(out, " + ")
}

func where(place string) string {
	if place == "" {
		return ""
	}
	return " in " + place
}

// around returns the line of text around byte offset at, for a reader of
// the -v report to see the cue in its sentence.
func around(text string, at int) string {
	if at < 0 || at >= len(text) {
		return ""
	}
	from := max(0, at-160)
	to := min(len(text), at+160)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return "…" + strings.Join(strings.Fields(text[from:to]), " ") + "…"
}
