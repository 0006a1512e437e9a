package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// junkStories are hand-written stories wrapped in what wires and sites
// add around them. Each junk line carries the marker "JUNK" somewhere a
// key point would show it.
var junkStories = []struct {
	name  string
	title string
	text  string
}{
	{"wire slug, version and dateline", "Valemouth council approves harbour budget",
		`BC-EU--Valemouth-Budget,1st Ld-Writethru JUNK
Eds: UPDATES with vote count, comment from opposition. With AP Photos. JUNK
UPDATES with vote count and JUNK comment from the opposition leader
VALEMOUTH, Norland (AP) — The Valemouth city council on Tuesday approved a harbour budget of 40 million crowns after a six-hour debate.
The budget pays for new cranes, a deeper channel and a training centre for dock workers.
Opposition councillor Ida Brandvold said the plan left too little for housing.
The vote was 23 to 18, with two members absent.
Construction is due to start in October and run for three years.
Associated Press writer Lars JUNK Moen contributed to this report.
Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed. JUNK`},
	{"dateline without an agency", "Ferry operator raises fares on the Port Alder crossing",
		`PORT ALDER, Norland — Ferry fares on the Port Alder crossing will rise by 8 percent from July, the operator said on Monday.
The company blamed higher fuel prices and a new tax on shipping emissions.
Commuters who cross daily will pay about 30 crowns more a month.
A passenger group called the rise unfair and asked the regional government to step in.
The operator carried 2.1 million passengers last year, a record.`},
	{"teasers, newsletter, cookies, click here, headline again", "Greyfield library reopens after flood repairs",
		`Greyfield library reopens after flood repairs
We use cookies to improve your experience on our JUNK website. By continuing to browse, you agree to our use of cookies.
Greyfield's central library reopened on Saturday, eight months after floodwater ruined its ground floor and most of its children's books.
SEE MORE: Ten JUNK rivers that burst their banks this winter
The repairs cost 2.4 million crowns, most of it paid by the town's insurer.
READ MORE: Why JUNK insurers are raising flood premiums. Experts explain JUNK the figures
Volunteers spent six weeks drying and sorting the books that could be saved.
RELATED: JUNK Valemouth museum closes its lower hall
Sign up for our JUNK morning newsletter and get the day's news in your inbox.
The library will open an hour later on weekdays until the new heating system is finished.
Click here to JUNK read our full coverage of the floods.
Head librarian Tomas Eriksen said visitors had asked first about the children's corner.
Already a subscriber? Log in JUNK.
Subscribe now for unlimited JUNK access.`},
	{"headline glued to the lead", "Rail workers vote to accept new pay offer",
		`Rail workers vote to accept new pay offer Rail workers on the Northern line voted to accept a new pay offer on Friday, ending a dispute that had cancelled hundreds of trains since March.
The offer gives drivers and guards a 5 percent raise this year and 3 percent next year.
The union said 71 percent of its members backed the deal on a turnout of 80 percent.
Services are expected to return to the normal timetable from Monday.
Passenger groups welcomed the end of the strikes but asked for compensation for season-ticket holders.`},
}

