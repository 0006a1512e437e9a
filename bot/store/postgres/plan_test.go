package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// TestHotPathUsesIndexes asks PostgreSQL for the generic plan (the one a
// prepared statement settles on, not knowing its parameters) of every
// query on the hot path, with sequential scans priced out, and fails on
// any that still scans a table: no index could serve it.
func TestHotPathUsesIndexes(t *testing.T) {
	s := open(t, freshSchema(t))
	conn := planConn(t, s)
	queries := append(s.HotPath(),
		sqlstore.PlanQuery{Name: "add article", Query: qAddArticle, Args: []any{1, "g", "u", "u", "fp", "t", "b", "s", 0, 0, false}},
		sqlstore.PlanQuery{Name: "due sources", Query: qDueSources, Args: []any{0, 0, 10}},
		sqlstore.PlanQuery{Name: "due chats", Query: qDueChats, Args: []any{0, 0, 10}},
	)
	for i, q := range queries {
		t.Run(q.Name, func(t *testing.T) {
			plan := genericPlan(t, conn, fmt.Sprintf("plan_%d", i), q)
			for _, step := range fullScans(plan) {
				t.Errorf("generic plan of %s scans a table: %q\nwhole plan:\n%s", q.Name, step, strings.Join(plan, "\n"))
			}
		})
	}
}

// TestConsoleUsesIndexes does the same for the console's queries. The
// only tables they may read whole are the lists being paged: the sources
// with their state (a thousand or so, sorted failing first) and the chats, read in their
// key's order up to the page's end, or whole for a search; every lookup
// in another table (a source's articles, a chat's deliveries and topics,
// a session) goes through an index condition.
func TestConsoleUsesIndexes(t *testing.T) {
	s := open(t, freshSchema(t))
	conn := planConn(t, s)
	for i, q := range s.Admin() {
		t.Run(q.Name, func(t *testing.T) {
			plan := genericPlan(t, conn, fmt.Sprintf("admin_%d", i), q)
			for _, step := range fullScans(plan) {
				list := strings.Contains(step, " on sources ") || strings.Contains(step, " on source_state ") || strings.Contains(step, " on chats ")
				if !list || !(strings.HasPrefix(q.Name, "source ") || strings.HasPrefix(q.Name, "chat ") || q.Name == "overview") {
					t.Errorf("generic plan of %s scans a table: %q\nwhole plan:\n%s", q.Name, step, strings.Join(plan, "\n"))
				}
			}
		})
	}
}

// planConn returns a connection whose plans are generic, with sequential
// scans priced out.
func planConn(t *testing.T, s *Store) *pgxpool.Conn {
	t.Helper()
	conn, err := s.pool.Acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Release)
	for _, set := range []string{"SET plan_cache_mode = force_generic_plan", "SET enable_seqscan = off"} {
		if _, err := conn.Exec(t.Context(), set); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// genericPlan prepares q as name and returns the lines of its plan.
func genericPlan(t *testing.T, conn *pgxpool.Conn, name string, q sqlstore.PlanQuery) []string {
	t.Helper()
	if _, err := conn.Exec(t.Context(), "PREPARE "+name+" AS "+q.Query); err != nil {
		t.Fatalf("PREPARE: %v", err)
	}
	// EXECUTE takes literals; the plan is generic, so their values do not
	// matter.
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
	return plan
}

// fullScans returns the steps of plan that read a whole table: a
// sequential scan, or an index scan with no condition on the index
// (PostgreSQL prints the condition on the line after).
func fullScans(plan []string) []string {
	var out []string
	for k, step := range plan {
		full := strings.Contains(step, " Scan using ") &&
			(k+1 == len(plan) || !strings.Contains(plan[k+1], "Index Cond:"))
		if strings.Contains(step, "Seq Scan") || full {
			out = append(out, strings.TrimSpace(step))
		}
	}
	return out
}
