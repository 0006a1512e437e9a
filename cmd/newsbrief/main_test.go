package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const article = `Council approves new bridge
Published: 2025-04-01T10:00:00Z

The city council approved a new footbridge over the river on Monday.
"This bridge will join two halves of the town," Mayor Ana Lopes said.
Construction starts in May and should take a year.
`

func TestBriefFormats(t *testing.T) {
	file := writeFile(t, "a.txt", []byte(article))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"text", []string{"brief", file}, []string{"Council approves new bridge\n===", "Key points:", "  - The city council approved"}},
		{"markdown", []string{"brief", "--format", "markdown", file}, []string{"## Council approves new bridge", "**Key points**", "- The city council"}},
		{"json", []string{"brief", "--format", "json", file}, []string{`"title":"Council approves new bridge"`, `"published":"2025-04-01T10:00:00Z"`, `"key_points":["The city council approved`}},
		{"stdin", []string{"brief", "-"}, []string{"Council approves new bridge"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.name == "stdin" {
				stdin = article
			}
			out, _, err := runCmd(t, stdin, tt.args...)
			if err != nil {
				t.Fatalf("run(%q) error: %v", tt.args, err)
			}
			wantAll(t, fmt.Sprintf("run(%q) output", tt.args), out, tt.want...)
		})
	}
}

func TestBriefErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		stdin     string
		wantUsage bool
		want      string
	}{
		{"missing file", []string{"brief", filepath.Join(dir, "nope.txt")}, "", false, "no such file"},
		{"not utf-8", []string{"brief", writeFile(t, "latin1.txt", []byte("Titre\nCaf\xe9 cr\xe8me au bord du lac.\n"))}, "", false, "not UTF-8"},
		{"title only", []string{"brief", "-"}, "Just a title\n", false, "no text"},
		{"empty", []string{"brief", "-"}, "", false, "is empty"},
		{"bad format", []string{"brief", "--format", "pdf", "-"}, article, true, "unknown format"},
		{"two files", []string{"brief", "a", "b"}, "", true, "one FILE"},
		{"bad header date", []string{"brief", "-"}, "T\nPublished: yesterday\n\nText here.", false, "RFC 3339"},
		{"bad jsonl", []string{"brief", "--jsonl"}, "{\"id\":\"1\",\"text\":\"ok text.\"}\nnot json\n", false, "line 2"},
		{"unknown command", []string{"frobnicate"}, "", true, "unknown command"},
		{"no command", nil, "", true, "no command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCmd(t, tt.stdin, tt.args...)
			if err == nil {
				t.Fatalf("run(%q) = nil error, want one containing %q", tt.args, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error = %q, want it to contain %q", tt.args, err, tt.want)
			}
			if got := errors.As(err, new(usageError)); got != tt.wantUsage {
				t.Errorf("run(%q) usage error = %v, want %v (%v)", tt.args, got, tt.wantUsage, err)
			}
			if out != "" {
				t.Errorf("run(%q) wrote %q to stdout on failure, want nothing", tt.args, out)
			}
		})
	}
}

func TestBriefJSONLines(t *testing.T) {
	var in strings.Builder
	const n = 1000
	for i := range n {
		text := "The committee met on Tuesday and agreed a budget. Members said the plan was fair. It passes next week."
		if i == 7 {
			text = "   " // cannot be briefed: must come back as an error line, not stop the run
		}
		line, _ := json.Marshal(map[string]string{"id": "a" + string(rune('0'+i%10)) + "-" + strings.Repeat("x", i%3), "title": "T", "text": text})
		in.Write(line)
		in.WriteByte('\n')
	}
	out, _, err := runCmd(t, in.String(), "brief", "--jsonl")
	if err != nil {
		t.Fatalf("run(brief --jsonl) error: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("got %d output lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		var got struct {
			ID        string   `json:"id"`
			Error     string   `json:"error"`
			KeyPoints []string `json:"key_points"`
		}
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		wantID := "a" + string(rune('0'+i%10)) + "-" + strings.Repeat("x", i%3)
		if got.ID != wantID {
			t.Errorf("line %d id = %q, want %q", i+1, got.ID, wantID)
		}
		if i == 7 {
			if got.Error == "" {
				t.Errorf("line 8 has no error for an empty article: %s", l)
			}
			continue
		}
		if len(got.KeyPoints) == 0 {
			t.Errorf("line %d has no key points: %s", i+1, l)
		}
	}
}
