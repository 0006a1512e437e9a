package sqlite

import (
	"strings"
	"testing"
)

// TestConsoleUsesIndexes asks SQLite how it runs each of the console's
// queries. Every lookup in another table (a source's articles, a chat's
// deliveries and topics, a session) must be a SEARCH of an index; the
// only tables read whole are the list being paged (sources, chats: the
// chat list walks its key's index in order and stops at the page's end,
// the source list, failing first, reads the thousand or so sources and
// sorts them), and partial indexes holding only what is counted (the
// failing sources, the paused ones).
func TestConsoleUsesIndexes(t *testing.T) {
	s := open(t, ":memory:")
	// The co-routine holding a cut page, the sources counted through
	// their smallest index, and partial indexes read whole.
	alwaysOK := []string{"SCAN page", "SCAN c", "SCAN CONSTANT ROW", "SCAN sources USING COVERING INDEX",
		"USING INDEX source_state_failing", "USING INDEX sources_paused"}
	for _, q := range s.Admin() {
		t.Run(q.Name, func(t *testing.T) {
			plan := queryPlan(t, s, q.Query, q.Args...)
			for _, step := range plan {
				ok := !strings.HasPrefix(step, "SCAN ")
				for _, allowed := range alwaysOK {
					ok = ok || strings.Contains(step, allowed)
				}
				switch {
				case strings.HasPrefix(q.Name, "source "):
					ok = ok || strings.HasPrefix(step, "SCAN s ") || step == "SCAN s" || strings.HasPrefix(step, "SCAN sources ")
				case strings.HasPrefix(q.Name, "chat "):
					// Searched, the chats are read whole; else in order
					// through their key.
					ok = ok || strings.HasPrefix(step, "SCAN ch USING INDEX") || strings.HasPrefix(step, "SCAN chats USING COVERING INDEX") ||
						(strings.HasSuffix(q.Name, " searched") && step == "SCAN ch")
					if strings.Contains(step, "TEMP B-TREE FOR ORDER BY") {
						t.Errorf("plan of %s sorts the chats: %q\nwhole plan: %q", q.Name, step, plan)
					}
				}
				if !ok {
					t.Errorf("plan of %s scans a table: %q\nwhole plan: %q", q.Name, step, plan)
				}
			}
		})
	}
}
