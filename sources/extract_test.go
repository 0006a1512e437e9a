package sources

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// articlePage is a small news page: navigation and a footer around one
// article with its metadata in the head.
const articlePage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Council approves bridge - City News</title>
<link rel="canonical" href="https://news.example/2025/bridge">
<meta property="og:title" content="Council approves bridge">
<meta property="og:image" content="https://news.example/bridge.jpg">
<meta name="author" content="Ana Lopes">
<meta property="article:published_time" content="2025-04-01T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves bridge</h1>
<p>The city council approved a new footbridge over the river on Monday, ending a debate that had run for more than ten years in the town.</p>
<p>"This bridge will join two halves of the town," Mayor Ana Lopes said after the vote, which passed by nine votes to two.</p>
<p>Construction starts in May and should take a year, the council said, with the river path closed for most of the summer months.</p>
</article>
<footer>Copyright City News. All rights reserved.</footer>
</body></html>`

func TestExtractHTML(t *testing.T) {
	p, err := ExtractHTML(strings.NewReader(articlePage), "https://news.example/2025/bridge?utm_source=x")
	if err != nil {
		t.Fatalf("ExtractHTML() error: %v", err)
	}
	if p.Title != "Council approves bridge" {
		t.Errorf("Title = %q, want %q", p.Title, "Council approves bridge")
	}
	if p.Byline != "Ana Lopes" {
		t.Errorf("Byline = %q, want %q", p.Byline, "Ana Lopes")
	}
	if want := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC); !p.Published.Equal(want) && !p.Published.Equal(want.Add(10*time.Hour)) {
		t.Errorf("Published = %v, want 2025-04-01", p.Published)
	}
	if p.URL != "https://news.example/2025/bridge" {
		t.Errorf("URL = %q, want the canonical https://news.example/2025/bridge", p.URL)
	}
	if p.Image != "https://news.example/bridge.jpg" {
		t.Errorf("Image = %q, want https://news.example/bridge.jpg", p.Image)
	}
	paras := strings.Split(p.Text, "\n")
	if len(paras) < 3 || !strings.HasPrefix(paras[len(paras)-3], "The city council approved") ||
		!strings.HasPrefix(paras[len(paras)-1], "Construction starts in May") {
		t.Errorf("Text = %q, want the three paragraphs on lines of their own", p.Text)
	}
	for _, junk := range []string{"Home", "Sport", "Copyright"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("Text contains %q, want navigation and footer left out:\n%s", junk, p.Text)
		}
	}
}

func TestExtractHTMLCharsets(t *testing.T) {
	body := "<p>The caf\xe9 owner said \x93we will reopen\x94 next week, after the repairs to the roof and the kitchen are finished by the builders.</p>" +
		"<p>A second paragraph with enough words in it for the extractor to keep the article as the main text of this page.</p>"
	tests := []struct {
		name, page, want string
	}{
		{"declared windows-1252", `<html><head><meta charset="windows-1252"></head><body><article>` + body + `</article></body></html>`, "café owner said “we will reopen”"},
		{"declared iso-8859-1", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><article>` + body + `</article></body></html>`, "café owner said “we will reopen”"},
		{"undeclared, not utf-8", `<html><body><article>` + body + `</article></body></html>`, "café owner said “we will reopen”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ExtractHTML(strings.NewReader(tt.page), "")
			if err != nil {
				t.Fatalf("ExtractHTML() error: %v", err)
			}
			if !strings.Contains(p.Text, tt.want) {
				t.Errorf("ExtractHTML() text = %q, want it to contain %q", p.Text, tt.want)
			}
		})
	}
}

func TestExtractHTMLErrors(t *testing.T) {
	tests := []struct {
		name, page string
		want       error
	}{
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ErrNotHTML},
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ErrNotHTML},
		{"empty page", "<html><head><title>x</title></head><body></body></html>", ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractHTML(strings.NewReader(tt.page), "")
			if !errors.Is(err, tt.want) {
				t.Errorf("ExtractHTML(%q) error = %v, want %v", tt.page, err, tt.want)
			}
		})
	}
}
