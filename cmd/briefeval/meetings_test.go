package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief"
)

func TestSameParty(t *testing.T) {
	tests := []struct {
		label, pred brief.Person
		want        bool
	}{
		{brief.Person{Name: "Vladimir Putin"}, brief.Person{Name: "Putin"}, true},
		{brief.Person{Name: "Vladimir V. Putin"}, brief.Person{Name: "Vladimir Putin", Role: "Russian President"}, true},
		{brief.Person{Name: "Obama"}, brief.Person{Name: "Barack Obama"}, true},
		{brief.Person{Name: "Manchester United"}, brief.Person{Name: "Manchester United FC"}, true},
		{brief.Person{Name: "the Senate Intelligence Committee"}, brief.Person{Name: "House Intelligence Committee"}, false},
		{brief.Person{Name: "the chief executive of Coca-Cola"}, brief.Person{Name: "Muhtar Kent", Role: "chief executive of Coca-Cola"}, true},
		{brief.Person{Name: "Sergei Lavrov"}, brief.Person{Name: "Wang Yi", Role: "Foreign Minister"}, false},
		{brief.Person{Name: "Ursula von der Leyen"}, brief.Person{Name: "Von der Leyen"}, true},
		{brief.Person{Name: "Wang Yi"}, brief.Person{Name: ""}, false},
	}
	for _, tt := range tests {
		if got := sameParty(tt.label, tt.pred); got != tt.want {
			t.Errorf("sameParty(%+v, %+v) = %v, want %v", tt.label, tt.pred, got, tt.want)
		}
	}
}

func TestSamePlace(t *testing.T) {
	tests := []struct {
		label, pred string
		want        bool
	}{
		{"the Kremlin, Moscow", "Moscow", true},
		{"Moscow", "the Kremlin, Moscow", true},
		{"the White House", "the White House", true},
		{"the White House", "Washington", false},
		{"Geneva", "", false},
	}
	for _, tt := range tests {
		if got := samePlace(tt.label, tt.pred); got != tt.want {
			t.Errorf("samePlace(%q, %q) = %v, want %v", tt.label, tt.pred, got, tt.want)
		}
	}
}

func people(names ...string) []brief.Person {
	var out []brief.Person
	for _, n := range names {
		out = append(out, brief.Person{Name: n})
	}
	return out
}

