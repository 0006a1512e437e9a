package brief

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var genNames = flag.Bool("gen-names", false, "rebuild given_names.go from the training and dev articles")

// TestGenGivenNames learns the given names of the people finder from the
// training and dev material (PolNeAR train and dev, cnndm_train_kaggle100)
// and rewrites given_names.go:
//
//	go test ./brief -run TestGenGivenNames -gen-names
//
// A given name is the first word of a name of two or more words that the
// text itself shows to be a person's (a title, an honorific, a role or an
// appositive comes with it) in more articles than twice those in which it
// opens an organisation's name.
func TestGenGivenNames(t *testing.T) {
	if !*genNames {
		t.Skip("run with -gen-names to rebuild given_names.go")
	}
	person := map[string]map[string]bool{} // word -> articles
	orgFirst := map[string]map[string]bool{}
	note := func(m map[string]map[string]bool, w, id string) {
		if m[w] == nil {
			m[w] = map[string]bool{}
		}
		m[w][id] = true
	}
	add := func(a Article) {
		cs := collectCandidates(parse(a))
		for _, o := range cs.orgs {
			note(orgFirst, strings.Fields(o.name)[0], a.ID)
		}
		for _, n := range cs.order {
			fs := strings.Fields(n)
			if len(fs) < 2 || len(fs[0]) < 2 || strings.HasSuffix(fs[0], ".") {
				continue
			}
			for _, c := range cs.byName[n].chunks {
				if c.role != "" || c.honorific != 0 || c.titled || c.appositive != "" {
					note(person, fs[0], a.ID)
					break
				}
			}
		}
	}
	for _, set := range []string{"train", "dev"} {
		for _, a := range readPolNeAR(t, set) {
			add(Article{ID: a.ID, Text: a.Text})
		}
	}
	type row struct{ ID, Text string }
	for _, r := range readJSONL[row](t, filepath.Join(evalDir(t), "summ", "cnndm_train_kaggle100.jsonl"), 0) {
		add(Article{ID: r.ID, Text: r.Text})
	}
	var names []string
	for w, ids := range person {
		if 2*len(orgFirst[w]) < len(ids) && !places[key(w)] && !orgCues[key(w)] {
			names = append(names, w)
		}
	}
	sort.Strings(names)
	var b bytes.Buffer
	fmt.Fprintln(&b, "// givenNames are the first words of the names that the training and dev")
	fmt.Fprintln(&b, "// articles show to be people's.")
	fmt.Fprintln(&b, "var givenNames = setOf(")
	for i, n := range names {
		fmt.Fprintf(&b, "%q,", n)
		if i%10 == 9 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintln(&b, "\n)")
	if err := writeGenerated("given_names.go", "go test ./brief -run TestGenGivenNames -gen-names", &b); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d given names", len(names))
}
