package bot_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // String() of the parsed query
	}{
		{"word", "ukraine", "ukraine"},
		{"case and space", "  UKRAINE ", "ukraine"},
		{"possessive", "Ukraine's", "ukraine"},
		{"curly possessive", "Ukraine\u2019s", "ukraine"},
		{"plural", "elections", "election"},
		{"ies plural", "policies", "policy"},
		{"irregular plural", "crises", "crisis"},
		{"es plural", "taxes churches classes", "church class tax"},
		{"news stays news", "news", "news"},
		{"short word stays", "gas bus", "bus gas"},
		{"diacritics", "Café Zelenskyy", "cafe zelenskyy"},
		{"letters without a base", "Straße Łódź", "lodz strasse"},
		{"phrase", `"climate change" -opinion`, `"climate change" -opinion`},
		{"curly phrase", "\u201cclimate change\u201d", `"climate change"`},
		{"low quote phrase", "\u201eclimate change\u201c", `"climate change"`},
		{"one-word phrase is a word", `"Ukraine"`, "ukraine"},
		{"inner punctuation is a phrase", "covid-19", `"covid 19"`},
		{"or", `ai OR chips -"press release"`, `ai OR chip -"press release"`},
		{"pipe is or", "ai | chips", "ai OR chip"},
		{"or binds tighter than and", "a b OR c", "a b OR c"},
		{"or groups sorted", "zebra OR apple", "apple OR zebra"},
		{"and groups sorted", "zebra apple", "apple zebra"},
		{"repeats dropped", "ukraine Ukraine UKRAINE -x -X", "ukraine -x"},
		{"lower-case or is a word", "war or peace", "or peace war"},
		{"and is noise", "ukraine AND russia", "russia ukraine"},
		{"punctuation-only term dropped", "Israel & Gaza", "gaza israel"},
		{"lone dash dropped", "ukraine -", "ukraine"},
		{"excluded phrase", `nato -"press release" -opinion`, `nato -opinion -"press release"`},
		{"quote ends a word", `climate"change now"`, `"change now" climate`},
		{"max terms", strings.Repeat("w ", bot.MaxQueryTerms), "w"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := bot.ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q) error: %v", tt.in, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("ParseQuery(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
			again, err := bot.ParseQuery(q.String())
			if err != nil || again.String() != q.String() {
				t.Errorf("ParseQuery(%q) = %q, %v; want %q, nil", q.String(), again.String(), err, q.String())
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		hint string // the error must say this, so the user knows what to do
	}{
		{"empty", "", "empty query"},
		{"blank", " \t\n ", "empty query"},
		{"nothing to match", "&& !!! --", "empty query"},
		{"empty phrase", `""`, "empty query"},
		{"only exclusions", "-opinion -sport", "add a word"},
		{"only excluded phrase", `-"press release"`, "add a word"},
		{"unbalanced quote", `"climate change`, "close the phrase"},
		{"unbalanced curly quote", "\u201cclimate change", "close the phrase"},
		{"or at start", "OR ukraine", "OR needs"},
		{"or at end", "ukraine OR", "OR needs"},
		{"or or", "ai OR OR chips", "OR needs"},
		{"or and", "ai OR AND chips", "OR needs"},
		{"or with exclusion", "ai OR -chips", "cannot be joined by OR"},
		{"exclusion before or", "-ai OR chips", "OR needs"},
		{"too many characters", strings.Repeat("a", bot.MaxQueryLen+1), "too long"},
		{"too many bytes", strings.Repeat("é", bot.MaxQueryLen+1), "too long"},
		{"too many terms", strings.Repeat("w ", bot.MaxQueryTerms+1), "too long"},
		// 200 characters, but 201 once the inner ! becomes a quoted phrase.
		{"too long once canonical", strings.Repeat("0", 100) + "!" + strings.Repeat("0", 99), "too long"},
		{"too long once folded", strings.Repeat("ß", bot.MaxQueryLen/2+1), "too long"},
		{"a megabyte", strings.Repeat("ukraine ", 1<<17), "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := bot.ParseQuery(tt.in)
			var qe *bot.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%.40q) = %q, %v; want a *QueryError", tt.in, q.String(), err)
			}
			if !strings.Contains(qe.Msg, tt.hint) {
				t.Errorf("ParseQuery(%.40q) error = %q, want it to say %q", tt.in, qe.Msg, tt.hint)
			}
		})
	}
}

// TestParseQueryOversizeIsCheap guards against a megabyte message costing
// more than a short one: it must be refused before it is read.
func TestParseQueryOversizeIsCheap(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector; plain go test checks them")
	}
	huge := strings.Repeat(`"a `, 1<<20/3)
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := bot.ParseQuery(huge); err == nil {
			t.Fatal("ParseQuery(1 MB) succeeded")
		}
	})
	if allocs > 2 {
		t.Errorf("ParseQuery(1 MB) allocates %v times, want at most 2: the input must not be read", allocs)
	}
}

