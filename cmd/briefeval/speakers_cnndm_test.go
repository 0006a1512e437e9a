package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief"
)

func TestScoreSpeakerLabels(t *testing.T) {
	text := `Ann Lee said: "We will fix the roads." A spokesman said: "No comment." Bob Roe added: "Soon."`
	labels := []speakerLabel{
		{ID: "a", Quote: [2]int{14, 38}, Speaker: "Ann Lee"},
		{ID: "a", Quote: [2]int{57, 70}},
		{ID: "a", Quote: [2]int{86, 93}, Speaker: "Bob Roe"},
		{ID: "a", Quote: [2]int{0, 3}, Speaker: "Ann Lee"}, // no quote there
	}
	quotes := []brief.Quote{
		{Text: `"We will fix the roads."`, Speaker: "Ann Lee"},
		{Text: `"No comment."`, Speaker: "Ann Lee"},
		{Text: `"Soon."`, Speaker: "Robert Smith"},
	}
	got, errs := scoreSpeakerLabels(text, labels, quotes)
	want := speakerCounts{labels: 4, found: 3, named: 2, right: 1, wrong: 1, unnamed: 1, invented: 1}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(speakerCounts{})); diff != "" {
		t.Errorf("scoreSpeakerLabels mismatch (-want +got):\n%s", diff)
	}
	if len(errs) != 2 {
		t.Errorf("scoreSpeakerLabels listed %d errors, want 2: %q", len(errs), errs)
	}
}