func TestScoreMeetings(t *testing.T) {
	text := "Kerry met Lavrov in Geneva. A summit with Xi was called off. Obama hosted Modi."
	row := labelRow{
		Meetings: []labelMeeting{
			{Participants: people("John Kerry", "Sergei Lavrov"), Place: "Geneva", Cue: "met", Offset: 6},
			{Participants: people("Barack Obama", "Narendra Modi"), Place: "the White House", Cue: "hosted", Offset: 66},
		},
		Distractors: []labelDistractor{{Kind: "cancelled", Cue: "called off", Offset: 49}},
	}
	preds := []brief.Meeting{
		{Participants: people("Modi", "Obama", "Kerry"), Sentence: "Obama hosted Modi."},
		{Participants: people("Kerry", "Lavrov"), Place: "Geneva", Sentence: "Kerry met Lavrov in Geneva."},
		{Participants: people("Kerry", "Xi"), Sentence: "A summit with Xi was called off."},
		{Participants: people("Kerry", "Lavrov"), Sentence: "Kerry met Lavrov in Geneva."}, // a repeat is a false alarm
	}
	got := scoreMeetings(row, text, preds)
	want := meetingCounts{
		articles: 1, labels: 2, preds: 4, matched: 2,
		partLabel: 4, partPred: 5, partCommon: 4,
		placeLabelled: 2, placeRight: 1,
		distractors: 1, distractorsHit: 1,
	}
	if diff := cmp.Diff(want, got.counts, cmp.AllowUnexported(meetingCounts{})); diff != "" {
		t.Errorf("scoreMeetings counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]pair{{label: 0, pred: 1, common: 2}, {label: 1, pred: 0, common: 2}}, got.pairs, cmp.AllowUnexported(pair{})); diff != "" {
		t.Errorf("scoreMeetings pairs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{-1, -1, 0, -1}, got.hits); diff != "" {
		t.Errorf("scoreMeetings hits (-want +got):\n%s", diff)
	}
	if p, r := got.counts.precision(), got.counts.recall(); p != 0.5 || r != 1 {
		t.Errorf("precision, recall = %v, %v, want 0.5, 1", p, r)
	}
}

func TestCheckLabel(t *testing.T) {
	arts := map[string]labelledArticle{"kaggle100/a": {text: "Kerry met Lavrov."}}
	good := labelRow{Set: "kaggle100", ID: "a", Meetings: []labelMeeting{{Participants: people("Kerry", "Lavrov"), Kind: "meeting", Cue: "met", Offset: 6}}}
	if err := checkLabel(good, arts); err != nil {
		t.Errorf("checkLabel(good) = %v, want nil", err)
	}
	tests := []struct {
		name string
		edit func(r *labelRow)
		want string
	}{
		{"cue off", func(r *labelRow) { r.Meetings[0].Offset = 5 }, `cue "met" not at byte 5`},
		{"offset past the end", func(r *labelRow) { r.Meetings[0].Offset = 99 }, "not at byte 99"},
		{"one participant", func(r *labelRow) { r.Meetings[0].Participants = people("Kerry") }, "1 participants"},
		{"bad kind", func(r *labelRow) { r.Meetings[0].Kind = "lunch" }, `kind "lunch"`},
		{"bad distractor", func(r *labelRow) { r.Distractors = []labelDistractor{{Kind: "rumour", Cue: "Kerry", Offset: 0}} }, `kind "rumour"`},
		{"unknown article", func(r *labelRow) { r.ID = "b" }, "no article"},
		{"unknown set", func(r *labelRow) { r.Set = "frank250" }, `unknown set "frank250"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			r.Meetings = []labelMeeting{good.Meetings[0]}
			tt.edit(&r)
			err := checkLabel(r, arts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("checkLabel = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestMeetingLabels checks every label of the dev set against the shared
// articles: each cue stands at its byte offset, each kind is known, each
// meeting has two participants, no article is labelled twice.
func TestMeetingLabels(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "eval")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("evaluation data absent (%v): this test runs where ../shared/eval sits beside the repository", err)
	}
	rows, err := readLabels("testdata")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := loadArticles(data, rows)
	if err != nil {
		t.Fatal(err)
	}
	_, problems := usableLabels(rows, arts, 0)
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d labelled articles", len(rows))
}

func TestRunMeetings(t *testing.T) {
	dir := writeData(t)
	labels := t.TempDir()
	// The fixture's quotes article, labelled: the mayor met nobody; one
	// invented meeting the brief cannot find is a miss.
	row := `{"set":"polnear_dev","id":"q1","meetings":[{"participants":[{"name":"Ann Lee","role":"Mayor"},{"name":"Bo Chan","role":""}],"kind":"meeting","cue":"Mayor Ann Lee","offset":14}],"distractors":[]}` + "\n" +
		`{"set":"polnear_dev","id":"missing","meetings":[],"distractors":[]}` + "\n"
	if err := os.WriteFile(filepath.Join(labels, "meetings_x.jsonl"), []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"-data", dir, "-labels", labels, "-sets", "meetings", "-v"}, &stdout, &stderr); err != nil {
		t.Fatalf("run() error: %v", err)
	}
	out := stdout.String()
	if got := strings.Join(strings.Fields(strings.SplitAfter(out, "\npolnear_dev ")[1])[:4], " "); got != "1 1 0 0" {
		t.Errorf("polnear_dev row starts %q, want 1 article, 1 label, 0 predicted, 0 matched:\n%s", got, out)
	}
	for _, want := range []string{
		"1 label problems:",
		"meetings_x.jsonl:2 (polnear_dev missing): no article",
		`MISS  meeting "Mayor Ann Lee"@14: Ann Lee (Mayor) + Bo Chan`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("run(-sets meetings) output lacks %q:\n%s", want, out)
		}
	}
}
