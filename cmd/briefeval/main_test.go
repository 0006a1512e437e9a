package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeData writes a tiny evaluation data directory, one article a file,
// whose references are the articles' first three sentences.
func writeData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	summ := `{"id":"a1","text":"The council approved the budget on Monday. Spending on schools rises by a tenth. Roads get less money this year. The mayor will sign it on Friday.","summary":"The council approved the budget on Monday.\nSpending on schools rises by a tenth.\nRoads get less money this year."}` + "\n"
	quotes := `{"id":"q1","title":"Mayor speaks","date":"2016-09-12","text":"Mayor speaks\n\nMayor Ann Lee said on Monday: “We will fix the roads this year.” Critics doubt it.","attributions":[{"source":{"text":"Mayor Ann Lee","segments":[[14,27]]},"content":[{"segments":[[44,78]]}],"fully_quoted":true}]}` + "\n"
	files := map[string]string{
		"summ/cnndm_test_frank250.jsonl":       summ,
		"summ/cnndm_train_kaggle100.jsonl":     summ,
		"summ/cnndm_test_realsumm100.jsonl":    summ,
		"summ/xsum_test_frank251.jsonl":        summ,
		"quotes/polnear_dev_articles.jsonl":    quotes,
		"quotes/polnear_test_articles.jsonl":   quotes,
		"seed/putin-wang-yi.txt":               "Putin meets Wang Yi\n\nRussian President Vladimir Putin met Chinese Foreign Minister Wang Yi in the Kremlin on Tuesday.\n",
		"labels/meetings_fixture.jsonl":        `{"set":"polnear_dev","id":"q1","meetings":[],"distractors":[]}` + "\n",
		"labels/speakers_cnndm.jsonl":          `{"id":"a1","quote":[0,11],"speaker":"Ann Lee"}` + "\n",
		"labels/speakers_cnndm_dev.jsonl":      `{"id":"a1","quote":[12,20],"speaker":""}` + "\n",
		"labels/speakers_cnndm_heldback.jsonl": `{"id":"a1","quote":[12,20],"speaker":""}` + "\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	dir := writeData(t)
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"-data", dir, "-labels", filepath.Join(dir, "labels")}, &stdout, &stderr); err != nil {
		t.Fatalf("run() error: %v\nstderr: %s", err, stderr.String())
	}
	out := stdout.String()
	fields := func(prefix string) []string {
		for line := range strings.SplitSeq(out, "\n") {
			if strings.HasPrefix(line, prefix) {
				return strings.Fields(line)
			}
		}
		t.Fatalf("run() output has no line starting %q:\n%s", prefix, out)
		return nil
	}
	// Lead-3 of the fixture is its reference.
	if got := fields("cnndm_test_frank250 "); got[2] != "1" {
		t.Errorf("frank250 row = %q, want 1 article", got)
	}
	lead := strings.Fields(strings.SplitAfter(out, "Lead-3 ")[1])
	if got := strings.Join(lead[:3], " "); got != "100.0 100.0 100.0" {
		t.Errorf("first Lead-3 row = %q, want 100.0 100.0 100.0\n%s", got, out)
	}
	if got := fields("test "); got[1] != "1" || got[4] != "1" {
		t.Errorf("quotes test row = %q, want 1 article, 1 direct quote", got)
	}
	for _, want := range []string{"== Key points", "== Quotes", "== Meetings", "== Seed: putin-wang-yi.txt ==", "== Speakers on a second genre", "Putin meets Wang Yi", "[published]"} {
		if !strings.Contains(out, want) {
			t.Errorf("run() output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunSetsAndLimit(t *testing.T) {
	dir := writeData(t)
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"-data", dir, "-sets", "seed", "-n", "1"}, &stdout, &stderr); err != nil {
		t.Fatalf("run() error: %v", err)
	}
	if out := stdout.String(); strings.Contains(out, "== Key points") || !strings.Contains(out, "== Seed") {
		t.Errorf("run(-sets seed) output = %q, want the seed alone", out)
	}
}

func TestRunUsage(t *testing.T) {
	dir := writeData(t)
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{name: "unknown set", args: []string{"-data", dir, "-sets", "summ,poems"}, want: `-sets: unknown evaluation "poems"`},
		{name: "no set", args: []string{"-data", dir, "-sets", ","}, want: "-sets: no evaluation chosen"},
		{name: "negative n", args: []string{"-data", dir, "-n", "-1"}, want: "-n: -1 articles"},
		{name: "missing data", args: []string{"-data", filepath.Join(dir, "nope")}, want: "-data:"},
		{name: "stray argument", args: []string{"-data", dir, "extra"}, want: `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error = %v, want a usage error containing %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestRunMissingFile(t *testing.T) {
	dir := writeData(t)
	if err := os.Remove(filepath.Join(dir, "quotes", "polnear_test_articles.jsonl")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-data", dir, "-sets", "quotes"}, &stdout, &stderr)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("run() with a data file missing: error = %v, want one wrapping os.ErrNotExist", err)
	}
}
