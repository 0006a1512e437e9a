package sqlite

import (
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// TestHotPathUsesIndexes asks SQLite how it runs every query on the hot
// path (polling, storing articles, claiming sources, chats and
// deliveries, answering commands) and fails on any full scan of a table:
// those grow with the database, and a scan per stored article is what
// made a 1,000-item poll ten times slower on 20,000 articles.
func TestHotPathUsesIndexes(t *testing.T) {
	s := open(t, ":memory:")
	queries := append(s.HotPath(),
		sqlstore.PlanQuery{Name: "seen article", Query: qSeen, Args: []any{1, "guid", "https://a.example/1", "fp"}},
		sqlstore.PlanQuery{Name: "due sources", Query: qDueSources, Args: []any{0, 10}},
		sqlstore.PlanQuery{Name: "due chats", Query: qDueChats, Args: []any{0, 10}},
	)
	for _, q := range queries {
		t.Run(q.Name, func(t *testing.T) {
			plan := queryPlan(t, s, q.Query, q.Args...)
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN ") && step != "SCAN CONSTANT ROW" {
					t.Errorf("plan of %s scans a table: %q\nwhole plan: %q", q.Name, step, plan)
				}
			}
		})
	}
}

// queryPlan returns the steps of SQLite's plan for query.
func queryPlan(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
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
	return plan
}
