package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestHotPathUsesIndexes asks PostgreSQL for the generic plan (the one a
// prepared statement settles on, not knowing its parameters) of every
// query on the hot path, with sequential scans priced out, and fails on
// any that still scans a table: no index could serve it.
func TestHotPathUsesIndexes(t *testing.T) {
	s := open(t, freshSchema(t))
	conn, err := s.pool.Acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	for _, set := range []string{"SET plan_cache_mode = force_generic_plan", "SET enable_seqscan = off"} {
		if _, err := conn.Exec(t.Context(), set); err != nil {
			t.Fatal(err)
		}
	}
	queries := []struct {
		name  string
		query string
		args  []any
	}{
		{"add article", qAddArticle, []any{1, "g", "u", "u", "fp", "t", "b", "s", 0, 0, false}},
		{"due sources", qDueSources, []any{0, 0, 10}},
		{"source by URL", qSourceByURL, []any{"https://a.example/feed"}},
		{"source state", qState, []any{1}},
		{"recent articles", qArticles, []any{0, 100}},
		{"chat", qChat, []any{"telegram", "1", ""}},
		{"due chats", qDueChats, []any{0, 0, 10}},
		{"subscriptions", qSubscriptions, []any{"telegram", "1", ""}},
		{"claim deliveries", qClaim, []any{0, 0, 10}},
		{"outbox depth", qOutbox, nil},
		{"last sent", qLastSent, []any{"telegram", "1", ""}},
		{"reserve slot", qReserveSlot, []any{"send:telegram", 0, 34}},
	}
	for i, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			name := fmt.Sprintf("plan_%d", i)
			if _, err := conn.Exec(t.Context(), "PREPARE "+name+" AS "+q.query); err != nil {
				t.Fatalf("PREPARE: %v", err)
			}
			// EXECUTE takes literals; the plan is generic, so their values
			// do not matter.
			var params []string
			for _, a := range q.args {
				if v, ok := a.(string); ok {
					a = "'" + strings.ReplaceAll(v, "'", "''") + "'"
				}
				params = append(params, fmt.Sprint(a))
			}
			explain := "EXPLAIN EXECUTE " + name
			if len(params) > 0 {
				explain += "(" + strings.Join(params, ", ") + ")"
			}
			rows, err := conn.Query(t.Context(), explain)
			if err != nil {
				t.Fatalf("EXPLAIN: %v", err)
			}
			plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				t.Fatalf("EXPLAIN: %v", err)
			}
			for k, step := range plan {
				// An index scan with no condition on the index reads all
				// of it: a scan too. PostgreSQL prints the condition first.
				full := strings.Contains(step, " Scan using ") &&
					(k+1 == len(plan) || !strings.Contains(plan[k+1], "Index Cond:"))
				if strings.Contains(step, "Seq Scan") || full {
					t.Errorf("generic plan of %s scans a table: %q\nwhole plan:\n%s", q.name, strings.TrimSpace(step), strings.Join(plan, "\n"))
				}
			}
		})
	}
}
