package brief

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// summDir is where the evaluation data lives, relative to this package.
var summDir = filepath.Join("..", "..", "shared", "eval", "summ")

// devSets are the two sets key points are trained and tuned on. The test
// set (frank250) is never read here.
var devSets = []string{"cnndm_train_kaggle100.jsonl", "cnndm_test_realsumm100.jsonl"}

// summCase is one article of a summ/ set with its reference highlights.
type summCase struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Summary string   `json:"summary"`
	Sents   []string `json:"summary_sents"`
	// Systems holds published systems' outputs (realsumm only), by name.
	Systems map[string]string `json:"systems"`
}

// reference returns the highlights one per line, the way ROUGE-Lsum wants
// them: the raw set already has one per line, the tokenised sets separate
// them with " . ".
func (c summCase) reference() string {
	if strings.Contains(c.Summary, "\n") {
		return c.Summary
	}
	if len(c.Sents) > 0 {
		return strings.Join(c.Sents, "\n")
	}
	return strings.ReplaceAll(c.Summary, " . ", " .\n")
}

// readSumm reads one summ/ set, skipping the test when the data is absent.
func readSumm(t testing.TB, name string) []summCase {
	t.Helper()
	f, err := os.Open(filepath.Join(summDir, name))
	if os.IsNotExist(err) {
		t.Skipf("%s absent: the evaluation data lives outside the project", filepath.Join(summDir, name))
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []summCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var c summCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}