func TestKeyPointsSkipJunk(t *testing.T) {
	s := New(Options{})
	for _, st := range junkStories {
		t.Run(st.name, func(t *testing.T) {
			b, err := s.Summarize(Article{Title: st.title, Text: st.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.KeyPoints) < 3 {
				t.Fatalf("Summarize gave %d key points, want at least 3: %q", len(b.KeyPoints), b.KeyPoints)
			}
			// Not chosen, and not even a candidate.
			cands, _ := kpCandidates(parse(Article{Title: st.title, Text: st.text}))
			for _, c := range cands {
				if strings.Contains(c.text, "JUNK") || strings.HasPrefix(c.text, st.title) {
					t.Errorf("candidate key point %q is furniture or the headline", c.text)
				}
			}
			for _, k := range b.KeyPoints {
				if strings.Contains(k, "JUNK") {
					t.Errorf("key point %q is page furniture", k)
				}
				if strings.EqualFold(strings.TrimSpace(k), st.title) || strings.HasPrefix(k, st.title) {
					t.Errorf("key point %q repeats the headline %q", k, st.title)
				}
				for _, lead := range []string{"(AP)", "—", "PORT ALDER", "VALEMOUTH"} {
					if strings.HasPrefix(k, lead) || strings.Contains(k, "(AP)") {
						t.Errorf("key point %q keeps the dateline", k)
					}
				}
			}
		})
	}
}

// TestKeyPointsKeepLead checks that the story's own first sentence, its
// dateline or glued headline cut, is among the key points.
func TestKeyPointsKeepLead(t *testing.T) {
	want := map[string]string{
		"wire slug, version and dateline":                          "The Valemouth city council on Tuesday approved a harbour budget of 40 million crowns after a six-hour debate.",
		"dateline without an agency":                               "Ferry fares on the Port Alder crossing will rise by 8 percent from July, the operator said on Monday.",
		"headline glued to the lead":                               "Rail workers on the Northern line voted to accept a new pay offer on Friday, ending a dispute that had cancelled hundreds of trains since March.",
		"teasers, newsletter, cookies, click here, headline again": "Greyfield's central library reopened on Saturday, eight months after floodwater ruined its ground floor and most of its children's books.",
	}
	s := New(Options{})
	for _, st := range junkStories {
		b, err := s.Summarize(Article{Title: st.title, Text: st.text})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, k := range b.KeyPoints {
			found = found || k == want[st.name]
		}
		if !found {
			t.Errorf("%s: key points %q, want among them %q", st.name, b.KeyPoints, want[st.name])
		}
	}
}

func TestFurniture(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"BC-US--Congress-Budget,1st Ld-Writethru", true},
		{"Eds: UPDATES with comment from the ministry.", true},
		{"UPDATES with comment from the ministry", true},
		{"(Updates with closing prices in paragraph 4)", true},
		{"SEE MORE: Ten things to know about the vote", true},
		{"Read more: Why the port needs new cranes", true},
		{"RELATED: Valemouth museum closes its lower hall", true},
		{"WATCH: The moment the bridge opened", true},
		{"Sign up for our morning newsletter to get the news in your inbox.", true},
		{"Get our daily newsletter delivered to your inbox every morning.", true},
		{"We use cookies to give you the best experience on our website.", true},
		{"By continuing to use this site you agree to our cookie policy.", true},
		{"Click here to read our full coverage.", true},
		{"For the full list of winners, click here.", true},
		{"Already a subscriber? Log in.", true},
		{"Subscribe now for unlimited access.", true},
		{"Lars Moen contributed to this report.", true},
		{"(Reporting by Ida Brandvold; Editing by Tomas Eriksen)", true},
		{"Follow Ida Brandvold on Twitter @ibrandvold.", true},
		{"Updated 10:32 AM EDT, Tue June 3, 2025", true},
		// Statements that only look like furniture.
		{"The council voted to become a member of the regional ports association.", false},
		{"He was already a member of the party when he ran for mayor.", false},
		{"Residents were urged to sign up for flood alerts by text message.", false},
		{"The company changed its privacy policy after the regulator's ruling.", false},
		{"Watch: when used as a watch the device lasts for two days.", false},
		{"She began writing by candlelight during the power cut.", false},
		{"More than 200 people attended the meeting on Tuesday.", false},
		{"Related companies also reported losses in the quarter.", false},
	}
	for _, tt := range tests {
		if got := isFurniture(tt.line, len(words(tt.line))); got != tt.want {
			t.Errorf("isFurniture(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestWireLead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"WASHINGTON (AP) — The Senate passed the budget on Tuesday.", "The Senate passed the budget on Tuesday."},
		{"LONDON, March 3 (Reuters) - Shares fell sharply in early trading.", "Shares fell sharply in early trading."},
		{"(CNN) -- The river burst its banks overnight.", "The river burst its banks overnight."},
		{"KYIV, Ukraine — Air raid sirens sounded across the capital overnight.", "Air raid sirens sounded across the capital overnight."},
		{"ST. LOUIS -- The city council met for six hours on Monday.", "The city council met for six hours on Monday."},
		{"BC-US--Budget,1st Ld-Writethru WASHINGTON (AP) — The Senate passed the budget on Tuesday.", "The Senate passed the budget on Tuesday."},
		// Not datelines.
		{"Gary Locke — the new manager — arrived on Friday.", "Gary Locke — the new manager — arrived on Friday."},
		{"Sen. Bob Casey (D) said the bill would pass this week.", "Sen. Bob Casey (D) said the bill would pass this week."},
		{"NATO said the drills would go ahead.", "NATO said the drills would go ahead."},
		{"WASHINGTON (AP) — Yes.", "WASHINGTON (AP) — Yes."},
	}
	for _, tt := range tests {
		if got := tt.in[wireLead(tt.in):]; got != tt.want {
			t.Errorf("after wireLead(%q): %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLeadPointsOtherLanguage checks the key points of an article in a
// language the key-point model cannot read: the lead, without the headline
// repeated, the dateline or a near-repeat, and no English word list needed.
func TestLeadPointsOtherLanguage(t *testing.T) {
	a := Article{
		Title: "Stadtrat von Talheim beschließt neuen Hafenplan",
		Text: `Stadtrat von Talheim beschließt neuen Hafenplan
TALHEIM (dpa) - Der Stadtrat von Talheim hat am Dienstag nach langer Debatte einen neuen Plan für den Hafen beschlossen.
Der Plan sieht neue Kräne, eine tiefere Fahrrinne und ein Ausbildungszentrum für Hafenarbeiter vor.
Der Stadtrat von Talheim hat am Dienstag nach langer Debatte den neuen Plan für den Hafen beschlossen, hieß es.
Die Opposition kritisierte, dass für den Wohnungsbau zu wenig Geld übrig bleibe.
Die Bauarbeiten sollen im Oktober beginnen und drei Jahre dauern.`,
	}
	b, err := New(Options{}).Summarize(a)
	if err != nil {
		t.Fatal(err)
	}
	if b.Language != "de" {
		t.Fatalf("Summarize(...).Language = %q, want de", b.Language)
	}
	want := []string{
		"Der Stadtrat von Talheim hat am Dienstag nach langer Debatte einen neuen Plan für den Hafen beschlossen.",
		"Der Plan sieht neue Kräne, eine tiefere Fahrrinne und ein Ausbildungszentrum für Hafenarbeiter vor.",
		"Die Opposition kritisierte, dass für den Wohnungsbau zu wenig Geld übrig bleibe.",
		"Die Bauarbeiten sollen im Oktober beginnen und drei Jahre dauern.",
	}
	if diff := cmp.Diff(want, b.KeyPoints); diff != "" {
		t.Errorf("key points of a German article (-want +got):\n%s", diff)
	}
}

func TestGluedCaption(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The van was barely recognisable after the crash (pictured) Police said the driver had been awake for twenty hours.",
			"Police said the driver had been awake for twenty hours."},
		{"Mayor Helen Lovejoy (left) and her deputy at the harbour on Tuesday.", ""},
		{"Mayor Helen Lovejoy (left) Deputy Ned Flanders (right) at the harbour.", ""},
		{"Bishop John Kerr (pictured) of the Valemouth diocese is taking time off.", ""},
		{"The crash site (pictured) It burned.", ""},
	}
	for _, tt := range tests {
		got := ""
		if n := gluedCaption(tt.in); n > 0 {
			got = tt.in[n:]
		}
		if got != tt.want {
			t.Errorf("sentence after the caption in %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	text := "Rail services resumed on Friday after a week of repairs to the bridge.\nThe van was barely recognisable after the crash (pictured) Police said the driver had been awake for twenty hours.\nThe line reopened two days ahead of schedule, the operator said."
	cands, _ := kpCandidates(parse(Article{Text: text}))
	found := false
	for _, c := range cands {
		if strings.Contains(c.text, "pictured") {
			t.Errorf("candidate %q keeps the caption", c.text)
		}
		found = found || c.text == "Police said the driver had been awake for twenty hours."
	}
	if !found {
		t.Errorf("no candidate for the sentence after a caption without a full stop")
	}
}
