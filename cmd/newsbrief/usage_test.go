package main

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestEveryCommandHelp is the table test: -h and --help on every
// command and subcommand print its usage with an example and exit 0.
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range commands {
		for _, flag := range []string{"-h", "--help"} {
			args := append(strings.Fields(c.name), flag)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				out, errOut, err := runCmd(t, "", args...)
				if code := exitCode(err); code != 0 {
					t.Errorf("newsbrief %s exits %d (%v), want 0", strings.Join(args, " "), code, err)
				}
				wantAll(t, "newsbrief "+strings.Join(args, " "), out, "Usage:\n  newsbrief "+strings.Fields(c.usage)[0], "Example:\n  newsbrief ", c.about)
				if errOut != "" {
					t.Errorf("newsbrief %s wrote to stderr: %q", strings.Join(args, " "), errOut)
				}
				usage, _, _ := strings.Cut(out, "\n\n")
				for _, m := range regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(out, -1) {
					if !strings.Contains(usage, "--"+m[1]) {
						t.Errorf("newsbrief %s lists the flag -%s but its usage line does not show --%s:\n%s", strings.Join(args, " "), m[1], m[1], usage)
					}
				}
			})
		}
	}
}

// TestEveryCommandIsListed: the help table and the commands run agree,
// both ways: every top-level command in the table runs, and "help NAME"
// prints the same as "NAME -h".
func TestEveryCommandIsListed(t *testing.T) {
	list, _, err := runCmd(t, "", "--help")
	if err != nil || !strings.Contains(list, "Example:\n  newsbrief demo") {
		t.Fatalf("newsbrief --help = %v, and an example?\n%s", err, list)
	}
	for _, c := range commands {
		if !strings.Contains(c.name, " ") && !strings.Contains(list, "  "+c.name+" ") {
			t.Errorf("newsbrief --help does not list %s:\n%s", c.name, list)
		}
		viaHelp, _, err := runCmd(t, "", append([]string{"help"}, strings.Fields(c.name)...)...)
		direct, _, _ := runCmd(t, "", append(strings.Fields(c.name), "-h")...)
		if err != nil || viaHelp != direct {
			t.Errorf("newsbrief help %s = %v, and differs from %s -h:\n%s\n---\n%s", c.name, err, c.name, viaHelp, direct)
		}
	}
	if _, _, err := runCmd(t, "", "help", "frobnicate"); exitCode(err) != exitUsage {
		t.Errorf("help frobnicate = %v, want a usage error", err)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, _, err := runCmd(t, "", args...)
		if err != nil {
			t.Fatalf("newsbrief %s: %v", args[0], err)
		}
		if !regexp.MustCompile(`^newsbrief \S+ \(commit \S+, built with go\S+\)\n$`).MatchString(out) || !strings.Contains(out, runtime.Version()) {
			t.Errorf("newsbrief %s = %q, want the version, commit and Go version", args[0], out)
		}
	}
}

// TestErrorsHaveOnePrefix: errors name their command once and say what to
// do; main adds the one "newsbrief:".
func TestErrorsHaveOnePrefix(t *testing.T) {
	dir := t.TempDir()
	tests := [][]string{
		{"brief", "--bogus"},
		{"brief", dir},
		{"sources", "add", "--every", "1h", "x"},
		{"config", "frobnicate"},
		{"config", "check", "--config", filepath.Join(dir, "missing.yaml")},
		{"extract", filepath.Join(dir, "missing.html")},
		{"fetch"},
	}
	for _, args := range tests {
		_, _, err := runCmd(t, "", args...)
		if err == nil {
			t.Errorf("newsbrief %q succeeded, want an error", args)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "newsbrief: ") || doubled(msg) {
			t.Errorf("newsbrief %q error %q repeats a prefix", args, msg)
		}
		if !strings.HasPrefix(msg, args[0]+": ") && !strings.HasPrefix(msg, args[0]+" "+args[1]+": ") && !strings.HasPrefix(msg, "the configuration has") {
			t.Errorf("newsbrief %q error %q does not start with its command", args, msg)
		}
	}
}

func TestJSONLinesErrorsInPlainWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"id\":\"1\",\"text\":\"ok\"}\nnot json\n", `line 2: not a JSON object`},
		{"{\"id\": 7, \"text\":\"Some text.\"}\n", `line 1: "id" is a number; want text in quotes ("id": "...")`},
		{"{\"id\":\"1\",\"title\":[\"a\"]}\n", `line 1: "title" is an array`},
		{"[1,2]\n", `line 1: the line is an array; want an object`},
	}
	for _, tt := range tests {
		out, _, err := runCmd(t, tt.in, "brief", "--jsonl")
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "Go struct") {
			t.Errorf("brief --jsonl of %q = %v, want %q", tt.in, err, tt.want)
		}
		if out != "" {
			t.Errorf("brief --jsonl of %q wrote %q, want nothing", tt.in, out)
		}
	}
}

// TestEveryCommandReadsTheSameFiles: brief, extract, sources add and
// fetch --source take the same kinds of file and refuse the same others
// with the same words.
func TestEveryCommandReadsTheSameFiles(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>" +
		strings.Repeat("<p>The new footbridge over the river opened on Monday after a year of building work in the town centre.</p>", 6) +
		"</article></body></html>"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Town news</title><item><title>Bridge opens</title>` +
		`<link>https://town.example/bridge</link><description>The new footbridge over the river opened on Monday after a year of work.</description></item></channel></rss>`
	files := []struct {
		name    string
		data    []byte
		wantErr string // "" for accepted
	}{
		{"article.txt", []byte(article), ""},
		{"page.html", []byte(page), ""},
		{"download.gz", gz.Bytes(), ""},
		{"feed.xml", []byte(feed), ""},
		{"photo.png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...), "is not an article (it looks like image/png)"},
		{"empty.txt", nil, "is empty"},
	}
	for _, f := range files {
		path := writeFile(t, f.name, f.data)
		for _, args := range [][]string{
			{"brief", path},
			{"extract", path},
			{"sources", "add", path},
			{"fetch", "--once", "--source", path},
		} {
			out, _, err := runIn(t, t.TempDir(), args...)
			switch {
			case f.wantErr == "" && err != nil:
				t.Errorf("newsbrief %s %s: %v, want it read", strings.Join(args[:len(args)-1], " "), f.name, err)
			case f.wantErr == "" && out == "":
				t.Errorf("newsbrief %s %s printed nothing", strings.Join(args[:len(args)-1], " "), f.name)
			case f.wantErr != "" && (err == nil || !strings.Contains(err.Error(), path+" "+f.wantErr)):
				t.Errorf("newsbrief %s %s = %v, want %q", strings.Join(args[:len(args)-1], " "), f.name, err, path+" "+f.wantErr)
			case f.wantErr != "" && out != "":
				t.Errorf("newsbrief %s %s printed %q on failure", strings.Join(args[:len(args)-1], " "), f.name, out)
			}
		}
	}
	// Standard input too.
	if _, _, err := runCmd(t, "", "brief"); err == nil || !strings.Contains(err.Error(), "standard input is empty") {
		t.Errorf("brief of empty standard input = %v, want it called empty", err)
	}
	if out, _, err := runCmd(t, gz.String(), "brief", "-"); err != nil || !strings.Contains(out, "Bridge opens") {
		t.Errorf("brief of gzipped HTML on standard input = %v:\n%s", err, out)
	}
	if _, _, err := runCmd(t, "", "brief", filepath.Join(t.TempDir(), "missing.txt")); err == nil || !strings.HasSuffix(err.Error(), "missing.txt: no such file") {
		t.Errorf("brief of a missing file = %v", err)
	}
}

// doubled reports whether a message says the same prefix twice in a row,
// as in "read t: read t: is a directory".
func doubled(msg string) bool {
	parts := strings.Split(msg, ": ")
	for i := 1; i < len(parts); i++ {
		if parts[i] == parts[i-1] {
			return true
		}
	}
	return false
}
