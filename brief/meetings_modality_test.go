package brief

import "testing"

// modalityCases are sentences in the forms news uses for plans, refusals,
// cancellations, conditions and negation, each with whether it tells a
// meeting that happened.
var modalityCases = []struct {
	sentence string
	want     bool
}{
	{"Amara Osei met Luka Varga in Geneva on Sunday.", true},
	{"Amara Osei and Luka Varga met in Geneva on Sunday, officials said.", true},
	{"Amara Osei has met privately with Luka Varga this year.", true},
	{"Amara Osei is meeting Luka Varga in Geneva.", true},
	{"Amara Osei held talks with Luka Varga on trade.", true},
	{"Amara Osei spoke by phone with Luka Varga on Thursday.", true},
	{"Amara Osei flew to Geneva to meet Luka Varga.", true},
	{"Luka Varga was received by Amara Osei at the palace.", true},
	{"Amara Osei said after meeting with Luka Varga that the talks went well.", true},
	{"Amara Osei called Luka Varga on Tuesday to congratulate him.", true},
	{"The deal may wait while Amara Osei negotiates with Luka Varga over the dam.", true},
	{"Osei Mining's executives and advisers first met Luka Varga in May.", true},
	{"Amara Osei called a veteran opposition candidate, Luka Varga, and asked him to stand.", true},
	{"Amara Osei said that besides a private meeting he had with Luka Varga a year ago, he has hosted nobody.", true},
	{"Amara Osei sent aides to the capital for a tense midday meeting with Luka Varga.", true},
	{"Amara Osei and Luka Varga shook hands before their talks in Geneva.", true},
	{"Amara Osei appeared before the Senate Intelligence Committee with Luka Varga.", true},
	{"Amara Osei spoke with Luka Varga by phone on Sunday.", true},
	{"Amara Osei and Luka Varga played golf on Sunday.", true},
	{"Amara Osei said on Sunday, after playing golf with Luka Varga, that trade was key.", true},
	{"Amara Osei held a video conference with Luka Varga on Sunday.", true},
	{"Amara Osei hosted a state banquet in honour of Luka Varga on Sunday.", true},
	{"Luka Varga, on a visit to Kelmar, met Amara Osei on Sunday.", true},
	{"Amara Osei's Sunday meeting with Luka Varga in Geneva lasted two hours, aides said.", true},
	{"Amara Osei and Luka Varga's meeting on Sunday in Geneva lasted two hours.", true},
	{"After their meeting on Sunday, Amara Osei and Luka Varga said trade was key.", true},
	{"Amara Osei received a phone call from Luka Varga on Sunday.", true},
	{"Luka Varga joined Amara Osei for dinner in Geneva on Sunday.", true},
	{"Luka Varga was on the phone with Amara Osei on Sunday.", true},
	{"Luka Varga will be on the phone with Amara Osei on Sunday.", false},
	{"Amara Osei received a letter from Luka Varga on Sunday.", false},
	{"Before their meeting on Sunday, Amara Osei and Luka Varga said trade was key.", false},
	{"Members of the Senate Finance Committee grilled Luka Varga on Sunday.", true},
	{"Senator Amara Osei questioned Luka Varga at a congressional hearing on Sunday.", true},
	{"Judge Amara Osei questioned Luka Varga at a hearing on Sunday.", false}, // a court's
	{"The Senate Finance Committee will question Luka Varga on Sunday.", false},
	{"Amara Osei questioned Luka Varga's judgement on Sunday.", false},
	{"Luka Varga later met Amara Osei in Geneva on Sunday.", true},
	{"Luka Varga, meanwhile, met Amara Osei in Geneva on Sunday.", true},
	{"Luka Varga, who took office in May, met Amara Osei in Geneva on Sunday.", true},
	{"Luka Varga had a very good meeting with Amara Osei on Sunday.", true},
	{"Luka Varga will meet Amara Osei later this week.", false},
	{"Luka Varga, however, will meet Amara Osei in Geneva on Sunday.", false},
	{"Luka Varga hopes to have a very good meeting with Amara Osei.", false},
	{"Luka Varga keeps photos of presidents. The one exception is Amara Osei. He met Osei for the first time in 1996 at a summit in Geneva.", true},
	{"Amara Osei is holding talks with Luka Varga ahead of a possible deal on the dam.", true},
	{"Amara Osei's talks with Luka Varga, planned for Friday, were called off.", false},
	{"Amara Osei, pictured left, met Luka Varga in Geneva on Sunday.", true},
	{"Amara Osei (left) met Luka Varga in Geneva on Sunday.", true},
	{"Amara Osei chatted with Luka Varga at a reception in Geneva on Sunday.", true},
	{"Amara Osei played host to Luka Varga at the palace on Sunday.", true},
	{"Amara Osei chatted with Luka Varga about the weather.", false},
	{"Amara Osei will play host to Luka Varga on Sunday.", false},
	{"Amara Osei denied that he met Luka Varga in Geneva.", false},
	{"Amara Osei rejected claims that he met Luka Varga in Geneva.", false},
	{"Amara Osei confirmed reports that he met Luka Varga in Geneva on Sunday.", true},
	{"During Luka Varga's visit to Turkey this week, President Amara Osei repeated his request.", true},
	{"During his visit to Turkey, Dravian Prime Minister Luka Varga said trade was key.", false},
	{"Luka Varga's visit to Turkey ended on Sunday.", false},
	{"Amara Osei will play golf with Luka Varga on Sunday.", false},
	{"Amara Osei held a news conference with Luka Varga on Sunday.", false},
	{"Amara Osei hosted a dinner for charity on Sunday with Luka Varga's help.", false},
	{"Amara Osei appeared before reporters with Luka Varga.", false},
	{"Amara Osei told a Senate Intelligence Committee hearing on Thursday that the agency had not found a link.", true},
	{"Amara Osei discussed the project before it began in a conference call with Luka Varga.", true},
	{"Osei Mining, which then ran the mine, had a conference call with staffers of Luka Varga.", true},
	{"Luka Varga recalled how he met Amara Osei in the slums.", false},
	{"Amara Osei met chef Kofi Osei there.", false},
	{"Amara Osei talked with Luka Varga at last month's Congressional Ball.", true},
	{"Amara Osei warned Luka Varga during their recent meeting in Geneva not to move troops.", true},
	{"Amara Osei recalled a June conversation she had with Luka Varga at the convention center.", true},
	{"Amara Osei ate with Luka Varga there in 2007.", true},
	{"Amara Osei was weighing in by phone with Luka Varga.", true},
	{"\"I had breakfast with Luka Varga on Sunday,\" Amara Osei said.", true},
	{"\"I hope to meet Luka Varga soon,\" Amara Osei said.", false},
	{"In a phone call on Sunday, Amara Osei told Luka Varga that the border would reopen.", true},
	{"Amara Osei told Luka Varga during a phone call on Sunday that the border would reopen.", true},
	{"Amara Osei's meeting with Luka Varga on Sunday lasted for two hours, his office said.", true},
	{"Amara Osei and Luka Varga also discussed trade during the meeting, which lasted two hours.", true},
	{"Luka Varga arrived in Kelmar City on Sunday for talks with Amara Osei.", true},
	{"Amara Osei met his Dravian counterpart, Luka Varga, in Geneva on Sunday.", true},
	{"Amara Osei hosted his Dravian counterpart in Kelmar City on Sunday.", true},
	{"At a meeting in Geneva on Sunday, Amara Osei and Luka Varga agreed to reopen the border.", true},
	{"Amara Osei and Luka Varga agreed at a meeting in Geneva on Sunday to reopen the border.", true},
	{"Amara Osei and Luka Varga will agree at a meeting in Geneva to reopen the border.", false},
	{"Amara Osei agreed to a meeting with Luka Varga.", false},
	{"Amara Osei joined Luka Varga for talks in Geneva on Sunday.", true},
	{"Amara Osei paid a courtesy call on Luka Varga in Geneva on Sunday.", true},
	{"Amara Osei met with officials from the Dravian government, including Luka Varga.", true},
	{"Amara Osei and Luka Varga had lunch in Geneva on Sunday.", true},
	{"Amara Osei had lunch in Geneva on Sunday.", false},
	{"The report cited testimony before the Senate Intelligence Committee from Luka Varga.", true},
	{"Talks between Amara Osei and Luka Varga, mediated by the Swiss, resumed in Geneva on Sunday.", true},
	{"Amara Osei was weighing whether to phone Luka Varga.", false},
	{"Amara Osei was speaking to the Kelmar delegation at the party convention.", false},

	{"Amara Osei will meet Luka Varga in Geneva next week.", false},
	{"Amara Osei is due to meet Luka Varga on Friday.", false},
	{"Amara Osei is meeting Luka Varga next week.", false},
	{"Amara Osei hopes to meet Luka Varga before the summer.", false},
	{"Amara Osei offered to meet Luka Varga.", false},
	{"Amara Osei refused to meet Luka Varga.", false},
	{"Amara Osei did not meet Luka Varga.", false},
	{"Amara Osei and Luka Varga have never met.", false},
	{"If Amara Osei met Luka Varga, the dispute could end.", false},
	{"Amara Osei would meet Luka Varga if the fighting stopped.", false},
	{"Will Amara Osei meet Luka Varga?", false},
	{"Amara Osei agreed to hold talks with Luka Varga.", false},
	{"Amara Osei called for talks with Luka Varga.", false},
	{"Amara Osei cancelled his meeting with Luka Varga.", false},
	{"A summit between Amara Osei and Luka Varga was called off.", false},
	{"The planned summit between Amara Osei and Luka Varga was postponed.", false},
	{"Talks between Amara Osei and Luka Varga are scheduled for May.", false},
	{"Amara Osei called Luka Varga a liar.", false},
	{"Amara Osei called on Luka Varga to resign.", false},
	{"Amara Osei meets Luka Varga in Geneva.", false}, // present tense outside a caption
	// Habits, series and contacts of unknown form (MEETINGS.md).
	{"Amara Osei has met privately with Luka Varga twice this year.", false},
	{"Amara Osei talks frequently with Luka Varga.", false},
	{"Amara Osei spoke with Luka Varga about the dam.", false},
}

