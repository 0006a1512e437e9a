package brief

import (
	"strings"
	"testing"
)

// sentenceTexts returns the sentences parse finds in text.
func sentenceTexts(text string) []string {
	var out []string
	for _, s := range parse(Article{Text: text}).sents {
		out = append(out, strings.Join(strings.Fields(s.text), " "))
	}
	return out
}

func TestMendWrapStops(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "stop after a joining word",
			text: "The Earl of . Wessex opened the new ward. Nurses cheered.",
			want: []string{"The Earl of Wessex opened the new ward.", "Nurses cheered."},
		},
		{
			name: "stop between a given name and a surname",
			text: "\"We will vote,\" said Maria . Lopez told the crowd.",
			want: []string{"\"We will vote,\" said Maria Lopez told the crowd."},
		},
		{
			name: "stop before a lower-case word",
			text: "The council . voted to close the pool on Friday.",
			want: []string{"The council voted to close the pool on Friday."},
		},
		{
			name: "real ends stay",
			text: "The firm moved to the U.S. . The staff followed . Prices rose.",
			want: []string{"The firm moved to the U.S. .", "The staff followed .", "Prices rose."},
		},
		{
			name: "a given name that ends a sentence stays",
			text: "The award went to Maria . It was her third.",
			want: []string{"The award went to Maria .", "It was her third."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences of %q = %q, want %q", tt.text, got, tt.want)
			}
			if mended := mendWrapStops(tt.text); len(mended) != len(tt.text) {
				t.Errorf("mendWrapStops changed the length: %d -> %d", len(tt.text), len(mended))
			}
		})
	}
}

func TestWrapStopKeepsName(t *testing.T) {
	text := "Officials met on Monday. \"The plan is sound,\" said Maria . Lopez, the mayor of the town."
	d := parse(Article{Text: text})
	qs, _ := quotesSaid(d, findPeople(d))
	if len(qs) != 1 || qs[0].Speaker != "Maria Lopez" {
		t.Fatalf("quotes = %+v, want one by Maria Lopez", qs)
	}
	// The quotation and its sentence are reported as the page wrote them.
	if !strings.Contains(text, qs[0].Sentence) || !strings.Contains(qs[0].Sentence, "Maria . Lopez") {
		t.Errorf("sentence %q is not the page's", qs[0].Sentence)
	}
}

func TestPlaceBeforePluralIsNoPerson(t *testing.T) {
	for _, text := range []string{
		"\"We are not there yet,\" said Downing Street officials, who asked not to be named.",
		"\"The vote is close,\" said Capitol Hill aides on Tuesday.",
		"\"The water is rising,\" said Kenya officials.",
	} {
		d := parse(Article{Text: text})
		c := findPeople(d)
		if len(c.people) != 0 {
			t.Errorf("%q: people %v, want none", text, c.people[0].name)
		}
		qs, _ := quotesSaid(d, c)
		for _, q := range qs {
			if q.Speaker != "" {
				t.Errorf("%q: speaker %q, want none", text, q.Speaker)
			}
		}
	}
	// A person's name before a plural noun stays a person's.
	text := "\"We are ready,\" said Obama aides. Barack Obama, the former president, said little."
	found := false
	for _, p := range findPeople(parse(Article{Text: text})).people {
		found = found || p.name == "Barack Obama"
	}
	if !found {
		t.Errorf("%q: Barack Obama not found", text)
	}
}

func TestBillIsAGivenName(t *testing.T) {
	tests := []struct{ text, want string }{
		{"\"We will win,\" said Bill Hartley on Monday.", "Bill Hartley"},
		{"\"The fund grew,\" Bill Marsh, the charity's founder, said.", "Bill Marsh"},
		{"\"It is a bad law,\" the senator said of Bill C-12 on Monday.", ""},
		{"\"It is a bad law,\" the senator said. The Bill was passed anyway.", ""},
	}
	for _, tt := range tests {
		d := parse(Article{Text: tt.text})
		c := findPeople(d)
		qs, _ := quotesSaid(d, c)
		if len(qs) != 1 || qs[0].Speaker != tt.want {
			t.Errorf("%q: quotes %+v, want one by %q", tt.text, qs, tt.want)
		}
		for _, p := range c.people {
			if strings.HasPrefix(p.name, "Bill") && p.name != tt.want {
				t.Errorf("%q: person %q", tt.text, p.name)
			}
		}
	}
}

func TestPlaceShownInTextIsNoSpeaker(t *testing.T) {
	for _, text := range []string{
		"ELDORET, Kenya - Farmers waited for rain on Monday. \"The rains are late this year,\" said Eldoret.",
		"Farmers in Eldoret, Kenya, waited for rain. \"The rains are late this year,\" said Eldoret.",
		"Traders in the town of Eldoret waited. \"The rains are late this year,\" said Eldoret.",
		"Dayton, Ohio, voted on Monday. \"The count is slow,\" said Dayton.",
	} {
		d := parse(Article{Text: text})
		qs, _ := quotesSaid(d, findPeople(d))
		if len(qs) != 1 || qs[0].Speaker != "" {
			t.Errorf("%q: quotes %+v, want one with no speaker", text, qs)
		}
	}
	// A surname that is also a town's, with the person named, stays.
	text := "Anna Dayton, the mayor, spoke on Monday. \"The count is slow,\" said Dayton."
	d := parse(Article{Text: text})
	qs, _ := quotesSaid(d, findPeople(d))
	if len(qs) != 1 || qs[0].Speaker != "Anna Dayton" {
		t.Errorf("%q: quotes %+v, want one by Anna Dayton", text, qs)
	}
}
