package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// span is a run of characters [start, end) of an article, counted in
// runes: PolNeAR's offsets count Unicode code points (Python string
// indices), not bytes; on its non-ASCII articles byte offsets would point
// off the annotated text.
type span struct{ start, end int }

func (s span) len() int { return max(s.end-s.start, 0) }

// mergeSpans returns spans sorted and with overlapping or touching spans
// merged, so that no character is counted twice.
func mergeSpans(spans []span) []span {
	out := slices.Clone(spans)
	out = slices.DeleteFunc(out, func(s span) bool { return s.len() == 0 })
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// overlap counts the characters of s that lie in merged spans.
func overlap(s span, merged []span) int {
	n := 0
	for _, m := range merged {
		n += span{max(s.start, m.start), min(s.end, m.end)}.len()
	}
	return n
}

// goldQuote is one direct (fully quoted) attribution.
type goldQuote struct {
	content []span // merged
	source  string // annotated speaker text; "" when the annotation has none
}

// goldArticle is what PolNeAR annotates in one article.
type goldArticle struct {
	content []span // every content span of every attribution, merged
	direct  []goldQuote
}

// located is a predicted quote placed in the article.
type located struct {
	span    span // in runes
	found   bool
	speaker string
}

// locate places each predicted quote by its exact text: the first
// occurrence at or after the end of the previous placed quote, since a
// brief lists quotes in article order, or failing that the first occurrence
// anywhere. A quote whose text is not in the article is not found and
// counts against precision.
func locate(text string, quotes []brief.Quote) []located {
	out := make([]located, len(quotes))
	from := 0 // byte offset
	for i, q := range quotes {
		out[i].speaker = q.Speaker
		if strings.TrimSpace(q.Text) == "" {
			continue
		}
		at := strings.Index(text[from:], q.Text)
		if at >= 0 {
			at += from
		} else if at = strings.Index(text, q.Text); at < 0 {
			continue
		}
		start := utf8.RuneCountInString(text[:at])
		out[i] = located{
			span:    span{start, start + utf8.RuneCountInString(q.Text)},
			found:   true,
			speaker: q.Speaker,
		}
		from = at + len(q.Text)
	}
	return out
}

// quoteCounts are the tallies behind the quote metrics, summed over
// articles.
type quoteCounts struct {
	predicted, located, right int // precision: right of predicted
	direct, found             int // recall: found of direct
	named, speakerRight       int // speaker accuracy: speakerRight of named
	speakerWrong              int // of named, a non-empty speaker that is wrong
}

func (c *quoteCounts) add(o quoteCounts) {
	c.predicted += o.predicted
	c.located += o.located
	c.right += o.right
	c.direct += o.direct
	c.found += o.found
	c.named += o.named
	c.speakerRight += o.speakerRight
	c.speakerWrong += o.speakerWrong
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c quoteCounts) precision() float64       { return ratio(c.right, c.predicted) }
func (c quoteCounts) recall() float64          { return ratio(c.found, c.direct) }
func (c quoteCounts) f1() float64              { return f1(c.precision(), c.recall()) }
func (c quoteCounts) speakerAccuracy() float64 { return ratio(c.speakerRight, c.named) }

// wrongSpeakerRate is the share of named quotes given a wrong name; an
// empty speaker is not wrong, only unattributed.
func (c quoteCounts) wrongSpeakerRate() float64 { return ratio(c.speakerWrong, c.named) }

// scoreQuotes applies the eval README's metric to one article. A predicted
// quote is right when at least half of its characters lie in annotated
// content. A direct attribution is found when one prediction covers at
// least half of its content characters; the prediction covering most of it
// gives the speaker, which is right when the annotated name's last word is
// among its words, and wrong when it is not empty and not right. Speakers
// annotated as a pronoun, or with no name at all, are left out of both.
func scoreQuotes(gold goldArticle, preds []located) quoteCounts {
	c := quoteCounts{predicted: len(preds), direct: len(gold.direct)}
	for _, p := range preds {
		if !p.found {
			continue
		}
		c.located++
		if n := p.span.len(); n > 0 && 2*overlap(p.span, gold.content) >= n {
			c.right++
		}
	}
	for _, g := range gold.direct {
		total := 0
		for _, s := range g.content {
			total += s.len()
		}
		best, bestOverlap := -1, 0
		for i, p := range preds {
			if !p.found {
				continue
			}
			if o := overlap(p.span, g.content); o > bestOverlap {
				best, bestOverlap = i, o
			}
		}
		if total == 0 || best < 0 || 2*bestOverlap < total {
			continue
		}
		c.found++
		if name, ok := nameWord(g.source); ok {
			c.named++
			switch {
			case slices.Contains(words(preds[best].speaker), name):
				c.speakerRight++
			case strings.TrimSpace(preds[best].speaker) != "":
				c.speakerWrong++
			}
		}
	}
	return c
}

// pronoun reports whether w (lower case) is a pronoun or a pronoun-like
// word that annotators marked as a speaker in place of a name.
func pronoun(w string) bool {
	switch w {
	case "i", "me", "my", "mine", "myself",
		"we", "us", "our", "ours", "ourselves",
		"you", "your", "yours", "yourself", "yourselves",
		"he", "him", "his", "himself",
		"she", "her", "hers", "herself",
		"it", "its", "itself",
		"they", "them", "their", "theirs", "themselves",
		"who", "whom", "whose", "which", "that", "this", "these", "those",
		"one", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "another":
		return true
	}
	return false
}

// nameWord returns the last word of the name in an annotated speaker,
// lower-cased: the last capitalised word before any comma or parenthesis
// ("the Rev. Peter Wherry, of Mayfield ..." gives "wherry", "Sen. Lindsey
// Graham (R-S.C.)" gives "graham"). It reports false for a pronoun and for
// a speaker with no capitalised word ("the president", "a doctor"), which
// are descriptions rather than names.
func nameWord(source string) (string, bool) {
	source = strings.TrimSpace(source)
	if pronoun(strings.ToLower(source)) {
		return "", false
	}
	if i := strings.IndexAny(source, ",("); i >= 0 {
		source = source[:i]
	}
	name := ""
	for _, w := range strings.Fields(source) {
		w = trimWord(w)
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !pronoun(strings.ToLower(w)) {
			name = w
		}
	}
	if name == "" {
		return "", false
	}
	return strings.ToLower(name), true
}

// words splits a speaker into lower-case words, as nameWord cuts them.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = trimWord(w); w != "" {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// trimWord strips punctuation around a word and a possessive 's, and writes
// apostrophes the one way: "Trump’s" gives "Trump", "O’Neill" "O'Neill".
func trimWord(w string) string {
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.TrimSuffix(w, "'s")
}

// polnearRow is one article of quotes/polnear_*_articles.jsonl.
type polnearRow struct {
	ID           string               `json:"id"`
	Title        string               `json:"title"`
	Date         string               `json:"date"`
	Text         string               `json:"text"`
	Attributions []polnearAttribution `json:"attributions"`
}

// polnearAttribution is one annotated attribution: its source, if any, and
// the character segments of its content.
type polnearAttribution struct {
	Source *struct {
		Text string `json:"text"`
	} `json:"source"`
	Content     []polnearContent `json:"content"`
	FullyQuoted bool             `json:"fully_quoted"`
}

type polnearContent struct {
	Segments [][2]int `json:"segments"`
}

// gold converts a row's annotations to rune spans, checking that they lie
// in the text.
func (r polnearRow) gold() (goldArticle, error) {
	n := utf8.RuneCountInString(r.Text)
	var g goldArticle
	var all []span
	for i, a := range r.Attributions {
		var own []span
		for _, c := range a.Content {
			for _, seg := range c.Segments {
				s := span{seg[0], seg[1]}
				if s.start < 0 || s.end > n || s.start > s.end {
					return goldArticle{}, fmt.Errorf("article %s attribution %d: segment %v outside its %d characters", r.ID, i, seg, n)
				}
				own = append(own, s)
			}
		}
		all = append(all, own...)
		if a.FullyQuoted {
			q := goldQuote{content: mergeSpans(own)}
			if a.Source != nil {
				q.source = a.Source.Text
			}
			g.direct = append(g.direct, q)
		}
	}
	g.content = mergeSpans(all)
	return g, nil
}

// article is the row as the brief generator gets it: the headline, which
// PolNeAR repeats as the text's first line, becomes the title.
func (r polnearRow) article() brief.Article {
	a := brief.Article{ID: r.ID, Title: r.Title, Text: r.Text}
	if first, rest, ok := strings.Cut(r.Text, "\n"); ok && r.Title != "" && strings.HasPrefix(strings.TrimSpace(first), strings.TrimSpace(r.Title)) {
		a.Text = strings.TrimLeft(rest, "\n")
	}
	if t, err := time.Parse(time.DateOnly, r.Date); err == nil {
		a.Published = t
	}
	return a
}

// quoteResult is what one PolNeAR split measured.
type quoteResult struct {
	split        string
	articles     int
	counts       quoteCounts
	failed       int
	firstErr     error
	medianMillis float64
}

func evalQuotes(ctx context.Context, cfg config, s briefer, w io.Writer) error {
	var results []quoteResult
	for _, split := range []string{"dev", "test"} {
		path := filepath.Join(cfg.data, "quotes", "polnear_"+split+"_articles.jsonl")
		rows, err := readJSONL[polnearRow](path, cfg.limit)
		if err != nil {
			return err
		}
		golds := make([]goldArticle, len(rows))
		arts := make([]brief.Article, len(rows))
		for i, r := range rows {
			if golds[i], err = r.gold(); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			arts[i] = r.article()
		}
		outs, err := summarizeAll(ctx, s, arts, cfg.workers)
		if err != nil {
			return err
		}
		res := quoteResult{split: split, articles: len(rows), medianMillis: medianMillis(outs)}
		for i, o := range outs {
			if o.err != nil {
				res.failed++
				if res.firstErr == nil {
					res.firstErr = fmt.Errorf("article %s: %w", rows[i].ID, o.err)
				}
			}
			// A failed article predicts nothing but its direct quotes
			// still count against recall.
			res.counts.add(scoreQuotes(golds[i], locate(rows[i].Text, o.brief.Quotes)))
		}
		results = append(results, res)
	}
	if err := printQuotes(w, results); err != nil {
		return err
	}
	return evalSpeakerLabels(ctx, cfg, s, w)
}

func printQuotes(w io.Writer, results []quoteResult) error {
	fmt.Fprint(w, "\n== Quotes: PolNeAR content precision / recall / F1 (%), speaker accuracy and wrong-speaker rate (%) ==\n\n")
	t := table{
		header: []string{"split", "articles", "predicted", "located", "direct", "P", "R", "F1", "speaker", "wrong", "named", "failed", "median ms"},
		right:  []bool{false, true, true, true, true, true, true, true, true, true, true, true, true},
	}
	for _, r := range results {
		c := r.counts
		t.add(r.split, fmt.Sprint(r.articles), fmt.Sprint(c.predicted), fmt.Sprint(c.located), fmt.Sprint(c.direct),
			pct(c.precision()), pct(c.recall()), pct(c.f1()), pct(c.speakerAccuracy()), pct(c.wrongSpeakerRate()),
			fmt.Sprint(c.named), fmt.Sprint(r.failed), fmt.Sprintf("%.1f", r.medianMillis))
	}
	t.add("regex baseline, test [published]", "", "", "", "", "91.2", "80.2", "85.3", "34", "", "", "", "")
	if err := t.write(w); err != nil {
		return err
	}
	for _, r := range results {
		if r.firstErr != nil {
			fmt.Fprintf(w, "%s: %d failed (no quotes predicted), first: %v\n", r.split, r.failed, r.firstErr)
		}
	}
	fmt.Fprintln(w, "\nlocated: predictions found verbatim in the text. direct: fully quoted attributions (recall's base).")
	fmt.Fprintln(w, "named: found direct quotes whose annotated speaker is a name (pronouns and descriptions left out).")
	fmt.Fprintln(w, "speaker: % of named given the right name; wrong: % of named given another name (an empty speaker is neither).")
	return nil
}
