package brief

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZProbeFurniture(t *testing.T) {
	type row struct{ ID, Text string }
	files := []string{"summ/cnndm_train_kaggle100.jsonl", "summ/cnndm_test_realsumm100.jsonl", "quotes/polnear_dev_articles.jsonl", "quotes/polnear_train_articles.jsonl"}
	for _, f := range files {
		n := 0
		for _, r := range readJSONL[row](t, filepath.Join(evalDir(t), f), 0) {
			d := parse(Article{Text: r.Text})
			for _, s := range d.sents {
				tx := strings.TrimSpace(s.text)
				var which []string
				for name, re := range map[string]interface{ MatchString(string) bool }{"teaser": reTeaser, "wire": reWireLabel, "wireup": reWireUpdate, "site": reSiteLine, "ts": reTimestamp} {
					if re.MatchString(tx) {
						which = append(which, name)
					}
				}
				if len(which) > 0 {
					n++
					fmt.Printf("%s %v %s | %.160s\n", f[:10], which, s.kind, tx)
				}
			}
		}
		fmt.Println(f, n)
	}
}
