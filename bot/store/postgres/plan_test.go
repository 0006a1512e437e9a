package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
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
	queries := append(s.HotPath(),
		sqlstore.PlanQuery{Name: "add article", Query: qAddArticle, Args: []any{1, "g", "u", "u", "fp", "t", "b", "s", 0, 0, false}},
		sqlstore.PlanQuery{Name: "due sources", Query: qDueSources, Args: []any{0, 0, 10}},
		sqlstore.PlanQuery{Name: "due chats", Query: qDueChats, Args: []any{0, 0, 10}},
	)
	for i, q := range queries {
		t.Run(q.Name, func(t *testing.T) {
			name := fmt.Sprintf("plan_%d", i)
			if _, err := conn.Exec(t.Context(), "PREPARE "+name+" AS "+q.Query); err != nil {
				t.Fatalf("PREPARE: %v", err)
			}
			// EXECUTE takes literals; the plan is generic, so their values
			// do not matter.
			var params []string
			for _, a := range q.Args {
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
					t.Errorf("generic plan of %s scans a table: %q\nwhole plan:\n%s", q.Name, strings.TrimSpace(step), strings.Join(plan, "\n"))
				}
			}
		})
	}
}
