package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSpeakersAreNamed gives quotations next to words that are no one's
// name: the speaker is the person the sentence names or nobody, never a
// country, a job title, a number, a weekday, a document or a fragment.
func TestSpeakersAreNamed(t *testing.T) {
	tests := []speakerCase{
		{"country", "In Geneva, \"the talks are over,\" Switzerland said.", []string{""}},
		{"country of two words", "\"We will not pay,\" Burkina Faso said on Monday.", []string{""}},
		{"job title", "\"Prices will rise next year,\" the Finance Minister said.", []string{""}},
		{"number", "Two million people watched. \"It was a great night,\" Two Million said.", []string{""}},
		{"weekday", "\"We expect rain all week,\" said Wednesday. Then the forecast changed.", []string{""}},
		{"document", "\"Prices will rise next year,\" Monday's report said.", []string{""}},
		{"fragment", "A peace deal and \"a lasting ceasefire\" were discussed at length, the report said.", []string{""}},
		{"age", "Kofi Mensah, 56, was released on Friday. \"It was a mistake,\" the 56-year-old said.", []string{""}},
		{"glued sentences", "Police arrived in Ferguson.The officer said: \"I did my job.\"", []string{""}},
		{"title after a country", "\"There are no talks,\" Kremlin spokesman Dmitry Peskov said.", []string{"Dmitry Peskov"}},
		{"country glued before a name", "\"We will respond,\" Ukraine Volodymyr Zelensky said on Monday.", []string{"Volodymyr Zelensky"}},
		{"ministry glued before a name", "\"We will respond,\" Russian Foreign Ministry Maria Zakharova said.", []string{"Maria Zakharova"}},
		{"ministry before a role", "The Ukrainian Foreign Ministry spokesman Oleg Nikolenko said: \"This is unacceptable.\"", []string{"Oleg Nikolenko"}},
	}
	checkSpeakers(t, tests)
}

// TestSpeakersOfOtherCultures checks that names the training articles,
// mostly American political news, never showed are still read as people's
// and given their quotations.
func TestSpeakersOfOtherCultures(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Ngozi Okonjo-Iweala arrived in Abuja on Tuesday. \"We will not give up on this,\" Okonjo-Iweala said.", "Ngozi Okonjo-Iweala"},
		{"\"The deal is done,\" said Siddharth Ramaswamy, the trade secretary.", "Siddharth Ramaswamy"},
		{"\"The deal is done,\" Nguyen Thi Lan told reporters in Hanoi.", "Nguyen Thi Lan"},
		{"Oluwaseun Bello spoke in Lagos. \"We are ready,\" Bello said.", "Oluwaseun Bello"},
		{"\"It is a good day,\" Björn Lindqvist said on Monday.", "Björn Lindqvist"},
		{"\"We will rebuild,\" said Aigerim Nurlanovna, the mayor of Almaty.", "Aigerim Nurlanovna"},
		{"Xiomara Castro met the press. \"Honduras is sovereign,\" Castro said.", "Xiomara Castro"},
		{"Tanaka Hiroshi, the Japanese prime minister, met reporters. \"We stand with our allies,\" Tanaka said.", "Tanaka Hiroshi"},
		{"Priya Raghunathan, a lawyer in Chennai, filed the case. \"Justice was denied,\" she said.", "Priya Raghunathan"},
		{"Mohammed bin Salman met officials. \"The kingdom is open,\" he said.", "Mohammed bin Salman"},
		{"\"We will respond,\" said Sheikh Tamim bin Hamad Al Thani.", "Tamim bin Hamad Al Thani"},
		{"Chad Okafor arrived late. \"I was stuck in traffic,\" Okafor said.", "Chad Okafor"},
	}
	for _, tt := range tests {
		if got := speakersOf(tt.text); len(got) != 1 || got[0] != tt.want {
			t.Errorf("speakers of %q = %q, want [%q]", tt.text, got, tt.want)
		}
	}
}

// speakersOf returns the speaker of every quotation found in text, "" for
// an unattributed one.
// speakerCase is an article and the speakers of its quotations in order.
type speakerCase struct {
	name, text string
	want       []string
}

