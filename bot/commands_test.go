package bot

import (
	"strings"
	"testing"
)

// TestCommandNamesAreHelped: every command the bot answers is in the
// help, and nothing else is.
func TestCommandNamesAreHelped(t *testing.T) {
	for _, name := range CommandNames() {
		if !strings.Contains(helpText, "\n/"+name) && !strings.HasPrefix(helpText, "/"+name) {
			t.Errorf("help does not list /%s", name)
		}
	}
	for _, line := range strings.Split(helpText, "\n") {
		if !strings.HasPrefix(line, "/") {
			continue
		}
		word := strings.TrimPrefix(strings.Fields(line)[0], "/")
		word = strings.TrimRight(word, ":")
		found := false
		for _, name := range CommandNames() {
			found = found || name == word
		}
		if !found {
			t.Errorf("help lists /%s, which CommandNames lacks", word)
		}
	}
}

// TestCommandNamesAnswered: every command help and the platforms' menus
// list is one the bot answers, and the other way round.
func TestCommandNamesAnswered(t *testing.T) {
	names := CommandNames()
	for _, n := range names {
		if _, ok := commands[n]; !ok && n != "help" {
			t.Errorf("CommandNames lists /%s, which no handler answers", n)
		}
	}
	if len(names) != len(commands)+1 {
		t.Errorf("CommandNames() = %v, want the %d commands and help", names, len(commands))
	}
}
