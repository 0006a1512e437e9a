package slack

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/newsbrief/newsbrief/bot"
)

// botHelp returns the bot's own answer to /help.
func botHelp(t *testing.T) string {
	t.Helper()
	b := bot.New(nil, nil, bot.Options{})
	m, err := b.Handle(context.Background(), bot.Request{Chat: bot.ChatRef{Platform: Platform, ID: "C1"}, User: "U1", Text: "/help"})
	if err != nil {
		t.Fatal(err)
	}
	return m.Text
}

// TestManifestAndHelpAgree: the app registers /newsbrief, its usage hint
// names every command the bot has, and the help a Slack user sees names
// every command as "/newsbrief NAME", none as a bare slash command that
// the app does not register.
func TestManifestAndHelpAgree(t *testing.T) {
	data, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		Features struct {
			SlashCommands []struct {
				Command     string `yaml:"command"`
				Description string `yaml:"description"`
				UsageHint   string `yaml:"usage_hint"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
	}
	if err := yaml.Unmarshal(data, &manifest); err != nil {
		t.Fatalf("manifest.yaml: %v", err)
	}
	registered := map[string]bool{}
	for _, c := range manifest.Features.SlashCommands {
		registered[c.Command] = true
	}
	if len(registered) != 1 || !registered["/newsbrief"] {
		t.Fatalf("the manifest registers %v, want /newsbrief alone", registered)
	}
	hint := manifest.Features.SlashCommands[0].UsageHint
	desc := manifest.Features.SlashCommands[0].Description
	for _, name := range bot.CommandNames() {
		if !regexp.MustCompile(`\b`+name+`\b`).MatchString(hint) || !strings.Contains(desc, name) {
			t.Errorf("the manifest's /newsbrief does not mention %s (hint %q, description %q)", name, hint, desc)
		}
	}

	shown := allText(t, Render(bot.Message{Text: botHelp(t)}))
	for _, name := range bot.CommandNames() {
		if !strings.Contains(shown, "/newsbrief "+name) {
			t.Errorf("Slack's help does not show /newsbrief %s:\n%s", name, shown)
		}
	}
	for _, slash := range regexp.MustCompile(`(?:^|\s)(/[a-z]+)`).FindAllStringSubmatch(shown, -1) {
		if !registered[slash[1]] {
			t.Errorf("Slack's help names %s, which the app does not register:\n%s", slash[1], shown)
		}
	}
}
