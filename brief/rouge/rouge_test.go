package rouge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// evalDir returns ../shared/eval relative to the module root, or skips the
// test when the shared evaluation data is not there (a user's own clone).
func evalDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("eval data absent: no go.mod above the package, so no ../shared/eval")
		}
		dir = parent
	}
	eval := filepath.Join(dir, "..", "shared", "eval")
	if _, err := os.Stat(filepath.Join(eval, "rouge_testdata", "expected.json")); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("eval data absent: %s not found", eval)
	}
	return eval
}

type expectedCase struct {
	Ref     string  `json:"ref"`
	Pred    string  `json:"pred"`
	Metric  string  `json:"metric"`
	Stem    bool    `json:"stem"`
	R       float64 `json:"R"`
	P       float64 `json:"P"`
	F       float64 `json:"F"`
	Literal bool    `json:"literal"`
}

// caseText resolves a text of expected.json: the text itself when literal,
// "file:i" for line i of a file, or "file" for the whole file.
func caseText(dir, spec string, literal bool) (string, error) {
	if literal {
		return spec, nil
	}
	name, line, hasLine := strings.Cut(spec, ":")
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return "", fmt.Errorf("read case text: %w", err)
	}
	if !hasLine {
		return string(b), nil
	}
	i, err := strconv.Atoi(line)
	if err != nil {
		return "", fmt.Errorf("case text %q: %w", spec, err)
	}
	lines := strings.Split(string(b), "\n")
	if i >= len(lines) {
		return "", fmt.Errorf("case text %q: file has %d lines", spec, len(lines))
	}
	return lines[i], nil
}

// TestExpected checks every published rouge-score / ROUGE-1.5.5 value.
func TestExpected(t *testing.T) {
	dir := filepath.Join(evalDir(t), "rouge_testdata")
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data struct{ Cases []expectedCase }
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatalf("parse expected.json: %v", err)
	}
	if len(data.Cases) == 0 {
		t.Fatal("expected.json has no cases")
	}
	for i, c := range data.Cases {
		t.Run(fmt.Sprintf("%d_%s_stem=%v", i, c.Metric, c.Stem), func(t *testing.T) {
			ref, err := caseText(dir, c.Ref, c.Literal)
			if err != nil {
				t.Fatal(err)
			}
			pred, err := caseText(dir, c.Pred, c.Literal)
			if err != nil {
				t.Fatal(err)
			}
			var got Score
			switch c.Metric {
			case "rouge1":
				got = N(ref, pred, 1, c.Stem)
			case "rouge2":
				got = N(ref, pred, 2, c.Stem)
			case "rougeL":
				got = L(ref, pred, c.Stem)
			case "rougeLsum":
				got = Lsum(ref, pred, c.Stem)
			default:
				t.Fatalf("unknown metric %q", c.Metric)
			}
			want := Score{P: c.P, R: c.R, F: c.F}
			if diff := cmp.Diff(want, got, cmp.Comparer(near)); diff != "" {
				t.Errorf("%s(%s, %s) mismatch (-want +got):\n%s", c.Metric, c.Ref, c.Pred, diff)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-3 }

func TestScores(t *testing.T) {
	one := Score{P: 1, R: 1, F: 1}
	text := "The cat sat on the mat.\nIt was happy there."
	tests := []struct {
		name       string
		ref, pred  string
		r1, r2, rl Score
		rlsum      Score
	}{
		{name: "identical", ref: text, pred: text, r1: one, r2: one, rl: one, rlsum: one},
		{name: "identical ignoring case and punctuation", ref: "Hello, World!", pred: "hello world", r1: one, r2: one, rl: one, rlsum: one},
		{name: "disjoint", ref: "alpha beta gamma", pred: "delta epsilon"},
		{name: "empty both", ref: "", pred: ""},
		{name: "empty prediction", ref: text, pred: ""},
		{name: "empty reference", ref: "", pred: text},
		{name: "punctuation only", ref: "...", pred: "!!"},
		{name: "blank lines", ref: "\n\n", pred: "\n \n"},
		{
			// rouge-score's own example: target "testing one two",
			// prediction "testing".
			name: "prediction inside reference", ref: "testing one two", pred: "testing",
			r1:    Score{P: 1, R: 1.0 / 3, F: 0.5},
			rl:    Score{P: 1, R: 1.0 / 3, F: 0.5},
			rlsum: Score{P: 1, R: 1.0 / 3, F: 0.5},
		},
		{
			// Clipped counts: "the" appears twice in the prediction but
			// once in the reference.
			name: "repeated unigram is clipped", ref: "the cat", pred: "the the",
			r1:    Score{P: 0.5, R: 0.5, F: 0.5},
			rl:    Score{P: 0.5, R: 0.5, F: 0.5},
			rlsum: Score{P: 0.5, R: 0.5, F: 0.5},
		},
		{
			// Order matters for bigrams and LCS, not for unigrams.
			name: "reversed", ref: "a b c d", pred: "d c b a",
			r1:    one,
			rl:    Score{P: 0.25, R: 0.25, F: 0.25},
			rlsum: Score{P: 0.25, R: 0.25, F: 0.25},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []Score{N(tt.ref, tt.pred, 1, false), N(tt.ref, tt.pred, 2, false), L(tt.ref, tt.pred, false), Lsum(tt.ref, tt.pred, false)}
			want := []Score{tt.r1, tt.r2, tt.rl, tt.rlsum}
			if diff := cmp.Diff(want, got, cmp.Comparer(near)); diff != "" {
				t.Errorf("[N1 N2 L Lsum](%q, %q) mismatch (-want +got):\n%s", tt.ref, tt.pred, diff)
			}
		})
	}
}

// TestLsumUnion checks the summary-level LCS against the example of the
// ROUGE paper (Lin 2004, section 3.2) as rouge-score counts it: the union of
// the LCS of w1..w5 with each of two candidate sentences covers w1 w2 w3 w5.
func TestLsumUnion(t *testing.T) {
	got := Lsum("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", false)
	want := Score{P: 0.4, R: 0.8, F: 0.5333}
	if diff := cmp.Diff(want, got, cmp.Comparer(near)); diff != "" {
		t.Errorf("Lsum mismatch (-want +got):\n%s", diff)
	}
	// Without the newline the same tokens form one sentence: plain LCS.
	got = Lsum("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8 w1 w3 w8 w9 w5", false)
	want = L("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8 w1 w3 w8 w9 w5", false)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lsum of one sentence differs from L (-want +got):\n%s", diff)
	}
}

func TestNBadOrder(t *testing.T) {
	if got := N("a b", "a b", 0, false); got != (Score{}) {
		t.Errorf("N(n=0) = %v, want zero", got)
	}
	if got := N("a b", "a b", 3, false); got != (Score{}) {
		t.Errorf("N(n=3) on two tokens = %v, want zero", got)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		stem bool
		want []string
	}{
		{in: "", want: nil},
		{in: "  \n\t ", want: nil},
		{in: "Hello, World!", want: []string{"hello", "world"}},
		{in: "U.S.-based 3.5%", want: []string{"u", "s", "based", "3", "5"}},
		{in: "Kilmarnock’s café", want: []string{"kilmarnock", "s", "caf"}},
		{in: "İstanbul", want: []string{"i", "stanbul"}}, // Python lowers İ to i + combining dot
		{in: "\u212Aelvin", want: []string{"kelvin"}},    // Kelvin sign lowers to k
		{in: "Meetings running cats", stem: true, want: []string{"meet", "run", "cat"}},
		{in: "was dies the", stem: true, want: []string{"was", "die", "the"}}, // only > 3 letters are stemmed
	}
	for _, tt := range tests {
		got := Tokenize(tt.in, tt.stem)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Tokenize(%q, %v) mismatch (-want +got):\n%s", tt.in, tt.stem, diff)
		}
	}
}

