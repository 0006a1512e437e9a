package main

import (
	"context"
	"fmt"
)

// runMigrate is `newsbrief migrate`: it brings the database's schema up to
// date and stops. Opening a store migrates it anyway; this lets an
// operator do it before starting several instances, and see that it
// worked.
func runMigrate(ctx context.Context, m *Main, args []string) error {
	cfg, _, err := m.loadConfig(nil)
	if err != nil {
		return err
	}
	what := "SQLite database"
	if cfg.Database != "" {
		what = "PostgreSQL database"
	}
	if _, err := m.openStore(ctx, cfg); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := m.Close(); err != nil {
		return fmt.Errorf("migrate: close: %w", err)
	}
	fmt.Fprintf(m.stdout, "the %s is up to date\n", what)
	return nil
}
