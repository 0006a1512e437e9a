package brief

// Roles: the title or description that comes with a name, before it
// ("Russian President Vladimir Putin", "union president Marco Ruiz") or after
// it (", Russia's foreign minister,").

import (
	"strings"
)

// splitTitle moves title words at the front of the run into the role:
// "Russian President Vladimir Putin" -> role "Russian President".
func (c *chunk) splitTitle() {
	k := -1
	for i := 0; i < len(c.toks)-1; i++ {
		w := key(c.toks[i].text)
		if titleWords[w] || honorifics[w] != 0 || w == "dr" {
			k = i
		}
	}
	if k < 0 {
		return
	}
	c.nameFrom = k + 1
	c.titled = true
	if g, ok := honorifics[key(c.toks[k].text)]; ok && g != 0 {
		c.honorific = g
	}
	var parts []string
	for _, t := range c.toks[:k+1] {
		if _, ok := honorifics[key(t.text)]; ok {
			continue
		}
		parts = append(parts, t.text)
	}
	c.role = strings.Join(parts, " ")
}

// lowerRoleBefore takes a role written in lower case before the name:
// "Trump campaign spokesman Jason Miller".
func (c *chunk) lowerRoleBefore(d *doc, before []ctoken) {
	if c.nameFrom > 0 && titleWords[key(c.toks[c.nameFrom-1].text)] {
		return
	}
	n := len(before)
	last := before[n-1]
	if !onlySpace(d.text[last.end:c.toks[0].start]) || !roleNouns[key(last.text)] || capitalised(last.text) {
		return
	}
	from := n - 1
	for from > 0 && n-from < 4 {
		p := before[from-1]
		w := key(p.text)
		if !onlySpace(d.text[p.end:before[from].start]) || chunkStops[w] || speechVerbs[w] || strings.HasSuffix(w, "ing") ||
			capitalised(p.text) || roleStops[w] {
			break
		}
		from--
	}
	// The organisation the role belongs to: "European Union foreign
	// policy chief".
	for k := 0; k < 3 && from > 0 && from < n && capitalised(before[from-1].text) && !speechVerbs[key(before[from-1].text)] &&
		onlySpace(d.text[before[from-1].end:before[from].start]); k++ {
		from--
	}
	parts := make([]string, 0, n-from+2)
	for _, t := range before[from:] {
		parts = append(parts, t.text)
	}
	if c.role != "" {
		parts = append(parts, c.role)
	}
	c.role = strings.Join(parts, " ")
	c.lowerRole = true
}

// roleBeforeComma takes the role from "the company's chief executive,"
// right before the name: up to three lower-case words ending in a role
// noun.
func (c *chunk) roleBeforeComma(before []ctoken) {
	n := len(before)
	last := before[n-1]
	if !roleNouns[key(last.text)] || capitalised(last.text) {
		return
	}
	from := n - 1
	for from > 0 && n-from < 3 {
		w := before[from-1].text
		if capitalised(w) || chunkStops[key(w)] || speechVerbs[key(w)] || isPossessive(w) {
			break
		}
		from--
	}
	parts := make([]string, 0, n-from)
	for _, t := range before[from:] {
		parts = append(parts, t.text)
	}
	c.role = strings.Join(parts, " ")
	c.lowerRole = true
}

// appositiveAfter returns the role in ", Russia's foreign minister," right
// after a name, or "".
func appositiveAfter(text string, at, end int) string {
	rest := text[at:end]
	if !strings.HasPrefix(rest, ", ") {
		return ""
	}
	rest = rest[2:]
	stop := strings.IndexAny(rest, ",;:()\"“”—")
	if stop < 0 {
		stop = len(rest)
		rest = strings.TrimRight(rest, ".!? ")
		if stop > len(rest) {
			stop = len(rest)
		}
	}
	phrase := rest[:stop]
	for _, cut := range []string{" who ", " whose ", " which ", " said", " says", " told", " added"} {
		if k := strings.Index(phrase, cut); k >= 0 {
			phrase = phrase[:k]
		}
	}
	ws := strings.Fields(phrase)
	for len(ws) > 0 {
		switch strings.ToLower(ws[0]) {
		case "also", "now", "a", "an", "the", "then", "himself", "herself", "currently":
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) == 0 || len(ws) > 14 {
		return ""
	}
	if len(ws) == 1 && isAge(ws[0]) {
		return ws[0]
	}
	for i, w := range ws {
		if i > 5 {
			break
		}
		if roleNouns[strings.ToLower(strings.Trim(w, ".'’s"))] || roleNouns[key(w)] {
			return strings.Join(ws, " ")
		}
	}
	return ""
}

// better reports whether role a says more than the role kept so far: a
// title with a nationality ("Russian President") beats a bare "President".
func better(a, kept string, keptTitled bool) bool {
	if kept == "" || !keptTitled {
		return true
	}
	return len(strings.Fields(a)) > len(strings.Fields(kept)) && len(strings.Fields(a)) <= 5
}
