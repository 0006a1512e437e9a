package console

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Printable returns s fit to show on a terminal. Feed titles and texts are
// written by strangers, and an escape sequence in one could clear the
// screen, retitle the window, hide a link or answer back into the shell.
// Escape sequences are removed whole; the control characters left (all
// but newline and tab), C1 controls, DEL and the bidirectional overrides
// that reorder what is shown are dropped, and so are bytes that are not
// UTF-8.
func Printable(s string) string {
	if isPrintable(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unprintable(r) {
			return -1
		}
		return r
	}, ansi.Strip(s))
}

func isPrintable(s string) bool {
	for _, r := range s {
		if unprintable(r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// unprintable reports whether r may not reach a terminal.
func unprintable(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional embeddings, overrides and isolates
	}
	return false
}
