package sqlite

import (
	"strings"
	"testing"
)

// TestHotPathUsesIndexes asks SQLite how it runs every query on the hot
// path (polling, storing articles, claiming sources, chats and
// deliveries, answering commands) and fails on any full scan of a table:
// those grow with the database, and a scan per stored article is what
// made a 1,000-item poll ten times slower on 20,000 articles.
func TestHotPathUsesIndexes(t *testing.T) {
	s := open(t, ":memory:")
	queries := []struct {
		name  string
		query string
		args  []any
	}{
		{"seen article", qSeen, []any{1, "guid", "https://a.example/1", "fp"}},
		{"due sources", qDueSources, []any{0, 10}},
		{"source by URL", qSourceByURL, []any{"https://a.example/feed"}},
		{"source state", qState, []any{1}},
		{"recent articles", qArticles, []any{0, 100}},
		{"chat", qChat, []any{"telegram", "1", ""}},
		{"due chats", qDueChats, []any{0, 10}},
		{"subscriptions", qSubscriptions, []any{"telegram", "1", ""}},
		{"claim deliveries", qClaim, []any{0, 0, 10}},
		{"outbox depth", qOutbox, nil},
		{"last sent", qLastSent, []any{"telegram", "1", ""}},
		{"reserve slot", qReserveSlot, []any{"send:telegram", 0, 34}},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			rows, err := s.db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+q.query, q.args...)
			if err != nil {
				t.Fatalf("EXPLAIN QUERY PLAN: %v", err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN ") && step != "SCAN CONSTANT ROW" {
					t.Errorf("plan of %s scans a table: %q\nwhole plan: %q", q.name, step, plan)
				}
			}
		})
	}
}
