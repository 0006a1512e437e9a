package sqlstore

import (
	"fmt"
	"io/fs"
	"slices"
)

// Migration is one schema change, numbered from 1 in the order of the
// file names.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Pending returns the migrations in fsys matching "migrations/*.sql" that
// a database at schema version has not applied, or an error if the
// database is newer than this binary.
func Pending(fsys fs.FS, version int) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	if version > len(names) {
		return nil, fmt.Errorf("database schema version %d is newer than this binary knows (%d): upgrade newsbrief", version, len(names))
	}
	var out []Migration
	for i, name := range names[version:] {
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: version + i + 1, Name: name, SQL: string(body)})
	}
	return out, nil
}
