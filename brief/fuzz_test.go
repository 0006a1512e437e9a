package brief

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSummarize feeds arbitrary text to the whole brief: it must return a
// brief or one of the documented errors, never panic, and every quote it
// returns must be found word for word in the article.
func FuzzSummarize(f *testing.F) {
	for _, seed := range []string{
		"",
		"word",
		`"Unbalanced quote, he said.`,
		"Putin met Wang Yi in the Kremlin on Tuesday. \"We agree,\" Wang said.",
		"Le président a rencontré son homologue à Paris mardi. « Nous avançons », a-t-il dit.",
		"By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: .",
		"“Curly” ‘single’ \"straight\" ''two'' ``tex''",
		"\n\n\n...!!!???",
	} {
		f.Add("Title", seed)
	}
	s := New(Options{})
	f.Fuzz(func(t *testing.T, title, text string) {
		b, err := s.Summarize(Article{Title: title, Text: text})
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotUTF8) {
				t.Fatalf("Summarize(%q) error %v is not a documented one", text, err)
			}
			return
		}
		if n := len(b.KeyPoints); n > 5 {
			t.Errorf("Summarize(%q) gave %d key points, want at most 5", text, n)
		}
		for _, q := range b.Quotes {
			if !strings.Contains(text, q.Text) {
				t.Errorf("quote %q is not in the article text", q.Text)
			}
		}
	})
}

// FuzzSentences checks the text preparation: sentences are non-empty,
// ordered, non-overlapping slices of the text.
func FuzzSentences(f *testing.F) {
	for _, seed := range []string{"", "A. B. C.", "Mr. Smith went to Washington. He said \"Hi.\" Then left!", "a . b . c", "\u00a0\t\n", "U.S. officials met. The end"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := parse(Article{Text: text})
		// The prepared text differs from the given one only where a wrapped
		// line's stray full stop became a space.
		if len(d.text) != len(text) || d.raw != text {
			t.Fatalf("prepared text is %d bytes for %d", len(d.text), len(text))
		}
		for i := range len(text) {
			if d.text[i] != text[i] && (text[i] != '.' || d.text[i] != ' ') {
				t.Fatalf("prepared text changed byte %d: %q -> %q", i, text[i], d.text[i])
			}
		}
		prev := 0
		for _, s := range d.sents {
			if s.start < prev || s.end <= s.start || s.end > len(text) {
				t.Fatalf("sentence span [%d,%d) after %d out of order in %q", s.start, s.end, prev, text)
			}
			if d.text[s.start:s.end] != s.text {
				t.Fatalf("sentence text %q != text[%d:%d]", s.text, s.start, s.end)
			}
			prev = s.end
		}
	})
}

func TestSummarizeOddInput(t *testing.T) {
	big := strings.Repeat("The council met on Tuesday and agreed the budget after a long debate. ", 15000) // ~1 MB
	tests := []struct {
		name    string
		text    string
		wantErr error
	}{
		{"empty", "", ErrEmpty},
		{"spaces", " \n\t ", ErrEmpty},
		{"not utf-8", "caf\xe9", ErrNotUTF8},
		{"one word", "Hello", nil},
		{"1 MB", big, nil},
		{"non-English", "Der Bundeskanzler traf am Dienstag den französischen Präsidenten in Berlin. „Wir sind uns einig“, sagte er.", nil},
		{"Chinese", "中国外交部长王毅周二在莫斯科会见了俄罗斯总统普京。双方讨论了合作。", nil},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := s.Summarize(Article{Title: "T", Text: tt.text})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Summarize(%.40q) error = %v, want %v", tt.text, err, tt.wantErr)
			}
			if err == nil && len(b.KeyPoints) == 0 {
				t.Errorf("Summarize(%.40q) gave no key points", tt.text)
			}
		})
	}
}
