package brief

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOtherLanguages briefs the German, French, Russian and Chinese
// fixtures: the language is detected, every quotation is found whole in
// its language's marks, and no speaker or meeting is guessed.
func TestOtherLanguages(t *testing.T) {
	tests := []struct {
		file   string
		lang   string
		quotes int
	}{
		{"lang-de.txt", "de", 4},
		{"lang-fr.txt", "fr", 4},
		{"lang-ru.txt", "ru", 3},
		{"lang-zh.txt", "zh", 3},
	}
	pairs := map[rune]rune{'„': '“', '»': '«', '«': '»', '「': '」', '“': '”'}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := briefFile(t, New(Options{}), filepath.Join("testdata", "golden", tt.file))
			if b.Language != tt.lang {
				t.Errorf("Summarize(%s).Language = %q, want %q", tt.file, b.Language, tt.lang)
			}
			if len(b.Meetings) != 0 {
				t.Errorf("Summarize(%s).Meetings = %v, want none in a language no meeting model reads", tt.file, b.Meetings)
			}
			if len(b.Quotes) != tt.quotes {
				t.Errorf("Summarize(%s) gave %d quotes, want %d: %q", tt.file, len(b.Quotes), tt.quotes, b.Quotes)
			}
			for _, q := range b.Quotes {
				if q.Speaker != "" || q.SpeakerRole != "" {
					t.Errorf("quote %q has speaker %q (%q), want none", q.Text, q.Speaker, q.SpeakerRole)
				}
				open, _ := utf8.DecodeRuneInString(q.Text)
				last, _ := utf8.DecodeLastRuneInString(q.Text)
				if pairs[open] != last {
					t.Errorf("quote %q does not run from its opening mark to the matching closing one", q.Text)
				}
				if strings.ContainsRune(q.Text[utf8.RuneLen(open):], open) {
					t.Errorf("quote %q runs into the next quotation", q.Text)
				}
			}
			if len(b.KeyPoints) == 0 {
				t.Errorf("Summarize(%s) gave no key points", tt.file)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Amara Osei met Luka Varga in Geneva on Sunday.", "en"},
		{"the minister said talks would go on next week .", "en"},
		{"Rose Bowl skywriters blast Trump.", "en"},
		{"Millennial Democratics prefer Bernie Sanders.", "en"},
		{"Jeb Bush Super PAC Chief Praises Marco Rubio Donor’s Anti-Donald Trump Skywriting Campaign.", "en"},
		{"Bahn-Streik: Regierung legt neuen Plan vor", "de"},
		{"Scholz und Macron beraten über Ukraine", "de"},
		{"Macron reçoit Scholz à l'Élysée", "fr"},
		{"Nuevo plan del gobierno para el transporte", "es"},
		{"Die Regierung hat am Montag neue Pläne für den Ausbau der Bahn vorgestellt.", "de"},
		{"Le gouvernement a présenté lundi un nouveau plan pour les transports publics.", "fr"},
		{"El gobierno presentó el lunes un nuevo plan para el transporte público.", "es"},
		{"Правительство в понедельник представило новый план развития транспорта. Его обсудят в Думе.", "ru"},
		{"政府周一公布了新的公共交通发展计划。", "zh"},
		{"政府は月曜日、新しい公共交通計画を発表した。", "ja"},
		{"12:30 — 45 / 7", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage("", tt.text); got != tt.want {
			t.Errorf("detectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDetectLanguageEnglishNews measures how often English news is taken
// for English: whole, as a title with its first two body sentences, and
// as a title alone, over PolNeAR train and dev and both CNN/DailyMail dev
// sets. All are English, and taking English for another language would
// silence an article's speakers and meetings. A headline is short and
// full of names, which fool a trigram detector.
func TestDetectLanguageEnglishNews(t *testing.T) {
	type row struct{ Title, Text string }
	var arts []row
	for _, set := range []string{"train", "dev"} {
		for _, a := range readPolNeAR(t, set) {
			arts = append(arts, row{a.Title, a.Text})
		}
	}
	for _, set := range []string{"cnndm_train_kaggle100", "cnndm_test_realsumm100"} {
		arts = append(arts, readJSONL[row](t, filepath.Join(evalDir(t), "summ", set+".jsonl"), 0)...)
	}
	var whole, short, title, titled int
	for _, a := range arts {
		if detectLanguage(a.Title, a.Text) == English {
			whole++
		}
		lead := strings.Join(leadSentences(parse(Article{Text: a.Text}), 3), " ")
		if detectLanguage(a.Title, lead) == English {
			short++
		}
		if a.Title != "" {
			titled++
			if detectLanguage(a.Title, "") == English {
				title++
			}
		}
	}
	t.Logf("English detected: %d/%d whole articles, %d/%d titles with two sentences, %d/%d titles alone", whole, len(arts), short, len(arts), title, titled)
	if whole < len(arts) || short < len(arts) || float64(title) < 0.99*float64(titled) {
		t.Errorf("English detected in %d/%d articles, %d/%d short ones and %d/%d titles, want all, all and 99%%", whole, len(arts), short, len(arts), title, titled)
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	a := seedArticle(b)
	foreign, err := os.ReadFile(filepath.Join("testdata", "golden", "lang-de.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("english", func(b *testing.B) {
		for b.Loop() {
			detectLanguage(a.Title, a.Text)
		}
	})
	b.Run("german", func(b *testing.B) {
		for b.Loop() {
			detectLanguage("", string(foreign))
		}
	})
}
