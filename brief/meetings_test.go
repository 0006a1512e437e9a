package brief

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMeetings(t *testing.T) {
	tests := []struct {
		file string
		want []Meeting // Sentence is not compared
	}{
		{"caption-summit.txt", []Meeting{{
			Participants: []Person{{"Karl Nehammer", "Austrian Chancellor"}, {"Viktor Orban", "Hungarian Prime Minister"}},
			Place:        "the Hofburg, Vienna",
			When:         "Tuesday, June 10, 2025",
		}}},
		{"phone-call.txt", []Meeting{{
			Participants: []Person{{"Recep Tayyip Erdogan", "Turkish President"}, {"Volodymyr Zelenskyy", "Ukrainian President"}},
			When:         "Thursday, May 15, 2025",
		}, {
			Participants: []Person{{"Andrii Sybiha", "Ukrainian Foreign Minister"}, {"Kaja Kallas", "European Union foreign policy chief"}},
			Place:        "Brussels",
			When:         "Wednesday, May 14, 2025",
		}}},
		{"no-meeting.txt", nil},
		{"pronoun-speaker.txt", nil},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "golden", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ParseText(string(src))
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Summarize(a)
			if err != nil {
				t.Fatal(err)
			}
			got := b.Meetings
			for i := range got {
				got[i].Sentence = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("meetings of %s (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestSeedMeetings checks the two meetings the seed article must show.
func TestSeedMeetings(t *testing.T) {
	b, err := New(Options{}).Summarize(seedArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Meetings {
		b.Meetings[i].Sentence = ""
	}
	want := []Meeting{{
		Participants: []Person{{"Vladimir Putin", "Russian President"}, {"Wang Yi", "Chinese Foreign Minister"}},
		Place:        "the Kremlin, Moscow",
		When:         "Tuesday, April 1, 2025",
	}, {
		Participants: []Person{{"Wang Yi", "Chinese Foreign Minister"}, {"Sergei Lavrov", "Russian Foreign Minister"}},
		Place:        "Moscow",
		When:         "Tuesday, April 1, 2025",
	}}
	if diff := cmp.Diff(want, b.Meetings); diff != "" {
		t.Errorf("seed meetings (-want +got):\n%s", diff)
	}
}
