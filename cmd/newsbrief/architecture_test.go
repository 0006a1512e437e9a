package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// packageRules reads the table of rules between packages from
// ARCHITECTURE.md: each row names a package of the module in backquotes
// and, in the next column, the module's packages it may import, or
// "nothing", or "anything".
func packageRules(r io.Reader) (map[string][]string, error) {
	row := regexp.MustCompile("^\\|\\s*`([a-z0-9/]+)`\\s*\\|([^|]*)\\|")
	pkg := regexp.MustCompile("`([a-z0-9/]+)`")
	rules := map[string][]string{}
	sc := bufio.NewScanner(r)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			in = strings.Contains(strings.ToLower(line), "rules between packages")
			continue
		}
		m := row.FindStringSubmatch(line)
		if !in || m == nil {
			continue
		}
		may := strings.TrimSpace(m[2])
		switch {
		case may == "anything":
			rules[m[1]] = nil
		case may == "nothing":
			rules[m[1]] = []string{}
		default:
			allowed := []string{}
			for _, p := range pkg.FindAllStringSubmatch(may, -1) {
				allowed = append(allowed, p[1])
			}
			if len(allowed) == 0 {
				return nil, errors.New("rule for " + m[1] + " names no package: " + may)
			}
			rules[m[1]] = allowed
		}
	}
	if len(rules) == 0 {
		return nil, errors.New(`no "Rules between packages" table`)
	}
	return rules, sc.Err()
}

// TestPackageRules walks `go list -deps` over the module and fails when a
// package imports one of the module's packages that ARCHITECTURE.md does
// not allow it, or when a package is missing from the table.
func TestPackageRules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	root := filepath.Join("..", "..")
	f, err := os.Open(filepath.Join(root, "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules, err := packageRules(f)
	if err != nil {
		t.Fatalf("ARCHITECTURE.md: %v", err)
	}

	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Module,Imports", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const module = "github.com/newsbrief/newsbrief"
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Module     *struct{ Path string }
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Module == nil || p.Module.Path != module {
			continue
		}
		seen++
		name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		allowed, ok := rules[name]
		if !ok {
			t.Errorf("package %s is not in ARCHITECTURE.md's rules between packages: add a row saying what it may import", name)
			continue
		}
		if allowed == nil {
			continue
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(imp, module+"/")
			if !slices.Contains(allowed, dep) {
				t.Errorf("%s imports %s; ARCHITECTURE.md allows it only %v", name, dep, allowed)
			}
		}
	}
	if seen < 5 {
		t.Fatalf("go list named %d of the module's packages; want them all", seen)
	}
}

func TestPackageRulesParse(t *testing.T) {
	doc := "# Title\n| `brief` | nothing |\n## Rules between packages\n" +
		"| package | may import |\n| --- | --- |\n" +
		"| `brief` | nothing |\n| `bot` | `brief`, `sources` |\n| `cmd/newsbrief` | anything |\n" +
		"## Next\n| `config` | nothing |\n"
	rules, err := packageRules(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 3 || rules["brief"] == nil || len(rules["brief"]) != 0 ||
		!slices.Equal(rules["bot"], []string{"brief", "sources"}) || rules["cmd/newsbrief"] != nil {
		t.Errorf("rules = %#v", rules)
	}
	if _, err := packageRules(strings.NewReader("| `bot` | `brief` |\n")); err == nil {
		t.Error("a table outside the rules section was taken")
	}
}
