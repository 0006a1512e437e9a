package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/brief"
)

func TestMergeSpans(t *testing.T) {
	tests := []struct {
		name string
		in   []span
		want []span
	}{
		{name: "none", in: nil, want: nil},
		{name: "disjoint unsorted", in: []span{{10, 12}, {0, 3}}, want: []span{{0, 3}, {10, 12}}},
		{name: "overlapping", in: []span{{0, 5}, {3, 8}, {2, 4}}, want: []span{{0, 8}}},
		{name: "touching", in: []span{{0, 5}, {5, 8}}, want: []span{{0, 8}}},
		{name: "empty dropped", in: []span{{4, 4}, {1, 2}}, want: []span{{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeSpans(tt.in)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(span{})); diff != "" {
				t.Errorf("mergeSpans(%v) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	// "é" and "’" are several bytes but one character each: offsets must
	// come out in characters.
	text := `José’s aide said: "yes". Later: "yes". And "no".`
	tests := []struct {
		name   string
		quotes []brief.Quote
		want   []located
	}{
		{
			name:   "offsets in characters",
			quotes: []brief.Quote{{Text: `"yes"`, Speaker: "José"}},
			want:   []located{{span: span{18, 23}, found: true, speaker: "José"}},
		},
		{
			name:   "repeated text takes the next occurrence",
			quotes: []brief.Quote{{Text: `"yes"`}, {Text: `"yes"`}},
			want:   []located{{span: span{18, 23}, found: true}, {span: span{32, 37}, found: true}},
		},
		{
			name:   "out of order falls back to the first occurrence",
			quotes: []brief.Quote{{Text: `"no"`}, {Text: `"yes"`}},
			want:   []located{{span: span{43, 47}, found: true}, {span: span{18, 23}, found: true}},
		},
		{
			name:   "not in the text, or empty",
			quotes: []brief.Quote{{Text: `"maybe"`, Speaker: "X"}, {Text: " "}},
			want:   []located{{speaker: "X"}, {}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := locate(text, tt.quotes)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(located{}, span{})); diff != "" {
				t.Errorf("locate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreQuotes(t *testing.T) {
	// One article: content spans 10-20 (direct, by Jane Doe), 30-40
	// (indirect) and 50-60 (direct, by "he").
	gold := goldArticle{
		content: []span{{10, 20}, {30, 40}, {50, 60}},
		direct: []goldQuote{
			{content: []span{{10, 20}}, source: "Sen. Jane Doe (D-N.Y.)"},
			{content: []span{{50, 60}}, source: "he"},
		},
	}
	at := func(start, end int, speaker string) located {
		return located{span: span{start, end}, found: true, speaker: speaker}
	}
	tests := []struct {
		name  string
		preds []located
		want  quoteCounts
	}{
		{
			name: "nothing predicted",
			want: quoteCounts{direct: 2},
		},
		{
			name:  "exact quotes, speaker right",
			preds: []located{at(10, 20, "Jane Doe"), at(50, 60, "John Roe")},
			want:  quoteCounts{predicted: 2, located: 2, right: 2, direct: 2, found: 2, named: 1, speakerRight: 1},
		},
		{
			name:  "speaker wrong",
			preds: []located{at(10, 20, "Janet Doering")},
			want:  quoteCounts{predicted: 1, located: 1, right: 1, direct: 2, found: 1, named: 1, speakerWrong: 1},
		},
		{
			name:  "empty speaker is not wrong",
			preds: []located{at(10, 20, " ")},
			want:  quoteCounts{predicted: 1, located: 1, right: 1, direct: 2, found: 1, named: 1},
		},
		{
			name: "exactly half inside is right and found",
			// 5 of 10 characters in content; covers 5 of the quote's 10.
			preds: []located{at(15, 25, "doe")},
			want:  quoteCounts{predicted: 1, located: 1, right: 1, direct: 2, found: 1, named: 1, speakerRight: 1},
		},
		{
			name:  "less than half inside is wrong and not found",
			preds: []located{at(16, 26, "Doe")},
			want:  quoteCounts{predicted: 1, located: 1, direct: 2},
		},
		{
			name:  "indirect content makes a prediction right but finds nothing",
			preds: []located{at(30, 40, "Doe")},
			want:  quoteCounts{predicted: 1, located: 1, right: 1, direct: 2},
		},
		{
			name:  "not located counts against precision",
			preds: []located{{speaker: "Doe"}, at(0, 5, "")},
			want:  quoteCounts{predicted: 2, located: 1, direct: 2},
		},
		{
			name: "speaker from the prediction covering most",
			// Both cover half or more of 10-20; the second covers more.
			preds: []located{at(5, 15, "Someone Else"), at(12, 20, "Jane Doe")},
			want:  quoteCounts{predicted: 2, located: 2, right: 2, direct: 2, found: 1, named: 1, speakerRight: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scoreQuotes(gold, tt.preds)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(quoteCounts{})); diff != "" {
				t.Errorf("scoreQuotes mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestQuoteRatios(t *testing.T) {
	tests := []struct {
		name      string
		c         quoteCounts
		p, r, f1  float64
		speakerOK float64
		wrong     float64
	}{
		{name: "empty", c: quoteCounts{}},
		{name: "no predictions", c: quoteCounts{direct: 4}},
		{name: "mixed", c: quoteCounts{predicted: 4, right: 3, direct: 6, found: 3, named: 4, speakerRight: 2, speakerWrong: 1},
			p: 0.75, r: 0.5, f1: 0.6, speakerOK: 0.5, wrong: 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []float64{tt.c.precision(), tt.c.recall(), tt.c.f1(), tt.c.speakerAccuracy(), tt.c.wrongSpeakerRate()}
			want := []float64{tt.p, tt.r, tt.f1, tt.speakerOK, tt.wrong}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })); diff != "" {
				t.Errorf("[P R F1 speaker wrong] of %+v mismatch (-want +got):\n%s", tt.c, diff)
			}
		})
	}
}

func TestNameWord(t *testing.T) {
	tests := []struct {
		source string
		want   string
		ok     bool
	}{
		{source: "Trump", want: "trump", ok: true},
		{source: "Mr. Obama", want: "obama", ok: true},
		{source: "White House press secretary Josh Earnest", want: "earnest", ok: true},
		{source: "the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church", want: "wherry", ok: true},
		{source: "Sen. Lindsey Graham (R-S.C.)", want: "graham", ok: true},
		{source: "O’Neill", want: "o'neill", ok: true},
		{source: "Trump’s", want: "trump", ok: true},
		{source: "He"},
		{source: " she "},
		{source: "who"},
		{source: "the president"},
		{source: "said"},
		{source: ""},
	}
	for _, tt := range tests {
		got, ok := nameWord(tt.source)
		if got != tt.want || ok != tt.ok {
			t.Errorf("nameWord(%q) = %q, %v, want %q, %v", tt.source, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGoldRuneOffsets(t *testing.T) {
	// PolNeAR counts offsets in characters; the quote after "José" and
	// "’" starts at character 17 but byte 20.
	text := "José’s aide said “we won” today. He added “fine”."
	row := polnearRow{ID: "a1", Text: text}
	row.Attributions = make([]polnearAttribution, 2)
	row.Attributions[0].Source = &struct {
		Text string `json:"text"`
	}{Text: "José"}
	row.Attributions[0].Content = []polnearContent{{Segments: [][2]int{{17, 25}}}}
	row.Attributions[0].FullyQuoted = true
	row.Attributions[1].Content = []polnearContent{{Segments: [][2]int{{42, 48}}}}
	row.Attributions[1].FullyQuoted = true

	gold, err := row.gold()
	if err != nil {
		t.Fatalf("gold() error: %v", err)
	}
	preds := locate(text, []brief.Quote{{Text: "“we won”", Speaker: "José García"}, {Text: "“fine”"}})
	got := scoreQuotes(gold, preds)
	want := quoteCounts{predicted: 2, located: 2, right: 2, direct: 2, found: 2, named: 1, speakerRight: 1}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(quoteCounts{})); diff != "" {
		t.Errorf("scoreQuotes on a non-ASCII article mismatch (-want +got):\n%s", diff)
	}

	row.Attributions[1].Content[0].Segments = [][2]int{{42, 60}}
	if _, err := row.gold(); err == nil {
		t.Errorf("gold() with a segment past the text = nil error, want one")
	}
}

func TestPolnearArticle(t *testing.T) {
	row := polnearRow{ID: "x", Title: "Big News", Date: "2016-09-12", Text: "Big News.\n\nBody starts here."}
	a := row.article()
	if a.Title != "Big News" || a.Text != "Body starts here." || a.Published.Format("2006-01-02") != "2016-09-12" {
		t.Errorf("article() = %+v, want title, body without headline, published 2016-09-12", a)
	}
}
