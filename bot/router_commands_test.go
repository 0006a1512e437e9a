package bot

import (
	"strings"
	"testing"
)

// TestCommandNamesAreHelped: every command the router answers is in the
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