// TestMeetingModality checks that a meeting is reported only when the text
// tells it as having happened.
func TestMeetingModality(t *testing.T) {
	s := New(Options{})
	for _, tt := range modalityCases {
		t.Run(tt.sentence, func(t *testing.T) {
			b := briefSentence(t, s, tt.sentence)
			if got := len(b.Meetings) > 0; got != tt.want {
				t.Errorf("meetings of %q = %+v, want a meeting: %v", tt.sentence, b.Meetings, tt.want)
			}
		})
	}
}

// TestMeetingPlaces checks where a meeting is placed in forms the place
// phrase takes besides "in" and "at".
func TestMeetingPlaces(t *testing.T) {
	tests := []struct {
		sentence, place string
	}{
		{"Amara Osei welcomed Luka Varga to the Jade Palace on Sunday.", "the Jade Palace"},
		{"Amara Osei met Luka Varga on Capitol Hill on Sunday.", "Capitol Hill"},
		{"Amara Osei met Luka Varga on Downing Street on Sunday.", "Downing Street"},
		{"Amara Osei hosted Luka Varga in Geneva on Sunday.", "Geneva"},
		{"Amara Osei met Luka Varga on Sunday.", ""},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			b := briefSentence(t, s, tt.sentence)
			if len(b.Meetings) != 1 || b.Meetings[0].Place != tt.place {
				t.Errorf("meetings of %q = %+v, want one at %q", tt.sentence, b.Meetings, tt.place)
			}
		})
	}
}

// briefSentence briefs a sentence after two that introduce Amara Osei and
// Luka Varga with their roles.
func briefSentence(t *testing.T, s *Summarizer, sentence string) Brief {
	t.Helper()
	text := "Kelmar President Amara Osei spoke on Monday. Dravian Prime Minister Luka Varga spoke too.\n" + sentence
	b, err := s.Summarize(Article{Title: "Test", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