func TestQueryMatch(t *testing.T) {
	tests := []struct {
		query string
		title string
		text  string
		want  bool
	}{
		{"ukraine", "Talks on Ukraine", "", true},
		{"ukraine", "", "Kyiv said Ukraine's army held the line.", true},
		{"ukraine", "Ukrainian grain", "", false},
		{"UKRAINE", "", "ukraine", true},
		{"ai", "", "The minister said Haiti needs aid.", false},
		{"ai", "", "Chips for AI are scarce.", true},
		{"ai", "", "A.I. is everywhere", false}, // the letters stand apart
		{"election", "", "Elections were held.", true},
		{"elections", "", "The election was held.", true},
		{"policy", "", "New policies on trade.", true},
		{"crisis", "", "A decade of crises.", true},
		{"tax", "", "Taxes rise.", true},
		{"news", "", "new rules", false},
		{"new", "", "the news", false},
		{"cafe", "", "A café in Paris.", true},
		{"café", "", "A cafe in Paris.", true},
		{"zelensky", "", "President Zelenský spoke.", true},
		{"strasse", "", "Die Straße.", true},
		{`"climate change"`, "", "Climate change is accelerating.", true},
		{`"climate change"`, "", "The climate is going to change.", false},
		{`"climate change"`, "", "Climate\nchange", false}, // a phrase stays in its paragraph
		{`"climate change"`, "Climate", "Change is coming", false},
		{`"climate changes"`, "", "climate change", true},
		{`"climate change" -opinion`, "Opinion: climate change is real", "", false},
		{`"climate change" -opinion`, "Climate change report", "", true},
		{`ai OR chips -"press release"`, "", "Chip makers grow.", true},
		{`ai OR chips -"press release"`, "", "AI chips: a press release.", false},
		{`ai OR chips -"press release"`, "", "A release to the press about AI.", true},
		{`ai OR chips`, "", "Nothing here.", false},
		{"a b OR c", "", "a c", true},
		{"a b OR c", "", "b c", false},
		{"a b OR c", "", "a", false},
		{"covid-19", "", "Covid 19 cases", true},
		{"covid 19", "", "COVID-19 cases", true},
		{"don't", "", "I dont know", true},
		{"putin xi", "Putin meets Xi", "", true},
		{"putin xi", "Putin meets Modi", "", false},
		{"путин", "", "Путин встретился", true},
		{"o'brien", "", "Mr O\u2019Brien said", true},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.title+"/"+tt.text, func(t *testing.T) {
			q, err := bot.ParseQuery(tt.query)
			if err != nil {
				t.Fatalf("ParseQuery(%q) error: %v", tt.query, err)
			}
			a := brief.Article{Title: tt.title, Text: tt.text}
			if got := q.Match(a); got != tt.want {
				t.Errorf("ParseQuery(%q).Match(%q, %q) = %v, want %v", tt.query, tt.title, tt.text, got, tt.want)
			}
			if got := q.MatchText(bot.NewMatchText(a)); got != tt.want {
				t.Errorf("ParseQuery(%q).MatchText(%q, %q) = %v, want %v", tt.query, tt.title, tt.text, got, tt.want)
			}
		})
	}
}

func TestZeroQueryMatchesNothing(t *testing.T) {
	var q bot.Query
	a := brief.Article{Title: "anything", Text: "at all"}
	if q.Match(a) {
		t.Errorf("Query{}.Match(%v) = true, want false", a)
	}
	if got := q.String(); got != "" {
		t.Errorf("Query{}.String() = %q, want empty", got)
	}
}

