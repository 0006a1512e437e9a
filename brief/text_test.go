package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "One here. Two there! Three?", []string{"One here.", "Two there!", "Three?"}},
		{"title abbreviation", "Dr. Smith met Gov. Jones. They talked.", []string{"Dr. Smith met Gov. Jones.", "They talked."}},
		{"abbreviation after a no-break space", "said the nominee\u00a0Gov. Mike Pence. Then he left.", []string{"said the nominee\u00a0Gov. Mike Pence.", "Then he left."}},
		{"Del. and dotted initials", "said Del. Stacey Plaskett and Rep. G.K. Butterfield. Both agreed.", []string{"said Del. Stacey Plaskett and Rep. G.K. Butterfield.", "Both agreed."}},
		{"initial", "John F. Kennedy spoke. He won.", []string{"John F. Kennedy spoke.", "He won."}},
		{"letter ending a sentence", "He has hepatitis A. The diocese said so.", []string{"He has hepatitis A.", "The diocese said so."}},
		{"state", "He lives in Kansas City, Mo. The city is big.", []string{"He lives in Kansas City, Mo.", "The city is big."}},
		{"U.S. mid-sentence", "The U.S. Senate voted. It passed.", []string{"The U.S. Senate voted.", "It passed."}},
		{"quote then attribution", `"Why?" he asked. "Because," she said.`, []string{`"Why?" he asked.`, `"Because," she said.`}},
		{"closing quote", `He said: "We won." Then he left.`, []string{`He said: "We won."`, "Then he left."}},
		{"quotation of two sentences", `Varga said: "Swaps take a day. The shelling must stop." Then she left.`, []string{`Varga said: "Swaps take a day. The shelling must stop."`, "Then she left."}},
		{"unclosed quote", `He said "this never closes. So we split. Fine.`, []string{`He said "this never closes.`, "So we split.", "Fine."}},
		{"numbers and domains", "It rose 3.5 percent at example.com today. Fine.", []string{"It rose 3.5 percent at example.com today.", "Fine."}},
		{"glued sentences", "Pupils stayed at home.Half of parents agreed.", []string{"Pupils stayed at home.", "Half of parents agreed."}},
		{"name glued to the next sentence", "Police shot a man in Ferguson.The officer was cleared.", []string{"Police shot a man in Ferguson.", "The officer was cleared."}},
		{"German quotation", "„Wir sind bereit.“ Er ging.", []string{"„Wir sind bereit.“", "Er ging."}},
		{"Chinese quotation", "他说：「我们准备好了。」然后离开。", []string{"他说：「我们准备好了。」", "然后离开。"}},
		{"dotted name is not glued", "Visit St.Louis and see. Fine.", []string{"Visit St.Louis and see.", "Fine."}},
		{"tokenised", "the cat sat . the dog ran . end", []string{"the cat sat .", "the dog ran .", "end"}},
		{"CJK", "王毅周二会见了普京。双方讨论了合作。", []string{"王毅周二会见了普京。", "双方讨论了合作。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, span := range splitSentences(tt.in) {
				got = append(got, tt.in[span[0]:span[1]])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitSentences(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	a := Article{Text: "By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 15:36 EST, 25 October 2013 . The bishop of Fargo has exposed hundreds of church members to the virus. Bishop John Folda (pictured) of the Fargo diocese is taking time off . the mayor ( left ) greets the crowd at the parade . Scroll down for video\nRussian President Vladimir Putin shakes hands with Chinese Foreign Minister Wang Yi during a meeting in Moscow, Russia, on April 1, 2025.\nPutin made the remarks when meeting Wang Yi in the Kremlin."}
	d := parse(a)
	var got []string
	for _, s := range d.sents {
		got = append(got, s.kind.String())
	}
	want := []string{"byline", "byline", "boilerplate", "boilerplate", "boilerplate", "boilerplate", "boilerplate",
		"body", "caption", "caption", "boilerplate", "caption", "body"}
	if diff := cmp.Diff(want, got); diff != "" {
		for _, s := range d.sents {
			t.Logf("%s | %s", s.kind, s.text)
		}
		t.Errorf("sentence kinds (-want +got):\n%s", diff)
	}
}
