package sqlstore

import (
	"regexp"
	"testing"
)

var markers = regexp.MustCompile(`\{[a-z_]+\}`)

func TestDialectSQL(t *testing.T) {
	sqlite := Dialect{QuestionMarks: true, Greatest: "max", InsertionOrder: "rowid"}
	postgres := Dialect{Greatest: "GREATEST", SkipLocked: "FOR UPDATE SKIP LOCKED", InsertionOrder: "seq"}
	tests := []struct {
		name  string
		d     Dialect
		query string
		want  string
	}{
		{"sqlite numbers its placeholders", sqlite, `WHERE a = $1 AND b <= $12 AND c <= $1`, `WHERE a = ?1 AND b <= ?12 AND c <= ?1`},
		{"postgres keeps them", postgres, `WHERE a = $1 AND b <= $12`, `WHERE a = $1 AND b <= $12`},
		{"sqlite claims alone", sqlite, `LIMIT $3 {skip_locked})`, `LIMIT ?3 )`},
		{"postgres skips locked rows", postgres, `LIMIT $3 {skip_locked})`, `LIMIT $3 FOR UPDATE SKIP LOCKED)`},
		{"greatest", sqlite, `{greatest}(next_us, $2)`, `max(next_us, ?2)`},
		{"insertion order", postgres, `ORDER BY created_us, {insertion_order}`, `ORDER BY created_us, seq`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.SQL(tt.query); got != tt.want {
				t.Errorf("SQL(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

// TestQueriesRewritten checks that no shared query keeps a marker or, in
// SQLite, a $n placeholder after the rewrite.
func TestQueriesRewritten(t *testing.T) {
	for _, d := range []Dialect{
		{QuestionMarks: true, Greatest: "max", InsertionOrder: "rowid"},
		{Greatest: "GREATEST", SkipLocked: "FOR UPDATE SKIP LOCKED", InsertionOrder: "seq"},
	} {
		s := New(nil, d)
		for _, q := range s.HotPath() {
			if markers.MatchString(q.Query) || d.QuestionMarks && placeholder.MatchString(q.Query) {
				t.Errorf("%s (question marks %v) left unrewritten: %s", q.Name, d.QuestionMarks, q.Query)
			}
		}
	}
}