// TestQueryStringKeys checks that the queries a user would think of as the
// same subscribe to the same key, and different ones do not.
func TestQueryStringKeys(t *testing.T) {
	same := [][]string{
		{"Ukraine", "ukraine ", "UKRAINE", `"ukraine"`, "Ukraine's", "\u201cUkraine\u201d"},
		{"ai OR chips", "chips OR ai", "AI | chip", "chips OR AI OR ai"},
		{`"climate change" -opinion`, `-Opinion "Climate Change"`, `-opinions "climate changes"`},
		{"a b OR c", "c OR b a", "a AND b OR c"},
	}
	for _, group := range same {
		want := mustParse(t, group[0]).String()
		for _, s := range group[1:] {
			if got := mustParse(t, s).String(); got != want {
				t.Errorf("ParseQuery(%q).String() = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
	for _, pair := range [][2]string{{"a b OR c", "a OR b c"}, {"news", "new"}, {"ai", "-ai x"}} {
		if a, b := mustParse(t, pair[0]).String(), mustParse(t, pair[1]).String(); a == b {
			t.Errorf("ParseQuery(%q) and ParseQuery(%q) both have String() %q, want different", pair[0], pair[1], a)
		}
	}
}

func mustParse(t testing.TB, s string) bot.Query {
	t.Helper()
	q, err := bot.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q) error: %v", s, err)
	}
	return q
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"ukraine", `"climate change" -opinion`, `ai OR chips -"press release"`,
		"a b OR c", "Café Zelenskyy Straße", "Ukraine\u2019s crises", "\u201eq\u201c",
		`"unbalanced`, "OR", "-x", "covid-19 | AND", "\u0301\u0301", "ǅ ﬁ ½ İ",
		strings.Repeat("w ", 25),
		strings.Repeat("0", 100) + "!" + strings.Repeat("0", 99),
	} {
		f.Add(s)
	}
	article := brief.Article{Title: "Ukraine talks", Text: "Climate change and AI chips: a press release.\nCafé"}
	mt := bot.NewMatchText(article)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := bot.ParseQuery(s)
		if err != nil {
			var qe *bot.QueryError
			if !errors.As(err, &qe) || qe.Msg == "" {
				t.Fatalf("ParseQuery(%q) error = %v, want a *QueryError with a message", s, err)
			}
			return
		}
		key := q.String()
		if key == "" {
			t.Fatalf("ParseQuery(%q).String() is empty", s)
		}
		again, err := bot.ParseQuery(key)
		if err != nil {
			t.Fatalf("ParseQuery(%q) of ParseQuery(%q).String() error: %v", key, s, err)
		}
		if got := again.String(); got != key {
			t.Fatalf("ParseQuery(%q).String() = %q, want %q (from %q)", key, got, key, s)
		}
		if got, want := again.MatchText(mt), q.MatchText(mt); got != want {
			t.Fatalf("ParseQuery(%q).MatchText = %v, want %v as for %q", key, got, want, s)
		}
		// Matching odd text (the input itself) must not panic either.
		_ = q.Match(brief.Article{Title: s, Text: key})
	})
}

// benchWords is a vocabulary for synthetic articles and queries, with
// plurals, possessives and diacritics so the folding is exercised.
func benchWords(r *rand.Rand, n int) []string {
	syll := []string{"ka", "ro", "mi", "tu", "le", "sa", "no", "vi", "de", "ga", "pe", "zo", "ré", "lu"}
	words := make([]string, n)
	for i := range words {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words[i] = b.String()
	}
	return words
}

func benchArticles(r *rand.Rand, vocab []string, n int) []brief.Article {
	arts := make([]brief.Article, n)
	for i := range arts {
		var text strings.Builder
		for j := range 600 { // about a news article's length
			w := vocab[int(r.ExpFloat64()*float64(len(vocab))/8)%len(vocab)]
			switch r.IntN(10) {
			case 0:
				w = strings.ToUpper(w[:1]) + w[1:] + "s"
			case 1:
				w += "'s"
			}
			text.WriteString(w)
			if j%15 == 14 {
				text.WriteString(".\n")
			} else {
				text.WriteByte(' ')
			}
		}
		arts[i] = brief.Article{Title: vocab[r.IntN(len(vocab))] + " " + vocab[r.IntN(len(vocab))], Text: text.String()}
	}
	return arts
}

func benchQueries(b *testing.B, r *rand.Rand, vocab []string, n int) []bot.Query {
	b.Helper()
	qs := make([]bot.Query, n)
	for i := range qs {
		w := func() string { return vocab[r.IntN(len(vocab))] }
		var s string
		switch r.IntN(4) {
		case 0:
			s = w()
		case 1:
			s = fmt.Sprintf("%s %s", w(), w())
		case 2:
			s = fmt.Sprintf(`"%s %s" -%s`, w(), w(), w())
		case 3:
			s = fmt.Sprintf("%s OR %s %s -%s", w(), w(), w(), w())
		}
		qs[i] = mustParse(b, s)
	}
	return qs
}

// BenchmarkQueryMatch matches 10,000 subscriptions against 100 articles,
// each article tokenised once; ns/match is the cost of one query against
// one article.
func BenchmarkQueryMatch(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := benchWords(r, 5000)
	arts := benchArticles(r, vocab, 100)
	qs := benchQueries(b, r, vocab, 10000)
	texts := make([]*bot.MatchText, len(arts))
	for i, a := range arts {
		texts[i] = bot.NewMatchText(a)
	}
	matched := 0
	b.ResetTimer()
	for b.Loop() {
		for _, mt := range texts {
			for _, q := range qs {
				if q.MatchText(mt) {
					matched++
				}
			}
		}
	}
	n := float64(b.N) * float64(len(texts)*len(qs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/match")
	b.ReportMetric(float64(matched)/n, "matched/match")
}

// BenchmarkNewMatchText is the once-per-article cost of tokenising a
// 600-word article.
func BenchmarkNewMatchText(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	arts := benchArticles(r, benchWords(r, 5000), 100)
	var bytes int
	for _, a := range arts {
		bytes += len(a.Title) + len(a.Text)
	}
	b.SetBytes(int64(bytes / len(arts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		bot.NewMatchText(arts[i%len(arts)])
		i++
	}
}