// checkSpeakers runs each case as a subtest.
func checkSpeakers(t *testing.T, tests []speakerCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, speakersOf(tt.text)); diff != "" {
				t.Errorf("speakers of %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func speakersOf(text string) []string {
	var out []string
	for _, q := range articleQuotes(Article{Text: text}) {
		out = append(out, q.Speaker)
	}
	return out
}

// TestSpeakerGender follows "she" to the woman the article names, not to
// the man quoted last, when only the given names tell their genders.
func TestSpeakerGender(t *testing.T) {
	text := "Peter Moss heard the case at Guildford Crown Court on Monday. Trina Little, for the prosecution, described the scheme. " +
		"Peter Moss said: \"This was a cruel deception.\" She said: \"The deposits were never banked.\""
	want := []string{"Peter Moss", "Trina Little"}
	if diff := cmp.Diff(want, speakersOf(text)); diff != "" {
		t.Errorf("speakers of %q (-want +got):\n%s", text, diff)
	}
}

// TestSpeakerPronounRival leaves "He said" unattributed when it may go on
// with the man quoted last or stand for another man named since, before it
// or in its own sentence: right or silent. A rival of unknown gender or of
// the other one leaves the carry-over alone.
func TestSpeakerPronounRival(t *testing.T) {
	tests := []speakerCase{
		{"rival of the same gender", "Defence Secretary John Carter defended the plan on Monday. \"We will act,\" he said.\n\n" +
			"Michael Walsh, a retired general, called the plan reckless. He said: \"This will not work.\"", []string{"John Carter", ""}},
		{"rival of the other gender", "Defence Secretary John Carter defended the plan on Monday. \"We will act,\" he said.\n\n" +
			"Mrs Mary Walsh, a retired general, called the plan reckless. He said: \"This will not work.\"", []string{"John Carter", "John Carter"}},
		{"rival in the pronoun's sentence", "Detective John Carter led the inquiry. \"It was a long case,\" he said.\n\n" +
			"Michael Walsh was jailed for six years at Leeds Crown Court (pictured) He added: \"Justice was done.\"", []string{"John Carter", ""}},
		{"no rival", "Defence Secretary John Carter defended the plan on Monday. \"We will act,\" he said.\n\n" +
			"The plan was called reckless. He said: \"This will work.\"", []string{"John Carter", "John Carter"}},
	}
	checkSpeakers(t, tests)
}

// TestSpeakerRuleDisagrees leaves a quotation unattributed when its own
// sentence says who speaks ("said the photographer") and the model picks a
// person named only in other sentences; it keeps the speaker a role noun
// leads to.
func TestSpeakerRuleDisagrees(t *testing.T) {
	tests := []speakerCase{
		{"another speaker in the sentence", "Jellyfish were seen off Dorset on Sunday. Richard Harrington, of the Marine Trust, said: \"We see them every summer.\"\n\n" +
			"\"They are not dangerous, but do not touch them,\" said the photographer.", []string{"Richard Harrington", ""}},
		{"the role of the speaker", "Storms hit the coast on Sunday. Environment Minister Richard Harrington said: \"We see them every winter.\"\n\n" +
			"\"They are not dangerous, but keep away from the sea,\" said the minister.", []string{"Richard Harrington", "Richard Harrington"}},
		{"a name in another clause", "Maps are big business. Google Maps claims that it is on \"a quest for the perfect map, street by street\", but Jerry Brotton, a historian of maps, is not so sure.",
			[]string{""}},
	}
	checkSpeakers(t, tests)
}

// TestSpeakerInAppositive leaves a quotation unattributed rather than give
// it to a name in the description of the sentence's opening name: the
// opener says it, not his wife.
func TestSpeakerInAppositive(t *testing.T) {
	checkSpeakers(t, []speakerCase{
		{"wife in the description", "The recipe won a prize on Friday. Mr John Hale, a builder who lives near Leeds with his wife, Betty, 43, and their sons Tom, 15, and Sam, 13, said: \"We never expected to win.\"",
			[]string{""}},
		{"no description", "The recipe won a prize on Friday. Mr John Hale said: \"We never expected to win.\"",
			[]string{"John Hale"}},
	})
}

// TestSpeakerEmbeddedSubject does not read "said he is" as "said he": the
// pronoun is the subject of what is said, not the one saying it.
func TestSpeakerEmbeddedSubject(t *testing.T) {
	checkSpeakers(t, []speakerCase{
		{"said he is", "Chief executive Andrew Moss said: \"We will listen to our shareholders.\"\n\n" +
			"Business Secretary Okonkwo Vance spoke on Monday. The revolt was described as \"a healthy development for the market\", and said he is pleased.",
			[]string{"Andrew Moss", ""}},
		{"said he", "Chief executive Andrew Moss said: \"We will listen to our shareholders.\"\n\n" +
			"\"It is a healthy development for the market,\" said he.",
			[]string{"Andrew Moss", "Andrew Moss"}},
	})
}
