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
// sorts them; a search reads the list whole, counting what matches as it
// goes, and sorts only the matches), and partial indexes holding only
// what is counted (the failing sources, the paused ones).
func TestConsoleUsesIndexes(t *testing.T) {
	s := open(t, ":memory:")
	// The co-routines holding a cut page or a search's matches, with
	// their count, the sources counted through
	// their smallest index, and partial indexes read whole.
	alwaysOK := []string{"SCAN c", "SCAN (subquery-", "SCAN CONSTANT ROW", "SCAN sources USING COVERING INDEX",
		"USING INDEX source_state_failing", "USING INDEX sources_paused"}
	for _, q := range s.Admin() {
		t.Run(q.Name, func(t *testing.T) {
			plan := queryPlan(t, s, q.Query, q.Args...)
			paged := false // the page is cut: what follows reads its rows
			for _, step := range plan {
				paged = paged || step == "SCAN c"
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
					ok = ok || strings.HasPrefix(step, "SCAN ch USING INDEX") || strings.HasPrefix(step, "SCAN ch USING COVERING INDEX") || strings.HasPrefix(step, "SCAN chats USING COVERING INDEX") ||
						(strings.HasSuffix(q.Name, " searched") && step == "SCAN ch")
					// A search sorts only what matched, and reads it all
					// anyway to count it; the page's rows are sorted once
					// read.
					if strings.Contains(step, "TEMP B-TREE FOR ORDER BY") && !strings.HasSuffix(q.Name, " searched") && !paged {
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
