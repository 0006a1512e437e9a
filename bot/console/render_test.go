package console

import (
	"testing"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

// TestRenderUnattributed shows a quote whose speaker the model was not
// sure of as unattributed, beside one with its speaker.
func TestRenderUnattributed(t *testing.T) {
	b := &brief.Brief{
		Title: "Talks",
		Quotes: []brief.Quote{
			{Speaker: "Ann Lee", SpeakerRole: "Mayor", Text: `"We agree,"`},
			{Text: `"It is big"`},
		},
	}
	want := "Talks\n=====\nQuotes:\n  - “We agree” (Ann Lee)\n  - “It is big” (unattributed)\n\n"
	if got := Render(bot.Message{Brief: b}); got != want {
		t.Errorf("Render(brief) = %q, want %q", got, want)
	}
}