// TestPorterStem checks NLTK's PorterStemmer outputs, including the points
// where NLTK departs from Porter's paper.
func TestPorterStem(t *testing.T) {
	tests := []struct{ in, want string }{
		// NLTK's stem.doctest example.
		{"caresses", "caress"}, {"flies", "fli"}, {"dies", "die"}, {"mules", "mule"},
		{"denied", "deni"}, {"died", "die"}, {"agreed", "agre"}, {"owned", "own"},
		{"humbled", "humbl"}, {"sized", "size"}, {"meeting", "meet"}, {"stating", "state"},
		{"siezing", "siez"}, {"itemization", "item"}, {"sensational", "sensat"},
		{"traditional", "tradit"}, {"reference", "refer"}, {"colonizer", "colon"},
		{"plotted", "plot"},
		// Irregular forms.
		{"dying", "die"}, {"news", "news"}, {"skies", "sky"}, {"exceed", "exceed"},
		// Step 1c: y -> i only after a consonant.
		{"happy", "happi"}, {"enjoy", "enjoy"},
		// Paper examples.
		{"hopping", "hop"}, {"falling", "fall"}, {"filing", "file"}, {"failing", "fail"},
		{"relational", "relat"}, {"conditional", "condit"}, {"rational", "ration"},
		{"generalization", "gener"}, {"adoption", "adopt"}, {"controlling", "control"},
		{"electricity", "electr"}, {"hopefulness", "hope"}, {"callousness", "callous"},
		// NLTK's alli / logi / bli rules.
		{"radically", "radic"}, {"geology", "geolog"}, {"possibly", "possibl"},
		{"1990s", "1990"},
	}
	for _, tt := range tests {
		if got := porterStem(tt.in); got != tt.want {
			t.Errorf("porterStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkLsum(b *testing.B) {
	ref := strings.Repeat("Gary Locke will be confirmed as Kilmarnock boss on Friday .\n", 3)
	pred := strings.Repeat("An announcement will be made by the Rugby Park club on Friday morning, with the former Hearts boss being given a three-year deal.\n", 3)
	for b.Loop() {
		N(ref, pred, 1, false)
		N(ref, pred, 2, false)
		Lsum(ref, pred, false)
	}
}
