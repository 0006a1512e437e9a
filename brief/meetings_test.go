package brief

import (
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
			got := briefFile(t, s, filepath.Join("testdata", "golden", tt.file)).Meetings
			for i := range got {
				got[i].Sentence = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("meetings of %s (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestMeetingPatterns briefs one fixture per pattern of meeting the
// extractor must find and per kind of report it must not take for one
// (testdata/meetings, original text). Names, place and date are compared;
// roles come from the people finder and are pinned by the golden tests.
func TestMeetingPatterns(t *testing.T) {
	type meeting struct {
		names []string
		place string
		when  string
	}
	tests := []struct {
		file string
		want []meeting
	}{
		// Patterns that report a meeting.
		{"reported-speech.txt", []meeting{{[]string{"Ingrid Solberg", "Bjarni Thorsson"}, "Tromso", "Sunday, March 9, 2025"}}},
		{"hosting-state-visit.txt", []meeting{{[]string{"Amara Osei", "Luka Varga"}, "the Jade Palace", "Monday, September 22, 2025"}}},
		{"host-implied.txt", []meeting{{[]string{"Amara Osei", "Luka Varga"}, "", "Monday, September 22, 2025"}}},
		{"institution-visit.txt", []meeting{{[]string{"Eva Lindqvist", "Harriet Lowe"}, "Oslo", "Tuesday, February 4, 2025"}}},
		{"club-talks.txt", []meeting{{[]string{"Harbourside Rovers", "Mikel Dantes"}, "", "Monday, June 2, 2025"}}},
		{"committee-testimony.txt", []meeting{{[]string{"Laura Penfold", "Senate Banking Committee"}, "", "Tuesday, October 7, 2025"}}},
		{"presidents-call.txt", []meeting{{[]string{"Amara Osei", "Milos Horvat"}, "", "Wednesday, April 16, 2025"}}},
		{"the-two-leaders.txt", []meeting{{[]string{"Amara Osei", "Luka Varga"}, "", "Monday, June 16, 2025"}}},
		// "Osei aides" are the Osei campaign, not Osei; "her" is not a John;
		// a meeting retold with an unnamed office-holder is one meeting;
		// "House members" are nobody in particular.
		{"staff-and-pronouns.txt", []meeting{
			{[]string{"Tom Reed", "Osei campaign"}, "", "Thursday, April 17, 2025"},
			{[]string{"Clara Voss", "Senate Finance Committee"}, "", "Wednesday, April 16, 2025"},
			{[]string{"Clara Voss", "Tom Reed"}, "Vesterby", "Monday, April 14, 2025"},
		}},
		// A visit to the seat of an office is a visit to its holder.
		{"seat-of-power.txt", []meeting{{[]string{"Luka Varga", "Tom Reed"}, "the White House", "Monday, March 3, 2025"}}},
		// Calls and talks of one state with several are one with each; a
		// place may stand between a meeting noun and its other side.
		{"bilateral-calls.txt", []meeting{
			{[]string{"Amara Osei", "Ingrid Solberg"}, "", ""}, // Norland's Prime Minister
			{[]string{"Amara Osei", "the leader of Dravia"}, "", ""},
			{[]string{"Amara Osei", "the leader of Vesterland"}, "", ""},
			{[]string{"Norway", "Sweden"}, "", ""},
			{[]string{"Norway", "Finland"}, "", ""},
			{[]string{"Amara Osei", "Ingrid Solberg"}, "Tromso", "Friday, May 9, 2025"},
		}},
		// Not meetings: cancelled, planned, proposed, declined, negated,
		// hypothetical, letters, interviews, talks as a topic, a match, a
		// visit to a country, a photo; and no one placed at a meeting he
		// did not attend.
		{"cancelled-summit.txt", nil},
		{"planned-proposed.txt", nil},
		{"declined-negated.txt", nil},
		{"remote-topic.txt", nil},
		{"sports-fixture.txt", nil},
		{"no-counterpart-pictured.txt", nil},
		{"not-present.txt", []meeting{{[]string{"Rosa Lind", "Ivan Petrov"}, "Vienna", "Monday, December 8, 2025"}}},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := briefFile(t, s, filepath.Join("testdata", "meetings", tt.file))
			var got []meeting
			for _, m := range b.Meetings {
				var names []string
				for _, p := range m.Participants {
					names = append(names, p.Name)
				}
				got = append(got, meeting{names, m.Place, m.When})
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(meeting{})); diff != "" {
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

// TestMeetingGolden pins the whole brief, roles and sentences included, of
// every meetings fixture: testdata/meetings/<case>.golden, regenerated
// with go test ./brief -run MeetingGolden -update.
func TestMeetingGolden(t *testing.T) {
	checkGoldenDir(t, filepath.Join("testdata", "meetings"))
}
