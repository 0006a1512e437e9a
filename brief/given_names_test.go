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
	forTrainingArticles(t, add)
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

var genGenders = flag.Bool("gen-genders", false, "rebuild given_genders.go from the training and dev articles")

// TestGenGivenGenders learns which given names belong to men and which to
// women from the training and dev material (PolNeAR train and dev,
// cnndm_train_kaggle100), and rewrites given_genders.go:
//
//	go test ./brief -run TestGenGivenGenders -gen-genders
//
// A person's gender is what the text shows (an honorific, a gendered role,
// the pronoun that follows the name); a given name takes the gender of at
// least two different people of that name, and of nine in ten of all: one
// famous person ("Lindsey Graham") does not make a name a man's.
func TestGenGivenGenders(t *testing.T) {
	if !*genGenders {
		t.Skip("run with -gen-genders to rebuild given_genders.go")
	}
	votes := map[string]map[string]byte{} // given name -> full name -> gender
	add := func(a Article) {
		for _, p := range findPeople(parse(a)).people {
			fs := strings.Fields(p.name)
			if len(fs) < 2 || p.gender == 0 || !givenNames[fs[0]] {
				continue
			}
			if votes[fs[0]] == nil {
				votes[fs[0]] = map[string]byte{}
			}
			votes[fs[0]][p.name] = p.gender
		}
	}
	forTrainingArticles(t, add)
	var names []string
	gender := map[string]byte{}
	for n, byArt := range votes {
		var m, f int
		for _, g := range byArt {
			if g == 'm' {
				m++
			} else {
				f++
			}
		}
		switch {
		case m >= 2 && 10*m >= 9*(m+f):
			gender[n] = 'm'
		case f >= 2 && 10*f >= 9*(m+f):
			gender[n] = 'f'
		default:
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	fmt.Fprintln(&b, "// givenGenders are the given names that the training and dev articles")
	fmt.Fprintln(&b, "// show to be men's ('m') or women's ('f').")
	fmt.Fprintln(&b, "var givenGenders = map[string]byte{")
	for i, n := range names {
		fmt.Fprintf(&b, "%q: %q,", n, gender[n])
		if i%6 == 5 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintln(&b, "\n}")
	if err := writeGenerated("given_genders.go", "go test ./brief -run TestGenGivenGenders -gen-genders", &b); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d given names with a gender", len(names))
}

// forTrainingArticles calls add with each article of the material the
// name lists learn from: PolNeAR train and dev, cnndm_train_kaggle100.
func forTrainingArticles(t *testing.T, add func(Article)) {
	t.Helper()
	for _, set := range []string{"train", "dev"} {
		for _, a := range readPolNeAR(t, set) {
			add(Article{ID: a.ID, Text: a.Text})
		}
	}
	type row struct{ ID, Text string }
	for _, r := range readJSONL[row](t, filepath.Join(evalDir(t), "summ", "cnndm_train_kaggle100.jsonl"), 0) {
		add(Article{ID: r.ID, Text: r.Text})
	}
}
