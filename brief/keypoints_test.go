package brief

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief/rouge"
)

// kpArticle is a small hand-written wire story: a byline, a dateline, a
// photo caption on its own line, and a sentence repeated nearly word for
// word further down, as DailyMail pages do.
const kpArticle = `By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 .
(CNN) -- The mayor of Springfield has resigned after an audit found that city funds paid for his family's holidays.
Mayor John Quimby (pictured) leaves City Hall in Springfield on Tuesday.
The audit, released on Monday, showed that 120,000 dollars of public money had been spent on trips to Hawaii and Las Vegas since 2019.
Council members voted unanimously to refer the case to the state attorney general.
"I have always served this city with honour," Quimby said in a short statement.
The mayor of Springfield resigned after an audit found that city funds paid for his family's holidays, officials said.
Deputy mayor Helen Lovejoy will lead the city until a special election in March.
Scroll down for video.`

func TestKeyPoints(t *testing.T) {
	d := parse(Article{Text: kpArticle})
	got := keyPoints(d, 5)
	if len(got) < 3 || len(got) > 5 {
		t.Fatalf("keyPoints gave %d points, want 3 to 5: %q", len(got), got)
	}
	repeats := 0
	for _, p := range got {
		for _, bad := range []string{"(CNN)", "pictured", "By .", "PUBLISHED", "Scroll down"} {
			if strings.Contains(p, bad) {
				t.Errorf("key point %q carries %q", p, bad)
			}
		}
		if strings.Contains(p, "The mayor of Springfield") {
			repeats++
		}
	}
	if repeats != 1 {
		t.Errorf("keyPoints(...) = %q, want the lead or its near-repeat, not both", got)
	}
}

func TestKeyPointsMax(t *testing.T) {
	d := parse(Article{Text: kpArticle})
	for _, max := range []int{3, 4, 5} {
		if got := keyPoints(d, max); len(got) != max {
			t.Errorf("keyPoints(d, %d) gave %d points: %q", max, len(got), got)
		}
	}
}

func TestKeyPointsShort(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"byline only", "By . Daily Mail Reporter .", nil},
		{"one sentence", "(CNN) -- The river burst its banks overnight in three towns.",
			[]string{"The river burst its banks overnight in three towns."}},
		{"tokenised dateline", "( cnn ) -- the river burst its banks overnight in three towns .",
			[]string{"the river burst its banks overnight in three towns ."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keyPoints(parse(Article{Text: tt.text}), 5)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keyPoints(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestBullet(t *testing.T) {
	const s = "The mayor of Springfield has resigned, officials said, after an audit which found city funds paid for holidays."
	tests := []struct {
		name string
		s    string
		max  int
		want string
	}{
		{"fits", "Short and sweet.", 40, "Short and sweet."},
		{"exact fit", "Short and sweet.", 16, "Short and sweet."},
		{"at a comma", s, 50, "The mayor of Springfield has resigned…"},
		{"before which", s, 90, "The mayor of Springfield has resigned, officials said, after an audit…"},
		{"semicolon", "Rain fell all night in the valley; the river rose by two metres before dawn.", 45, "Rain fell all night in the valley…"},
		{"spaced dash", "Gary Locke will be confirmed as manager on Friday - eight weeks after he took charge.", 60, "Gary Locke will be confirmed as manager on Friday…"},
		{"hyphen is no clause", "A well-known long-serving twenty-year-old player-manager left", 30, "A well-known long-serving…"},
		{"word fallback", "Police arrested three men in the city centre on Tuesday night", 30, "Police arrested three men in…"},
		{"too early a comma", "Yes, police arrested three men in the city centre on Tuesday night", 30, "Yes, police arrested three…"},
		{"one long word", "Supercalifragilisticexpialidocious", 10, "Supercali…"},
		{"max one", "Hello there", 1, "…"},
		{"max zero", "Hello there", 0, ""},
		{"multibyte", "Ça coûte 20 € à Zürich, dit-on, mais pas à Genève où tout est plus cher.", 31, "Ça coûte 20 € à Zürich, dit-on…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Bullet(tt.s, tt.max)
			if got != tt.want {
				t.Errorf("Bullet(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > max(tt.max, 0) {
				t.Errorf("Bullet(%q, %d) has %d runes", tt.s, tt.max, n)
			}
		})
	}
}

// kpFloors are the dev-set ROUGE-1 F1 x100 of the first three key points
// when the model was last trained, less half a point: a change that loses
// more fails here.
var kpFloors = map[string]float64{
	"cnndm_train_kaggle100.jsonl":  36.6,
	"cnndm_test_realsumm100.jsonl": 41.1,
}

func TestKeyPointsDevROUGE(t *testing.T) {
	for _, set := range devSets {
		t.Run(set, func(t *testing.T) {
			cases := readSumm(t, set)
			sum := 0.0
			for _, c := range cases {
				kp := keyPoints(parse(Article{Text: c.Text}), 5)
				sum += rouge.N(c.reference(), strings.Join(kp[:min(3, len(kp))], "\n"), 1, false).F
			}
			got := 100 * sum / float64(len(cases))
			if got < kpFloors[set] {
				t.Errorf("ROUGE-1 of key points on %s = %.2f, want at least %.2f", set, got, kpFloors[set])
			}
			t.Logf("ROUGE-1 %.2f", got)
		})
	}
}

// BenchmarkKeyPoints times the choice of key points alone, from a parsed
// article, over the realsumm dev set.
func BenchmarkKeyPoints(b *testing.B) {
	var docs []*doc
	for _, c := range readSumm(b, devSets[1]) {
		docs = append(docs, parse(Article{Text: c.Text}))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		keyPoints(docs[i%len(docs)], 5)
	}
}
