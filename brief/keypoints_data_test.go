package brief

import (
	"path/filepath"
	"strings"
	"testing"
)

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
	return readJSONL[summCase](t, filepath.Join(evalDir(t), "summ", name), 0)
}
