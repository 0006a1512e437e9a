package brief

import "testing"

// TestRenderQuotes shows a quote with an empty speaker as unattributed in
// both of brief's own formats.
func TestRenderQuotes(t *testing.T) {
	b := Brief{
		Title: "Talks",
		Quotes: []Quote{
			{Speaker: "Ann Lee", SpeakerRole: "Mayor", Text: `"We agree,"`},
			{Text: `"It is big"`},
		},
	}
	tests := []struct {
		name, got, want string
	}{
		{"text", b.Text(), "Talks\n=====\nQuotes:\n  - “We agree” (Ann Lee)\n  - “It is big” (unattributed)\n"},
		{"markdown", b.Markdown(), "## Talks\n**Quotes**\n- “We agree” — Ann Lee\n- “It is big” — unattributed\n"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("Brief.%s() = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
