package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestExtractFormats(t *testing.T) {
	srv := newsServer(t)
	file := writeFile(t, "page.html", []byte(newsPage))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"file text", []string{"extract", file}, []string{
			"Council approves bridge\nBy: Ana Lopes\nPublished: 2025-04-01", "URL: https://news.example/2025/bridge\n\n",
			"\nThe city council approved", "\n\"This bridge will join",
		}},
		{"url json", []string{"extract", "--format", "json", srv.URL + "/article"}, []string{
			`"title":"Council approves bridge"`, `"byline":"Ana Lopes"`, `"published":"2025-04-01`,
			`"url":"https://news.example/2025/bridge"`, `"text":"`,
		}},
		{"redirect", []string{"extract", srv.URL + "/moved"}, []string{"Council approves bridge\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCmd(t, "", tt.args...)
			if err != nil {
				t.Fatalf("run(%q) error: %v", tt.args, err)
			}
			wantAll(t, fmt.Sprintf("run(%q) output", tt.args), out, tt.want...)
			if strings.Contains(out, "Home") || strings.Contains(out, "Copyright") {
				t.Errorf("run(%q) output has navigation or footer:\n%s", tt.args, out)
			}
		})
	}
}

func TestExtractJSONFields(t *testing.T) {
	out, _, err := runCmd(t, newsPage, "extract", "--format", "json", "-")
	if err != nil {
		t.Fatalf("run(extract --format json -) error: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"title", "byline", "published", "url", "text"} {
		if got[k] == "" {
			t.Errorf("JSON field %q is empty or missing in %s", k, out)
		}
	}
	if len(got) != 5 {
		t.Errorf("JSON has %d fields, want 5: %s", len(got), out)
	}
}

func TestExtractErrors(t *testing.T) {
	srv := newsServer(t)
	notHTML := writeFile(t, "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	tests := []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"missing file", []string{"extract", "/nonexistent/page.html"}, false, "no such file"},
		{"not html file", []string{"extract", notHTML}, false, "is not an article"},
		{"not html url", []string{"extract", srv.URL + "/file.pdf"}, false, "not an HTML page"},
		{"404", []string{"extract", srv.URL + "/gone"}, false, "404 Not Found"},
		{"no argument", []string{"extract"}, true, "want one FILE, URL or -"},
		{"bad format", []string{"extract", "--format", "xml", "x.html"}, true, "unknown format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCmd(t, "", tt.args...)
			if err == nil {
				t.Fatalf("run(%q) = nil error, want one; output:\n%s", tt.args, out)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error = %v, want it to mention %q", tt.args, err, tt.want)
			}
			if isUsage := errors.As(err, new(usageError)); isUsage != tt.usage {
				t.Errorf("run(%q) usage error = %v, want %v", tt.args, isUsage, tt.usage)
			}
			if out != "" {
				t.Errorf("run(%q) printed %q on failure, want nothing", tt.args, out)
			}
		})
	}
}

// TestBriefURLAndHTML: brief reads a page by URL as from a file, and names
// the status of a page that is not there.
func TestBriefURLAndHTML(t *testing.T) {
	srv := newsServer(t)
	for _, src := range []string{srv.URL + "/article", writeFile(t, "bridge.html", []byte(newsPage))} {
		out, _, err := runCmd(t, "", "brief", "--format", "json", src)
		if err != nil {
			t.Fatalf("brief %s: %v", src, err)
		}
		wantAll(t, "brief "+src, out, `"title":"Council approves bridge"`, `"speaker":"Ana Lopes"`, "footbridge")
	}
	out, _, err := runCmd(t, "", "brief", srv.URL+"/missing")
	if err == nil || !strings.Contains(err.Error(), "404") || out != "" {
		t.Errorf("brief of a 404 page = %q, %v; want an error naming the status and no output", out, err)
	}
}
